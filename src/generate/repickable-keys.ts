/**
 * The foreign keys of a table whose parent row the row engine may pick again
 * on another attempt (generate/row-checks.ts): a free (hash-picked) FK that
 * alone decides its columns, and a pair of FKs a CHECK orders (two distinct
 * parents from a unique driver, swapped on odd attempts).
 */
import type { TablePlan } from '../plan/plan-model.js';
import { parentValueAt } from './existing-parents.js';
import type { RepickableKey } from './row-checks.js';

type ValueFn = (row: number) => string | null;

/** What the keys read from the value source. */
export interface RepickableDeps {
  /** The FK's parent row for a row and attempt (-1: NULL). */
  freePick(fkIndex: number): (row: number, attempt: number, notNull: boolean) => number;
  /** A column's value function (the parent's, for the picked row). */
  columnFn(tableIndex: number, column: string): ValueFn;
  /** A column's plain value function in this table (outside the row engine). */
  plainFn(column: string): ValueFn;
}

/** The foreign keys of a table whose parent row the row engine may pick again (see row-checks.ts). */
export function repickableKeys(t: TablePlan, deps: RepickableDeps): RepickableKey[] {
  const keys: RepickableKey[] = [];
  t.foreignKeys.forEach((fkPlan, fkIndex) => {
    if (fkPlan.pick.kind === 'driver') return;
    const columns = fkPlan.fk.columns;
    // Only an FK that alone decides all its columns (not pinned, not shared with another FK).
    const own = columns.every((name) => {
      const source = t.columns.find((c) => c.column.name === name)?.source;
      return source?.kind === 'foreign-key' && source.fk === fkIndex;
    });
    if (!own) return;
    const pick = deps.freePick(fkIndex);
    const parentIndex = fkPlan.parent;
    const parentColumns = columns.map((name) => {
      const source = t.columns.find((c) => c.column.name === name)?.source;
      return source?.kind === 'foreign-key' ? source.parentColumn : name;
    });
    const parentFns = parentColumns.map((c) => parentValueAt(fkPlan, c, () => deps.columnFn(parentIndex, c)));
    keys.push({
      columns,
      values: (row, attempt, notNull) => {
        const j = pick(row, attempt, notNull);
        if (j < 0) return columns.map(() => null);
        return parentFns.map((fn) => fn(j));
      },
    });
  });
  // A pair of FKs a CHECK orders (`tag1 < tag2`): two distinct parents, swapped on odd attempts.
  t.drivers.forEach((driver, d) => {
    if (!driver.pair?.orderCheck) return;
    const fkAt = (component: number) =>
      t.foreignKeys.findIndex(
        (f) => f.pick.kind === 'driver' && f.pick.driver === d && f.pick.component === component,
      );
    const a = t.foreignKeys[fkAt(driver.pair.first)]?.fk.columns[0];
    const b = t.foreignKeys[fkAt(driver.pair.second)]?.fk.columns[0];
    if (a === undefined || b === undefined) return;
    const fa = deps.plainFn(a);
    const fb = deps.plainFn(b);
    keys.push({
      columns: [a, b],
      values: (row, attempt) => (attempt % 2 === 0 ? [fa(row), fb(row)] : [fb(row), fa(row)]),
    });
  });
  return keys;
}
