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
