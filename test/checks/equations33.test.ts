/**
 * Issue 8 (degrade, never sink), session 33: CHECK shapes real schemas use
 * that left tables empty or cut. At every version: to_char() is evaluated as
 * the server writes it, and `r <@ daterange(a, b)` (a range constructor's call
 * under <@ / @>). From version 26: a text column equal to to_char() of a date
 * or timestamp is computed, `extract(epoch from (b - a)) <= n` is the relation
 * `b - a <= n seconds`, a range column is made within the columns a CHECK
 * holds it in, and a timestamptz a CHECK casts to date is made where every
 * zone from UTC-10 to UTC+13 reads its UTC date. Each shape is loaded into
 * PostgreSQL with every constraint.
 */
import { loadModule } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryNumbers, useTestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { evaluateSql } from './check-fixture.js';

const ROWS = 200;

// evaluateSql parses with libpg-query's module.
beforeAll(async () => {
  await loadModule();
});
const V26 = { defaultRows: ROWS, seed: 33, generatorVersion: 26 } as const;

const SHAPES = `CREATE TABLE periods (id int PRIMARY KEY, created_at timestamptz NOT NULL, period text NOT NULL,
  d date NOT NULL, yr char(4) NOT NULL, CHECK (period = to_char(created_at, 'YYYY-MM')), CHECK (yr = to_char(d, 'YYYY')));
CREATE TABLE visits (id int PRIMARY KEY, at timestamp NOT NULL CHECK (to_char(at, 'HH24') > '08' AND to_char(at, 'HH24') < '17'),
  dob date NOT NULL CHECK (to_char(dob, 'DD.MM.YYYY') ~ '^\\d{2}\\.\\d{2}\\.\\d{4}$'));
CREATE TABLE durations (id int PRIMARY KEY, starts timestamptz NOT NULL, ends timestamptz NOT NULL,
  CHECK (extract(epoch FROM (ends - starts)) <= 86400), CHECK (ends > starts),
  CHECK (extract(epoch FROM (ends - starts)) / 60 >= 30));
CREATE TABLE contracts (id int PRIMARY KEY, start_date date NOT NULL, end_date date NOT NULL, period daterange NOT NULL,
  CHECK (start_date < end_date), CHECK (lower(period) >= start_date AND upper(period) <= end_date));
CREATE TABLE stays (id int PRIMARY KEY, a date NOT NULL, b date NOT NULL, p daterange NOT NULL, CHECK (a < b),
  CHECK (p <@ daterange(a, b)));
CREATE TABLE bookings (id int PRIMARY KEY, starts timestamptz NOT NULL, ends timestamptz NOT NULL, slot tstzrange NOT NULL,
  CHECK (starts < ends), CHECK (tstzrange(starts, ends, '[]') @> slot));
CREATE TABLE days (id int PRIMARY KEY, created_at timestamptz NOT NULL, day date NOT NULL, CHECK (day = created_at::date));
`;

/** The load's sessions take this TimeZone (the output sets none): the server's default, here New Zealand's. */
const AUCKLAND = `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Pacific/Auckland'); END $$`;

