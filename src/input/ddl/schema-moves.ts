/**
 * `ALTER TABLE [IF EXISTS] t SET SCHEMA s`: the table moves to s in the model,
 * with its indexes and the sequences its columns own (PostgreSQL moves them
 * along), and the post-data statements made earlier (keys, indexes, foreign
 * keys, triggers), which in the output run after the move, name it there.
 * The statement is written in its place (the CREATE TABLE before it makes the
 * table in its first schema). Other objects moved stay unmodelled.
 */
import type { AlterObjectSchemaStmt, Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { relocateView, rewriteStatements } from './relation-rename.js';
import { relocateTable } from './renames.js';
import { moveRoutineIdentities } from './routine-identities.js';
import { callsNamedOverload, namedOverload } from './routine-overloads.js';
import type { TableDraft } from './schema-builder.js';
import { objectKey } from './statement-list.js';

/** What became of the statement: the table moved, nothing to move (IF EXISTS), or not a table's move. */
export type SchemaMove = 'moved' | 'absent' | 'unmodelled';

export function moveToSchema(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: AlterObjectSchemaStmt,
): SchemaMove {
  const type = node.objectType;
  if (type === 'OBJECT_FUNCTION' || type === 'OBJECT_PROCEDURE') {
    if (node.object !== undefined)
      moveRoutineIdentities(ctx, stmt, node.object, { schema: node.newschema ?? '' });
    return moveRoutine(ctx, node);
  }
  if (type === 'OBJECT_SEQUENCE') return moveSequence(ctx, stmt, node);
  if (type === 'OBJECT_VIEW' || type === 'OBJECT_MATVIEW') return moveView(ctx, node);
  if (type !== 'OBJECT_TABLE' || node.relation === undefined) return 'unmodelled';
  const q = ctx.resolveRelation(node.relation);
  const schema = node.newschema ?? '';
  const table = ctx.builder.table(q);
  if (table === undefined) {
    if (ctx.builder.views.has(nameKey(q))) return moveView(ctx, node);
    if (node.missing_ok === true) return 'absent';
    ctx.builder.problems.push({
      location: stmt.location,
      message: `ALTER TABLE ${displayName(q)} SET SCHEMA: the table is not defined in the DDL (add the DDL that creates it)`,
    });
    return 'moved';
  }
  if (schema === q.schema) return 'moved';
  const moved = { schema, name: table.name };
  relocateTable(ctx, table, moved);
  moveConstraintNames(ctx, table, q.schema);
  moveIndexes(ctx, q.schema, moved);
  moveOwnedSequences(ctx, q.schema, moved);
  return 'moved';
}

/** Its constraints' names (and their indexes') are taken in the new schema, free in the old one. */
function moveConstraintNames(ctx: DdlContext, table: TableDraft, from: string): void {
  ctx.names.release(from, table.name, true);
  for (const c of [table.primaryKey, ...table.uniques, ...table.exclusions]) {
    if (c == null) continue;
    ctx.names.release(from, c.name, true);
    ctx.names.addRelation(table.schema, c.name);
    ctx.names.addConstraint(table.schema, c.name);
  }
  for (const c of [...table.foreignKeys, ...table.checks]) {
    ctx.names.release(from, c.name, false);
    ctx.names.addConstraint(table.schema, c.name);
  }
}

/** A table's indexes live in its schema: known there from now on. */
function moveIndexes(ctx: DdlContext, from: string, table: QualifiedName): void {
  const indexes = ctx.builder.indexes;
  for (const [key, on] of [...indexes]) {
    if (on.schema !== table.schema || on.name !== table.name || !key.startsWith(`${from}\u0000`)) continue;
    const name = key.slice(from.length + 1);
    indexes.delete(key);
    indexes.set(nameKey({ schema: table.schema, name }), on);
    ctx.names.release(from, name, true);
    ctx.names.addRelation(table.schema, name);
  }
}

/** The sequences the table's columns own (serial, identity) move with it, as ALTER TABLE SET SCHEMA does. */
function moveOwnedSequences(ctx: DdlContext, from: string, table: QualifiedName): void {
  for (const [key, sequence] of [...ctx.builder.sequences]) {
    const owner = sequence.ownedBy?.table;
    if (sequence.schema !== from || owner?.schema !== table.schema || owner.name !== table.name) continue;
    relocateSequence(ctx, key, table.schema);
  }
}

/** The sequence under `key` is in `schema` from now on, and so are the columns' defaults drawing from it. */
function relocateSequence(ctx: DdlContext, key: string, schema: string): void {
  const sequences = ctx.builder.sequences;
  const sequence = sequences.get(key);
  if (sequence === undefined) return;
  const old = { schema: sequence.schema, name: sequence.name };
  sequences.delete(key);
  sequence.schema = schema;
  sequences.set(nameKey(sequence), sequence);
  ctx.names.release(old.schema, sequence.name, true);
  ctx.names.addRelation(schema, sequence.name);
  for (const t of ctx.builder.tables.values()) {
    for (const column of t.columns) {
      if (column.sequence?.schema === old.schema && column.sequence.name === old.name)
        column.sequence = { schema, name: old.name };
    }
  }
  ctx.out.update((s) =>
    s.creates === objectKey('relation', old.schema, old.name)
      ? { ...s, creates: objectKey('relation', schema, old.name) }
      : undefined,
  );
}

/** `ALTER SEQUENCE s SET SCHEMA x`: s is x.s from now on (a later `nextval('x.s')` finds it). */
function moveSequence(ctx: DdlContext, stmt: SourceStatement, node: AlterObjectSchemaStmt): SchemaMove {
  if (node.relation === undefined) return 'unmodelled';
  const q = ctx.resolveRelation(node.relation);
  const key = nameKey(q);
  const sequence = ctx.builder.sequences.get(key);
  if (sequence === undefined) return node.missing_ok === true ? 'absent' : 'unmodelled';
  const owner = sequence.ownedBy?.table;
  if (owner !== undefined && node.newschema !== q.schema) {
    ctx.builder.problems.push({
      location: stmt.location,
      message: `ALTER SEQUENCE ${displayName(q)} SET SCHEMA: the sequence is owned by ${displayName(owner)}, and PostgreSQL refuses to move an owned sequence into another schema; move the table instead (its sequences go along), or drop the OWNED BY first`,
    });
    return 'moved';
  }
  relocateSequence(ctx, key, node.newschema ?? '');
  return 'moved';
}

/** `ALTER VIEW v SET SCHEMA x` (also a materialized view's): v is x.v from now on. */
function moveView(ctx: DdlContext, node: AlterObjectSchemaStmt): SchemaMove {
  if (node.relation === undefined) return 'unmodelled';
  const q = ctx.resolveRelation(node.relation);
  if (!ctx.builder.views.has(nameKey(q))) return node.missing_ok === true ? 'absent' : 'unmodelled';
  relocateView(ctx, q, { schema: node.newschema ?? '', name: q.name });
  return 'moved';
}

const ROUTINE_DESCS = new Set(['FUNCTION', 'PROCEDURE']);

/**
 * `ALTER FUNCTION f(...) SET SCHEMA x`: f is x.f from now on (a later `SELECT x.f()` runs a function the DDL
 * defines), and the post-data statements so far that call it (triggers, index expressions), which run after the
 * move, call x.f. Where f has other overloads, only the one named moves (`routine-overloads.ts`), and only the
 * calls that can run no other (by their argument count) are rewritten.
 */
function moveRoutine(ctx: DdlContext, node: AlterObjectSchemaStmt): SchemaMove {
  const object =
    node.object !== undefined && 'ObjectWithArgs' in node.object ? node.object.ObjectWithArgs : {};
  const names = stringsOf(object.objname);
  const name = names.at(-1);
  const schema = node.newschema ?? '';
  if (name === undefined) return 'unmodelled';
  const from =
    names.length >= 2
      ? names.at(-2)
      : ctx.searchPath.find((s) => ctx.out.has(objectKey('function', s, name)));
  if (from === undefined || !ctx.out.has(objectKey('function', from, name))) return 'unmodelled';
  if (from === schema) return 'moved';
  // One overload of several (`ALTER FUNCTION f(int) SET SCHEMA s` beside f(text)): only it moves.
  const overload = namedOverload(ctx, object, from);
  const alone = overload.others.length === 0;
  ctx.out.update((s) =>
    s.creates === objectKey('function', from, name) &&
    (alone || (s.namespace === from && s.tag === overload.tag && ROUTINE_DESCS.has(s.desc)))
      ? { ...s, creates: objectKey('function', schema, name) }
      : undefined,
  );
  if (overload.tag !== undefined) {
    const identity = ctx.routineIdentities.get(`${from}\u0000${overload.tag}`);
    ctx.routineIdentities.delete(`${from}\u0000${overload.tag}`);
    if (identity !== undefined) ctx.routineIdentities.set(`${schema}\u0000${overload.tag}`, identity);
  }
  for (const routines of [ctx.routineEffects, ctx.dynamicDdl] as Map<string, unknown>[]) {
    const value = routines.get(`${from}\u0000${name}`);
    if (value === undefined) continue;
    // What the overloads of a name do is kept together: the ones left behind keep it too.
    if (alone) routines.delete(`${from}\u0000${name}`);
    routines.set(`${schema}\u0000${name}`, value);
  }
  const calls = (called: string[]) =>
    called.at(-1) === name && (called.length >= 2 ? called.at(-2) === from : ctx.searchPath[0] === from);
  rewriteStatements(ctx, (s, n) => {
    let changed = false;
    walkAst(n, (key, v) => {
      const field = key === 'FuncCall' ? 'funcname' : key === 'CreateTrigStmt' ? 'funcname' : undefined;
      const list = field === undefined ? undefined : (v[field] as Node[] | undefined);
      if (list === undefined || !calls(stringsOf(list))) return;
      // A trigger runs its function with no arguments; a call, with those it passes.
      const args = key === 'CreateTrigStmt' ? [] : ((v.args as Node[] | undefined) ?? []);
      if (!callsNamedOverload(ctx, overload, args, s.tables[0])) return;
      v[field as string] = [{ String: { sval: schema } }, { String: { sval: name } }];
      changed = true;
    });
    return changed ? {} : false;
  });
  return 'moved';
}
