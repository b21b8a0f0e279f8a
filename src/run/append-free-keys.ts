/**
 * --append: a table's rows cut to the free tuples of a small key space
 * (plan/append-plan.ts `appendCuts`) counts every tuple the table holds as
 * taken, although tuples that point at parent rows the new rows never pick
 * (Logto's cimd_grant_organizations: its key runs through an FK to the new
 * oidc_model_instances rows, its held tuples through the old ones) are
 * outside the key space and take nothing: 100 held of a 100-tuple space cut
 * the table to 0 rows. The rows the key gives are counted here instead, by
 * asking the key column's values: the first row whose key finds no free
 * tuple (the walk in generate/held-keys.ts throws) is the number that fit.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import type { AppendCut } from '../plan/append-plan.js';
import { displayName } from '../schema/names.js';

/** Whether row `row`'s key finds a free tuple. */
function fits(source: ValueSource, table: number, column: string, row: number): boolean {
  try {
    source.valueOf(table, column)(row);
    return true;
  } catch (error) {
    if (error instanceof DatagenError && error.code === ErrorCodes.UNIQUE_SPACE_TOO_SMALL) return false;
    // A row whose CHECKs the row engine cannot meet with the key's columns past the free tuples (koji's
    // `active` NULL there, and the CHECK then asking for a revoke_event): not made, as a row without a tuple.
    if (error instanceof DatagenError && error.code === ErrorCodes.UNSATISFIABLE && error.data.row === row)
      return false;
    throw error;
  }
}

/** The cuts that hold (with the rows that really fit), given the plan's value source. */
export function exactAppendCuts(source: ValueSource, cuts: readonly AppendCut[]): AppendCut[] {
  const index = new Map(source.plan.tables.map((t, i) => [displayName(t.table), i]));
  return cuts.flatMap((cut) => {
    const table = index.get(cut.table);
    const column = cut.columns[0];
    if (table === undefined || column === undefined) return [cut];
    if (fits(source, table, column, cut.rows - 1)) return [];
    // The rows before the first that finds none (each row's tuple is the next free one).
    let lo = 0;
    let hi = cut.rows - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fits(source, table, column, mid)) lo = mid + 1;
      else hi = mid;
    }
    return [{ ...cut, free: Math.max(cut.free, lo) }];
  });
}
