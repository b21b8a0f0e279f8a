/**
 * What a DDL statement inside a DO block whose handler tolerates a failure
 * (`EXCEPTION WHEN others THEN null`, `WHEN SQLSTATE '2BP01' THEN RAISE
 * NOTICE`) does on the schema read so far: read as plain DDL where it surely
 * succeeds, left out where it surely fails with an error the handler catches.
 */
import type { Node } from 'libpg-query';
import { nameKey } from '../../schema/names.js';
import { stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import type { TableDraft } from './schema-builder.js';

/** Whether handlers catching these conditions catch an error of that SQLSTATE. */
export function catches(caught: readonly string[], sqlstate: string): boolean {
  const names: Record<string, string> = {
    '2BP01': 'dependent_objects_still_exist',
    '42P07': 'duplicate_table',
    '22023': 'invalid_parameter_value',
    '42710': 'duplicate_object',
    '42701': 'duplicate_column',
  };
  return caught.some((c) => c === 'others' || c === sqlstate.toLowerCase() || c === names[sqlstate]);
}

/**
 * What a statement under a failure-tolerating handler does on the schema
 * read so far: succeeds (a DROP CONSTRAINT no foreign key depends on, a
 * column type change or drop where no view could use the column), fails
 * with 2BP01 (a key a foreign key depends on), or may fail (anything else:
 * the block stays opaque).
 */
type Outcome =
  | 'succeeds'
  | 'fails 2BP01'
  | 'fails 42P07'
  | 'fails 22023'
  | 'fails 42710'
  | 'fails 42701'
  | 'may fail';

export function outcomeHere(ctx: DdlContext, node: Node, earlier: readonly Node[] = []): Outcome {
  const created = creationOutcome(ctx, node, earlier);
  if (created !== undefined) return created;
  if ('AlterEnumStmt' in node) return renameLabelOutcome(ctx, node.AlterEnumStmt);
  if ('CreateTrigStmt' in node) return triggerOutcome(ctx, node.CreateTrigStmt);
  if (!('AlterTableStmt' in node)) return 'may fail';
  const rv = node.AlterTableStmt.relation;
  const q = rv === undefined ? undefined : ctx.resolveRelation(rv);
  const table = q === undefined ? undefined : ctx.builder.tables.get(nameKey(q));
  if (table === undefined || q === undefined) return 'may fail';
  const outcomes = (node.AlterTableStmt.cmds ?? []).map((c): Outcome => {
    const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : undefined;
    const def = cmd?.def;
    if (cmd?.subtype === 'AT_AddConstraint' && def !== undefined && 'Constraint' in def)
      return addKeyOutcome(ctx, table, q.schema, def.Constraint);
    if (cmd?.subtype === 'AT_AlterColumnType') return ctx.builder.views.size === 0 ? 'succeeds' : 'may fail';
    // ADD COLUMN (Kestra's `BEGIN ALTER TABLE queues ADD c ...; EXCEPTION WHEN duplicate_column THEN RAISE
    // NOTICE ...; END`): of a column the table has, 42701 (IF NOT EXISTS: nothing); of a new one, it succeeds.
    if (cmd?.subtype === 'AT_AddColumn' && def !== undefined && 'ColumnDef' in def) {
      const present = table.columns.some((col) => col.name === def.ColumnDef.colname);
      return present && cmd.missing_ok !== true ? 'fails 42701' : 'succeeds';
    }
    // DROP COLUMN IF EXISTS: fails only where a view uses the column (indexes on it go with it).
    if (cmd?.subtype === 'AT_DropColumn')
      return ctx.builder.views.size === 0 &&
        (cmd.missing_ok === true || table.columns.some((col) => col.name === cmd.name))
        ? 'succeeds'
        : 'may fail';
    if (cmd?.subtype !== 'AT_DropConstraint') return 'may fail';
    const key = [table.primaryKey, ...table.uniques].find((k) => k !== null && k.name === cmd.name);
    if (key === undefined || key === null)
      return cmd.missing_ok === true || (cmd.name !== undefined && constraintNames(table).includes(cmd.name))
        ? 'succeeds'
        : 'may fail';
    // A key a foreign key references cannot be dropped without CASCADE.
    const columns = key.columns.join('\u0000');
    const depended = [...ctx.builder.tables.values()].some((t) =>
      t.foreignKeys.some(
        (fk) =>
          nameKey(fk.references) === nameKey(q) &&
          (fk.referencedColumns === null
            ? key.kind === 'primary-key'
            : fk.referencedColumns.join('\u0000') === columns),
      ),
    );
    return depended && cmd.behavior !== 'DROP_CASCADE' ? 'fails 2BP01' : 'succeeds';
  });
  return outcomes.find((o) => o !== 'succeeds') ?? 'succeeds';
}

/**
 * ADD CONSTRAINT of a key under a failure-tolerating handler (rudder-server's
 * `EXCEPTION WHEN others THEN null`): a UNIQUE or PRIMARY KEY on columns the
 * table has, under a name no relation of the schema takes, succeeds; one
 * whose name an index or key holds already fails with 42P07 (the block does
 * nothing, as when the migration ran twice).
 */
function addKeyOutcome(
  ctx: DdlContext,
  table: TableDraft,
  schema: string,
  constraint: NonNullable<Extract<Node, { Constraint: unknown }>['Constraint']>,
): Outcome {
  const { contype, conname } = constraint;
  if (contype !== 'CONSTR_UNIQUE' && contype !== 'CONSTR_PRIMARY') return 'may fail';
  if (conname !== undefined) {
    const keyNames = [table.primaryKey?.name, ...table.uniques.map((u) => u.name)];
    if (keyNames.includes(conname) || ctx.builder.indexes.has(nameKey({ schema, name: conname })))
      return 'fails 42P07';
    if (constraintNames(table).includes(conname)) return 'may fail';
  } else return 'may fail';
  if (contype === 'CONSTR_PRIMARY' && table.primaryKey !== null) return 'may fail';
  if (constraint.indexname !== undefined || (constraint.including ?? []).length > 0) return 'may fail';
  const keys = (constraint.keys ?? []).map((k) => ('String' in k ? k.String.sval : undefined));
  const present = keys.every((k) => k !== undefined && table.columns.some((col) => col.name === k));
  return keys.length > 0 && present ? 'succeeds' : 'may fail';
}

/**
 * CREATE EXTENSION IF NOT EXISTS, CREATE TABLE and CREATE INDEX of names not
 * taken (the index on a table the DDL or the block before it made), under a
 * handler that only skips the block when they fail (AppFlowy Cloud's
 * `CREATE EXTENSION vector; CREATE TABLE af_collab_embeddings ...; EXCEPTION
 * WHEN OTHERS THEN RAISE NOTICE`): they succeed where what they need is
 * there, as on the servers the migration was written for; undefined for
 * other statements.
 */
function creationOutcome(ctx: DdlContext, node: Node, earlier: readonly Node[]): Outcome | undefined {
  const madeEarlier = (q: { schema: string; name: string }) =>
    earlier.some((e) => {
      const rv = 'CreateStmt' in e ? e.CreateStmt.relation : undefined;
      return rv !== undefined && nameKey(ctx.resolveRelation(rv)) === nameKey(q);
    });
  if ('CreateExtensionStmt' in node)
    return node.CreateExtensionStmt.if_not_exists === true ? 'succeeds' : 'may fail';
  if ('CreateStmt' in node) {
    const rv = node.CreateStmt.relation;
    if (rv === undefined || rv.relpersistence === 't') return 'may fail';
    const q = ctx.resolveRelation(rv);
    const taken = ctx.builder.tables.has(nameKey(q)) || ctx.builder.views.has(nameKey(q));
    // A name code kept as written may have made (an opaque DO block's CREATE TABLE): not known here.
    if (!taken && ctx.madeByDo.has(q.name)) return 'may fail';
    return taken ? (node.CreateStmt.if_not_exists === true ? 'succeeds' : 'fails 42P07') : 'succeeds';
  }
  if ('IndexStmt' in node) {
    const rv = node.IndexStmt.relation;
    if (rv === undefined) return 'may fail';
    const q = ctx.resolveRelation(rv);
    if (!ctx.builder.tables.has(nameKey(q)) && !madeEarlier(q)) return 'may fail';
    const name = node.IndexStmt.idxname;
    const taken = name !== undefined && ctx.builder.indexes.has(nameKey({ schema: q.schema, name }));
    return taken && node.IndexStmt.if_not_exists !== true ? 'fails 42P07' : 'succeeds';
  }
  return undefined;
}

/**
 * CREATE TRIGGER under a handler (Kong's `EXCEPTION WHEN undefined_column OR undefined_table THEN`): on a table
 * the model holds, its `UPDATE OF` columns there and its function defined in the DDL, it succeeds (a name the
 * table's triggers take already is refused as plain DDL's is).
 */
function triggerOutcome(
  ctx: DdlContext,
  node: Extract<Node, { CreateTrigStmt: unknown }>['CreateTrigStmt'],
): Outcome {
  if (node.relation === undefined || node.isconstraint === true) return 'may fail';
  const table = ctx.builder.tables.get(nameKey(ctx.resolveRelation(node.relation)));
  if (table === undefined) return 'may fail';
  const columns = (node.columns ?? []).map((c) => ('String' in c ? c.String.sval : undefined));
  if (!columns.every((c) => c !== undefined && table.columns.some((col) => col.name === c)))
    return 'may fail';
  const name = stringsOf(node.funcname).at(-1);
  const defined = [...ctx.routineIdentities.keys()].some((k) => k.split('\u0000')[1]?.startsWith(`${name}(`));
  return defined ? 'succeeds' : 'may fail';
}

/**
 * ALTER TYPE ... RENAME VALUE under a handler (Kestra's `EXCEPTION WHEN invalid_parameter_value THEN null`):
 * on the enum as read so far it succeeds (the old label there, the new one not), fails with 22023 (no such
 * label: the migration ran before) or 42710 (the new label there already), as RenameEnumLabel does.
 */
function renameLabelOutcome(
  ctx: DdlContext,
  node: Extract<Node, { AlterEnumStmt: unknown }>['AlterEnumStmt'],
): Outcome {
  if (node.oldVal === undefined || node.newVal === undefined) return 'may fail';
  const type = ctx.builder.types.get(nameKey(ctx.typeName(node.typeName)));
  if (type?.kind !== 'enum') return 'may fail';
  if (!type.values.includes(node.oldVal)) return 'fails 22023';
  return type.values.includes(node.newVal) ? 'fails 42710' : 'succeeds';
}
