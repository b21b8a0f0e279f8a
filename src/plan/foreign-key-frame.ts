/**
 * A table's foreign key columns planned (plan-table.ts): each takes its
 * parent's value at a computed parent row (wider FKs first, listed columns
 * from their list), parents whose keys must be intersected, and the window
 * of parent rows a CHECK or a looked-up column leaves each single-column FK.
 */
import { counted } from '../errors.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { displayColumn, displayName, nameKey } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';
import { appendedRowWindow, existingParentsOf, heldParentValues } from './existing-parents.js';
import { intersectParentKeys, narrowsAnotherParent, parentRowWindow } from './fk-sourcing.js';
import { parentHolds } from './listed-fk-values.js';
import { lookupWindow } from './parent-lookups.js';
import { boundPartitionKeyFk } from './partition-key-plan.js';
import { heldThroughExtension } from './pinned-classes.js';
import type { ExistingParents, RowWindow, TablePlan } from './plan-model.js';
import type { ReadBack } from './read-back-keys.js';
import type { Draft, PlanContext, TableWork } from './table-work.js';
import { vacatedColumns, vacatedKey, vacatedWarning } from './vacated-foreign-keys.js';

/** The table's FKs, the parents they pick rows from, and the parent row windows CHECKs impose. */
export interface ForeignKeyFrame {
  readonly fks: ForeignKey[];
  readonly fkParents: number[];
  readonly parentRows: (parent: number) => number;
  readonly windows: ReturnType<typeof parentRowWindow>[];
  /** --append: the parent rows the target holds that each FK may pick (before the parent's new rows). */
  readonly existing: (ExistingParents | undefined)[];
}

/** Foreign key columns take the parent's values at a computed parent row. */
export function planForeignKeyColumns(
  ctx: PlanContext,
  work: TableWork,
  previous: readonly TablePlan[] | null,
): ForeignKeyFrame {
  const { draft, table, sources, hints } = work;
  const fks = ctx.family.foreignKeysOf(table);
  const fkParents = fks.map((_, i) => ctx.family.parentIndex(table, i));
  const parentRows = (parent: number) => previous?.[parent]?.rows ?? ctx.drafts[parent]?.requested ?? 0;
  // Wider FKs first: a column in a composite FK and in a plain one takes the composite's parent row, which
  // keeps the composite consistent (the plain FK then holds through the parent's own FK: see pinned-columns.ts).
  // Of two single-column FKs on one column, the one whose parent's key is itself an FK to the other's parent
  // first: its values are in both parents (fk-sourcing.ts narrowsAnotherParent).
  const narrows = fks.map((fk, i) => narrowsAnotherParent(fk, ctx.family.tables[fkParents[i] ?? -1], fks));
  const byWidth = fks
    .map((fk, i) => ({ fk, i }))
    .sort((a, b) => b.fk.columns.length - a.fk.columns.length || Number(narrows[b.i]) - Number(narrows[a.i]));
  // A listed FK column the parent is known to hold draws from its list (plan/listed-fk-values.ts).
  const listed = fks.map((fk, i) => {
    const values = fk.columns.length === 1 ? ctx.listedOf(draft, fk.columns[0] as string) : undefined;
    const held = heldParentValues(ctx, fk.references, fk.referencedColumns[0] as string);
    return values !== undefined && parentHolds(fk, previous?.[fkParents[i] ?? -1], values, held);
  });
  emptyWhereListsUnheld(work, fks, listed);
  for (const { fk, i } of byWidth) {
    // A ring's first FK (key-rings.ts): its key is made as any key, the ring's other tables take it.
    if (ctx.rings.broken.has(vacatedKey(table, fk))) continue;
    const read = ctx.readBack.get(vacatedKey(table, fk));
    if (read !== undefined && readBackHeld(ctx, work, previous, fkParents[i] ?? -1, read, fk)) continue;
    if (ctx.vacated.has(vacatedKey(table, fk))) {
      // Its nullable own columns NULL: the FK holds whatever the columns it shares take (vacated-foreign-keys.ts).
      for (const col of vacatedColumns(table, fk, ctx.lookup))
        hints.set(col, { ...(hints.get(col) ?? {}), nullOnly: true });
      work.warnings.push(vacatedWarning(table, fk, ctx.lookup));
      continue;
    }
    fk.columns.forEach((col, k) => {
      if (sources.has(col) || listed[i]) return;
      const parentColumn = fk.referencedColumns[k] as string;
      work.set(
        col,
        { kind: 'foreign-key', fk: i, parentColumn },
        `foreign key ${fk.name} → ${displayName(fk.references)}`,
      );
    });
  }
  uncoveredExtensions(ctx, work, fks, previous);
  const unmetParents = intersectParentKeys(
    fks,
    (column) => {
      const source = sources.get(column);
      return source?.kind === 'foreign-key' ? source.fk : undefined;
    },
    (j) => previous?.[fkParents[j] ?? -1],
    hints,
    ctx.lookup,
  );
  if (unmetParents.length > 0) {
    work.empty(
      `${unmetParents.map((c) => `${displayColumn(table, c)}`).join(', ')} references two parents whose keys cannot be intersected (they do not count up in row order)`,
    );
  }
  boundPartitionKeyFk(ctx, work);
  const existing = existingParentsOf({ fks, sources, existing: ctx.existingParents, listed });
  // A CHECK bounding a single-column FK: a window of the parent's rows when its key counts up in row order
  // (--append: of the rows the target holds, then the new ones).
  const windows = fks.map((fk, i) => {
    // A listed column the parent holds draws from its list: no window of parent rows to meet (LedgerSMB's
    // `entity_class IN (1, 2)` on an FK to rows the schema seeded, which the plan's parent rows never hold).
    if (fkParents[i] === draft.index || listed[i]) return undefined;
    // A composite FK a CHECK on one of its columns looks up (parent-lookups.ts, version 16): its blocks only.
    if (fk.columns.length !== 1) {
      if (!draft.lookups.some((l) => l.fk.name === fk.name && l.fk.columns.join() === fk.columns.join()))
        return undefined;
      const offset = existing[i]?.count ?? 0;
      return withLookupWindows(ctx, draft, fk, parentRows(fkParents[i] ?? -1), undefined, offset);
    }
    const args = [
      hints.get(fk.columns[0] as string),
      previous?.[fkParents[i] ?? -1],
      fk.referencedColumns[0] as string,
      ctx.lookup,
    ] as const;
    const held = existing[i];
    const window = held ? appendedRowWindow(...args, held) : parentRowWindow(...args);
    return withLookupWindows(ctx, draft, fk, parentRows(fkParents[i] ?? -1), window, held?.count ?? 0);
  });
  return { fks, fkParents, parentRows, windows, existing };
}

