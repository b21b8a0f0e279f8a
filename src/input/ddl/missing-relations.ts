/**
 * A statement naming a relation the DDL never makes (`GRANT ... ON nosuch`, `ALTER TABLE nosuch OWNER TO`,
 * `COMMENT ON INDEX nosuch_idx`, `COMMENT ON CONSTRAINT c ON nosuch`): PostgreSQL refuses it ("relation does
 * not exist"), and datagen, which writes it back, would write output that stops loading there. One rule: a
 * relation missing from a schema the DDL creates (or public, when no extension installs into it) is a
 * located problem; one in a schema the DDL does not create may be the target database's (the external
 * references list names it); one a kept DO block or run-time code may make is kept; one on a migration
 * tool's history table is left out (tool-tables.ts).
 */
import type { LockStmt, Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import { CORE_EXTENSIONS } from './extension-types.js';
import { objectKey } from './statement-list.js';
import { leftOutOnToolTable } from './tool-tables.js';

/**
 * Whether relation `q`, which the DDL does not make, may be the database's: in a schema the DDL neither creates
 * nor has built in, or in one an add-on extension installs into (postgis' `spatial_ref_sys`); external-references.ts
 * lists it. The relations of the extensions PostgreSQL ships are all `pg_*` (pg_stat_statements), so pgcrypto
 * in public leaves public's other names the DDL's.
 */
export function inExternalSchema(ctx: DdlContext, q: QualifiedName): boolean {
  const extensions = ctx.builder.extensions.filter((e) => e.schema === q.schema);
  if (extensions.some((e) => !CORE_EXTENSIONS.has(e.name) || q.name.startsWith('pg_'))) return true;
  return q.schema !== 'public' && !ctx.builder.namespaces.includes(q.schema);
}

/** Whether the DDL so far makes relation `q` (a table, view, sequence, index, a key's index, foreign table or a statement's relation). */
export function relationMade(ctx: DdlContext, q: QualifiedName): boolean {
  const key = nameKey(q);
  return (
    ctx.builder.tables.has(key) ||
    ctx.builder.views.has(key) ||
    ctx.builder.sequences.has(key) ||
    ctx.builder.indexes.has(key) ||
    ctx.foreignTables.has(key) ||
    ctx.names.hasRelation(q.schema, q.name) ||
    ctx.out.has(objectKey('relation', q.schema, q.name))
  );
}

/**
 * Whether the statement `what` names (on relation `q`, which it calls a `kind`) is to be written: false when
 * it is left out (a migration tool's history table). A relation missing where the DDL makes the schema's
 * objects is a located problem (see the file's comment).
 */
export function checkRelationNamed(
  ctx: DdlContext,
  stmt: SourceStatement,
  what: string,
  q: QualifiedName,
  kind = 'table',
): boolean {
  if (relationMade(ctx, q) || ctx.madeByDo.has(q.name)) return true;
  if (leftOutOnToolTable(ctx, stmt, what, q)) return false;
  if (ctx.runTimeTables.covers(q, stmt.location)) return true;
  // Code builds table names when it runs, but not this one: the statement would stop the load, so it is left out.
  if (!inExternalSchema(ctx, q) && ctx.runTimeTables.leavesOut(q, stmt.location, namingRelation(what, q)))
    return false;
  // The database's: listed with what it must provide (also when named unqualified, through the search_path).
  if (inExternalSchema(ctx, q)) {
    // Listed by its kind: a sequence (GRANT ... ON SEQUENCE, COMMENT ON SEQUENCE) with the sequences.
    const name = { schemaname: q.schema, relname: q.name };
    ctx.external.note(
      (kind === 'sequence' ? { SequenceRef: name } : { RangeVar: name }) as Node,
      stmt.location,
    );
  } else
    ctx.builder.problems.push({
      location: stmt.location,
      message: `${what}: the ${kind} is not defined in the DDL, so PostgreSQL refuses the statement (add the DDL that creates it)`,
    });
  return true;
}

/**
 * `COMMENT ON CONSTRAINT c ON t` (or `ALTER TABLE t DROP CONSTRAINT c`, without IF EXISTS) where the DDL
 * makes t without a constraint c: PostgreSQL refuses it
 * ("constraint c for table t does not exist"), a located problem. Not where code the DDL runs may add it
 * (a kept DO block or routine), nor for PostgreSQL 18's named NOT NULL constraints (`t_c_not_null`).
 */
export function checkConstraintNamed(
  ctx: DdlContext,
  stmt: SourceStatement,
  what: string,
  q: QualifiedName,
  name: string,
): void {
  const table = ctx.builder.table(q);
  if (table === undefined || table.changedUnseenBy !== undefined || ctx.calledFunctions.codeMayCreate) return;
  if (constraintNames(table).includes(name) || ctx.names.hasConstraint(q.schema, name)) return;
  if (name.endsWith('_not_null')) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `${what}: ${displayName(q)} has no constraint ${name} in the DDL, so PostgreSQL refuses the statement (constraint does not exist); fix the name, or add the constraint before ${what.startsWith('COMMENT') ? 'the COMMENT' : 'it'}`,
  });
}

/**
 * `LOCK TABLE t`, left out of the output (its lock would end with the input's transaction), still fails where
 * t does not exist: a relation the DDL never makes is judged as any statement naming it (Hatchet's goose
 * migrations lock tables a Go migration makes, which a DO block after the locks renames).
 */
export function checkLockedRelations(ctx: DdlContext, stmt: SourceStatement, node: LockStmt): void {
  for (const relation of node.relations ?? []) {
    if (!('RangeVar' in relation)) continue;
    const q = ctx.resolveRelation(relation.RangeVar);
    checkRelationNamed(ctx, stmt, `LOCK TABLE ${displayName(q)}`, q);
  }
}

/** What a statement does, with the relation it names where its words do not name it already. */
function namingRelation(what: string, q: QualifiedName): string {
  return what.includes(displayName(q)) ? what : `${what} (${displayName(q)})`;
}
