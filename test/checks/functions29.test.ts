/**
 * Functions a CHECK uses that the evaluator read as unknown, so the table
 * got no rows: age() (a birth date 18 years back), regexp_replace() (a slug
 * or a digits-only phone), and EXTRACT of the year or month of a
 * timestamptz (`EXTRACT(YEAR FROM created_at) >= 2000`), which depends on
 * the loading session's TimeZone only near a month's start. Each is compared
 * with what the real server computes, then generated and loaded with every
 * CHECK in place.
 */
import { loadModule } from 'libpg-query';
import { beforeAll, describe, expect, test } from 'vitest';
import { NotEvaluableError } from '../../src/checks/evaluation.js';
import { isInterval, type SqlValue } from '../../src/checks/sql-value.js';
import { useTestDatabase } from '../helpers/database.js';
import { count, evaluateSql, generateAndLoad } from './check-fixture.js';

const db = useTestDatabase('fn29');
/** The evaluator's now(): 2026-01-01 15:30 UTC, so current_date is 2026-01-01. */
const NOW = Date.UTC(2026, 0, 1, 15, 30) / 1000;

beforeAll(async () => {
  await loadModule();
});

const evaluate = (sql: string): SqlValue => evaluateSql(sql, NOW);

/** The server's months, days and seconds of an interval expression (age's fields, unjustified). */
async function serverInterval(sql: string): Promise<{ months: number; days: number; seconds: number }> {
  const rows = await db.query<{ m: string; d: string; s: string }>(
    `SELECT extract(year FROM e) * 12 + extract(month FROM e) AS m, extract(day FROM e) AS d,
            extract(hour FROM e) * 3600 + extract(minute FROM e) * 60 + extract(second FROM e) AS s
       FROM (SELECT ${sql} AS e) x`,
  );
  return { months: Number(rows[0]?.m), days: Number(rows[0]?.d), seconds: Number(rows[0]?.s) };
}