describe('version 26: to_char, epoch differences, ranges within columns and dates of a timestamptz are met', () => {
  const db = useTestDatabase('shapes33');

  it('every table gets its rows, loaded under a TimeZone of UTC+12/13', async () => {
    const { target, counts, result } = await loadGenerated(db, SHAPES, V26, AUCKLAND);
    for (const t of ['periods', 'visits', 'durations', 'contracts', 'stays', 'bookings', 'days'])
      expect(counts.get(`public.${t}`), t).toBe(ROWS);
    expect(result.warnings).toEqual([]);
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(DISTINCT period) FROM periods) AS periods,
        (SELECT count(DISTINCT extract(hour FROM at)) FROM visits) AS hours,
        (SELECT max(extract(epoch FROM ends - starts)) FROM durations) AS longest,
        (SELECT min(extract(epoch FROM ends - starts)) FROM durations) AS shortest,
        (SELECT count(DISTINCT ends - starts) FROM durations) AS gaps,
        (SELECT count(DISTINCT period) FROM contracts) AS ranges,
        (SELECT count(*) FROM days WHERE day <> (created_at AT TIME ZONE 'Pacific/Honolulu')::date) AS honolulu,
        (SELECT count(DISTINCT day) FROM days) AS dates`,
    );
    expect(n.periods).toBeGreaterThan(20);
    expect(n.hours).toBe(8);
    expect(n.longest).toBeLessThanOrEqual(86400);
    expect(n.shortest).toBeGreaterThanOrEqual(1800);
    expect(n.gaps).toBeGreaterThan(ROWS / 2);
    expect(n.ranges).toBeGreaterThan(ROWS / 2);
    expect(n.honolulu).toBe(0);
    expect(n.dates).toBeGreaterThan(ROWS / 2);
  });

  it('version 25: to_char and a range constructor are read (visits filled), the rest as before', async () => {
    const tables = ['visits', 'durations', 'stays', 'days'];
    const ddl = SHAPES.split(/\n(?=CREATE)/)
      .filter((t) => tables.some((name) => t.startsWith(`CREATE TABLE ${name} `)))
      .join('\n');
    const { counts } = await loadGenerated(db, ddl, { ...V26, generatorVersion: 25 });
    expect(counts.get('public.visits')).toBe(ROWS);
    for (const t of ['durations', 'days']) expect(counts.get(`public.${t}`) ?? 0, t).toBe(0);
    // Cut at the first row whose every attempt failed.
    expect(counts.get('public.stays') ?? 0).toBeLessThan(ROWS / 2);
  });

  it('to_char computes what the server writes', async () => {
    const values = [
      "date '2024-03-05'",
      "timestamp '2024-12-31 23:59:58'",
      "timestamp '0999-07-04 12:00:00'",
      "timestamp '2023-06-18 13:45:00'",
    ];
    const formats = [
      'YYYY-MM',
      'YY',
      'FMDD',
      'HH24:MI:SS',
      'HH12 AM',
      'Mon',
      'MONTH',
      'FMMonth',
      'Dy',
      'day',
      'Q',
      'D',
      'DDD',
      'Y,YYY',
      'mm/dd',
      'YYYY"T"HH24',
    ];
    const numbers = ['0', '7', '-5', '1234', '0.5', '-12.355'];
    const numberFormats = ['999', '000', 'FM00000', '9.99', 'FM9.99', '0.99', '9,999', 'FM9,999.00', '.99'];
    const cases = [
      ...values.flatMap((v) => formats.map((f) => `to_char(${v}, '${f}')`)),
      ...numbers.flatMap((v) => numberFormats.map((f) => `to_char(${v}, '${f}')`)),
    ];
    const [row] = await db.query<{ v: string[] }>(`SELECT ARRAY[${cases.join(', ')}] AS v`);
    expect(cases.map((sql) => [sql, evaluateSql(sql)])).toEqual(cases.map((sql, i) => [sql, row?.v[i]]));
    // A timestamptz: its year and month where every zone agrees; anything else not read.
    expect(evaluateSql("to_char(timestamptz '2024-03-15 10:00+00', 'YYYY-MM')")).toBe('2024-03');
    for (const sql of [
      "to_char(timestamptz '2024-03-01 02:00+00', 'YYYY-MM')",
      "to_char(timestamptz '2024-03-15 10:00+00', 'DD')",
      "to_char(date '2024-03-15', 'IW')",
    ])
      expect(() => evaluateSql(sql), sql).toThrow(/TimeZone|pattern/);
  });

  it('range containment of a constructor computes what the server does', async () => {
    const cases = [
      "daterange('2024-01-01', '2024-02-01') <@ daterange('2023-12-31', '2024-02-01')",
      "daterange('2024-01-01', '2024-02-01') <@ daterange('2024-01-02', '2024-03-01')",
      "daterange('2024-01-01', '2024-02-01', '[]') <@ daterange('2024-01-01', '2024-02-01')",
      "tstzrange('2024-01-01 00:00+00', '2024-01-02 00:00+00', '[]') @> tstzrange('2024-01-01 00:00+00', '2024-01-02 00:00+00')",
      "int4range(1, 5) @> int4range(2, 5, '[]')",
    ];
    const [row] = await db.query<{ v: boolean[] }>(`SELECT ARRAY[${cases.join(', ')}] AS v`);
    expect(cases.map((sql) => [sql, evaluateSql(sql)])).toEqual(cases.map((sql, i) => [sql, row?.v[i]]));
  });
});
