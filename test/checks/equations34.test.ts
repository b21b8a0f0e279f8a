/**
 * Issue 8 (degrade, never sink), session 34: CHECK shapes real schemas use
 * that left tables empty. From version 27: a UNIQUE text computed from a
 * unique integer key (`code = 'INV-' || to_char(id, 'FM00000')`, `'C' ||
 * id::text`, `lpad(id::text, 6, '0')`) is unique as the key is, and a time
 * difference fixed by a CHECK (`extract(epoch from (ends_at - starts_at)) =
 * duration_minutes * 60`, `(b - a) = make_interval(mins => n)`, `b = a + n *
 * interval '1 minute'`) is computed in order. At every version lpad/rpad and
 * make_interval are evaluated as the server computes them. Each shape is
 * loaded into PostgreSQL with every constraint.
 */
import { loadModule } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryNumbers, useTestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { evaluateSql } from './check-fixture.js';

const ROWS = 150;

// evaluateSql parses with libpg-query's module.
beforeAll(async () => {
  await loadModule();
});
const V27 = { defaultRows: ROWS, seed: 34, generatorVersion: 27 } as const;

const KEYED = `CREATE TABLE invoices (id int PRIMARY KEY, code text NOT NULL UNIQUE CHECK (code = 'INV-' || to_char(id, 'FM00000')));
CREATE TABLE tickets (id bigint PRIMARY KEY, code varchar(20) UNIQUE CHECK (code = 'T' || id::text || '/x'));
CREATE TABLE padded (id int PRIMARY KEY, code text NOT NULL UNIQUE, CHECK (code = lpad(id::text, 6, '0')));
`;

const TIMED = `CREATE TABLE meetings (id int PRIMARY KEY, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
  duration_minutes int NOT NULL CHECK (duration_minutes > 0),
  CHECK (EXTRACT(EPOCH FROM (ends_at - starts_at)) = duration_minutes * 60));
CREATE TABLE calls (id int PRIMARY KEY, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
  duration_seconds int NOT NULL, CHECK (EXTRACT(EPOCH FROM (ends_at - starts_at)) = duration_seconds));
CREATE TABLE shifts (id int PRIMARY KEY, starts_at timestamp NOT NULL, ends_at timestamp NOT NULL, duration int NOT NULL,
  CHECK ((ends_at - starts_at) = make_interval(mins => duration)));
CREATE TABLE slots (id int PRIMARY KEY, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, duration int NOT NULL,
  CHECK (ends_at = starts_at + duration * interval '1 minute'));
CREATE TABLE days (id int PRIMARY KEY, s text NOT NULL, d date NOT NULL, CHECK (d = to_date(s, 'YYYY-MM-DD')));
CREATE TABLE stamps (id int PRIMARY KEY, day_text varchar(8) NOT NULL, d date NOT NULL, CHECK (to_date(day_text, 'YYYYMMDD') = d));
`;

/** The load's sessions take this TimeZone (the output sets none): one with DST changes. */
const BERLIN = `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Europe/Berlin'); END $$`;

