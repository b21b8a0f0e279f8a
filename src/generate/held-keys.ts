/**
 * --append: the value functions' side of `ExistingKeys` (plan/append-plan.ts).
 * An ordered integer key starts past the table's maximum; any other key
 * walks its bijection around the tuples the table holds. Both stay pure
 * functions of the row, so every worker makes the same rows.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { driverColumns } from '../plan/append-plan.js';
import type { TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { displayName } from '../schema/names.js';

type ValueFn = (row: number) => string | null;

/**
 * An ordered integer key: the first index whose value is past the table's
 * maximum (values count up from `value(0)`); refused when the rows would run
 * past the column's upper bound (the values turn back down there).
 */
export function startPastHeld(
  t: TablePlan,
  driver: UniqueDriver,
  value: (k: number) => string | undefined,
): number {
  if (driver.existing?.kind !== 'past-maximum' || t.rows === 0) return 0;
  const maximum = BigInt(driver.existing.maximum);
  // A bounded key's generator has no value past its space (undefined), or not an integer's text.
  const at = (k: number): bigint | undefined => {
    const v = Number.isSafeInteger(k) ? value(k) : undefined;
    return v !== undefined && /^-?\d+$/.test(v) ? BigInt(v) : undefined;
  };
  const first = at(0);
  const start = first !== undefined && maximum >= first ? Number(maximum - first + 1n) : 0;
  const low = at(start);
  const high = at(start + t.rows - 1);
  const ok = low !== undefined && high !== undefined && low > maximum && high - low === BigInt(t.rows - 1);
  if (!ok) {
    throw new DatagenError(
      ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
      `${displayName(t.table)} gets no new rows: its key ${driver.key} already reaches ${maximum}, and ${t.rows} more rows past it would leave the column's range (--rows ${t.table.name}=N for fewer, or --truncate to start again)`,
      {
        table: displayName(t.table),
        key: driver.key,
        maximum: String(maximum),
        rows: t.rows,
        appendFull: true,
      },
    );
  }
  return start;
}

/**
 * A key the table already holds tuples of: which candidate a row takes
 * (candidate k of row i is the bijection's tuple at i + k·rows, so distinct
 * rows never share one), the first whose key columns' values the table does
 * not hold. While a candidate is tried, the driver gives it for that row
 * (`columnFn` reads the key columns through the driver again).
 */
export function heldKeyWalk(
  t: TablePlan,
  driver: UniqueDriver,
  columnFn: (column: string) => ValueFn,
): ((row: number) => number) | undefined {
  const held = driver.existing;
  if (held?.kind !== 'avoid') return undefined;
  const tuples = new Set(held.tuples);
  const columns = driverColumns(t, driver);
  const trying = new Map<number, number>();
  let fns: ValueFn[] | undefined;
  let lastRow = -1;
  let last = 0;
  return (row) => {
    const tried = trying.get(row);
    if (tried !== undefined) return tried;
    if (row === lastRow) return last;
    fns ??= columns.map(columnFn);
    for (let k = 0; k <= held.attempts; k++) {
      trying.set(row, k);
      let values: (string | null)[];
      try {
        values = fns.map((f) => f(row));
      } finally {
        trying.delete(row);
      }
      // A key with a NULL never equals another (NULLS DISTINCT).
      if (values.includes(null) || !tuples.has(values.join('\u0000'))) {
        lastRow = row;
        last = k;
        return k;
      }
    }
    throw new DatagenError(
      ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
      `${displayName(t.table)}: row ${row} finds only keys the table already holds (${driver.key} on ${columns.join(', ')}, ${held.attempts + 1} tried): append with another --seed, or use --truncate`,
      { table: displayName(t.table), key: driver.key, row },
    );
  };
}
