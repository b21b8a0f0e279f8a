/**
 * ALTER TABLE: model effects of each subcommand, and where each belongs in
 * the output. A statement whose subcommands all belong together is kept;
 * otherwise it is split into one statement per subcommand.
 */
import type { AlterTableCmd, AlterTableStmt, Node } from 'libpg-query';
import type { ObjectRef, QualifiedName } from '../../schema/model.js';
import { cloneNode, deparseNode, exprOf } from './ast.js';
import { undoesOnly } from './clean-prologue.js';
import { addIdentity, buildColumn, partitionBoundExpr } from './create-table.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { dropColumn, dropConstraint, dropForeignKeysOnKey } from './dropped-objects.js';
import { referencesIn } from './references.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey, objectKey, type StatementGroup } from './statement-list.js';
import { addConstraintStatement, addTableConstraint } from './table-constraints.js';
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

interface Part {
  group: StatementGroup;
  desc: string;
  tag: string;
  cmd: Node;
  tables: QualifiedName[];
  /** The subcommand was changed (e.g. a generated constraint name filled in). */
  changed: boolean;
  /** Key of the constraint the subcommand adds. */
  creates?: string;
  /** Part of its object's own entry in an archive (pg_dump writes SET STATISTICS there): that object. */
  mergeInto?: ObjectRef;
  /** Objects it names beyond its table (the sequence of a `nextval` default). */
  references?: ObjectRef[];
}

/**
 * PostgreSQL runs an ALTER TABLE's subcommands in passes, not as written
 * (tablecmds.c's AlterTablePass): drops, then type changes, then added
 * columns, then added constraints, NOT NULL, defaults, the rest. Atlas writes
 * `ADD CONSTRAINT c CHECK (... new_col ...), ..., ADD COLUMN new_col` in one
 * statement (OpenMeter): read, and split, in the server's order.
 */
const PASS: Readonly<Record<string, number>> = {
  AT_DropColumn: 0,
  AT_DropConstraint: 0,
  AT_DropNotNull: 0,
  AT_AlterColumnType: 1,
  AT_AddColumn: 2,
  AT_AddColumnToView: 2,
  AT_AddConstraint: 3,
  AT_SetNotNull: 4,
  AT_ColumnDefault: 5,
};

