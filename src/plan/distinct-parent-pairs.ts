/**
 * A CHECK that two FK columns to the same parent key differ or are ordered
 * (`from_account <> to_account`, `tag1 < tag2`) needs two different parent
 * rows in every row whose columns are both set. Where neither column may be
 * NULL and the parent gets fewer than two rows, no row can meet it: the
 * table gets no rows, warned with that reason (not a row that fails every
 * attempt), and an explicit row count is refused the same way.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { displayColumn, displayName } from '../schema/names.js';
import { optionTableName } from '../schema/quote.js';
import type { ForeignKeyFrame } from './foreign-key-frame.js';
import type { PlanContext, TableWork } from './table-work.js';

const STRICT = new Set(['<>', '!=', '<', '>']);

/** Empties the table when such a CHECK pairs two NOT NULL FK columns to a parent with fewer than two rows. */
export function emptyWhereParentPairsUnmet(ctx: PlanContext, work: TableWork, frame: ForeignKeyFrame): void {
  const { table, hints, draft } = work;
  if (work.rows === 0) return;
  const notNull = (column: string) =>
    table.columns.find((c) => c.name === column)?.notNull === true || hints.get(column)?.notNull === true;
  const fkOf = (column: string) =>
    frame.fks.findIndex((fk) => fk.columns.length === 1 && fk.columns[0] === column);
  for (const { atom, check, text } of draft.checks.relations) {
    if (!STRICT.has(atom.op) || atom.offset !== undefined) continue;
    const [a, b] = [fkOf(atom.left), fkOf(atom.right)];
    const [fa, fb] = [frame.fks[a], frame.fks[b]];
    if (!fa || !fb || frame.fkParents[a] !== frame.fkParents[b]) continue;
    if (fa.referencedColumns[0] !== fb.referencedColumns[0]) continue;
    if (!notNull(atom.left) || !notNull(atom.right)) continue;
    if (frame.existing[a] !== undefined || frame.existing[b] !== undefined) continue;
    const parentIndex = frame.fkParents[a] ?? -1;
    const parentTable = ctx.family.tables[parentIndex];
    const rows = frame.parentRows(parentIndex);
    if (!parentTable || rows >= 2) continue;
    const parent = displayName(parentTable);
    const because = `CHECK ${check} (${text}) needs two different rows of ${parent} for ${displayColumn(table, atom.left)} and ${displayColumn(table, atom.right)}, and ${parent} gets ${rows === 0 ? 'no rows' : '1 row'}. Give ${parent} 2 rows or more (--rows ${optionTableName(parentTable)}=N)`;
    if (draft.explicit)
      throw new DatagenError(
        ErrorCodes.UNSATISFIABLE,
        `${displayName(table)}: ${work.rows} rows were requested, but ${because}, or ask for 0 rows of ${displayName(table)}.`,
        { table: displayName(table), check, parent, parentRows: rows },
      );
    work.empty(because);
    return;
  }
}
