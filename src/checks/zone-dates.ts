/**
 * Version 26: a timestamptz column a CHECK reads as a date (`day =
 * created_at::date`, `created_at::date <= due`). Its date is the loading
 * session's TimeZone's, and neither pg_dump's output nor datagen's sets one:
 * pg_restore and psql load under the server's default (postgresql.conf's
 * `timezone`, or the client's PGTZ). No instant has one date in every zone
 * (UTC−12 to UTC+14 span 26 hours), so such a column's values are made
 * between 10:00 and 11:00 UTC (time-lattice.ts moves their hour), where
 * every zone from UTC−10 (Hawaii) to UTC+13 (New Zealand's summer, Tonga)
 * reads the UTC date, the one the evaluator computes.
 */
import { castTarget, child, lastName } from './expression-nodes.js';

/** The generator version from which such values are moved to that hour. */
export const ZONE_DATES_FROM = 26;
/** The UTC hour whose date the zones from UTC−10 to UTC+13 agree on. */
export const ZONE_SAFE_HOUR = 10;

/** `column::date` itself (`date(column)`, a call the evaluator does not read, is not). */
export function isDateOf(node: unknown, column: string): boolean {
  const cast = child(node, 'TypeCast');
  if (castTarget(cast?.typeName)?.name !== 'date') return false;
  return lastName(child(cast?.arg, 'ColumnRef')?.fields) === column;
}

/** Whether the expression reads `column` as a date anywhere in it. */
export function castsToDate(ast: unknown, column: string): boolean {
  if (ast === null || typeof ast !== 'object') return false;
  if (isDateOf(ast, column)) return true;
  return Object.values(ast).some((v) => castsToDate(v, column));
}
