/**
 * `ALTER TABLE [IF EXISTS] t SET SCHEMA s`: the table moves to s in the model,
 * with its indexes and the sequences its columns own (PostgreSQL moves them
 * along), and the post-data statements made earlier (keys, indexes, foreign
 * keys, triggers), which in the output run after the move, name it there.
 * The statement is written in its place (the CREATE TABLE before it makes the
 * table in its first schema). Other objects moved stay unmodelled.
 */
import type { AlterObjectSchemaStmt } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { relocateTable } from './renames.js';
import type { TableDraft } from './schema-builder.js';

/** What became of the statement: the table moved, nothing to move (IF EXISTS), or not a table's move. */
export type SchemaMove = 'moved' | 'absent' | 'unmodelled';

export function moveToSchema(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: AlterObjectSchemaStmt,
): SchemaMove {
  if (node.objectType !== 'OBJECT_TABLE' || node.relation === undefined) return 'unmodelled';
  const q = ctx.resolveRelation(node.relation);
  const schema = node.newschema ?? '';
  const table = ctx.builder.table(q);
  if (table === undefined) {
    if (ctx.builder.views.has(nameKey(q))) return 'unmodelled';
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
  const sequences = ctx.builder.sequences;
  for (const [key, sequence] of [...sequences]) {
    const owner = sequence.ownedBy?.table;
    if (sequence.schema !== from || owner?.schema !== table.schema || owner.name !== table.name) continue;
    const old = { schema: sequence.schema, name: sequence.name };
    sequences.delete(key);
    sequence.schema = table.schema;
    sequences.set(nameKey(sequence), sequence);
    ctx.names.release(from, sequence.name, true);
    ctx.names.addRelation(table.schema, sequence.name);
    for (const t of ctx.builder.tables.values()) {
      for (const column of t.columns) {
        if (column.sequence?.schema === old.schema && column.sequence.name === old.name)
          column.sequence = { schema: table.schema, name: old.name };
      }
    }
  }
}
