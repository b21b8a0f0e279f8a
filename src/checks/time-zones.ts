/**
 * `timezone(zone, t)`, which `t AT TIME ZONE zone` is: a timestamptz read as
 * the zone's wall clock (a timestamp), or a timestamp read as the zone's wall
 * clock (a timestamptz). PostgreSQL refuses a zone it does not know, so
 * `CHECK (tz IS NULL OR now() AT TIME ZONE tz IS NOT NULL)` (ListenBrainz's
 * user_setting) says tz names a time zone.
 *
 * A zone's offset comes from the IANA time zone database Node's Intl holds,
 * the data PostgreSQL's own copy is made from. Only names of letters, `_`, `-`
 * and `/` that Intl knows are read (`Europe/Berlin`, `utc`, `America/Port-au-Prince`):
 * POSIX offsets (`UTC+3`, `<+05>-5`) and abbreviations Intl lacks are not
 * evaluable, as is an hour a change of clocks makes ambiguous.
 */
import { NotEvaluableError } from './evaluation.js';
import { isTime, type SqlValue } from './sql-value.js';

/**
 * Zone names a CHECK that a column names a zone gives it (compile-formula.ts): zones of every
 * continent, each in PostgreSQL's pg_timezone_names.
 */
export const ZONE_NAMES: readonly string[] = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Istanbul',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Africa/Cairo',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Asia/Dubai',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** A zone name of the kind read here (no digits, signs or spaces). */
const ZONE_NAME = /^[A-Za-z]+(?:[_/-][A-Za-z]+)*$/;

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Intl's formatter of the zone's offsets, or null when it does not know the zone. */
function formatterOf(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = ZONE_NAME.test(zone)
        ? new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
        : null;
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC in seconds at an instant (seconds since the epoch). */
function offsetAt(zone: string, format: Intl.DateTimeFormat, seconds: number): number {
  let text: string | undefined;
  try {
    text = format.formatToParts(seconds * 1000).find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    throw new NotEvaluableError(`a time in zone ${zone} past the dates Intl reads`);
  }
  const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text ?? '');
  if (m === null) throw new NotEvaluableError(`the offset of time zone ${zone}`);
  const [, sign = '+', h = '0', min = '0', s = '0'] = m;
  return (sign === '-' ? -1 : 1) * (Number(h) * 3600 + Number(min) * 60 + Number(s));
}

/** `timezone(zone, t)`: a timestamptz as the zone's wall clock, or a timestamp from it; NULL for NULL. */
export function timezone(args: SqlValue[]): SqlValue {
  const [zone, t] = args;
  if (zone === null || zone === undefined || t === null || t === undefined) return null;
  if (typeof zone !== 'string' || !isTime(t) || t.type === 'time' || t.type === 'date')
    throw new NotEvaluableError('timezone() of these values');
  const format = formatterOf(zone);
  if (format === null) throw new NotEvaluableError(`time zone ${zone}`);
  if (t.type === 'timestamptz')
    return { kind: 'time', type: 'timestamp', seconds: t.seconds + offsetAt(zone, format, t.seconds) };
  // A wall-clock time: the instant whose offset gives it back, when exactly one does.
  const guess = offsetAt(zone, format, t.seconds);
  const offset = offsetAt(zone, format, t.seconds - guess);
  if (offsetAt(zone, format, t.seconds - offset) !== offset)
    throw new NotEvaluableError(`a wall-clock time in zone ${zone} its change of clocks makes ambiguous`);
  return { kind: 'time', type: 'timestamptz', seconds: t.seconds - offset };
}
