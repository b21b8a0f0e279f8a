/**
 * PostgreSQL 18's temporal keys, `PRIMARY KEY (id, valid_at WITHOUT
 * OVERLAPS)`: rows equal on the other columns hold ranges that never overlap,
 * and an empty range is refused ("empty WITHOUT OVERLAPS value found").
 *
 * Non-overlap comes by construction from the key planner: the period column
 * is a component of the key's driver (plan/key-capacity.ts), and the range
 * types' unique generator gives distinct inputs disjoint, non-empty ranges
 * (`[start + k·step, start + (k+1)·step)`), so rows equal on the other
 * columns differ in their period's input. Where the key is not planned
 * (another key already makes its other columns unique) its period is drawn
 * at random, never empty. A `FOREIGN KEY (id, PERIOD valid_at)` copies the
 * picked parent row's range, which lies inside the parent's by equality.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { tableKeys } from '../schema/key-columns.js';
import type { Table, UniqueKey } from '../schema/model.js';

/** The range column of a `WITHOUT OVERLAPS` key (its last element), or null for other keys. */
export function periodColumn(key: UniqueKey): string | null {
  return key.withoutOverlaps === true ? (key.columns.at(-1) ?? null) : null;
}

/** The range column whose values a key keeps from overlapping: a temporal key's period, an EXCLUDE's `&&` column. */
export function overlapColumnOf(key: UniqueKey): string | null {
  return periodColumn(key) ?? key.overlapColumn ?? null;
}

/** Keep `empty` out of the period columns of the table's temporal keys. */
export function excludeEmptyPeriods(table: Table, hints: Map<string, ColumnHints>): void {
  const keys = tableKeys(table);
  for (const key of keys) {
    const column = periodColumn(key);
    if (column === null) continue;
    const own = hints.get(column) ?? {};
    if (own.exclude?.includes('empty')) continue;
    hints.set(column, { ...own, exclude: [...(own.exclude ?? []), 'empty'] });
  }
}