describe('age(), regexp_replace() and EXTRACT of a timestamptz: the server’s values', () => {
  test('age(a, b) borrows as timestamp_age does: month ends, leap years, a later b (negative), times of day', async () => {
    const pairs = [
      ["'2026-01-01'::date", "'2008-01-01'::date"],
      ["'2026-01-01'::date", "'2008-01-02'::date"],
      ["'2024-03-31'::timestamp", "'2024-02-29 12:00'::timestamp"],
      ["'2023-03-01'::date", "'2020-02-29'::date"],
      ["'2026-05-31 08:00'::timestamp", "'2026-04-30 09:15:30'::timestamp"],
      ["'2000-01-01'::timestamp", "'2026-03-15 10:00'::timestamp"],
      ["'2019-12-31'::date", "'2020-01-31'::date"],
    ];
    for (const [a, b] of pairs) {
      const sql = `age(${a}, ${b})`;
      const ours = evaluate(sql);
      expect(isInterval(ours), sql).toBe(true);
      const { months, days, seconds } = ours as { months: number; days: number; seconds: number };
      expect({ sql, months, days, seconds }).toEqual({ sql, ...(await serverInterval(sql)) });
    }
  });

  test("age(a) is age from the reference day's midnight; a timestamptz argument is not read (the session's zone)", async () => {
    const ours = evaluate("age('2008-01-02'::date)") as { months: number; days: number };
    expect(ours).toEqual(expect.objectContaining({ months: 215, days: 30, seconds: 0 }));
    expect(await serverInterval("age('2026-01-01'::date, '2008-01-02'::date)")).toEqual({
      months: 215,
      days: 30,
      seconds: 0,
    });
    // Compared as PostgreSQL compares intervals (a month is 30 days): 17 years 11 months 30 days is 18 years.
    for (const birth of ['2008-01-01', '2008-01-02', '2008-01-03', '2007-12-31']) {
      const rows = await db.query<{ v: boolean }>(
        `SELECT age('2026-01-01'::date, '${birth}'::date) >= interval '18 years' AS v`,
      );
      expect({ birth, adult: evaluate(`age('${birth}'::date) >= interval '18 years'`) }).toEqual({
        birth,
        adult: rows[0]?.v,
      });
    }
    expect(() => evaluate("age('2008-01-02 10:00+00'::timestamptz)")).toThrow(NotEvaluableError);
  });

  test('regexp_replace: first match or every one (g), case-insensitive (i), \\1 \\& \\\\ in the replacement, $ as itself', async () => {
    const cases = [
      "regexp_replace('Hello World, Again!', '[^a-zA-Z0-9]+', '-', 'g')",
      "regexp_replace('Hello World, Again!', '[^a-zA-Z0-9]+', '-')",
      "regexp_replace('abc abc', '(b)(c)', '[\\2\\1\\&\\\\$1]', 'g')",
      "regexp_replace('ABC abc', 'b', 'x', 'gi')",
      "regexp_replace('(555) 010-2030', '[^0-9]', '', 'g')",
      "lower(regexp_replace('  Über Größe  ', '\\s+', '-', 'g'))",
      "regexp_replace('a.b.c', '\\.', '', 'g')",
    ];
    for (const sql of cases) {
      const rows = await db.query<{ v: string }>(`SELECT ${sql} AS v`);
      expect({ sql, value: evaluate(sql) }).toEqual({ sql, value: rows[0]?.v });
    }
    expect(evaluate("regexp_replace(NULL, 'a', 'b')")).toBe(null);
    expect(() => evaluate("regexp_replace('a', 'a', 'b', 'x')")).toThrow(NotEvaluableError);
  });

  test('EXTRACT(year/month) of a timestamptz: read where every TimeZone agrees, as the server gives it in the farthest zones', async () => {
    const fields = ['year', 'month'];
    const far = ["'2025-06-15 12:00+00'", "'1999-03-03 11:00+00'", "'2024-02-14 12:30+00'"];
    for (const t of far)
      for (const field of fields) {
        const sql = `extract(${field} FROM ${t}::timestamptz)`;
        const ours = evaluate(sql);
        for (const zone of ['Etc/GMT+12', 'UTC', 'Pacific/Kiritimati', 'Asia/Kolkata']) {
          // In a session of that TimeZone the field is the one of the local time there.
          const rows = await db.query<{ v: string }>(
            `SELECT extract(${field} FROM (${t}::timestamptz AT TIME ZONE '${zone}'))::float8 AS v`,
          );
          expect({ sql, zone, value: ours }).toEqual({ sql, zone, value: Number(rows[0]?.v) });
        }
      }
    // Near a month's start some zone sees the month before or after: not read for that value (its row is made
    // again); a field that changes daily differs between the farthest zones for every value.
    for (const t of ["'2025-12-31 20:00+00'", "'2026-01-01 03:00+00'", "'2025-06-30 23:30+00'"])
      expect(() => evaluate(`extract(month FROM ${t}::timestamptz)`)).toThrow(NotEvaluableError);
    for (const field of ['day', 'dow', 'doy'])
      expect(() => evaluate(`extract(${field} FROM '2025-06-15 12:00+00'::timestamptz)`)).toThrow(
        NotEvaluableError,
      );
    expect(() => evaluate("extract(hour FROM '2025-06-15 12:00+00'::timestamptz)")).toThrow(
      NotEvaluableError,
    );
  });
});

describe('tables under those CHECKs get their rows and load', () => {
  test('age(birth) >= 18 years, a digits-only phone by regexp_replace, EXTRACT(YEAR FROM a timestamptz) >= 2000', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE member (
        id serial PRIMARY KEY,
        birth date NOT NULL CHECK (age(birth) >= interval '18 years'),
        phone text NOT NULL CHECK (regexp_replace(phone, '[^0-9]', '', 'g') <> ''),
        handle text NOT NULL CHECK (regexp_replace(handle, '[a-z]', '', 'gi') = ''),
        created_at timestamptz NOT NULL CHECK (EXTRACT(YEAR FROM created_at) >= 2000),
        joined_month int CHECK (date_part('month', created_at) BETWEEN 1 AND 12)
      );`,
      { rows: 1000 },
    );
    expect(await count(db, 'SELECT count(*) AS n FROM member')).toBe(1000);
    expect(await count(db, "SELECT count(*) AS n FROM member WHERE age(birth) < interval '18 years'")).toBe(
      0,
    );
    expect(await count(db, 'SELECT count(DISTINCT birth) AS n FROM member')).toBeGreaterThan(500);
  });
});
