/**
 * Whether an `ALTER TABLE` that code (a DO block, a called routine, a dynamic EXECUTE) runs keeps the rows
 * datagen writes for the table: read from the statement's parse, command by command.
 */
import type { ColumnDef, Node } from 'libpg-query';
import { parseSync } from './pg-parser.js';
import type { TableDraft } from './schema-builder.js';
import { recordUnseenColumn } from './unseen-columns.js';

/** Column constraints a column a block adds may carry: the rows datagen writes (COPY names its columns) still load. */
const ADDED_COLUMN_KEEPS = new Set(['CONSTR_NULL', 'CONSTR_NOTNULL', 'CONSTR_DEFAULT']);

/**
 * Commands every row survives, whenever they run: `ALTER COLUMN c DROP NOT NULL`, `ALTER COLUMN c SET DEFAULT
 * e` / `DROP DEFAULT` (COPY names the columns it writes). PgQ's upgrade_schema() drops a NOT NULL.
 */
const ROWS_KEPT = new Set(['AT_DropNotNull', 'AT_ColumnDefault']);

/** The kinds of an added column's constraints (`CONSTR_NOTNULL`, `CONSTR_DEFAULT`, ...). */
function constraintKinds(def: ColumnDef): string[] {
  return (def.constraints ?? []).map((k) => ('Constraint' in k ? (k.Constraint.contype ?? '') : ''));
}

/** The commands of `ALTER TABLE t ...` (one statement of code's text), or undefined when it is no such statement. */
function alterCommands(text: string): Node[] | undefined {
  try {
    const stmt = (parseSync(text) as { stmts?: { stmt?: Node }[] }).stmts?.[0]?.stmt;
    if (stmt === undefined || !('AlterTableStmt' in stmt)) return undefined;
    return stmt.AlterTableStmt.cmds ?? [];
  } catch {
    return undefined;
  }
}

/**
 * Whether `ALTER TABLE t ...` (one statement of a block's text) leaves the
 * columns datagen writes as the model has them, and can take its rows: a
 * DROP COLUMN IF EXISTS of a column the model lacks, an ADD COLUMN IF NOT
 * EXISTS of one it has (both do nothing), an added column that is nullable
 * or has a default (COPY leaves it to its default), a dropped NOT NULL, a set
 * or dropped DEFAULT. Supabase storage's iceberg block adds `type ... NOT NULL
 * DEFAULT 'STANDARD'` to buckets. `afterData` (a routine a kept top-level call
 * runs, after the data): an ADD COLUMN of a column the model has is kept
 * without IF NOT EXISTS too, since it fails or is skipped (PgQ guards its own
 * by a pg_attribute lookup) whatever the rows.
 */
export function columnsKeptForRows(table: TableDraft, text: string, afterData = false): boolean {
  const cmds = alterCommands(text);
  if (cmds === undefined) return false;
  const has = (name: string | undefined) => table.columns.some((c) => c.name === name);
  const added: ColumnDef[] = [];
  const kept =
    cmds.length > 0 &&
    cmds.every((c) => {
      const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : undefined;
      if (cmd?.subtype === 'AT_DropColumn') return cmd.missing_ok === true && !has(cmd.name);
      if (ROWS_KEPT.has(cmd?.subtype ?? '')) return true;
      const def = cmd?.def;
      if (cmd?.subtype !== 'AT_AddColumn' || def === undefined || !('ColumnDef' in def)) return false;
      if (has(def.ColumnDef.colname)) return cmd.missing_ok === true || afterData;
      const kinds = constraintKinds(def.ColumnDef);
      added.push(def.ColumnDef);
      return (
        kinds.every((k) => ADDED_COLUMN_KEEPS.has(k)) &&
        (!kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_DEFAULT'))
      );
    });
  // Later DDL may read what the block adds (a CHECK over buckets.type): as each written row's value.
  if (kept) for (const def of added) recordUnseenColumn(table, def);
  return kept;
}

/**
 * Whether `ALTER TABLE t ...` (a statement of code's text) adds a NOT NULL column without DEFAULT: rows written
 * before it fail COPY (it names the columns), and those written before a call after the data fail the ALTER.
 */
export function addsUnfilledNotNull(table: TableDraft, text: string): boolean {
  return (alterCommands(text) ?? []).some((c) => {
    const def =
      'AlterTableCmd' in c && c.AlterTableCmd.subtype === 'AT_AddColumn' ? c.AlterTableCmd.def : undefined;
    if (
      def === undefined ||
      !('ColumnDef' in def) ||
      table.columns.some((col) => col.name === def.ColumnDef.colname)
    )
      return false;
    const kinds = constraintKinds(def.ColumnDef);
    const filled = ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'].some((k) => kinds.includes(k));
    return kinds.includes('CONSTR_NOTNULL') && !filled;
  });
}
