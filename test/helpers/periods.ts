/**
 * A history table's periods, per owner and by start, as the realism tests
 * count them (a history's periods follow one another without overlapping).
 */
import type { TestDatabase } from './database.js';

export interface PeriodCounts {
  /** Periods the owner's next one starts before they end. */
  readonly overlaps: number;
  /** Periods the owner's next one starts exactly where they end. */
  readonly chained: number;
  /** Periods with a next one. */
  readonly with_next: number;
  /** The owners' latest periods that do not end at 9999-01-01 (the employees sample's open end). */
  readonly unopened: number;
  /** Periods that end before they start. */
  readonly backwards: number;
  /** All rows. */
  readonly n: number;
}

export async function periodsOf(
  target: TestDatabase,
  table: string,
  owner: string,
  start = 'from_date',
  end = 'to_date',
): Promise<PeriodCounts> {
  const sql = `SELECT count(*) FILTER (WHERE nxt < ${end}) AS overlaps, count(*) FILTER (WHERE nxt = ${end}) AS chained,
      count(nxt) AS with_next, count(*) FILTER (WHERE nxt IS NULL AND ${end} IS DISTINCT FROM '9999-01-01') AS unopened,
      count(*) FILTER (WHERE ${end} < ${start}) AS backwards, count(*) AS n
    FROM (SELECT ${start}, ${end}, lead(${start}) OVER (PARTITION BY ${owner} ORDER BY ${start}) AS nxt FROM ${table}) x`;
  const row = (await target.query<Record<string, string>>(sql))[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as PeriodCounts;
}
