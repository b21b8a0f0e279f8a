/**
 * ALTER TABLE subcommands on a table the DDL defines: each one's effect on
 * the model (columns added, typed, made NOT NULL; constraints added or
 * dropped; partitions attached; foreign keys' timing changed) and the part
 * of the output it becomes.
 */

import type { AlterTableCmd, Constraint, Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { ObjectRef, QualifiedName } from '../../schema/model.js';
import { displayColumn, displayName, nameKey } from '../../schema/names.js';
import { cloneNode, deparseNode, exprOf } from './ast.js';
import { addIdentity, buildColumn, tooManyColumns } from './column-definition.js';
import { reportUnknownColumns } from './column-references.js';
import { partitionBoundExpr } from './create-table.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import { dropColumn, dropConstraint, dropForeignKeysOnKey } from './dropped-objects.js';
import { reportGeneratedReadingGenerated, reportRefusedAtPlace } from './expression-places.js';
import { reportInheritedColumnChange } from './inherited-columns.js';
import { reportRefusedDefault } from './literal-inputs.js';
import { checkConstraintNamed } from './missing-relations.js';
import { truncateIdentifier } from './object-names.js';
import { reportOverlappingPartition } from './partition-bounds.js';
import { referencesIn } from './references.js';
import { reportRefusedTypmods } from './refused-typmods.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey, type StatementGroup } from './statement-list.js';
import { addConstraintStatement, addTableConstraint } from './table-constraints.js';

export interface Part {
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
  /** An OWNER TO of a table renamed or moved before (DdlStatement.renamedLater). */
  renamedLater?: boolean;
}

/** A part of the subcommand being handled, in `group` with archive description `desc`. */
export type PartOf = (group: StatementGroup, desc: string, extra?: Partial<Part>) => Part[];

/** A subcommand on a table the DDL defines: its effect on the model, and where it is written. */
export function tableSubcommand(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  table: TableDraft,
  cmd: AlterTableCmd,
  part: PartOf,
): Part[] {
  const subtype = cmd.subtype ?? '';
  const column = table.columns.find((c) => c.name === cmd.name);
  // Not modelled: its partitions' bounds are no longer judged against each other (partition-bounds.ts).
  if (subtype === 'AT_DetachPartition') ctx.detachedFrom.add(nameKey(q));
  switch (subtype) {
    case 'AT_AddConstraint':
      return addConstraint(ctx, stmt, q, table, cmd, part);
    case 'AT_ColumnDefault':
      if (column !== undefined) {
        column.default = cmd.def === undefined ? null : exprOf(cmd.def);
        if (cmd.def !== undefined) reportRefusedDefault(ctx, table, column, cmd.def, (o) => stmt.at(o));
        column.sequence = cmd.def === undefined ? null : (ctx.nextvalSequence(cmd.def) ?? column.sequence);
      } else missingColumn(ctx, stmt, q, cmd.name);
      return part(0, 'DEFAULT', {
        tag: `${q.name} ${cmd.name ?? ''}`,
        references: referencesIn(ctx, cmd.def),
      });
    // PostgreSQL 17's SET EXPRESSION, 13's DROP EXPRESSION (the column keeps its values and is written from then on).
    case 'AT_SetExpression':
    case 'AT_DropExpression':
      if (column !== undefined) {
        column.generated = cmd.def === undefined ? null : exprOf(cmd.def);
        reportUnknownColumns(
          ctx,
          table,
          cmd.def,
          `generated column ${displayColumn(table, column.name)}`,
          stmt.location,
        );
      } else missingColumn(ctx, stmt, q, cmd.name);
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
    case 'AT_AttachPartition':
      return attachPartition(ctx, q, cmd, part, stmt.location);
    case 'AT_DetachPartition':
      return detachPartition(ctx, stmt, q, cmd, part);
    case 'AT_AddColumn':
      return addColumn(ctx, stmt, q, table, cmd, part);
    case 'AT_DropColumn':
      if (column === undefined && cmd.missing_ok !== true) missingColumn(ctx, stmt, q, cmd.name);
      if (column !== undefined && reportInheritedColumnChange(ctx, table, column.name, 'drop', stmt.location))
        return [];
      return dropColumn(ctx, table, cmd.name ?? '', cmd.missing_ok === true) ? [] : part(0, 'ALTER TABLE');
    case 'AT_AlterColumnType':
      if (column === undefined) missingColumn(ctx, stmt, q, cmd.name);
      else if (reportInheritedColumnChange(ctx, table, column.name, 'alter', stmt.location)) return [];
      else if (
        column !== undefined &&
        cmd.def !== undefined &&
        'ColumnDef' in cmd.def &&
        cmd.def.ColumnDef.typeName
      ) {
        column.type = ctx.typeRef(cmd.def.ColumnDef.typeName, stmt.location).type;
        reportRefusedTypmods(ctx, table, column, stmt.at(cmd.def.ColumnDef.typeName.location));
      }
      return part(0, 'ALTER TABLE');
    case 'AT_AlterConstraint':
      return alterForeignKey(ctx, q, cmd) ? [] : part(0, 'ALTER TABLE');
    case 'AT_DropConstraint': {
      const key = [table.primaryKey, ...table.uniques].find(
        (k) => k !== null && !k.isIndex && k.name === cmd.name,
      );
      if (key && cmd.behavior === 'DROP_CASCADE') dropForeignKeysOnKey(ctx, q, key.columns);
      // Without IF EXISTS, one the table lacks: PostgreSQL refuses the statement, so a located problem.
      if (cmd.missing_ok !== true)
        checkConstraintNamed(ctx, stmt, `ALTER TABLE ${displayName(q)} DROP CONSTRAINT`, q, cmd.name ?? '');
      return dropConstraint(ctx, table, cmd.name ?? '', cmd.missing_ok === true)
        ? []
        : part(0, 'ALTER TABLE');
    }
    default:
      ctx.warn(
        'UNSUPPORTED_ALTER_TABLE',
        `ALTER TABLE ${displayName(q)} ${subtype.replace(/^AT_/, '')}: not reflected in the model; the statement is kept as written`,
        stmt.location,
      );
      return part(0, 'ALTER TABLE');
  }
}

/** ADD CONSTRAINT: into the model, its name filled in when generated; written where its kind belongs. */
function addConstraint(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  table: TableDraft,
  cmd: AlterTableCmd,
  part: PartOf,
): Part[] {
  const def = cmd.def;
  if (def === undefined || !('Constraint' in def)) return part(0, 'ALTER TABLE');
  const usingIndex = def.Constraint.indexname !== undefined;
  reportTakenConstraintName(ctx, stmt, table, def.Constraint);
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

/**
 * ADD CONSTRAINT c where the table has a constraint c already (a migration run
 * twice, a statement repeated): PostgreSQL refuses it ("constraint ... already
 * exists"), so it is a located problem. Not on a table a DO block changes unseen.
 */
function reportTakenConstraintName(
  ctx: DdlContext,
  stmt: SourceStatement,
  table: TableDraft,
  constraint: Constraint,
): void {
  if (constraint.conname === undefined || table.changedUnseenBy !== undefined) return;
  const name = truncateIdentifier(constraint.conname);
  const own = constraintNames({ ...table, uniques: table.uniques.filter((u) => !u.isIndex) });
  if (!own.includes(name)) return;
  ctx.builder.problems.push({
    location: stmt.at(constraint.location),
    message: `ALTER TABLE ${displayName(table)} ADD CONSTRAINT ${name}: the table has a constraint of that name already, so PostgreSQL refuses it (constraint "${name}" for relation "${table.name}" already exists); remove the repeated statement, or drop the constraint first`,
  });
}

/** ATTACH PARTITION: the child becomes the partition of `q` with its bound. */
function attachPartition(
  ctx: DdlContext,
  q: QualifiedName,
  cmd: AlterTableCmd,
  part: PartOf,
  location: SourceLocation,
): Part[] {
  const def = cmd.def;
  if (def === undefined || !('PartitionCmd' in def)) return part(0, 'TABLE ATTACH');
  const childName = ctx.resolveRelation(def.PartitionCmd.name ?? {});
  const child = ctx.builder.table(childName);
  const bound = def.PartitionCmd.bound;
  if (child !== undefined && bound !== undefined) {
    reportOverlappingPartition(ctx, childName, q, bound, location);
    child.partitionOf = {
      parent: q,
      bound: partitionBoundExpr(bound),
      isDefault: bound.is_default === true,
    };
  }
  return part(0, 'TABLE ATTACH', { tag: childName.name, tables: [q, childName] });
}

/**
 * DETACH PARTITION: the partition is a table of its own from here on (its columns, keys and CHECKs stay), so
 * its rows are its own and the parent's no longer reach its bounds (before: the parent's rows were made for
 * every partition and the load stopped at "no partition of relation found for row"). A partition the DDL
 * does not make as one of this table's is kept as written, warned.
 */
function detachPartition(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  cmd: AlterTableCmd,
  part: PartOf,
): Part[] {
  const def = cmd.def;
  const childName =
    def !== undefined && 'PartitionCmd' in def ? ctx.resolveRelation(def.PartitionCmd.name ?? {}) : null;
  const child = childName === null ? undefined : ctx.builder.table(childName);
  if (childName === null || child?.partitionOf == null || nameKey(child.partitionOf.parent) !== nameKey(q)) {
    ctx.warn(
      'UNSUPPORTED_ALTER_TABLE',
      `ALTER TABLE ${displayName(q)} DETACH PARTITION: ${childName === null ? 'the partition' : displayName(childName)} is not one of its partitions in the DDL read; the statement is kept as written`,
      stmt.location,
    );
    return part(0, 'ALTER TABLE');
  }
  child.partitionOf = null;
  return part(0, 'ALTER TABLE', { tag: childName.name, tables: [q, childName] });
}

/** ADD COLUMN: the column joins the table; its keys, FKs and exclusions are written post-data as their own statements. */
function addColumn(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  table: TableDraft,
  cmd: AlterTableCmd,
  part: PartOf,
): Part[] {
  const def = cmd.def;
  if (def === undefined || !('ColumnDef' in def)) return part(0, 'ALTER TABLE');
  if (table.columns.some((c) => c.name === def.ColumnDef.colname)) {
    if (cmd.missing_ok === true) return []; // ADD COLUMN IF NOT EXISTS of an existing column
    ctx.builder.problems.push({
      location: stmt.location,
      message: `ALTER TABLE ${displayName(q)} ADD COLUMN: column ${def.ColumnDef.colname ?? ''} already exists; remove the statement or rename the column`,
    });
    return part(0, 'ALTER TABLE');
  }
  const { column: added, constraints } = buildColumn(ctx, table, def.ColumnDef, stmt.location, (o) =>
    stmt.at(o),
  );
  table.columns.push(added);
  tooManyColumns(ctx, table, q, stmt.location, 'ALTER TABLE ADD COLUMN');
  if (added.generated !== null) {
    const what = `generated column ${added.name}`;
    reportUnknownColumns(ctx, table, added.generated.ast, what, stmt.location);
    reportRefusedAtPlace(ctx, table, added.generated.ast, 'generated', what, (o) => stmt.at(o));
    reportGeneratedReadingGenerated(ctx, table, added.name, added.generated.ast, stmt.location);
  }
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
    message: `ALTER TABLE ${displayName(q)}: column ${displayColumn(q, name ?? '')} does not exist`,
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
