/**
 * `CREATE TABLE t (LIKE base INCLUDING INDEXES | ALL)` copies base's plain (not unique) indexes too, under
 * the names PostgreSQL chooses (`t_<columns>_idx`), from generator version 31: Penpot's migration makes
 * `new_audit_log (LIKE audit_log INCLUDING ALL)` and then drops `new_audit_log_id_archived_at_idx`, which
 * was refused as an index never made (table-like.ts copies the keys).
 */
import type { IndexStmt } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { effectiveGeneratorVersion } from '../../version.js';
import { columnRefsIn, deparseNode, withoutTableQualifier } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { indexColumnName } from './index-column-names.js';
import { nameAddition } from './object-names.js';
import { objectKey } from './statement-list.js';

/** Whether a generator version copies a LIKE source's plain indexes. */
export function copiesLikeIndexes(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 31;
}

/** Add to `self` (a table made `LIKE source INCLUDING INDEXES`) a copy of each plain index source has so far. */
export function copyPlainIndexes(
  ctx: DdlContext,
  stmt: SourceStatement,
  self: QualifiedName,
  source: QualifiedName,
): void {
  const plain: IndexStmt[] = [];
  ctx.out.some((s) => {
    const node = s.node !== undefined && 'IndexStmt' in s.node ? s.node.IndexStmt : undefined;
    const on = node?.relation;
    if (s.desc === 'INDEX' && node !== undefined && node.unique !== true && on?.relname !== undefined)
      if (nameKey(ctx.resolveRelation(on)) === nameKey(source)) plain.push(node);
    return false;
  });
  for (const index of plain) {
    const elems = (index.indexParams ?? []).flatMap((p) => ('IndexElem' in p ? [p.IndexElem] : []));
    const name = ctx.names.chooseRelationName(
      self.schema,
      self.name,
      nameAddition(elems.map((e) => indexColumnName(e.name, e.expr))),
      'idx',
      false,
    );
    ctx.names.addRelation(self.schema, name);
    ctx.builder.indexes.set(`${self.schema}\u0000${name}`, self);
    const columns = elems.flatMap((e) => (e.name === undefined ? [] : [e.name]));
    ctx.builder.indexColumns.set(`${self.schema}\u0000${name}`, [
      ...new Set([...columns, ...columnRefsIn(elems), ...columnRefsIn(index.whereClause)]),
    ]);
    // `CREATE INDEX ON base ((base.id + 1)) WHERE base.v > 0`: the copy names its own columns.
    const on = index.relation?.relname ?? source.name;
    const copy: IndexStmt = {
      ...index,
      ...(index.indexParams === undefined
        ? {}
        : { indexParams: withoutTableQualifier(index.indexParams, on) }),
      ...(index.whereClause === undefined
        ? {}
        : { whereClause: withoutTableQualifier(index.whereClause, on) }),
      idxname: name,
      relation: { schemaname: self.schema, relname: self.name, inh: true, relpersistence: 'p' },
    };
    const node = { IndexStmt: copy };
    ctx.out.add({
      desc: 'INDEX',
      group: 2,
      namespace: self.schema,
      tag: name,
      sql: deparseNode(node, true),
      tables: [self],
      location: stmt.location,
      creates: objectKey('relation', self.schema, name),
      node,
    });
  }
}
