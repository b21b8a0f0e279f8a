/**
 * Fields of dates, timestamps and intervals as EXTRACT/date_part give them,
 * date_trunc's truncation, make_date, and which of them a timestamptz
 * holds the same in every session TimeZone (the output never sets one).
 */
import { daysFromCivil, daysInMonth, SECONDS_PER_DAY, ZONE_REACH } from './calendar.js';
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import type { SqlInterval, SqlTime, SqlValue } from './sql-value.js';

function timeField(field: string, v: SqlTime): number {
  const seconds = v.seconds;
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const date = new Date(day * SECONDS_PER_DAY * 1000);
  const within = seconds - day * SECONDS_PER_DAY;
  switch (field.toLowerCase()) {
    case 'year':
      return date.getUTCFullYear();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'day':
      return date.getUTCDate();
    case 'dow':
      return date.getUTCDay();
    case 'isodow':
      return date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    case 'doy':
      return day - Math.floor(Date.UTC(date.getUTCFullYear(), 0, 1) / 86400000) + 1;
    case 'hour':
      return Math.floor(within / 3600);
    case 'minute':
      return Math.floor((within % 3600) / 60);
    case 'second':
      return within % 60;
    case 'epoch':
      return seconds;
    default:
      throw new NotEvaluableError(`extract(${field})`);
  }
}

/** date_trunc(field, timestamp): the seconds since 1970 cut to the start of the field's unit. */
export function truncateTime(field: string, seconds: number): number {
  const date = new Date(Math.floor(seconds) * 1000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const startOf = (year: number, month = 0, day = 1) => Date.UTC(year, month, day) / 1000;
  switch (field.toLowerCase()) {
    case 'microseconds':
    case 'milliseconds':
      return seconds;
    case 'second':
      return Math.floor(seconds);
    case 'minute':
      return Math.floor(seconds / 60) * 60;
    case 'hour':
      return Math.floor(seconds / 3600) * 3600;
    case 'day':
      return Math.floor(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    case 'week': {
      const day = Math.floor(seconds / SECONDS_PER_DAY);
      return (day - ((date.getUTCDay() + 6) % 7)) * SECONDS_PER_DAY;
    }
    case 'month':
      return startOf(y, m);
    case 'quarter':
      return startOf(y, m - (m % 3));
    case 'year':
      return startOf(y);
    default:
      throw new NotEvaluableError(`date_trunc(${field})`);
  }
}

/** Time zone names that are UTC whatever the session's setting. */
export const UTC_NAMES = new Set([
  'utc',
  'etc/utc',
  'gmt',
  'etc/gmt',
  'z',
  'zulu',
  'universal',
  'etc/universal',
]);

/**
 * Fields of a timestamptz whose value is the same in every session TimeZone
 * (every zone's offset is a whole number of minutes since 1972): the epoch,
 * seconds and below, and truncation to the minute. Others depend on the
 * loading session's TimeZone, which the output does not set: not evaluable.
 */
const ZONE_FREE_FIELDS = new Set(['epoch', 'second', 'seconds', 'milliseconds', 'microseconds', 'minute']);

export function zoneFreeField(field: string, t: SqlTime, what: string): string {
  const f = field.toLowerCase();
  if (t.type !== 'timestamptz' || (ZONE_FREE_FIELDS.has(f) && (f !== 'minute' || what === 'date_trunc')))
    return field;
  throw new NotEvaluableError(
    `${what}('${field}') of a timestamptz depends on the loading session's TimeZone`,
  );
}

/** Fields that change only at a local month's start: the same in every zone but within 16 hours of one. */
const MONTH_FIELDS = new Set(['year', 'month']);

/**
 * EXTRACT/date_part of a timestamptz: the year or month read in the two farthest zones (16 hours either side
 * of UTC) is the value in every session TimeZone when they agree, as it changes only once between them;
 * otherwise (a value near a month's start, or any field that changes daily or faster: the 32 hours between
 * those zones always hold a local midnight) not evaluable for this value, so its row is made again.
 */
export function zonedField(field: string, t: SqlTime, what: string): number {
  const f = field.toLowerCase();
  if (t.type !== 'timestamptz' || !MONTH_FIELDS.has(f)) return timeField(zoneFreeField(field, t, what), t);
  const west = timeField(f, { ...t, seconds: t.seconds - ZONE_REACH });
  if (west === timeField(f, { ...t, seconds: t.seconds + ZONE_REACH })) return west;
  throw new NotEvaluableError(
    `${what}('${field}') of this timestamptz depends on the loading session's TimeZone`,
  );
}

/** make_date(year, month, day): a date, or PostgreSQL's error for a day no calendar has (year 0, month 13, 30 February). */
export function makeDate(year: number | null, month: number | null, day: number | null): SqlValue {
  const [y, m, d] = [year as number, month as number, day as number];
  if (![y, m, d].every(Number.isInteger)) throw new NotEvaluableError('make_date of fractions');
  const year1 = y < 0 ? y + 1 : y; // year -1 is 1 BC: astronomical year 0
  const inMonth = m >= 1 && m <= 12 ? daysInMonth(year1, m) : 0;
  if (y === 0 || d < 1 || d > inMonth)
    throw new SqlRuntimeError(`date field value out of range: ${y}-${m}-${d}`);
  return { kind: 'time', type: 'date', seconds: daysFromCivil(year1, m, d) * SECONDS_PER_DAY };
}

/** A field of an interval as EXTRACT gives it (the time part's hours are not wrapped at 24). */
export function intervalField(field: string, v: SqlInterval): number {
  const secs = v.seconds;
  const whole = Math.trunc(secs);
  switch (field.toLowerCase()) {
    case 'epoch':
      return (
        365.25 * 86400 * Math.trunc(v.months / 12) + 30 * 86400 * (v.months % 12) + 86400 * v.days + secs
      );
    case 'millisecond':
    case 'milliseconds':
      return (secs % 60) * 1000;
    case 'microsecond':
    case 'microseconds':
      return (secs % 60) * 1_000_000;
    case 'second':
    case 'seconds':
      return secs % 60;
    case 'minute':
    case 'minutes':
      return Math.trunc(whole / 60) % 60;
    case 'hour':
    case 'hours':
      return Math.trunc(whole / 3600);
    case 'day':
    case 'days':
      return v.days;
    case 'month':
    case 'months':
      return v.months % 12;
    case 'year':
    case 'years':
      return Math.trunc(v.months / 12);
    default:
      throw new NotEvaluableError(`extract ${field} from an interval`);
  }
}