/**
 * A list children gave an FK column (listed-fk-values.ts) that its parent's rows do not all hold: picks
 * of the parent's rows would not keep to it, so the table gets no rows.
 */
function emptyWhereListsUnheld(
  work: TableWork,
  fks: readonly ForeignKey[],
  listed: readonly boolean[],
): void {
  const { table, hints } = work;
  fks.forEach((fk, i) => {
    const column = fk.columns[0] as string;
    if (fk.columns.length !== 1 || listed[i] || hints.get(column)?.listedByChildren !== true) return;
    work.empty(
      `${displayColumn(table, column)} must hold what its children's composite foreign keys list (${hints.get(column)?.oneOf?.join(', ')}), and ${displayName(fk.references)} does not hold every one of those in its rows. Give ${displayName(fk.references)} all its rows`,
    );
  });
}

/**
 * An FK whose columns another FK of the table fills, holding through an extension of the table that FK's
 * parent points at (pinned-classes.ts heldThroughExtension): it holds only when the extension has a row for
 * every row of its base (its FK onto the base a key's bijection, as many rows). Else the table gets no rows.
 */
function uncoveredExtensions(
  ctx: PlanContext,
  work: TableWork,
  fks: readonly ForeignKey[],
  previous: readonly TablePlan[] | null,
): void {
  if (previous === null) return;
  const tables = ctx.family.tables;
  fks.forEach((fk, i) => {
    const by = work.sources.get(fk.columns[0] as string);
    if (by?.kind !== 'foreign-key' || by.fk === i) return;
    if (
      !fk.columns.every((c) => {
        const s = work.sources.get(c);
        return s?.kind === 'foreign-key' && s.fk === by.fk;
      })
    )
      return;
    const wide = fks[by.fk];
    const held = wide && heldThroughExtension(fk, wide, new Map(tables.map((t) => [nameKey(t), t])));
    if (!held) return;
    const ext = previous[tables.indexOf(held.extension)];
    const base = previous[tables.indexOf(held.base)];
    const own = ext?.foreignKeys.find((f) => f.fk.name === held.fk.name);
    const driver = own?.pick.kind === 'driver' ? ext?.drivers[own.pick.driver] : undefined;
    const covered =
      ext !== undefined &&
      base !== undefined &&
      ext.rows >= base.rows &&
      own?.window === undefined &&
      driver?.components.length === 1 &&
      driver.wrapFrom === undefined;
    if (!covered)
      work.empty(
        `its foreign key ${fk.name} (${fk.columns.join(', ')}) holds only where every row of ${displayName(held.base)} has its row in ${displayName(held.extension)} (its columns come from ${wide.name}); ask for as many rows of ${displayName(held.extension)} as of ${displayName(held.base)}`,
      );
  });
}

