/**
 * ALTER TABLE: model effects of each subcommand, and where each belongs in
 * the output. A statement whose subcommands all belong together is kept;
 * otherwise it is split into one statement per subcommand.
 */
import type { AlterTableCmd, AlterTableStmt, Node, RangeVar } from 'libpg-query';
import type { ObjectRef, QualifiedName } from '../../schema/model.js';
import { displayColumn, displayName, nameKey } from '../../schema/names.js';
import { type Part, tableSubcommand } from './alter-table-commands.js';
import { inPassOrder } from './alter-table-passes.js';
import { cloneNode, deparseNode } from './ast.js';
import { undoesOnly } from './clean-prologue.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { reportRefusedDefaultExpression } from './default-expressions.js';
import { checkRelationNamed } from './missing-relations.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey, objectKey, type StatementGroup } from './statement-list.js';
import { joinsTableEntry } from './table-entry-merge.js';
import { validateConstraint } from './validate-constraint.js';

/** Subcommands that only tune storage or statistics: kept as they are. */
const PASSTHROUGH = new Set([
  'AT_SetStatistics',
  'AT_SetStorage',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_SetCompression',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_ReplaceRelOptions',
  'AT_SetLogged',
  'AT_SetUnLogged',
  'AT_SetTableSpace',
  'AT_SetAccessMethod',
  'AT_GenericOptions',
  'AT_AlterColumnGenericOptions',
  'AT_SetIdentity',
  'AT_DropIdentity',
  'AT_DropCluster',
  'AT_AddInherit',
  'AT_DropInherit',
]);

/** Of those, the ones pg_dump writes inside the table's own entry (they name no other object). */
const MERGED_INTO_TABLE = new Set([
  'AT_SetStatistics',
  'AT_SetStorage',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_SetCompression',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_ReplaceRelOptions',
]);

const POST_DATA_OTHER = new Set([
  'AT_EnableRowSecurity',
  'AT_DisableRowSecurity',
  'AT_ForceRowSecurity',
  'AT_NoForceRowSecurity',
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
  'AT_EnableRule',
  'AT_EnableAlwaysRule',
  'AT_EnableReplicaRule',
  'AT_DisableRule',
  'AT_ValidateConstraint',
]);

/**
 * `ALTER TABLE ONLY p ADD PRIMARY KEY` (or UNIQUE, EXCLUDE) on a partitioned
 * table that has no partitions yet: the partitions made after it inherit
 * the key in the source, but datagen writes keys after the data, when every
 * partition exists, where ONLY would leave them without it (and the parent's
 * index invalid, so a foreign key to it fails: pgschema's issue 409). Such
 * a statement is written without ONLY. With partitions already there
 * (pg_dump's order: each partition's own key attached after), ONLY stays.
 */
function keyBeforePartitions(
  ctx: DdlContext,
  q: QualifiedName,
  table: TableDraft | undefined,
  relation: RangeVar,
  parts: readonly Part[],
): boolean {
  if (relation.inh === true || table?.partitionBy == null) return false;
  if (!parts.some((p) => p.desc === 'CONSTRAINT')) return false;
  for (const t of ctx.builder.tables.values())
    if (t.partitionOf && nameKey(t.partitionOf.parent) === nameKey(q)) return false;
  return true;
}

