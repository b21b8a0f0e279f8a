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

/** The subcommands in the order PostgreSQL runs them (stable within a pass). */
export function inPassOrder(cmds: readonly Node[]): Node[] {
  const pass = (n: Node) => ('AlterTableCmd' in n ? (PASS[n.AlterTableCmd.subtype ?? ''] ?? 6) : 6);
  return cmds
    .map((n, i) => ({ n, i, p: pass(n) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.n);
}