/**
 * A read-back FK (read-back-keys.ts): where the parent's back FK picks row j in its row j (as planned in
 * the pass before; assumed in the first), the FK's other columns take the parent row's values (row i reads
 * row i: `readsBack`), its key column the table's own, and NOT NULL ones hold the table to the parent's
 * rows. Where it does not, nullable columns are left NULL (warned), else the FK is planned as any.
 */
function readBackHeld(
  ctx: PlanContext,
  work: TableWork,
  previous: readonly TablePlan[] | null,
  parent: number,
  read: ReadBack,
  fk: ForeignKey,
): boolean {
  const { table, hints } = work;
  const plan = previous?.[parent];
  const back = plan?.foreignKeys.find((f) => vacatedKey(plan.table, f.fk) === read.back);
  const driver = back?.pick.kind === 'driver' ? plan?.drivers[back.pick.driver] : undefined;
  const held =
    plan === undefined ||
    back?.sameRowsFirst === true ||
    (back?.window === undefined &&
      driver?.ordered === true &&
      driver.components.length === 1 &&
      driver.wrapFrom === undefined);
  if (!held) {
    if (read.notNull) return false;
    for (const col of read.columns) hints.set(col, { ...(hints.get(col) ?? {}), nullOnly: true });
    work.warnings.push(readBackWarning(table, fk, read.columns, plan?.table));
    return true;
  }
  const i = table.foreignKeys.indexOf(fk);
  for (const col of read.columns) {
    const k = fk.columns.indexOf(col);
    if (!work.sources.has(col))
      work.set(
        col,
        { kind: 'foreign-key', fk: i, parentColumn: fk.referencedColumns[k] as string },
        `foreign key ${fk.name} → ${displayName(fk.references)}: the row that points back at this row`,
      );
  }
  work.readsBack.add(vacatedKey(table, fk));
  const parentRows = plan?.rows ?? ctx.drafts[parent]?.requested ?? 0;
  if (read.notNull && parentRows < work.rows) {
    const where = displayName(table);
    work.warnings.push({
      code: 'ROWS_REDUCED',
      where,
      message: `${where} gets ${counted(parentRows, 'row')} instead of ${work.rows}: its foreign key ${fk.name} (${fk.columns.join(', ')}) takes the row of ${displayName(fk.references)} that points back at it, and ${read.columns.join(', ')} cannot be NULL. Ask for as many rows of ${displayName(fk.references)} to change it.`,
    });
    work.rows = parentRows;
  }
  return true;
}

/** A read-back FK whose parent's rows do not point back in row order: its nullable columns left NULL. */
function readBackWarning(table: Table, fk: ForeignKey, nulled: readonly string[], parent: Table | undefined) {
  const name = displayName(table);
  return {
    code: 'COLUMN_LEFT_NULL',
    where: `${name}.${nulled.map((c) => quoteIdent(c)).join(', ')}`,
    message: `${name}.${nulled.map((c) => quoteIdent(c)).join(', ')} ${nulled.length === 1 ? 'is' : 'are'} left NULL in every row: foreign key ${fk.name} (${fk.columns.join(', ')}) would take the row of ${displayName(fk.references)} that points back at this row, and ${displayName(parent ?? fk.references)}'s rows do not point back in row order (a CHECK, a fan-out setting or a key decides them). To fill it, set it after loading (UPDATE ${name} … FROM ${displayName(fk.references)} …).`,
  };
}

/**
 * A window of the parent rows whose looked-up column holds the values a
 * CHECK asks for (parent-lookups.ts; --append: among the parent's new rows,
 * after the `offset` it holds), within the window the FK had.
 */
function withLookupWindows(
  ctx: PlanContext,
  draft: Draft,
  fk: ForeignKey,
  rows: number,
  window: RowWindow | undefined,
  offset: number,
): RowWindow | undefined {
  let out = window;
  for (const l of draft.lookups) {
    if (l.fk.name !== fk.name || l.fk.columns.join() !== fk.columns.join()) continue;
    const blocks = ctx.drafts[l.parent]?.hints.get(l.parentColumn)?.rowBlocks ?? [];
    const own = lookupWindow(rows, blocks, l.values);
    const from = Math.max(own.from + offset, out?.from ?? 0);
    const to = Math.min(own.to + offset, out?.to ?? Number.POSITIVE_INFINITY);
    out = { from, to: Math.max(from, to) };
  }
  return out;
}