function inPassOrder(cmds: readonly Node[]): Node[] {
  const pass = (n: Node) => ('AlterTableCmd' in n ? (PASS[n.AlterTableCmd.subtype ?? ''] ?? 6) : 6);
  return cmds
    .map((n, i) => ({ n, i, p: pass(n) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.n);
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
  if (together) {
    const changed = parts.some((p) => p.changed);
    const rewritten: Node = {
      AlterTableStmt: {
        ...node,
        relation: { ...relation, schemaname: q.schema },
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
    });
    return;
  }
  for (const part of parts) {
    const one: Node = {
      AlterTableStmt: { ...node, relation: { ...relation, schemaname: q.schema }, cmds: [part.cmd] },
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
    return subtype === 'AT_AttachPartition'
      ? part(2, 'INDEX ATTACH')
      : part(4, 'INDEX', MERGED_INTO_TABLE.has(subtype) ? { mergeInto: self } : {});
  }
  if (subtype === 'AT_ChangeOwner') {
    const owner = cmd.newowner?.rolename;
    if (owner !== undefined) ctx.out.setOwner(objectKey('relation', q.schema, q.name), owner);
    return part(0, 'OWNER');
  }
  if (PASSTHROUGH.has(subtype))
    return part(
      0,
      'ALTER TABLE',
      MERGED_INTO_TABLE.has(subtype) && table !== undefined ? { mergeInto: self } : {},
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
    if (node.objtype === 'OBJECT_TABLE' && ctx.builder.views.has(`${q.schema}\u0000${q.name}`) === false) {
      ctx.builder.problems.push({
        location: stmt.location,
        message: `ALTER TABLE ${q.schema}.${q.name}: the table is not defined in the DDL (add the DDL that creates it)`,
      });
    }
    // On a relation not modelled (CREATE TABLE AS) the statement stays in place, but an FK goes post-data,
    // after the keys of modelled tables it may reference; a later DROP of that FK takes it out instead.
    const constraint = cmd.def !== undefined && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
    if (subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN') {
      const name = constraint.conname ?? '';
      return part(3, 'FK CONSTRAINT', { tag: `${q.name} ${name}`, creates: constraintKey(q, name) });
    }
    if (subtype === 'AT_DropConstraint' && ctx.out.remove(constraintKey(q, cmd.name ?? '')) > 0) return [];
    return part(0, 'ALTER TABLE');
  }
  const column = table.columns.find((c) => c.name === cmd.name);
  switch (subtype) {
    case 'AT_AddConstraint': {
      const def = cmd.def;
      if (def === undefined || !('Constraint' in def)) return part(0, 'ALTER TABLE');
      const usingIndex = def.Constraint.indexname !== undefined;
      const added = addTableConstraint(ctx, table, def.Constraint, null, stmt.at(def.Constraint.location));
      if (added === null) return part(0, 'ALTER TABLE');
      const pktable = def.Constraint.pktable;
      const changed =
        def.Constraint.conname === undefined ||
        (pktable !== undefined && pktable.schemaname === undefined) ||
        (usingIndex && added.node.indexname === undefined);
      cmd.def = { Constraint: added.node };
      return part(added.group, added.desc, {
        tag: `${q.name} ${added.name}`,
        tables: [...added.tables],
        changed,
        creates: constraintKey(q, added.name),
      });
    }
    case 'AT_ColumnDefault':
      if (column !== undefined) {
        column.default = cmd.def === undefined ? null : exprOf(cmd.def);
        column.sequence = cmd.def === undefined ? null : (ctx.nextvalSequence(cmd.def) ?? column.sequence);
      } else missingColumn(ctx, stmt, q, cmd.name);
      return part(0, 'DEFAULT', {
        tag: `${q.name} ${cmd.name ?? ''}`,
        references: referencesIn(ctx, cmd.def),
      });
    // PostgreSQL 17's SET EXPRESSION, 13's DROP EXPRESSION (the column keeps its values and is written from then on).
    case 'AT_SetExpression':
    case 'AT_DropExpression':
      if (column !== undefined) column.generated = cmd.def === undefined ? null : exprOf(cmd.def);
      else missingColumn(ctx, stmt, q, cmd.name);
      return part(0, 'ALTER TABLE');
    case 'AT_SetNotNull':
    case 'AT_DropNotNull':
      if (column !== undefined) column.notNull = subtype === 'AT_SetNotNull';
      else missingColumn(ctx, stmt, q, cmd.name);
      return part(0, 'ALTER TABLE');
    case 'AT_AddIdentity':
      if (column !== undefined && cmd.def !== undefined && 'Constraint' in cmd.def) {
        addIdentity(ctx, table, column, cmd.def.Constraint);
      } else missingColumn(ctx, stmt, q, cmd.name);
      return part(0, 'SEQUENCE');
    case 'AT_AttachPartition': {
      const def = cmd.def;
      if (def === undefined || !('PartitionCmd' in def)) return part(0, 'TABLE ATTACH');
      const childName = ctx.resolveRelation(def.PartitionCmd.name ?? {});
      const child = ctx.builder.table(childName);
      const bound = def.PartitionCmd.bound;
      if (child !== undefined && bound !== undefined) {
        child.partitionOf = {
          parent: q,
          bound: partitionBoundExpr(bound),
          isDefault: bound.is_default === true,
        };
      }
      return part(0, 'TABLE ATTACH', { tag: childName.name, tables: [q, childName] });
    }
    case 'AT_AddColumn': {
      const def = cmd.def;
      if (def === undefined || !('ColumnDef' in def)) return part(0, 'ALTER TABLE');
      if (table.columns.some((c) => c.name === def.ColumnDef.colname)) {
        if (cmd.missing_ok === true) return []; // ADD COLUMN IF NOT EXISTS of an existing column
        ctx.builder.problems.push({
          location: stmt.location,
          message: `ALTER TABLE ${q.schema}.${q.name} ADD COLUMN: column ${def.ColumnDef.colname ?? ''} already exists; remove the statement or rename the column`,
        });
        return part(0, 'ALTER TABLE');
      }
      const { column: added, constraints } = buildColumn(ctx, table, def.ColumnDef, stmt.location);
      table.columns.push(added);
      const extra: Part[] = [];
      const keep: Node[] = [];
      for (const c of constraints) {
        const moved = [
          'CONSTR_PRIMARY',
          'CONSTR_UNIQUE',
          'CONSTR_FOREIGN',
          'CONSTR_EXCLUSION',
          'CONSTR_CHECK',
        ].includes(c.contype ?? '');
        if (!moved || c.contype === 'CONSTR_CHECK') keep.push({ Constraint: c });
        if (!moved) continue;
        const result = addTableConstraint(ctx, table, c, added.name, stmt.at(c.location));
        if (result === null || result.group === 0) continue;
        extra.push({
          group: result.group,
          desc: result.desc,
          tag: `${q.name} ${result.name}`,
          cmd: (addConstraintStatement(q, result.node, false) as { AlterTableStmt: { cmds: Node[] } })
            .AlterTableStmt.cmds[0] as Node,
          tables: [...result.tables],
          changed: true,
          creates: constraintKey(q, result.name),
        });
      }
      const columnDef = { ...def.ColumnDef, constraints: keep };
      cmd.def = { ColumnDef: columnDef };
      return [...part(0, 'ALTER TABLE', { changed: extra.length > 0 }), ...extra];
    }
    case 'AT_DropColumn':
      if (column === undefined && cmd.missing_ok !== true) missingColumn(ctx, stmt, q, cmd.name);
      return dropColumn(ctx, table, cmd.name ?? '', cmd.missing_ok === true) ? [] : part(0, 'ALTER TABLE');
    case 'AT_AlterColumnType':
      if (column === undefined) missingColumn(ctx, stmt, q, cmd.name);
      else if (
        column !== undefined &&
        cmd.def !== undefined &&
        'ColumnDef' in cmd.def &&
        cmd.def.ColumnDef.typeName
      ) {
        column.type = ctx.typeRef(cmd.def.ColumnDef.typeName, stmt.location).type;
      }
      return part(0, 'ALTER TABLE');
    case 'AT_AlterConstraint':
      return alterForeignKey(ctx, q, cmd) ? [] : part(0, 'ALTER TABLE');
    case 'AT_DropConstraint': {
      const key = [table.primaryKey, ...table.uniques].find(
        (k) => k !== null && !k.isIndex && k.name === cmd.name,
      );
      if (key && cmd.behavior === 'DROP_CASCADE') dropForeignKeysOnKey(ctx, q, key.columns);
      return dropConstraint(ctx, table, cmd.name ?? '', cmd.missing_ok === true)
        ? []
        : part(0, 'ALTER TABLE');
    }
    default:
      ctx.warn(
        'UNSUPPORTED_ALTER_TABLE',
        `ALTER TABLE ${q.schema}.${q.name} ${subtype.replace(/^AT_/, '')}: not reflected in the model; the statement is kept as written`,
        stmt.location,
      );
      return part(0, 'ALTER TABLE');
  }
}

function relationKnown(ctx: DdlContext, q: QualifiedName): boolean {
  const key = `${q.schema}\u0000${q.name}`;
  return ctx.builder.views.has(key) || ctx.builder.sequences.has(key) || ctx.builder.indexes.has(key);
}

function missingColumn(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  name: string | undefined,
): void {
  // A DO block may have added or renamed it: the table gets no rows (warned), the statement is kept.
  if (ctx.builder.table(q)?.changedUnseenBy !== undefined) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `ALTER TABLE ${q.schema}.${q.name}: column ${q.schema}.${q.name}.${name ?? ''} does not exist`,
  });
}

/**
 * `ALTER CONSTRAINT fk [NOT] DEFERRABLE [INITIALLY ...]`: the foreign key is
 * created post-data, so its new timing goes into that statement (true), and
 * the subcommand is not written (it would run before the key exists).
 */
function alterForeignKey(ctx: DdlContext, q: QualifiedName, cmd: AlterTableCmd): boolean {
  // PostgreSQL 18's parser gives an ATAlterConstraint (what it changes is flagged); 17's a Constraint.
  const altered =
    cmd.def !== undefined && 'ATAlterConstraint' in cmd.def ? cmd.def.ATAlterConstraint : undefined;
  const timing = altered === undefined || altered.alterDeferrability === true;
  const enforcement = altered?.alterEnforceability === true;
  if (!timing && !enforcement) return false;
  const def =
    altered !== undefined
      ? {
          conname: altered.conname,
          deferrable: altered.deferrable === true || altered.initdeferred === true,
          initdeferred: altered.initdeferred === true,
        }
      : cmd.def !== undefined && 'Constraint' in cmd.def
        ? cmd.def.Constraint
        : undefined;
  if (def?.conname === undefined) return false;
  const key = constraintKey(q, def.conname);
  let found = false;
  ctx.out.update((s) => {
    if (s.creates !== key || s.node === undefined || !('AlterTableStmt' in s.node)) return undefined;
    const node = cloneNode(s.node);
    const constraint = (node.AlterTableStmt.cmds ?? []).flatMap((c) =>
      'AlterTableCmd' in c && c.AlterTableCmd.def !== undefined && 'Constraint' in c.AlterTableCmd.def
        ? [c.AlterTableCmd.def.Constraint]
        : [],
    )[0];
    if (constraint?.contype !== 'CONSTR_FOREIGN') return undefined;
    found = true;
    if (timing) {
      if (def.deferrable === true) constraint.deferrable = true;
      else delete constraint.deferrable;
      if (def.initdeferred === true) constraint.initdeferred = true;
      else delete constraint.initdeferred;
    }
    if (enforcement) {
      // As PostgreSQL 18's parser marks `NOT ENFORCED` on a foreign key: not enforced, not validated.
      constraint.is_enforced = altered?.is_enforced === true;
      constraint.initially_valid = altered?.is_enforced === true;
      if (altered?.is_enforced === true) delete constraint.skip_validation;
      else constraint.skip_validation = true;
    }
    return { ...s, node, sql: deparseNode(node, true) };
  });
  return found;
}
