/**
 * 'infinity' and '-infinity' in timestamp, timestamptz and date columns (as
 * `values:` give them): CSV writes PostgreSQL's text, which `COPY ... (FORMAT
 * csv)` reads back as the same values; JSON Lines writes it as a string;
 * Parquet, whose timestamps and dates have no infinity (an INT64 extreme
 * reads as infinity in DuckDB but as a year 294247 date in Spark or Trino),
 * refuses the run naming the column, and leaves no directory behind.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredRun } from '../helpers/configured-run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const DDL = 'CREATE TABLE ev (id int PRIMARY KEY, ts timestamp NOT NULL, tz timestamptz, d date NOT NULL);\n';
const CONFIG = `tables:
  ev:
    rows: 40
    columns:
      ts: { values: ['infinity', '-infinity', '2020-01-01 10:00:00'] }
      tz: { values: ['-infinity', '2021-06-01 00:00:00+00'] }
      d: { values: ['infinity', '-infinity', '2020-02-29'] }
`;

describe('infinite timestamps and dates in CSV, JSON Lines and Parquet', () => {
  let db: TestDatabase;
  const work = configuredRun(DDL, CONFIG);
  const run = work.run;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('CSV loads back with COPY (FORMAT csv, HEADER) as the plain script loads them', async () => {
    const [csv, plain] = await Promise.all([run('csv'), run('plain')]);
    expect(csv.status, csv.stderr).toBe(0);
    expect(plain.status, plain.stderr).toBe(0);
    await db.psqlFileAsync(work.path('plain'));
    await db.query('CREATE TABLE ev_csv (LIKE ev INCLUDING ALL)');
    writeFileSync(
      work.path('load.sql'),
      `\\copy ev_csv FROM '${work.path('csv', 'public.ev.csv')}' WITH (FORMAT csv, HEADER true)\n`,
    );
    await db.psqlFileAsync(work.path('load.sql'));
    const [counts] = await db.query<Record<string, string>>(
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE NOT isfinite(ts)) AS ts_inf, count(*) FILTER (WHERE NOT isfinite(tz)) AS tz_inf,
              count(*) FILTER (WHERE NOT isfinite(d)) AS d_inf,
              (SELECT count(*) FROM (TABLE ev EXCEPT TABLE ev_csv) x) AS missing,
              (SELECT count(*) FROM (TABLE ev_csv EXCEPT TABLE ev) x) AS extra
         FROM ev_csv`,
    );
    expect(counts?.n).toBe('40');
    for (const c of ['ts_inf', 'tz_inf', 'd_inf']) expect(Number(counts?.[c])).toBeGreaterThan(0);
    expect(counts?.missing).toBe('0');
    expect(counts?.extra).toBe('0');
  });

  it('JSON Lines writes them as the strings PostgreSQL reads', async () => {
    const r = await run('jsonl');
    expect(r.status, r.stderr).toBe(0);
    const rows = readFileSync(work.path('jsonl', 'public.ev.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((row) => row.ts))).toEqual(
      new Set(['infinity', '-infinity', '2020-01-01T10:00:00']),
    );
    expect(new Set(rows.map((row) => row.d))).toEqual(new Set(['infinity', '-infinity', '2020-02-29']));
  });

  it('Parquet refuses them, naming the column and the formats that hold them; nothing is left', async () => {
    const r = await run('parquet');
    // A limit of the format the user can choose around: a usage error (exit 2), not an internal one.
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^datagen: error: public\.ev\.(ts|d): the value "-?infinity" has no Parquet form/m,
    );
    expect(r.stderr).toContain('-F csv or -F jsonl');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(work.path('parquet'))).toBe(false);
  });
});
