/**
 * The first row of a tree (a self-referencing foreign key, picked as a
 * tree: each row points to an earlier one) has no earlier row: it leaves the
 * FK NULL, or points at itself. A composite FK onto the table's own FK
 * columns (`(parent_id, root_id) REFERENCES t (id, root_id)`) reads a value
 * from the row it points at: the first row would read it from itself.
 */
import type { ForeignKey, Table } from '../schema/model.js';

/** Another foreign key of the table on that column alone (its index), if any. */
export function otherForeignKeyOf(
  fks: readonly ForeignKey[],
  fkIndex: number,
  column: string,
): number | undefined {
  const i = fks.findIndex((f, k) => k !== fkIndex && f.columns.length === 1 && f.columns[0] === column);
  return i < 0 ? undefined : i;
}

/**
 * Whether the first row may leave the FK NULL: when all its columns are
 * nullable, or (MATCH SIMPLE: one NULL column is enough) when some are and
 * each NOT NULL one takes its value from another foreign key of the table (a
 * `(parent_id, root_id)` FK beside `root_id`'s own: the root's root is
 * itself). `notNull`: the columns NULL is refused in besides NOT NULL ones
 * (a NOT NULL domain's: the column's `notNull` hint).
 */
export function treeRootMayBeNull(
  table: Table,
  fks: readonly ForeignKey[],
  fkIndex: number,
  notNull: (column: string) => boolean,
): boolean {
  const fk = fks[fkIndex];
  if (!fk) return false;
  const refused = fk.columns.filter(
    (c) => table.columns.find((col) => col.name === c)?.notNull || notNull(c),
  );
  if (refused.length === 0) return true;
  if (refused.length === fk.columns.length || fk.match !== 'simple') return false;
  return refused.every((c) => otherForeignKeyOf(fks, fkIndex, c) !== undefined);
}

/**
 * A column of a self-referencing FK that takes its value from one of the
 * FK's own columns in the row pointed at (`root_id` in `(parent_id,
 * root_id) REFERENCES t (id, root_id)`): at a first row that points at
 * itself, it would be read from itself.
 */
export function columnReadThroughItself(fk: ForeignKey): string | undefined {
  return fk.columns.find((_, k) => fk.columns.includes(fk.referencedColumns[k] as string));
}
