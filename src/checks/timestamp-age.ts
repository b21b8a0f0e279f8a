/**
 * `age(a, b)` and `age(a)` as PostgreSQL's timestamp_age computes them: the
 * "symbolic" difference in years, months and days (then hours, minutes and
 * seconds), each field of the later value less the earlier's, negative
 * fields borrowed from the next larger one (a month's days from the month
 * of the earlier value), so `age('2026-01-01', '2008-01-01')` is exactly
 * `18 years` and `age('2026-01-01', '2008-01-02')` is `17 years 11 mons 30
 * days`. `age(a)` is `age(current_date, a)` (midnight of the reference day).
 *
 * A date or timestamp argument is read as it is (a date's midnight and the
 * reference day's midnight break down to the same calendar in any zone); a
 * timestamptz one would be broken down in the session's time zone, which
 * neither pg_dump's output nor datagen's sets: not read.
 */
import { civilPacked, daysInMonth, SECONDS_PER_DAY } from './calendar.js';
import { NotEvaluableError } from './evaluation.js';
import { isTime, type SqlInterval, type SqlTime, type SqlValue } from './sql-value.js';

/** A value's calendar fields (month 1-12; seconds of the day with their fraction). */
function fields(t: SqlTime): { year: number; month: number; day: number; seconds: number } {
  if (t.type === 'timestamptz')
    throw new NotEvaluableError('age() of a timestamptz (read in the session time zone)');
  if (t.type === 'time') throw new NotEvaluableError('age() of a time');
  const days = Math.floor(t.seconds / SECONDS_PER_DAY);
  const packed = civilPacked(days);
  const year = Math.floor(packed / 10000);
  const md = packed - year * 10000;
  return { year, month: Math.floor(md / 100), day: md % 100, seconds: t.seconds - days * SECONDS_PER_DAY };
}

/** timestamp_age(a, b). */
export function timestampAge(a: SqlTime, b: SqlTime): SqlInterval {
  const f1 = fields(a);
  const f2 = fields(b);
  const flip = a.seconds < b.seconds ? -1 : 1;
  let seconds = flip * (f1.seconds - f2.seconds);
  let day = flip * (f1.day - f2.day);
  let month = flip * (f1.month - f2.month);
  let year = flip * (f1.year - f2.year);
  while (seconds < 0) {
    seconds += SECONDS_PER_DAY;
    day--;
  }
  const from = flip < 0 ? f1 : f2;
  while (day < 0) {
    day += daysInMonth(from.year, from.month);
    month--;
  }
  while (month < 0) {
    month += 12;
    year--;
  }
  return { kind: 'interval', months: flip * (year * 12 + month), days: flip * day, seconds: flip * seconds };
}

/** `age(a [, b])` over evaluated arguments; `today` the reference day's midnight (seconds). */
export function ageOf(args: readonly SqlValue[], today: number): SqlValue {
  if (args.some((v) => v === null)) return null;
  const [a, b] = args;
  const later: SqlValue =
    b === undefined ? { kind: 'time', type: 'timestamp', seconds: today } : (a as SqlValue);
  const earlier = b === undefined ? a : b;
  if (!isTime(later) || !isTime(earlier ?? null))
    throw new NotEvaluableError('age() of a non-timestamp value');
  return timestampAge(later, earlier as SqlTime);
}
