/**
 * A unique driver's tuple of component indexes per row: the row number
 * through a keyed permutation of the driver's whole space (the product of
 * its radices), read as mixed-radix digits, so distinct rows get distinct
 * tuples; a related pair of components (plan/related-pair.ts, value-pairs.ts)
 * read together from one digit.
 */
import type { TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { pairAt } from '../plan/related-pair.js';
import { valuePairAt } from '../plan/value-pairs.js';
import { createPermutation, type Permutation } from '../values/permutation.js';
import { streamKey } from '../values/random.js';

/** Component `k` of the driver's tuple for a row. */
export type DriverTuple = (row: number, component: number) => number;

/** The keyed permutation of a driver's whole space (the product of its radices) that its rows go through. */
export function driverPermutation(seed: number, t: TablePlan, driver: UniqueDriver): Permutation {
  const size = driver.radices.reduce((a, b) => a * b, 1);
  return createPermutation(size, streamKey(seed, t.table.schema, t.table.name, 'key', driver.key));
}

/**
 * `walk` maps a row to the position it takes in the permutation's input
 * (--append's walk around held keys, held-keys.ts; the row itself otherwise).
 */
export function createDriverTuple(
  seed: number,
  t: TablePlan,
  driver: UniqueDriver,
  walk: (row: number) => number,
): DriverTuple {
  const permutation = driverPermutation(seed, t, driver);
  const divisors = driver.radices.map((_, k) => driver.radices.slice(0, k).reduce((a, b) => a * b, 1));
  // Spread the index over the whole space so e.g. all parents are used; a series' days stay consecutive.
  // The factor, space / radix, once per component (0: the index as it is), not per row.
  const spreadOf = (component: number, space: number): number => {
    const radix = driver.radices[component] as number;
    const c = driver.components[component];
    const series = c?.kind === 'column' && c.series === true;
    return Number.isFinite(space) && space > radix && space <= 2 ** 52 && !driver.ordered && !series
      ? space / radix
      : 0;
  };
  const spreads = driver.radices.map((_, k) => spreadOf(k, driver.components[k]?.space ?? 0));
  // One component, permuted: p (an image of the permutation, below the space: the radix itself) is its
  // digit; the division and the float modulo (C's fmod where p passes 2^31, as a unique email's 36^6
  // codes do) left out.
  const single = driver.radices.length === 1 && !driver.ordered;
  const slot = (p: number, component: number, spread: number) => {
    const index = single
      ? p
      : Math.floor(p / (divisors[component] as number)) % (driver.radices[component] as number);
    return spread > 0 ? Math.floor(index * spread) : index;
  };
  const pair = driver.pair;
  const pairSpread = pair === undefined ? 0 : spreadOf(pair.first, pair.space);
  // A partial key's rows past its room repeat the first rows' tuples (they are kept outside its WHERE).
  const wrap = driver.wrapFrom;
  return (at, component) => {
    const row = wrap === undefined ? at : at % wrap;
    const p = driver.ordered ? row : permutation.apply(walk(row));
    if (pair && (component === pair.first || component === pair.second)) {
      const k = slot(p, pair.first, pairSpread);
      const n = driver.components[pair.first]?.space ?? 0;
      const rows = pair.values ? valuePairAt(k, pair.values) : pairAt(k, n, pair.orderCheck);
      return rows[component === pair.first ? 0 : 1];
    }
    return slot(p, component, spreads[component] as number);
  };
}

/**
 * Version 15: whether a row's tuple with component `component` set to k is the tuple of a row of the table
 * (a period's neighbours in a history: generate/series-offsets.ts); undefined where rows do not map to
 * tuples by the permutation alone (an ordered driver, --append's walk, a wrapped partial key).
 */
export function createTupleSiblings(
  seed: number,
  t: TablePlan,
  driver: UniqueDriver,
  component: number,
): ((row: number, k: number) => boolean) | undefined {
  if (driver.ordered || driver.existing !== undefined || driver.wrapFrom !== undefined) return undefined;
  if (driver.pair !== undefined) return undefined;
  const permutation = driverPermutation(seed, t, driver);
  const divisor = driver.radices.slice(0, component).reduce((a, b) => a * b, 1);
  const radix = driver.radices[component] as number;
  return (row, k) => {
    const p = permutation.apply(row);
    const own = Math.floor(p / divisor) % radix;
    return permutation.invert(p + (k - own) * divisor) < t.rows;
  };
}
