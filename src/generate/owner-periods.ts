/**
 * Version 15: a table keyed by two parents whose rows are periods
 * (`dept_emp (emp_no, dept_no, from_date, to_date)`): each owner's rows (an
 * employee's departments; in a managers table, `dept_manager`, a
 * department's managers) in consecutive periods from the owner's start
 * (`employees.hire_date`, parent-time.ts; an owner without one, a
 * department, from 10 to 15 years back) to the day before the reference
 * date (values/semantic/owner-period-values.ts writes them).
 *
 * An owner's rows are found without storing them: the key's tuple is the
 * row through a keyed permutation of the pair space (driver-tuple.ts), so
 * the owner's rows are the pairs whose preimage is below the row count, one
 * inverse per row of the other parent (at most OTHER_LIMIT of them).
 */
import { SECONDS_PER_DAY } from '../checks/calendar.js';
import type { TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { mix32, streamKey } from '../values/random.js';
import type { OwnerPeriod } from '../values/semantic/index.js';
import { periodOwnerOf } from '../values/semantic/period-owners.js';
import { REFERENCE_DAY } from '../values/semantic/time-values.js';
import { driverPermutation } from './driver-tuple.js';
import type { EarliestStart } from './parent-time.js';

/** Most rows of the other parent an owner's rows are looked for among (a company's departments). */
const OTHER_LIMIT = 64;
/** An owner without a start (a department): its history begins 10 to 15 years back. */
const HISTORY_DAYS = 10 * 365;
const HISTORY_SPREAD = 5 * 365;
/** The day before the reference date: the latest period's start lies on or before it. */
const LAST_DAY = REFERENCE_DAY - 1;

export interface OwnerPeriodDeps {
  readonly seed: number;
  /** The value generators' version (16: the other parent's start bounds the row's, no period of no days). */
  readonly version: number;
  readonly t: TablePlan;
  /** The parent's start through FK `fk` (`employees.hire_date`), if it has one. */
  startThrough(fk: number): EarliestStart | undefined;
}

/**
 * The key's driver over the two parents, the owner's component in it (the owner alone: one row each)
 * and its FK (an index of the table's foreign keys).
 */
function ownerDriver(
  t: TablePlan,
): { driver: UniqueDriver; owner: number; fk: number; otherFk: number } | undefined {
  const fks = t.table.foreignKeys;
  for (const driver of t.drivers) {
    if (driver.pair !== undefined || driver.existing !== undefined) continue;
    if (driver.wrapFrom !== undefined || !driver.components.every((c) => c.kind === 'foreign-key')) continue;
    const keyFks = driver.components.map((c) => (c.kind === 'foreign-key' ? c.fk : -1));
    const key = t.table.primaryKey?.columns ?? [];
    const pair = fks.filter((fk) => fk.columns.every((c) => key.includes(c)));
    if (pair.length !== 2 || key.length !== pair.reduce((a, fk) => a + fk.columns.length, 0)) continue;
    const owner = periodOwnerOf(t.table, [pair[0]?.references.name ?? '', pair[1]?.references.name ?? '']);
    if (owner === undefined) continue;
    const ownerFk = fks.indexOf(pair[owner] as (typeof fks)[0]);
    const otherFk = fks.indexOf(pair[1 - owner] as (typeof fks)[0]);
    const at = keyFks.indexOf(ownerFk);
    if (at >= 0 && (driver.components.length === 2 || driver.components.length === 1))
      return { driver, owner: at, fk: ownerFk, otherFk };
  }
  return undefined;
}

/** Version 15: the FK (an index of the table's) to the parent whose periods the table holds, if it does. */
export function periodOwnerFk(t: TablePlan): number | undefined {
  return ownerDriver(t)?.fk;
}

/** Version 16: the FK (an index of the table's) to the other parent of a table of owner periods (a manager's employee). */
export function periodOtherFk(t: TablePlan): number | undefined {
  return ownerDriver(t)?.otherFk;
}

/** Version 15: each row's period among its owner's, or undefined where the table is no such history. */
export function ownerPeriodsOf(deps: OwnerPeriodDeps): ((row: number) => OwnerPeriod) | undefined {
  const { t } = deps;
  const found = ownerDriver(t);
  if (found === undefined) return undefined;
  const { driver, owner } = found;
  const ownerKey = driver.components[owner];
  if (ownerKey?.kind !== 'foreign-key') return undefined;
  const other = 1 - owner;
  const ownerRadix = driver.radices[owner] as number;
  // The owner alone drives: each owner has one row.
  const otherRadix = driver.radices[other] ?? 1;
  if (otherRadix > OTHER_LIMIT) return undefined;
  const divisor = [1, driver.radices[0] as number];
  const ownerDivisor = divisor[owner] as number;
  const otherDivisor = divisor[other] as number;
  const shuffled = driverPermutation(deps.seed, t, driver);
  // An ordered driver (the owner alone, row i its parent i) takes the row itself.
  const permutation = driver.ordered ? { apply: (i: number) => i, invert: (i: number) => i } : shuffled;
  const rows = t.rows;
  const key = streamKey(deps.seed, t.table.schema, t.table.name, 'owner-periods');
  const start = deps.startThrough(ownerKey.fk);
  const order = (a: number, b: number) =>
    mix32(Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b) ^ key);
  /** The owner's first day: its start, else 10 to 15 years back. */
  const firstDayOf = (a: number, seconds: number | undefined) =>
    seconds === undefined
      ? LAST_DAY - HISTORY_DAYS - (mix32(Math.imul(a + 1, 0xc2b2ae35) ^ key) % HISTORY_SPREAD)
      : Math.min(LAST_DAY, Math.ceil(seconds / SECONDS_PER_DAY));
  /** Cut i's move, up to 0.3 of a period either way (so the cuts stay in order). */
  const jitterOf = (a: number, i: number) =>
    ((mix32(Math.imul(a + 1, 0x27d4eb2f) ^ Math.imul(i, 0x165667b1) ^ key) % 601) - 300) / 1000;
  let lastRow = -1;
  let last: OwnerPeriod = { startDay: LAST_DAY, nextDay: null };
  if (deps.version >= 16) {
    const otherStart = deps.startThrough(found.otherFk);
    return (row) => {
      if (row === lastRow) return last;
      const p = permutation.apply(row);
      const a = Math.floor(p / ownerDivisor) % ownerRadix;
      const b = Math.floor(p / otherDivisor) % otherRadix;
      // The owner's rows, ordered by the other parent's start (a manager hired later manages later), then their own order.
      const rowsOfOwner: { x: number; day: number; o: number }[] = [];
      for (let x = 0; x < otherRadix; x++) {
        const q = permutation.invert(a * ownerDivisor + x * otherDivisor);
        if (q >= rows) continue;
        const seconds = otherStart?.(q, 'date');
        const day = seconds === undefined ? 0 : Math.ceil(seconds / SECONDS_PER_DAY);
        rowsOfOwner.push({ x, day, o: order(a, x) });
      }
      rowsOfOwner.sort((u, v) => u.day - v.day || u.o - v.o || u.x - v.x);
      const m = rowsOfOwner.length;
      const j = rowsOfOwner.findIndex((e) => e.x === b);
      const first = firstDayOf(a, start?.(row, 'date'));
      const span = LAST_DAY - first;
      // Each cut near i/m of the span, on or after its row's other start and a day after the cut before,
      // leaving a day for each later one (no period of no days where the span has room).
      let prev = first;
      let startDay = first;
      let nextDay: number | null = null;
      for (let i = 0; i <= Math.min(j + 1, m - 1); i++) {
        const jitter = i === 0 ? 0 : jitterOf(a, i);
        const even = first + Math.floor((span * (i + jitter)) / m);
        const wanted = Math.max(even, (rowsOfOwner[i] as { day: number }).day, i === 0 ? first : prev + 1);
        const cut = Math.max(first, Math.min(wanted, LAST_DAY - (m - 1 - i)));
        if (i === j) startDay = cut;
        if (i === j + 1) nextDay = cut;
        prev = cut;
      }
      last = { startDay, nextDay };
      lastRow = row;
      return last;
    };
  }
  return (row) => {
    if (row === lastRow) return last;
    const p = permutation.apply(row);
    const a = Math.floor(p / ownerDivisor) % ownerRadix;
    const b = Math.floor(p / otherDivisor) % otherRadix;
    // The owner's rows in an order of their own: this row's place j of m.
    const mine = order(a, b);
    let m = 0;
    let j = 0;
    for (let x = 0; x < otherRadix; x++) {
      if (permutation.invert(a * ownerDivisor + x * otherDivisor) >= rows) continue;
      m++;
      const o = order(a, x);
      if (x !== b && (o < mine || (o === mine && x < b))) j++;
    }
    const first = firstDayOf(a, start?.(row, 'date'));
    const span = LAST_DAY - first;
    // Cut i of the owner's span: near i/m of it, moved by up to 0.3 of a period (so the cuts stay in order).
    const cut = (i: number) => (i === 0 ? first : first + Math.floor((span * (i + jitterOf(a, i))) / m));
    last = { startDay: cut(j), nextDay: j === m - 1 ? null : cut(j + 1) };
    lastRow = row;
    return last;
  };
}
