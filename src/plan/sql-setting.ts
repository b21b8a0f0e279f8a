/**
 * The configuration's `sql:` key: a constant SQL expression, parsed by the
 * real parser and evaluated once by the CHECK evaluator (`now()` is the
 * plan's reference time), cast to the column's type, and from then on the
 * column's one value (`values: [text]`), checked against the type and the
 * column's CHECKs as any listed value is. What the evaluator cannot compute
 * is refused at the key's `file:line:column`, naming why.
 */
import { compileExpression } from '../checks/evaluate-expr.js';
import { NotEvaluableError, SqlRuntimeError } from '../checks/evaluation.js';
import { castValue } from '../checks/sql-operators.js';
import { toText } from '../checks/sql-value.js';
import { ExpressionSyntaxError, parseSqlExpression } from '../input/ddl/parse-expression.js';
import type { ColumnConfig } from '../input/spec/column-config.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { TypeRef } from '../schema/model.js';
import { settingError, typeName } from './column-settings.js';

/**
 * `config` with its `sql` evaluated into `values` (unchanged without `sql`).
 *
 * @example
 * evaluateSqlSetting({ sql: "now() - interval '1 day'", … }, 'public.t.seen', timestamptz, now)
 * // { …, values: ['2025-01-14 00:00:00+00'] }
 */
export function evaluateSqlSetting(
  config: ColumnConfig,
  where: string,
  base: TypeRef,
  now: number,
): ColumnConfig {
  const sql = config.sql;
  if (sql === undefined) return config;
  const at = config.at.sql ?? config.where;
  const refuse = (why: string) => settingError(at, `${where}: sql ${JSON.stringify(sql)} ${why}`);
  let ast: unknown;
  try {
    ast = parseSqlExpression(sql);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) throw refuse(`is not a SQL expression: ${error.message}`);
    throw error;
  }
  const columns = expressionColumns(ast);
  if (columns.length > 0) {
    throw refuse(
      `reads ${columns.join(', ')}: sql is a constant expression (for values from the row's columns use a template)`,
    );
  }
  let text: string | null;
  try {
    const value = compileExpression(ast, { now })(() => null);
    text = toText(castValue(value, { name: base.name, array: base.arrayDims > 0 }));
  } catch (error) {
    if (error instanceof NotEvaluableError) {
      throw refuse(
        `cannot be evaluated by datagen (${error.message} is not something its CHECK evaluator computes: it knows constants, operators, casts and common built-in functions); give the value itself with values: [...]`,
      );
    }
    if (error instanceof SqlRuntimeError) throw refuse(`fails as ${typeName(base)}: ${error.message}`);
    throw error;
  }
  if (text === null) throw refuse('is NULL: for NULLs use null_rate: 1');
  return { ...config, values: [text], at: { ...config.at, values: at } };
}
