/**
 * PostgreSQL runs an ALTER TABLE's subcommands in passes, not as written
 * (tablecmds.c's AlterTablePass): drops, then type changes, then added
 * columns, then added constraints, NOT NULL, defaults, the rest. Atlas writes
 * `ADD CONSTRAINT c CHECK (... new_col ...), ..., ADD COLUMN new_col` in one
 * statement (OpenMeter): read, and split, in the server's order.
 */
import type { Node } from 'libpg-query';

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

/**
 * A subcommand's pass. DROP DEFAULT is a drop (`cmd->def ? AT_PASS_ADD_OTHERCONSTR : AT_PASS_DROP`), so it runs
 * before a type change in the same statement: Prisma's enum swap `DROP DEFAULT, TYPE e USING ..., SET DEFAULT`
 * (langfuse) would fail casting the old default otherwise.
 */
function passOf(n: Node): number {
  if (!('AlterTableCmd' in n)) return 6;
  const cmd = n.AlterTableCmd;
  if (cmd.subtype === 'AT_ColumnDefault' && cmd.def === undefined) return 0;
  return PASS[cmd.subtype ?? ''] ?? 6;
}

/** The subcommands in the order PostgreSQL runs them (stable within a pass). */
export function inPassOrder(cmds: readonly Node[]): Node[] {
  const pass = passOf;
  return cmds
    .map((n, i) => ({ n, i, p: pass(n) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.n);
}
