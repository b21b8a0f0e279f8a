/**
 * A CREATE OR REPLACE VIEW whose query drops a column of the view it
 * replaces or gives one another name: PostgreSQL refuses it (`cannot drop
 * columns from view`, `cannot change name of view column "a" to "b"`);
 * datagen wrote it back and the load stopped there. New columns after the
 * old ones are taken, as the server takes them. Judged only where every
 * column name of both queries is sure (view-columns.ts' reading; no `*`) and
 * the view replaced is the one whose names were noted (not dropped or
 * renamed away since; a column renamed by ALTER followed). A column whose
 * type the new query changes (`cannot change data type of view column`) is
 * refused too, where query-columns.ts types every column of both queries
 * (types compared without their modifiers).
 */
import type { ViewStmt } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { queryColumns } from './query-columns.js';
import { viewColumnNames } from './view-columns.js';

interface Noted {
  /** The builder's entry for the view when noted: another (a view renamed onto the name) is not this one. */
  readonly view: QualifiedName | undefined;
  readonly names: readonly string[];
  /** Each column's type without modifiers (`character varying`), where query-columns.ts types every one. */
  readonly types: readonly string[] | undefined;
}

/** Each view's column names (by nameKey) with the builder's entry they were read for, by schema builder. */
const notedViews = new WeakMap<object, Map<string, Noted>>();

function noted(ctx: Pick<DdlContext, 'builder'>): Map<string, Noted> {
  const views = notedViews.get(ctx.builder) ?? new Map<string, Noted>();
  notedViews.set(ctx.builder, views);
  return views;
}

/** The view's column names, when every one is sure. */
function sureNames(node: ViewStmt): string[] | undefined {
  const aliases = stringsOf(node.aliases);
  const names = viewColumnNames(node.query).map((n, i) => aliases[i] ?? n);
  return names.every((n): n is string => n !== undefined) && names.length > 0 ? names : undefined;
}

/**
 * Before CREATE [OR REPLACE] VIEW `q` is taken in: an OR REPLACE of a view whose columns it drops or renames is
 * a located problem. Call `noteViewColumns` after the builder has it.
 */
export function reportRefusedViewReplacement(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  node: ViewStmt,
): void {
  const key = nameKey(q);
  const before = noted(ctx).get(key);
  const names = sureNames(node);
  if (node.replace !== true || before === undefined || names === undefined) return;
  if (ctx.builder.views.get(key) !== before.view) return;
  const push = (why: string, fix: string) =>
    ctx.builder.problems.push({
      location: stmt.location,
      message: `CREATE OR REPLACE VIEW ${displayName(q)}: PostgreSQL refuses it ("${why}"); ${fix}`,
    });
  const renamed = before.names.findIndex((n, i) => i < names.length && names[i] !== n);
  if (renamed >= 0) {
    const from = before.names[renamed] ?? '';
    const to = names[renamed] ?? '';
    push(
      `cannot change name of view column "${from}" to "${to}"`,
      `keep the view's columns in their order and names (new ones go after them), rename with ALTER VIEW ... RENAME COLUMN ${quoteIdent(from)} TO ${quoteIdent(to)}, or DROP VIEW first`,
    );
  } else if (names.length < before.names.length)
    push(
      'cannot drop columns from view',
      `keep column ${quoteIdent(before.names[names.length] ?? '')} in the query, or DROP VIEW first`,
    );
  else reportChangedType(before, typesOf(ctx, node, stmt.location), push);
}

/** A column of the view replaced whose type the new query changes: `cannot change data type of view column`. */
function reportChangedType(
  before: Noted,
  types: readonly string[] | undefined,
  push: (why: string, fix: string) => void,
): void {
  if (before.types === undefined || types === undefined) return;
  const changed = before.types.findIndex((t, i) => i < types.length && types[i] !== t);
  if (changed < 0) return;
  const name = before.names[changed] ?? '';
  push(
    `cannot change data type of view column "${name}" from ${before.types[changed]} to ${types[changed]}`,
    `cast it back in the query (${quoteIdent(name)}::${before.types[changed]}), or DROP VIEW first`,
  );
}

/** The view's column types without modifiers, where every one is read; undefined otherwise. */
function typesOf(ctx: DdlContext, node: ViewStmt, location: SourceLocation): string[] | undefined {
  return queryColumns(ctx, node.query, location)?.map((c) => c.type.replace(/\([^)]*\)/g, ''));
}

/** After CREATE [OR REPLACE] VIEW `q`: its column names noted with the builder's entry for it. */
export function noteViewColumns(
  ctx: DdlContext,
  q: QualifiedName,
  node: ViewStmt,
  location: SourceLocation,
): void {
  const key = nameKey(q);
  const names = sureNames(node);
  if (names === undefined) noted(ctx).delete(key);
  else noted(ctx).set(key, { view: ctx.builder.views.get(key), names, types: typesOf(ctx, node, location) });
}

/** ALTER VIEW ... RENAME COLUMN: the noted name follows. */
export function renameViewColumn(
  ctx: Pick<DdlContext, 'builder'>,
  q: QualifiedName,
  from: string,
  to: string,
): void {
  const key = nameKey(q);
  const before = noted(ctx).get(key);
  if (before !== undefined)
    noted(ctx).set(key, { ...before, names: before.names.map((n) => (n === from ? to : n)) });
}
