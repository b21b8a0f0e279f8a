/**
 * A timestamptz plus days or months is computed by PostgreSQL in the session's
 * TimeZone (`'2021-03-27 10:00+00' + interval '1 day'` is 23 hours later in
 * Europe/Berlin), and neither pg_dump's output nor datagen's sets one: the
 * loading session's (its server's `timezone`, or the client's PGTZ). The
 * evaluator adds them in UTC and marks the result with the seconds it may lie
 * off in some zone (`SqlTime.zoneSlack`): an hour where a daylight-saving
 * change of a zone below falls between the two instants, a day for months
 * added near a month's end (the local day may be another); a comparison that
 * slack could turn is not shown to hold (sql-value.ts' compareValues).
 */
import { SECONDS_PER_DAY } from './calendar.js';
import { SqlRuntimeError } from './evaluation.js';
import type { SqlTime } from './sql-value.js';

/** Zones whose daylight-saving changes fall on different dates: the US, Europe, Brazil, Australia, New Zealand, Chile, Israel, Iran, Egypt, Paraguay, Mexico. */
const ZONES = [
  'America/New_York',
  'Europe/London',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Santiago',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Africa/Cairo',
  'America/Asuncion',
  'America/Mexico_City',
];

const WEEK = 7 * SECONDS_PER_DAY;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset, in minutes, at an instant (seconds since 1970). */
function offsetAt(zone: string, seconds: number): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(seconds * 1000).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** By UTC year: the instants (seconds from 1970, to the minute) at which some zone's offset changes. */
const changes = new Map<number, readonly number[]>();

/** The first minute in (lo, hi] at which the zone's offset is no longer `before`'s. */
function changeIn(zone: string, lo: number, hi: number, before: number): number {
  let [a, b] = [lo, hi];
  while (b - a > 60) {
    const mid = a + Math.floor((b - a) / 120) * 60;
    if (offsetAt(zone, mid) === before) a = mid;
    else b = mid;
  }
  return b;
}

/** The instants in a year at which a zone's offset changes: weeks sampled, then the change found within. */
function changesOf(year: number): readonly number[] {
  const known = changes.get(year);
  if (known) return known;
  const start = Date.UTC(year, 0, 1) / 1000;
  const end = Date.UTC(year + 1, 0, 1) / 1000;
  const found: number[] = [];
  for (const zone of ZONES) {
    let before = offsetAt(zone, start);
    for (let week = start; week < end; week += WEEK) {
      const to = Math.min(week + WEEK, end);
      const after = offsetAt(zone, to);
      if (after !== before) found.push(changeIn(zone, week, to, before));
      before = after;
    }
  }
  const sorted = found.sort((a, b) => a - b);
  changes.set(year, sorted);
  return sorted;
}

/** Whether some zone's offset changes between two instants. */
function crossesChange(a: number, b: number): boolean {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const y0 = new Date(lo * 1000).getUTCFullYear();
  const y1 = new Date(hi * 1000).getUTCFullYear();
  // Over years, every zone above changes; spans of years cross one.
  if (y1 - y0 > 1) return true;
  for (let y = y0; y <= y1; y++) if (changesOf(y).some((c) => c > lo - 60 && c <= hi + 60)) return true;
  return false;
}

/**
 * The seconds `from + interval` (days, months) may lie off its UTC sum `to` in some session TimeZone: an
 * hour across a daylight-saving change, a day more for months added from a day near a month's end.
 */
function zoneSlack(from: number, to: number, months: number): number {
  let slack = crossesChange(from, to) ? 3600 : 0;
  if (months !== 0) {
    const day = new Date(from * 1000).getUTCDate();
    if (day >= 28 || day === 1) slack += SECONDS_PER_DAY;
  }
  return slack;
}

/** `sum` (of `t` and an interval of these months and days) marked with the slack a timestamptz's gets. */
export function withZoneSlack(t: SqlTime, sum: SqlTime, months: number, days: number): SqlTime {
  const slack =
    t.type === 'timestamptz' && (months !== 0 || days !== 0)
      ? (t.zoneSlack ?? 0) + zoneSlack(t.seconds, sum.seconds, months)
      : t.zoneSlack;
  return slack ? { ...sum, zoneSlack: slack } : sum;
}

/** Two time points in order; one a timestamptz ± days or months whose zone slack could turn it: not shown. */
export function compareTimes(x: SqlTime, y: SqlTime): number {
  const slack = (x.zoneSlack ?? 0) + (y.zoneSlack ?? 0);
  if (slack > 0 && Math.abs(x.seconds - y.seconds) <= slack)
    throw new SqlRuntimeError(
      'a timestamptz plus days or months, whose value depends on the loading TimeZone',
    );
  return x.seconds === y.seconds ? 0 : x.seconds < y.seconds ? -1 : 1;
}
