/**
 * A view whose query gives two columns one name (`SELECT a, b AS a`,
 * `SELECT count(*), count(x)`), the view's column list not renaming them
 * apart: PostgreSQL refuses the CREATE VIEW (`column "a" specified more
 * than once`); datagen wrote it back and the load stopped there. Names are
 * read as PostgreSQL's FigureColname reads them where sure (an alias, a
 * column, a function's name, through casts); a `*` is not expanded.
 */
import type { Node, ViewStmt } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** The name PostgreSQL gives an unaliased select-list value, where sure; undefined otherwise. */
function figuredName(value: Node | undefined): string | undefined {
  if (value === undefined) return undefined;
  if ('ColumnRef' in value) {
    const last = value.ColumnRef.fields?.at(-1);
    return last !== undefined && 'String' in last ? last.String.sval : undefined;
  }
  if ('FuncCall' in value) return stringsOf(value.FuncCall.funcname).at(-1);
  if ('TypeCast' in value) return figuredName(value.TypeCast.arg);
  return undefined;
}

/** The output column names of a query's leftmost SELECT, undefined where one is not sure (a `*` among them). */
export function viewColumnNames(query: Node | undefined): (string | undefined)[] {
  let select = query !== undefined && 'SelectStmt' in query ? query.SelectStmt : undefined;
  while (select?.larg !== undefined) select = select.larg;
  return (select?.targetList ?? []).map((t) =>
    'ResTarget' in t ? (t.ResTarget.name ?? figuredName(t.ResTarget.val)) : undefined,
  );
}

/** A located problem when the view `q` would have two columns of one name. */
export function reportRepeatedViewColumn(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  node: ViewStmt,
): void {
  const aliases = stringsOf(node.aliases);
  const names = viewColumnNames(node.query).map((n, i) => aliases[i] ?? n);
  const repeated = names.find((n, i) => n !== undefined && names.indexOf(n) !== i);
  if (repeated === undefined) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `CREATE VIEW ${displayName(q)}: its query gives two columns the name ${quoteIdent(repeated)}, so PostgreSQL refuses it ("column "${repeated}" specified more than once"); give one of them another name with AS`,
  });
}