/** Handle one ALTER TABLE / ALTER INDEX / ALTER SEQUENCE / ALTER VIEW written in AlterTableStmt form. */
export function alterTable(ctx: DdlContext, stmt: SourceStatement, node: AlterTableStmt): void {
  const relation = node.relation ?? {};
  const q = ctx.resolveRelation(relation);
  const table = ctx.builder.table(q);
  if (table === undefined && node.missing_ok === true && !relationKnown(ctx, q)) return; // a no-op on the empty target
  if (
    table === undefined &&
    !relationKnown(ctx, q) &&
    ctx.cleanPrologue.inPrologue(ctx.builder) &&
    undoesOnly(node)
  ) {
    ctx.cleanPrologue.note(stmt.location);
    return;
  }
  // One rule for every subcommand (missing-relations.ts): missing where the DDL makes the schema's objects is a
  // located problem; in a schema the database provides (Supabase's auth.users), listed with the external objects.
  if (table === undefined && !relationKnown(ctx, q)) {
    const kind = (node.objtype ?? 'OBJECT_TABLE').replace('OBJECT_', '').replace('_', ' ');
    const ownerOnly = (node.cmds ?? []).every(
      (c) => 'AlterTableCmd' in c && c.AlterTableCmd.subtype === 'AT_ChangeOwner',
    );
    const what = `ALTER ${kind} ${displayName(q)}${ownerOnly ? ' OWNER' : ''}`;
    if (!checkRelationNamed(ctx, stmt, what, q, kind.toLowerCase())) return;
  }
  const parts: Part[] = [];
  let omitted = false;
  for (const cmdNode of inPassOrder(node.cmds ?? [])) {
    if (!('AlterTableCmd' in cmdNode)) continue;
    const cmd = cloneNode(cmdNode.AlterTableCmd);
    const made = subcommand(ctx, stmt, node, q, table, cmd);
    // Left out (a DROP CONSTRAINT whose ADD was taken out): the statement is written without it.
    if (made.length === 0) omitted = true;
    parts.push(...made);
  }
  const first = parts[0];
  if (first === undefined) return;
  // Constraints made by one statement are written one per statement (as pg_dump does), so that a later
  // DROP CONSTRAINT or rename can find each by its key.
  const together =
    parts.every((p) => p.group === first.group && p.desc === first.desc) &&
    (parts.length === 1 || parts.every((p) => p.creates === undefined));
  const needsQualifying = first.group !== 0 && relation.schemaname === undefined;
  const recurse = keyBeforePartitions(ctx, q, table, relation, parts);
  if (together) {
    const changed = recurse || parts.some((p) => p.changed);
    const rewritten: Node = {
      AlterTableStmt: {
        ...node,
        relation: { ...relation, schemaname: q.schema, ...(recurse ? { inh: true } : {}) },
        cmds: parts.map((p) => p.cmd),
      },
    };
    const sql = changed || needsQualifying || omitted ? deparseNode(rewritten, true) : stmt.text;
    const tables = [
      ...new Map(parts.flatMap((p) => p.tables).map((t) => [`${t.schema}.${t.name}`, t])).values(),
    ];
    const tag = parts.length === 1 ? first.tag : q.name;
    const merge = first.mergeInto !== undefined && parts.every((p) => p.mergeInto !== undefined);
    ctx.out.add({
      desc: first.desc,
      group: first.group,
      namespace: q.schema,
      tag,
      sql,
      tables,
      location: stmt.location,
      node: rewritten,
      ...(parts.length === 1 && first.creates !== undefined ? { creates: first.creates } : {}),
      ...(merge && first.mergeInto !== undefined ? { object: first.mergeInto, mergeIntoObject: true } : {}),
      references: parts.flatMap((p) => p.references ?? []),
      ...(parts.every((p) => p.renamedLater === true) ? { renamedLater: true } : {}),
    });
    return;
  }
  for (const part of parts) {
    const one: Node = {
      AlterTableStmt: {
        ...node,
        relation: { ...relation, schemaname: q.schema, ...(recurse ? { inh: true } : {}) },
        cmds: [part.cmd],
      },
    };
    const sql = deparseNode(one, true);
    ctx.out.add({
      desc: part.desc,
      group: part.group,
      namespace: q.schema,
      tag: part.tag,
      sql,
      tables: part.tables,
      location: stmt.location,
      node: one,
      ...(part.creates === undefined ? {} : { creates: part.creates }),
      ...(part.mergeInto === undefined ? {} : { object: part.mergeInto, mergeIntoObject: true }),
      ...(part.references === undefined ? {} : { references: part.references }),
      ...(part.renamedLater === true ? { renamedLater: true } : {}),
    });
  }
}

