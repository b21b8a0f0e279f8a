/**
 * What renames of relations share: earlier statements re-deparsed under the
 * new names, and `ALTER VIEW` / `ALTER MATERIALIZED VIEW` (or `ALTER TABLE`
 * on a view) `RENAME TO`: the view is known by its new name (a later
 * `DROP VIEW` of it, `CREATE INDEX` on it), and its post-data statements
 * (indexes, triggers, rules, the materialized view's `REFRESH`), which in the
 * output run after the rename, name it so.
 */
import type { Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { quoteQualified } from '../../schema/quote.js';
import { deparseNode, walkAst } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { objectKey, type StatementInput } from './statement-list.js';

export const sameName = (a: QualifiedName, b: QualifiedName) => a.schema === b.schema && a.name === b.name;

/** Re-deparse the earlier statements `rewrite` changes (those with an AST). */
export function rewriteStatements(
  ctx: DdlContext,
  rewrite: (s: StatementInput, node: Node) => Partial<StatementInput> | boolean,
): void {
  ctx.out.update((s) => {
    if (s.node === undefined || s.group === 0) return undefined;
    const node = structuredClone(s.node);
    const changed = rewrite(s, node);
    if (changed === false) return undefined;
    return { ...s, ...(changed === true ? {} : changed), node, sql: deparseNode(node, true) };
  });
}

/** A view or materialized view (or a table made by CREATE TABLE AS) renamed: the model and its statements follow. */
export function renameView(ctx: DdlContext, old: QualifiedName, newName: string): void {
  relocateView(ctx, old, { schema: old.schema, name: newName });
}

/**
 * A view renamed or moved to another schema (`ALTER VIEW v SET SCHEMA s`): the model and its post-data
 * statements follow (those naming it are written schema-qualified where it moved).
 */
export function relocateView(ctx: DdlContext, old: QualifiedName, renamed: QualifiedName): void {
  const newName = renamed.name;
  const move = (q: QualifiedName) => (sameName(q, old) ? renamed : q);
  ctx.builder.views.delete(nameKey(old));
  ctx.builder.views.set(nameKey(renamed), renamed);
  if (ctx.tablesAs.delete(nameKey(old))) ctx.tablesAs.add(nameKey(renamed));
  if (renamed.schema !== old.schema) ctx.names.release(old.schema, old.name, true);
  ctx.names.addRelation(renamed.schema, newName);
  for (const [key, q] of ctx.builder.indexes) ctx.builder.indexes.set(key, move(q));
  rewriteStatements(ctx, (s, node) => {
    if (!s.tables.some((t) => sameName(t, old))) return false;
    walkAst(node, (_key, n) => {
      if (n.relname !== old.name || (n.schemaname ?? old.schema) !== old.schema) return;
      n.relname = newName;
      if (renamed.schema !== old.schema) n.schemaname = renamed.schema;
    });
    const tag = s.tag.startsWith(`${old.name} `) ? `${newName}${s.tag.slice(old.name.length)}` : s.tag;
    return {
      tables: s.tables.map(move),
      tag,
      ...(s.namespace === old.schema ? { namespace: renamed.schema } : {}),
    };
  });
  ctx.out.update((s) => {
    if (s.creates === objectKey('relation', old.schema, old.name))
      return { ...s, creates: objectKey('relation', renamed.schema, renamed.name) };
    if (s.desc === 'MATERIALIZED VIEW DATA' && s.namespace === old.schema && s.tag === old.name)
      return { ...s, tag: newName, sql: `REFRESH MATERIALIZED VIEW ${quoteQualified(renamed)}` };
    return undefined;
  });
}
