/**
 * DDL that removes what earlier DDL made: `DROP ...`, `ALTER TABLE ... DROP
 * CONSTRAINT / DROP COLUMN`. The model forgets the object, and a post-data
 * statement that would create it (keys, indexes, foreign keys run after the
 * drop in pg_dump's order) is taken out instead of running the drop. A
 * `DROP ... IF EXISTS` of something not made yet (what `pg_dump --clean
 * --if-exists` writes first) does nothing on the empty target and is left out.
 */

import type { DropStmt, Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { columnRefsIn, listItems, stringOf, stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { reportDroppedWithDependents } from './drop-dependents.js';
import {
  existence,
  extensionOrCodeMayMake,
  madeByDo,
  onTable,
  POST_DATA_ON_TABLE,
  relationName,
  surelyKnown,
} from './drop-existence.js';
import { dropTriggersCalling, switchesTrigger } from './dropped-triggers.js';
import { forgetInlineBody } from './inline-functions.js';
import { dropLaterObject } from './later-objects.js';
import { checkRelationNamed } from './missing-relations.js';
import { noteNamespaceDropped } from './repeated-namespaces.js';
import { forgetRoutineIdentities, forgetSchemaRoutines } from './routine-identities.js';
import { routineTag } from './routines.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey, objectKey } from './statement-list.js';

/**
 * `ALTER TABLE ... DROP CONSTRAINT name`: forget it. Returns true when the
 * subcommand must not be written (its post-data creation was taken out, or
 * `IF EXISTS` of a constraint that does not exist).
 */
export function dropConstraint(
  ctx: DdlContext,
  table: TableDraft,
  name: string,
  missingOk: boolean,
): boolean {
  const q = { schema: table.schema, name: table.name };
  const known =
    table.primaryKey?.name === name ||
    [...table.uniques, ...table.foreignKeys, ...table.checks, ...table.exclusions].some(
      (c) => c.name === name,
    );
  // Dropped, its name is free: a later unnamed ADD PRIMARY KEY is `t_pkey` again, as in PostgreSQL.
  const indexed =
    table.primaryKey?.name === name || [...table.uniques, ...table.exclusions].some((c) => c.name === name);
  if (known) ctx.names.release(table.schema, name, indexed);
  if (table.primaryKey?.name === name) table.primaryKey = null;
  table.uniques = table.uniques.filter((u) => u.isIndex || u.name !== name);
  table.foreignKeys = table.foreignKeys.filter((f) => f.name !== name);
  table.checks = table.checks.filter((c) => c.name !== name);
  table.exclusions = table.exclusions.filter((e) => e.name !== name);
  if (ctx.out.remove(constraintKey(q, name)) > 0) return true;
  return !known && missingOk;
}

/**
 * `ALTER TABLE ... DROP COLUMN c`: PostgreSQL also drops the indexes and
 * constraints that use the column (and, with CASCADE, foreign keys from other
 * tables to it). Returns true when the subcommand must not be written.
 */
export function dropColumn(ctx: DdlContext, table: TableDraft, column: string, missingOk: boolean): boolean {
  if (!table.columns.some((c) => c.name === column)) return missingOk;
  const q = { schema: table.schema, name: table.name };
  table.columns = table.columns.filter((c) => c.name !== column);
  const uses = (columns: readonly (string | null)[], exprs: readonly unknown[]) =>
    columns.includes(column) || exprs.some((e) => columnRefsIn(e).includes(column));
  const dropped: string[] = [];
  if (table.primaryKey !== null && uses(table.primaryKey.columns, table.primaryKey.expressions)) {
    dropped.push(table.primaryKey.name);
  }
  for (const u of table.uniques) {
    if (!u.isIndex && uses(u.columns, [...u.expressions.map((e) => e?.ast), u.where?.ast]))
      dropped.push(u.name);
  }
  for (const f of table.foreignKeys) if (f.columns.includes(column)) dropped.push(f.name);
  for (const x of table.exclusions) {
    const columns = x.elements.map((e) => e.column);
    if (uses(columns, [...x.elements.map((e) => e.expr?.ast), x.where?.ast])) dropped.push(x.name);
  }
  for (const c of table.checks) if (columnRefsIn(c.expr.ast).includes(column)) dropped.push(c.name);
  for (const name of dropped) dropConstraint(ctx, table, name, true);
  for (const [key, columns] of ctx.builder.indexColumns) {
    const on = ctx.builder.indexes.get(key);
    if (on === undefined || nameKey(on) !== nameKey(q) || !columns.includes(column)) continue;
    dropIndex(ctx, on, key.slice(key.indexOf('\u0000') + 1));
  }
  for (const other of ctx.builder.tables.values()) {
    for (const f of other.foreignKeys) {
      const target = nameKey(f.references) === nameKey(q);
      if (target && (f.referencedColumns ?? []).includes(column)) dropConstraint(ctx, other, f.name, true);
    }
  }
  return false;
}

/** Forget an index (a unique index is also a key of its table) and take out its post-data creation. */
function dropIndex(ctx: DdlContext, table: QualifiedName, name: string, cascade = false): void {
  const key = `${table.schema}\u0000${name}`;
  const unique = ctx.builder.table(table)?.uniques.find((u) => u.isIndex && u.name === name);
  if (cascade && unique !== undefined) dropForeignKeysOnKey(ctx, table, unique.columns);
  ctx.builder.indexes.delete(key);
  ctx.builder.indexColumns.delete(key);
  ctx.names.release(table.schema, name, true);
  const draft = ctx.builder.table(table);
  if (draft !== undefined) draft.uniques = draft.uniques.filter((u) => !(u.isIndex && u.name === name));
  ctx.out.remove(objectKey('relation', table.schema, name));
}

/** Foreign keys that reference exactly these columns of the table: DROP ... CASCADE of their key drops them. */
export function dropForeignKeysOnKey(
  ctx: DdlContext,
  q: QualifiedName,
  columns: readonly (string | null)[],
): void {
  const key = [...columns].sort().join('\u0000');
  for (const other of ctx.builder.tables.values()) {
    for (const f of other.foreignKeys) {
      const referenced = f.referencedColumns ?? ctx.builder.table(q)?.primaryKey?.columns ?? [];
      if (nameKey(f.references) === nameKey(q) && [...referenced].sort().join('\u0000') === key)
        dropConstraint(ctx, other, f.name, true);
    }
  }
}

/**
 * Forget a table: its post-data statements, foreign keys to it (DROP ... CASCADE drops them), and the names of
 * it, its constraints, indexes and owned sequences, free again as in PostgreSQL: a table made again with a serial
 * column gets `t_id_seq`, not `t_id_seq1` (Documenso's migrations drop and remake tables; a direct load into the
 * database the migrations built then set a sequence that is not there).
 */
function dropTable(ctx: DdlContext, q: QualifiedName): void {
  // Its partitions go with it, as in PostgreSQL (Penpot's migration swaps the partitioned task for a plain
  // copy and drops the old one: its partitions' COPYs then named dropped tables).
  for (const part of [...ctx.builder.tables.values()])
    if (part.partitionOf !== null && nameKey(part.partitionOf.parent) === nameKey(q)) dropTable(ctx, part);
  releaseTableNames(ctx, q);
  ctx.builder.tables.delete(nameKey(q));
  ctx.builder.views.delete(nameKey(q));
  for (const other of ctx.builder.tables.values()) {
    for (const f of other.foreignKeys) {
      if (nameKey(f.references) === nameKey(q)) dropConstraint(ctx, other, f.name, true);
    }
  }
  for (const [key, on] of ctx.builder.indexes) {
    if (nameKey(on) === nameKey(q)) {
      ctx.builder.indexes.delete(key);
      ctx.builder.indexColumns.delete(key);
    }
  }
  ctx.out.remove(
    null,
    (s) => s.group !== 0 && s.tables.some((t) => t.schema === q.schema && t.name === q.name),
  );
}

function releaseTableNames(ctx: DdlContext, q: QualifiedName): void {
  const table = ctx.builder.table(q);
  if (table === undefined) return;
  ctx.names.release(q.schema, q.name, true);
  const indexed = [table.primaryKey, ...table.uniques, ...table.exclusions];
  for (const c of indexed) if (c != null) ctx.names.release(q.schema, c.name, true);
  for (const c of [...table.foreignKeys, ...table.checks]) ctx.names.release(q.schema, c.name, false);
  for (const [key, on] of ctx.builder.indexes)
    if (nameKey(on) === nameKey(q)) ctx.names.release(q.schema, key.slice(key.indexOf('\u0000') + 1), true);
  for (const sequence of [...ctx.builder.sequences.values()]) {
    if (sequence.ownedBy === null || nameKey(sequence.ownedBy.table) !== nameKey(q)) continue;
    ctx.names.release(sequence.schema, sequence.name, true);
    forgetSequence(ctx, sequence);
  }
}

/**
 * DROP SCHEMA s CASCADE: what the model holds in s goes with it: its tables and views (their post-data
 * statements and the foreign keys to them), sequences and types, and the GRANTs on s and on what it holds, which
 * an archive runs after everything else (TEKSI Wastewater's migrations move two tables out of `tww_cfg`, then drop
 * it). Without CASCADE, PostgreSQL refuses a schema that still holds a table or view.
 */
function dropSchema(ctx: DdlContext, stmt: SourceStatement, name: string, cascade: boolean): void {
  const b = ctx.builder;
  const held = [...b.tables.values(), ...b.views.values()].filter((r) => r.schema === name);
  if (!cascade && held.length > 0) {
    const first = held[0] as QualifiedName;
    ctx.builder.problems.push({
      location: stmt.location,
      message: `DROP SCHEMA ${name}: it still holds ${displayName(first)}${held.length > 1 ? ` and ${held.length - 1} more` : ''}, so PostgreSQL refuses to drop it (add CASCADE, or drop or move them first)`,
    });
    return;
  }
  noteNamespaceDropped(ctx, 'schema', name);
  for (const r of held) dropTable(ctx, { schema: r.schema, name: r.name });
  for (const sequence of [...b.sequences.values()])
    if (sequence.schema === name) forgetSequence(ctx, sequence);
  for (const [key, type] of b.types) if (type.schema === name) ctx.droppedTypes.add(key);
  forgetSchemaRoutines(ctx, name);
  ctx.out.remove(
    null,
    (s) =>
      (s.group !== 0 && s.namespace === name) ||
      (s.desc === 'ACL' &&
        (s.object?.schema === name || (s.object?.family === 'schema' && s.object.name === name))),
  );
}

/**
 * A dropped sequence leaves the model: no setval is written for it, and a
 * default that called it (dropped with CASCADE) no longer does.
 */
function forgetSequence(ctx: DdlContext, q: QualifiedName): void {
  const key = nameKey(q);
  if (!ctx.builder.sequences.delete(key)) return;
  for (const table of ctx.builder.tables.values()) {
    for (const column of table.columns) {
      if (column.sequence === null || nameKey(column.sequence) !== key) continue;
      column.sequence = null;
      column.default = null;
    }
  }
}

const FUNCTION_TYPES = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE']);

/** A dropped function's one-expression body is no longer inlined into CHECKs (inline-functions.ts). */
function forgetDroppedBody(ctx: DdlContext, object: Node): void {
  if (!('ObjectWithArgs' in object)) return;
  const names = stringsOf(object.ObjectWithArgs.objname);
  const name = names.at(-1);
  if (name === undefined) return;
  const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
  const arity =
    object.ObjectWithArgs.args_unspecified === true
      ? undefined
      : (object.ObjectWithArgs.objargs ?? []).length;
  forgetInlineBody(ctx.inlineBodies, name, schema, arity);
}

/**
 * A dropped routine's GRANTs/REVOKEs and COMMENTs made before the drop: an
 * archive runs ACLs after everything else, where the routine is gone
 * (a later migration dropping `save_game(jsonb)` for a new signature), and
 * pg_dump's output of the final schema has none of them.
 */
function forgetRoutineAcls(ctx: DdlContext, object: Node): void {
  if (!('ObjectWithArgs' in object)) return;
  const ref = routineTag(ctx, object.ObjectWithArgs, false);
  const anyOverload = object.ObjectWithArgs.args_unspecified === true;
  ctx.out.remove(null, (s) => {
    const on = s.object;
    if ((s.desc !== 'ACL' && s.desc !== 'COMMENT') || on?.family !== 'function' || on.schema !== ref.schema)
      return false;
    return on.name === ref.name || (anyOverload && on.name.startsWith(`${ref.name}(`));
  });
}

/** What a DROP names, as its message tells it: `t`, `s.t`, or `trg on t` for a trigger, policy or rule. */
function droppedName(removeType: string, object: Node): string {
  if ('ObjectWithArgs' in object) return stringsOf(object.ObjectWithArgs.objname).join('.') || 'the object';
  if ('TypeName' in object) return stringsOf(object.TypeName.names).join('.') || 'the object';
  const parts = stringsOf(listItems(object));
  if (POST_DATA_ON_TABLE[removeType] !== undefined && parts.length >= 2)
    return `${parts.at(-1)} on ${parts.slice(0, -1).join('.')}`;
  return parts.join('.') || 'the object';
}

/**
 * A DROP without IF EXISTS of what the DDL has not made: left out in a pg_dump --clean prologue (before the
 * first table, where nothing but an extension or code the DDL runs could have made it), a located problem where
 * the model shows every such object (PostgreSQL refuses it), else written (the database's object). Returns
 * whether it is written.
 */
function dropOfAbsent(ctx: DdlContext, stmt: SourceStatement, removeType: string, object: Node): boolean {
  const sure = surelyKnown(ctx, removeType, object);
  if (ctx.cleanPrologue.inPrologue(ctx.builder) && (sure || !extensionOrCodeMayMake(ctx))) {
    ctx.cleanPrologue.note(stmt.location);
    return false;
  }
  const what = `DROP ${removeType.replace(/^OBJECT_/, '')}`;
  if (sure) {
    ctx.builder.problems.push({
      location: stmt.location,
      message: `${what}: ${droppedName(removeType, object)} is not created earlier in the DDL, so PostgreSQL would reject the statement (add IF EXISTS, or remove it)`,
    });
    return false;
  }
  // A trigger, policy or rule on a table the DDL does not make: judged as any statement naming the table.
  const table = onTable(ctx, removeType, object);
  if (table !== null) checkRelationNamed(ctx, stmt, `${what} ${droppedName(removeType, object)}`, table);
  return true;
}

/**
 * DROP: returns true when the statement is to be written (in its place);
 * false when it is a no-op on the empty target or its object's creation was
 * taken out instead.
 */
export function dropObjects(ctx: DdlContext, stmt: SourceStatement, node: DropStmt): boolean {
  const removeType = node.removeType ?? '';
  const objects = node.objects ?? [];
  let write = false;
  for (const object of objects) {
    // Whether or not the DDL made it (a renamed function is not known by its new name), its triggers go with it.
    if (FUNCTION_TYPES.has(removeType) && node.behavior === 'DROP_CASCADE') dropTriggersCalling(ctx, object);
    const state = madeByDo(ctx, removeType, object) ? 'unknown' : existence(ctx, removeType, object);
    if (state === 'absent') {
      // With IF EXISTS: a no-op on the empty target.
      if (node.missing_ok !== true && dropOfAbsent(ctx, stmt, removeType, object)) write = true;
      continue;
    }
    if (removeType === 'OBJECT_TABLE' || removeType === 'OBJECT_FOREIGN_TABLE') {
      const q = ctx.resolveRelation(relationName(object));
      if (node.behavior !== 'DROP_CASCADE') reportDroppedWithDependents(ctx, stmt, q, objects);
      dropTable(ctx, q);
      write = true;
    } else if (removeType === 'OBJECT_INDEX') {
      const q = ctx.resolveRelation(relationName(object));
      const table = ctx.builder.indexes.get(nameKey(q));
      if (table !== undefined) dropIndex(ctx, table, q.name, node.behavior === 'DROP_CASCADE');
      else if (state === 'unknown') write = true; // made by a DO block kept in place: dropped after it
      // A constraint's index cannot be dropped; an index created post-data was taken out.
    } else if (removeType === 'OBJECT_SCHEMA') {
      dropSchema(ctx, stmt, stringsOf(listItems(object)).join('.'), node.behavior === 'DROP_CASCADE');
      write = true;
    } else if (dropLaterObject(ctx, removeType, object)) {
      // A publication or event trigger, made later in the output (later-objects.ts): taken out instead.
    } else if (removeType === 'OBJECT_STATISTIC_EXT') {
      // Made post-data (operator-classes.ts): its creation, ALTERs, owner and comment are taken out instead.
      const names = stringsOf(listItems(object));
      const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
      const name = names.at(-1) ?? '';
      const removed = ctx.out.remove(null, (s) =>
        ['STATISTICS', 'OWNER'].includes(s.desc)
          ? s.namespace === schema && s.tag === name
          : s.desc === 'COMMENT' &&
            s.object?.family === 'statistics' &&
            s.object.schema === schema &&
            s.object.name === name,
      );
      if (removed === 0) write = true;
    } else if (POST_DATA_ON_TABLE[removeType] !== undefined) {
      // A trigger, policy or rule made earlier is created post-data: its creation is taken out instead.
      const parts = stringsOf(listItems(object));
      const q = ctx.resolveRelation({
        relname: parts.at(-2) ?? '',
        ...(parts.length >= 3 ? { schemaname: parts.at(-3) ?? '' } : {}),
      });
      const desc = POST_DATA_ON_TABLE[removeType];
      const tag = `${q.name} ${parts.at(-1) ?? ''}`;
      const removed = ctx.out.remove(
        null,
        (s) => s.desc === desc && s.namespace === q.schema && s.tag === tag,
      );
      if (removed === 0) write = true;
      // Its ENABLE / DISABLE, written post-data after the trigger, would run before one made again later.
      else if (removeType === 'OBJECT_TRIGGER')
        ctx.out.remove(null, (s) => switchesTrigger(s, q, parts.at(-1)));
    } else {
      if (FUNCTION_TYPES.has(removeType) && node.behavior === 'DROP_CASCADE')
        dropTriggersCalling(ctx, object);
      if (FUNCTION_TYPES.has(removeType)) {
        forgetRoutineAcls(ctx, object);
        forgetDroppedBody(ctx, object);
        if ('ObjectWithArgs' in object) forgetRoutineIdentities(ctx, object.ObjectWithArgs);
      }
      if (removeType === 'OBJECT_SEQUENCE') forgetSequence(ctx, ctx.resolveRelation(relationName(object)));
      if (removeType === 'OBJECT_EXTENSION') noteNamespaceDropped(ctx, 'extension', stringOf(object) ?? '');
      if (removeType === 'OBJECT_TYPE' || removeType === 'OBJECT_DOMAIN')
        ctx.droppedTypes.add(
          nameKey(ctx.typeName('TypeName' in object ? object.TypeName.names : listItems(object))),
        );
      if (removeType === 'OBJECT_VIEW' || removeType === 'OBJECT_MATVIEW') {
        // Its indexes (and other post-data statements on it) go with it, as a table's do.
        const q = ctx.resolveRelation(relationName(object));
        dropTable(ctx, q);
        // So does a materialized view's REFRESH (Marquez and Lemmy drop views a later migration remakes or drops).
        ctx.out.remove(
          null,
          (s) => s.desc === 'MATERIALIZED VIEW DATA' && s.namespace === q.schema && s.tag === q.name,
        );
      }
      write = true;
    }
  }
  return write;
}
