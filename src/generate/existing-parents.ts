/**
 * --append: the value functions' side of `ExistingParents`
 * (plan/existing-parents.ts). An FK's pick j below the existing count is a
 * parent row the target already holds (its key from the range or the listed
 * tuples), else the parent's new row j - count. Pure functions of j, so every
 * worker makes the same rows.
 */
import type { ForeignKeyPlan } from '../plan/plan-model.js';

type ValueFn = (row: number) => string | null;

/** The existing parent rows an FK picks from, before the parent's new rows (0 when none). */
export function existingParentCount(fkPlan: ForeignKeyPlan): number {
  return fkPlan.existing?.count ?? 0;
}

/**
 * A parent column's value at an FK's pick: an existing parent's key column
 * below the existing count, else `newRow(j - count)`.
 *
 * @example parentValueAt(fk, 'id', newRow)(3) // '1004': fk's existing parents are ids 1001..1040
 */
export function parentValueAt(fkPlan: ForeignKeyPlan, parentColumn: string, newRow: () => ValueFn): ValueFn {
  const existing = fkPlan.existing;
  if (existing === undefined) {
    let fn: ValueFn | undefined;
    return (j) => {
      fn ??= newRow();
      return fn(j);
    };
  }
  const count = existing.count;
  let held: (j: number) => string;
  if (existing.kind === 'range') {
    const min = BigInt(existing.min);
    held = (j) => String(min + BigInt(j));
  } else {
    const at = fkPlan.fk.referencedColumns.indexOf(parentColumn);
    let values: string[] | undefined;
    held = (j) => {
      values ??= existing.tuples.map((t) => t.split('\u0000')[at] ?? '');
      return values[j] as string;
    };
  }
  let fn: ValueFn | undefined;
  return (j) => {
    if (j < count) return held(j);
    fn ??= newRow();
    return fn(j - count);
  };
}

/** An FK's pick of a new parent row only (-1 for an existing parent or NULL): what reads the parent's new rows. */
export function newParentPick(
  fkPlan: ForeignKeyPlan,
  pick: (row: number) => number,
): (row: number) => number {
  const count = existingParentCount(fkPlan);
  if (count === 0) return pick;
  return (row) => {
    const j = pick(row);
    return j < count ? -1 : j - count;
  };
}
