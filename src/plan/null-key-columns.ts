/**
 * A unique key over an expression datagen cannot make unique
 * (`((meta -> 'customDomains') -> 0) ->> 'domain'`), when the expression is
 * NULL whenever a nullable column it reads is: that column left NULL makes
 * every row distinct under the key (NULLs are distinct in a UNIQUE key), the
 * narrowest fallback, instead of cutting the table to one row.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { compileExpression } from '../checks/evaluate-expr.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Table, UniqueKey } from '../schema/model.js';

/** A column of `table` whose NULL makes one of the key's expressions NULL, or undefined. */
export function nullingColumn(
  table: Table,
  key: UniqueKey,
  hints: ReadonlyMap<string, ColumnHints>,
  decided: (column: string) => boolean,
): string | undefined {
  if (key.kind === 'primary-key' || key.nullsNotDistinct) return undefined;
  const inKeys = new Set(table.primaryKey?.columns ?? []);
  for (const expr of key.expressions) {
    if (!expr) continue;
    const read = expressionColumns(expr.ast);
    if (read.length !== 1) continue;
    const name = read[0] as string;
    const column = table.columns.find((c) => c.name === name);
    if (!column || column.notNull || column.generated || column.identity || inKeys.has(name)) continue;
    if (hints.get(name)?.notNull || decided(name)) continue;
    try {
      const evaluate = compileExpression(expr.ast, { now: 0 });
      if (evaluate(() => null) === null) return name;
    } catch {
      // An expression the evaluator does not know (or that fails on NULL): the key keeps its cut.
    }
  }
  return undefined;
}
