/**
 * Interval arithmetic as PostgreSQL's interval_mul and interval_div do it:
 * an interval is months (int32), days (int32) and microseconds (int64); a
 * factor (float8) applies to each, the fraction of the months cascading
 * down into days (30 a month) and of the days into microseconds (86400
 * seconds a day), never up. A part out of its range is PostgreSQL's
 * "interval out of range", dividing by zero its "division by zero": both
 * errors, so the row is refused.
 */
import { SqlRuntimeError } from './evaluation.js';
import type { SqlInterval } from './sql-value.js';

const DAYS_PER_MONTH = 30;
const SECS_PER_DAY = 86400;
const USECS_PER_SEC = 1e6;
const INT32_MIN = -2147483648;
/** -2^63, exact as a double. */
const INT64_MIN = -(2 ** 63);

/** PostgreSQL's TSROUND: to the microsecond. */
function tsRound(x: number): number {
  return roundEven(x * 1e6) / 1e6;
}

/** C's rint: to the nearest integer, ties to even. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function outOfRange(): never {
  throw new SqlRuntimeError('interval out of range');
}

/** FLOAT8_FITS_IN_INT32, then C's truncating conversion. */
function int32(x: number): number {
  if (Number.isNaN(x) || !(x >= INT32_MIN && x < -INT32_MIN)) outOfRange();
  return Math.trunc(x) + 0; // never -0
}

function addInt32(a: number, b: number): number {
  const r = a + b;
  if (r < INT32_MIN || r > -INT32_MIN - 1) outOfRange();
  return r;
}

/** The interval's time part in whole microseconds. */
function micros(v: SqlInterval): number {
  return Math.round(v.seconds * USECS_PER_SEC);
}

/**
 * `interval * factor` (`ratio` is the factor) or `interval / divisor` (`ratio` is 1 / divisor, computed as
 * PostgreSQL does: each part divided, not multiplied by the inverse).
 */
function scale(v: SqlInterval, apply: (x: number) => number): SqlInterval {
  const month = int32(apply(v.months));
  let day = int32(apply(v.days));
  const monthRemainderDays = tsRound((apply(v.months) - month) * DAYS_PER_MONTH);
  let secRemainder = tsRound(
    (apply(v.days) - day + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECS_PER_DAY,
  );
  if (Math.abs(secRemainder) >= SECS_PER_DAY) {
    day = addInt32(day, Math.trunc(secRemainder / SECS_PER_DAY));
    secRemainder -= Math.trunc(secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
  }
  day = addInt32(day, Math.trunc(monthRemainderDays));
  const time = roundEven(apply(micros(v)) + secRemainder * USECS_PER_SEC);
  if (Number.isNaN(time) || !(time >= INT64_MIN && time < -INT64_MIN)) outOfRange();
  return { kind: 'interval', months: month, days: day, seconds: time / USECS_PER_SEC };
}

/** `interval * number` (and `number * interval`): interval_mul. */
export function multiplyInterval(v: SqlInterval, factor: number): SqlInterval {
  return scale(v, (x) => x * factor);
}

/** `interval / number`: interval_div. */
export function divideInterval(v: SqlInterval, divisor: number): SqlInterval {
  if (divisor === 0) throw new SqlRuntimeError('division by zero');
  return scale(v, (x) => x / divisor);
}

/** `-interval`, `interval ± interval`: each part on its own, out of range an error. */
export function combineIntervals(a: SqlInterval, b: SqlInterval, sign: 1 | -1 | 0): SqlInterval {
  const time = (sign === 0 ? 0 : micros(a)) + (sign === 0 ? -1 : sign) * micros(b);
  if (!(time >= INT64_MIN && time < -INT64_MIN)) outOfRange();
  const part = (x: number, y: number) => addInt32(sign === 0 ? 0 : x, (sign === 0 ? -1 : sign) * y);
  return {
    kind: 'interval',
    months: part(a.months, b.months),
    days: part(a.days, b.days),
    seconds: time / USECS_PER_SEC,
  };
}