function subcommand(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: AlterTableStmt,
  q: QualifiedName,
  table: TableDraft | undefined,
  cmd: AlterTableCmd,
): Part[] {
  const subtype = cmd.subtype ?? '';
  const part = (group: StatementGroup, desc: string, extra: Partial<Part> = {}): Part[] => [
    { group, desc, tag: q.name, cmd: { AlterTableCmd: cmd }, tables: [q], changed: false, ...extra },
  ];
  const self: ObjectRef = { family: 'relation', schema: q.schema, name: q.name };
  if (node.objtype === 'OBJECT_INDEX') {
    if (subtype !== 'AT_AttachPartition')
      return part(4, 'INDEX', MERGED_INTO_TABLE.has(subtype) ? { mergeInto: self } : {});
    // Both indexes, as pg_dump's INDEX ATTACH depends on them (pg_restore -j waits for a sub-partition's key).
    const def = cmd.def;
    const child =
      def !== undefined && 'PartitionCmd' in def
        ? ctx.resolveRelation(def.PartitionCmd.name ?? {})
        : undefined;
    const attached: ObjectRef[] =
      child === undefined ? [self] : [self, { family: 'relation', schema: child.schema, name: child.name }];
    return part(2, 'INDEX ATTACH', { references: attached });
  }
  if (subtype === 'AT_ChangeOwner') {
    const owner = cmd.newowner?.rolename;
    const key = objectKey('relation', q.schema, q.name);
    if (owner !== undefined) ctx.out.setOwner(key, owner);
    // The owner of a table renamed or moved before: written as it stands in an archive too (renamedLater).
    const renamed = ctx.out.some((s) => s.creates === key && s.renamedLater === true);
    return part(0, 'OWNER', renamed ? { renamedLater: true } : {});
  }
  // Not modelled: the child's columns are no longer judged as inherited (inherited-columns.ts).
  if (subtype === 'AT_DropInherit') ctx.detachedFrom.add(nameKey(q));
  if (PASSTHROUGH.has(subtype))
    return part(
      0,
      'ALTER TABLE',
      MERGED_INTO_TABLE.has(subtype) && table !== undefined && joinsTableEntry(ctx, q, cmd.name)
        ? { mergeInto: self }
        : {},
    );
  if (
    subtype === 'AT_ValidateConstraint' &&
    table !== undefined &&
    validateConstraint(ctx, table, cmd.name ?? '')
  )
    return [];
  if (POST_DATA_OTHER.has(subtype))
    return part(4, subtype.includes('RowSecurity') ? 'ROW SECURITY' : 'ALTER TABLE');
  if (subtype === 'AT_ClusterOn') return part(2, 'CLUSTER');
  if (subtype === 'AT_ReplicaIdentity') {
    const def = cmd.def;
    const usingIndex =
      def !== undefined && 'ReplicaIdentityStmt' in def && def.ReplicaIdentityStmt.identity_type === 'i';
    return usingIndex ? part(4, 'ALTER TABLE') : part(0, 'ALTER TABLE');
  }
  if (table === undefined) {
    // A relation not modelled (checked in alterTable: a view, CREATE TABLE AS, a table a kept DO block or a called
    // DDL routine makes, tiger's install_pagc_tables(), or the database's own): the statement stays as written.
    // On a relation not modelled (CREATE TABLE AS) the statement stays in place, but an FK goes post-data,
    // after the keys of modelled tables it may reference; a later DROP of that FK takes it out instead.
    const constraint = cmd.def !== undefined && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
    if (subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN') {
      const name = constraint.conname ?? '';
      return part(3, 'FK CONSTRAINT', { tag: `${q.name} ${name}`, creates: constraintKey(q, name) });
    }
    if (subtype === 'AT_DropConstraint' && ctx.out.remove(constraintKey(q, cmd.name ?? '')) > 0) return [];
    // A view's column DEFAULT reading a column is refused as a table's is.
    if (subtype === 'AT_ColumnDefault' && cmd.def !== undefined)
      reportRefusedDefaultExpression(
        ctx,
        `DEFAULT of column ${displayColumn(q, cmd.name ?? '')}`,
        cmd.def,
        (o) => stmt.at(o),
      );
    return part(0, 'ALTER TABLE');
  }
  return tableSubcommand(ctx, stmt, q, table, cmd, part);
}

function relationKnown(ctx: DdlContext, q: QualifiedName): boolean {
  const key = `${q.schema}\u0000${q.name}`;
  return ctx.builder.views.has(key) || ctx.builder.sequences.has(key) || ctx.builder.indexes.has(key);
}