describe('version 27: texts computed from a unique key and time differences are met', () => {
  const db = useTestDatabase('shapes34');

  it('unique texts computed from the key fill their tables, distinct', async () => {
    const { target, counts, result } = await loadGenerated(db, KEYED, V27);
    for (const t of ['invoices', 'tickets', 'padded']) expect(counts.get(`public.${t}`), t).toBe(ROWS);
    expect(result.warnings).toEqual([]);
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(DISTINCT code) FROM invoices) AS invoices,
        (SELECT count(*) FROM tickets WHERE code IS NULL) AS nulls,
        (SELECT count(*) FROM padded WHERE code !~ '^[0-9]{6}$') AS unpadded`,
    );
    expect(n).toEqual({ invoices: ROWS, nulls: 0, unpadded: 0 });
  });

  it('a key past the text width cuts the table where the text stops reading the key back', async () => {
    const ddl = `CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL UNIQUE CHECK (code = 'C' || to_char(id, 'FM00')));`;
    const { counts, result } = await loadGenerated(db, ddl, V27);
    expect(counts.get('public.codes')).toBe(99);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(
      /public\.codes gets 99 rows instead of 150/,
    );
  });

  it('time differences are computed from the start and the amount, loaded under a DST TimeZone', async () => {
    const { target, counts, result } = await loadGenerated(db, TIMED, V27, BERLIN);
    for (const t of ['meetings', 'calls', 'shifts', 'slots', 'days', 'stamps'])
      expect(counts.get(`public.${t}`), t).toBe(ROWS);
    expect(result.warnings).toEqual([]);
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(DISTINCT duration_minutes) FROM meetings) AS minutes,
        (SELECT count(DISTINCT starts_at) FROM slots) AS starts,
        (SELECT count(DISTINCT s) FROM days) AS texts`,
    );
    expect(n.minutes).toBeGreaterThan(20);
    expect(n.starts).toBeGreaterThan(ROWS / 2);
    expect(n.texts).toBeGreaterThan(ROWS / 2);
  });

  it('version 26: the same tables stay empty, as before', async () => {
    const ddl = [KEYED, TIMED].map((d) => d.split(/\n(?=CREATE)/)[0]).join('\n');
    const { counts } = await loadGenerated(db, ddl, { ...V27, defaultRows: 5, generatorVersion: 26 });
    for (const t of ['invoices', 'meetings']) expect(counts.get(`public.${t}`) ?? 0, t).toBe(0);
  });

  it('to_date reads the text the server reads, refuses a day past its month, leaves other shapes unread', async () => {
    const cases = [
      "to_date('2024-02-29', 'YYYY-MM-DD')",
      "to_date('19991231', 'YYYYMMDD')",
      "to_date('05.01.2024', 'DD.MM.YYYY')",
      "to_date('2024/12/01', 'YYYY/MM/DD')",
    ];
    const [row] = await db.query<{ v: string[] }>(`SELECT ARRAY[${cases.join(', ')}]::text[] AS v`);
    for (const [i, sql] of cases.entries())
      expect(evaluateSql(`${sql} = '${row?.v[i]}'::date`), sql).toBe(true);
    for (const bad of ["'2023-02-29'", "'2024-13-01'"]) {
      await expect(db.query(`SELECT to_date(${bad}, 'YYYY-MM-DD')`)).rejects.toThrow(/out of range/);
      expect(() => evaluateSql(`to_date(${bad}, 'YYYY-MM-DD')`)).toThrow(/out of range/);
    }
    // The server reads these too (leniently), datagen does not claim to.
    for (const sql of [
      "to_date('2024-1-5', 'YYYY-MM-DD')",
      "to_date('2024-01-05 x', 'YYYY-MM-DD')",
      "to_date('2024', 'YYYY')",
      "to_date('2024-00-10', 'YYYY-MM-DD')",
    ])
      expect(() => evaluateSql(sql), sql).toThrow(/to_date/);
    expect(evaluateSql("to_date(NULL, 'YYYY-MM-DD')")).toBe(null);
  });

  it('lpad, rpad and make_interval compute what the server does', async () => {
    const cases = [
      "lpad('12', 6, '0')",
      "lpad('1234567', 6, '0')",
      "lpad('ab', 7, 'xyz')",
      "lpad('ab', 5)",
      "lpad('ab', 5, '')",
      "lpad('ab', -1, '0')",
      "rpad('ab', 5, '-')",
      "rpad('abcdef', 3, '-')",
      "rpad('é', 3, 'ü')",
      'make_interval(mins => 90)::text',
      'make_interval(1, 2, 3, 4, 5, 6, 7.5)::text',
      'make_interval(days => 1, hours => -2)::text',
      'make_interval(weeks => 2, secs => 0.25)::text',
    ];
    const [row] = await db.query<{ v: string[] }>(`SELECT ARRAY[${cases.join(', ')}]::text[] AS v`);
    const interval = (sql: string) =>
      evaluateSql(`(${sql.replace('::text', '')}) = '${row?.v[cases.indexOf(sql)]}'::interval`);
    for (const [i, sql] of cases.entries()) {
      if (sql.startsWith('make_interval')) expect(interval(sql), sql).toBe(true);
      else expect(evaluateSql(sql), sql).toBe(row?.v[i]);
    }
  });
});
