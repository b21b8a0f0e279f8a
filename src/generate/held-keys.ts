/**
 * --append: the value functions' side of `ExistingKeys` (plan/append-plan.ts).
 * An ordered integer key starts past the table's maximum; any other key
 * walks its bijection around the tuples the table holds. Both stay pure
 * functions of the row, so every worker makes the same rows.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { comparedKeyText, driverColumns, heldKeySet, keyForms } from '../plan/append-plan.js';
import type { TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { displayName } from '../schema/names.js';

type ValueFn = (row: number) => string | null;

/** The first values of an ordered key tried as the anchor its count up past the maximum starts from. */
const ANCHORS = 64;

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
  // Past its unique space (a CHECK's bound), a generator's values are not the key's.
  const space = driver.components[0]?.space ?? Number.POSITIVE_INFINITY;
  const at = (k: number): bigint | undefined => {
    const v = Number.isSafeInteger(k) && k < space ? value(k) : undefined;
    return v !== undefined && /^-?\d+$/.test(v) ? BigInt(v) : undefined;
  };
  const fitsFrom = (start: number, n: number) => {
    const lo = at(start);
    const hi = at(start + n - 1);
    return lo !== undefined && hi !== undefined && lo > maximum && hi - lo === BigInt(n - 1);
  };
  // Values count up from value(0), but for the few a CHECK or a held list leaves out (made elsewhere):
  // the first of the first values that counts up to a start past the maximum.
  let start = 0;
  for (let k = 0; k < ANCHORS; k++) {
    const v = at(k);
    if (v === undefined) break;
    const candidate = maximum >= v ? k + Number(maximum - v + 1n) : k === 0 ? 0 : -1;
    if (candidate >= 0 && fitsFrom(candidate, 1)) {
      start = candidate;
      break;
    }
  }
  if (!fitsFrom(start, t.rows)) {
    // The rows that still fit past the maximum (values counting up by one): the table is cut to them.
    let free = 0;
    for (let step = 2 ** 30; step >= 1; step /= 2)
      if (free + step < t.rows && fitsFrom(start, free + step)) free += step;
    // Row positions are safe integers: a held maximum past 2^53 (snowflake ids, hashes) cannot be counted up from.
    const why =
      maximum > BigInt(Number.MAX_SAFE_INTEGER)
        ? `datagen counts an integer key up past the held maximum only below 2^53 (${Number.MAX_SAFE_INTEGER})`
        : `${t.rows} more rows past it would leave the column's range`;
    throw new DatagenError(
      ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
      `${displayName(t.table)}: its key ${driver.key} already reaches ${maximum}, and ${why} (${free} fit: --rows ${t.table.name}=${free}, or --truncate to start again)`,
      {
        table: displayName(t.table),
        key: driver.key,
        maximum: String(maximum),
        rows: t.rows,
        free,
        appendFull: true,
      },
    );
  }
  return start;
}

/**
 * A key the table already holds tuples of: the position in the driver's
 * bijection a row takes. With spares, row i's own position unless the table
 * holds its tuple, else a free one past the rows (`spareWalk`); a listed key
 * (a small, nearly full space) gives row i the i-th free position of the
 * whole space; a related pair tries its one position. While a position is
 * tried, the driver gives it for that row (`columnFn` reads the key columns
 * through the driver again).
 */
export function heldKeyWalk(
  t: TablePlan,
  driver: UniqueDriver,
  columnFn: (column: string) => ValueFn,
): ((row: number) => number) | undefined {
  const held = driver.existing;
  if (held?.kind !== 'avoid') return undefined;
  const tuples = heldKeySet(held);
  const columns = driverColumns(t, driver);
  const forms = keyForms(t, columns);
  const trying = new Map<number, number>();
  let fns: ValueFn[] | undefined;
  /** Whether the tuple at a position is free (row: the row whose columns are read). */
  const freeAt = (row: number, position: number): boolean => {
    fns ??= columns.map(columnFn);
    trying.set(row, position);
    let values: (string | null)[];
    try {
      values = fns.map((f) => f(row));
    } finally {
      trying.delete(row);
    }
    // A key with a NULL never equals another (NULLS DISTINCT).
    if (values.includes(null)) return true;
    const key = values.map((v, i) => comparedKeyText(v as string, forms[i] ?? null));
    return !tuples.has(key.join('\u0000'));
  };
  const full = (row: number, tried: number) =>
    new DatagenError(
      ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
      `${displayName(t.table)}: row ${row} finds only keys the table already holds (${driver.key} on ${columns.join(', ')}, ${tried} tried): append with another --seed, or use --truncate`,
      { table: displayName(t.table), key: driver.key, row },
    );
  if (held.listed === true) {
    let free: Int32Array | undefined;
    // Row i takes the first free position after row i - 1's, read as row i's (its other columns may shape the key).
    const listFree = (): Int32Array => {
      const size = driver.radices.reduce((a, b) => a * b, 1);
      const found: number[] = [];
      for (let p = 0; p < size && found.length < t.rows; p++) if (freeAt(found.length, p)) found.push(p);
      return Int32Array.from(found);
    };
    return (row) => {
      const tried = trying.get(row);
      if (tried !== undefined) return tried;
      free ??= listFree();
      const position = free[row];
      if (position === undefined) throw full(row, free.length);
      return position;
    };
  }
  if (held.spares === true) return spareWalk(t, driver, freeAt, trying, full);
  const rows = t.rows;
  let lastRow = -1;
  let last = 0;
  return (row) => {
    const tried = trying.get(row);
    if (tried !== undefined) return tried;
    if (row === lastRow) return last;
    for (let k = 0; k <= held.attempts; k++) {
      if (freeAt(row, row + k * rows)) {
        lastRow = row;
        last = row + k * rows;
        return last;
      }
    }
    throw full(row, held.attempts + 1);
  };
}

/**
 * `spares`: row i keeps position i where the table does not hold its tuple;
 * the rows whose tuple it holds (found once, scanning the rows' positions)
 * take the free positions past the rows in order. Exact (no row fails while
 * the space has free tuples) and held in two arrays as long as the
 * collisions, however many rows; the same positions in every worker.
 */
function spareWalk(
  t: TablePlan,
  driver: UniqueDriver,
  freeAt: (row: number, position: number) => boolean,
  trying: ReadonlyMap<number, number>,
  full: (row: number, tried: number) => Error,
): (row: number) => number {
  let found: { collided: Float64Array; spares: Float64Array } | undefined;
  // Each position is read as the row that would take it: a key's text may also carry the row's other
  // columns (a v3 email is the row's names and the position's code), so row 0's tuple at a position is not row p's.
  const scan = () => {
    const collided: number[] = [];
    for (let p = 0; p < t.rows; p++) if (!freeAt(p, p)) collided.push(p);
    const spares: number[] = [];
    const size = driver.radices.reduce((a, b) => a * b, 1);
    let p = t.rows;
    for (const row of collided) {
      while (p < size && !freeAt(row, p)) p++;
      if (p >= size) break;
      spares.push(p++);
    }
    return { collided: Float64Array.from(collided), spares: Float64Array.from(spares) };
  };
  return (row) => {
    const tried = trying.get(row);
    if (tried !== undefined) return tried;
    found ??= scan();
    const { collided, spares } = found;
    let lo = 0;
    let hi = collided.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((collided[mid] as number) < row) lo = mid + 1;
      else hi = mid;
    }
    if (collided[lo] !== row) return row;
    const spare = spares[lo];
    if (spare === undefined) throw full(row, spares.length);
    return spare;
  };
}
