/**
 * The fields of ISO date/time text checked as PostgreSQL's datetime input
 * checks them: a month past 12, a day its month lacks (February 30; the 29th
 * outside leap years), year 0, an hour past 24 (24 only as 24:00:00), a
 * minute past 59, a second past 60, a UTC offset past ±15:59. Such text has
 * the shape of a date, so the shape readers take it, but the server refuses
 * it: in a DDL constant (the statement fails) and in a configured value (the
 * COPY row fails).
 */

const DATE_TIME =
  /^\s*(\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?)?\s*(?:Z|[+-](\d{1,2})(?::?(\d{2}))?)?\s*$/i;
const TIME = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?\s*(?:Z|[+-](\d{1,2})(?::?(\d{2}))?)?\s*$/i;

function leapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * PostgreSQL's complaint about the time fields and offset (strings of digits, absent ones undefined): a
 * field past its range, or a time of day past 24:00:00 (the fraction read to microseconds, as the server
 * rounds it: 23:59:60 is 24:00:00, 23:59:60.5 is refused).
 */
function timeProblem(
  fields: readonly (string | undefined)[],
  zone: readonly (string | undefined)[],
): string | undefined {
  const [hour = 0, minute = 0, second = 0] = fields.slice(0, 3).map((f) => Number(f ?? 0));
  const micros = Math.round(Number(fields[3] ?? 0) * 1e6);
  const total = ((hour * 60 + minute) * 60 + second) * 1e6 + micros;
  if (hour > 24 || minute > 59 || second > 60 || total > 86_400 * 1e6)
    return 'date/time field value out of range';
  const [zoneHours = 0, zoneMinutes = 0] = zone.map((f) => Number(f ?? 0));
  if (zoneHours > 15 || zoneMinutes > 59) return 'time zone displacement out of range';
  return undefined;
}

/**
 * PostgreSQL's complaint about ISO date/time text whose fields are out of
 * range (`date/time field value out of range`, `time zone displacement out
 * of range`), or undefined: for text of another shape too (that is for the
 * shape's readers to judge). `time` reads a bare time of day as well.
 */
export function dateTimeFieldProblem(text: string, time = false): string | undefined {
  const m = DATE_TIME.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = month === 2 && leapYear(year) ? 29 : MONTH_DAYS[month - 1];
    if (year === 0 || days === undefined || day < 1 || day > days)
      return 'date/time field value out of range';
    return timeProblem([m[4], m[5], m[6], m[7]], [m[8], m[9]]);
  }
  const t = time ? TIME.exec(text) : null;
  return t ? timeProblem([t[1], t[2], t[3], t[4]], [t[5], t[6]]) : undefined;
}

/** `2026-01-01`, `2026-01-01T12:30[:00[.5]]` (T or a space), then `Z` or `±HH[[:]MM]`. */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/** The last second of year 9999: an instant's latest (ISO 8601's four-digit years). */
const LATEST_SECONDS = 253_402_300_799;
/** 0001-01-01 00:00:00 UTC, the earliest. */
const EARLIEST_SECONDS = -62_135_596_800;

/**
 * The instant `text` names, strictly: seconds since 1970 (digits), or ISO 8601 as above, its fields in
 * PostgreSQL's ranges and its year 1-9999; without an offset, UTC, so the output never depends on the
 * machine's TZ (JavaScript's Date reads `2026-01-01 00:00` as local time, `2026-02-30` as March 2 and
 * `March 7` as 2001). Undefined for anything else.
 */
export function parseInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return seconds <= LATEST_SECONDS ? new Date(seconds * 1000) : undefined;
  }
  const m = INSTANT.exec(trimmed);
  if (m === null || dateTimeFieldProblem(trimmed) !== undefined) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Math.round(Number(m[7] ?? 0) * 1000);
  const offset = (m[9] === '-' ? -1 : 1) * (Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offset, second, millis);
  const seconds = utc.getTime() / 1000;
  return seconds >= EARLIEST_SECONDS && seconds < LATEST_SECONDS + 1 ? utc : undefined;
}
