/**
 * One SQL expression on its own (the configuration's `sql:` key), parsed by
 * the real parser as the only target of a `SELECT` with nothing else:
 * several statements, a FROM, a WHERE or an alias are refused, so the text
 * is exactly one expression.
 */
import { loadParser, parseSync } from './pg-parser.js';

/** Loads the parser (WebAssembly; pg-parser.ts); parseDdl loads it too. */
export function loadSqlParser(): Promise<void> {
  return loadParser();
}

/** Thrown for text that is not one expression, with the parser's or our reason. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
}

const CLAUSES = [
  'fromClause',
  'whereClause',
  'groupClause',
  'havingClause',
  'sortClause',
  'limitCount',
  'limitOffset',
  'distinctClause',
  'valuesLists',
  'windowClause',
  'withClause',
  'intoClause',
  'lockingClause',
] as const;

/**
 * The libpg-query AST of one expression (the parser must be loaded).
 *
 * @example parseSqlExpression("'fixed'") // { A_Const: { sval: { sval: 'fixed' }, location: 7 } }
 */
export function parseSqlExpression(text: string): unknown {
  let parsed: { stmts?: { stmt?: Record<string, unknown> }[] };
  try {
    parsed = parseSync(`SELECT ${text}`) as typeof parsed;
  } catch (error) {
    throw new ExpressionSyntaxError((error as Error).message);
  }
  const stmts = parsed.stmts ?? [];
  const select = stmts.length === 1 ? (stmts[0]?.stmt?.SelectStmt as Record<string, unknown>) : undefined;
  if (select === undefined) throw new ExpressionSyntaxError('it is not one expression');
  const clause = CLAUSES.find((c) => select[c] !== undefined);
  if (clause !== undefined || (select.op !== undefined && select.op !== 'SETOP_NONE')) {
    throw new ExpressionSyntaxError('it is not one expression (it reads like a query)');
  }
  const targets = (select.targetList as { ResTarget?: { name?: string; val?: unknown } }[]) ?? [];
  const target = targets.length === 1 ? targets[0]?.ResTarget : undefined;
  if (target === undefined || target.name !== undefined || target.val === undefined) {
    throw new ExpressionSyntaxError('it is not one expression');
  }
  return target.val;
}
