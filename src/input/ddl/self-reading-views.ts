/**
 * A CREATE VIEW whose query reads the view it makes (`CREATE VIEW v AS SELECT 1 FROM v`), with no relation
 * of that name before it: PostgreSQL refuses it (relation "v" does not exist), so it is a located problem.
 * A common table expression of that name (`CREATE RECURSIVE VIEW v`, which the parser makes a `WITH
 * RECURSIVE v`) is the query's own and reads nothing.
 */
import type { Node, RangeVar } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { quoteQualified } from '../../schema/quote.js';
import { rangeVarsIn } from './ast.js';
import { walkAst } from './ast-walk.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** The names of the common table expressions anywhere in a query. */
function cteNames(query: Node): Set<string> {
  const names = new Set<string>();
  walkAst(query, (key, node) => {
    if (key === 'CommonTableExpr' && typeof node.ctename === 'string') names.add(node.ctename);
  });
  return names;
}

/** Notes the view's read of itself as a problem; the view `q` is not yet a relation of the DDL. */
export function checkViewReadsItself(
  ctx: DdlContext,
  stmt: SourceStatement,
  query: Node | undefined,
  q: QualifiedName,
): void {
  if (query === undefined) return;
  const ctes = cteNames(query);
  const own = (rv: RangeVar) =>
    !(rv.schemaname === undefined && ctes.has(rv.relname ?? '')) &&
    nameKey(ctx.resolveRelation(rv)) === nameKey(q);
  const read = rangeVarsIn(query).find(own);
  // A kept DO block may have made it (ddl-context's madeByDo, by name in its text).
  if (read === undefined || ctx.madeByDo.has(q.name)) return;
  const written = read.schemaname === undefined ? read.relname : `${read.schemaname}.${read.relname}`;
  ctx.builder.problems.push({
    location: stmt.at(read.location),
    message: `CREATE VIEW ${quoteQualified(q)} reads itself, and no relation of that name exists before it, so PostgreSQL refuses the statement (relation "${written}" does not exist); read the tables it is made from, or write a recursive query as CREATE RECURSIVE VIEW`,
  });
}
