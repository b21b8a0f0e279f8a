/**
 * NaN and the infinities in float4, float8 and numeric columns (as `values:`
 * give them, in any of PostgreSQL's spellings: `'NaN'`, `'Infinity'`, `'-inf'`,
 * `'nan'`): accepted where PostgreSQL takes them (before, "is not a value of
 * type float8"), loaded by the script as written, read back from Parquet as
 * the same doubles (before, `'-inf'` became NaN: JavaScript's Number reads
 * only `-Infinity`), and an infinity for a numeric(p,s), which PostgreSQL
 * refuses ("numeric field overflow"), a located error. Every output writes
 * them in PostgreSQL's spelling (`NaN`, `Infinity`, `-Infinity`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-process.js';
import { configuredRun } from '../helpers/configured-run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { readParquet } from '../helpers/duckdb.js';

const DDL = 'CREATE TABLE m (id int PRIMARY KEY, f float8, n numeric NOT NULL, r real NOT NULL);\n';
const CONFIG = `tables:
  m:
    rows: 40
    columns:
      f: { values: ['NaN', 'Infinity', '-Infinity', 1.5] }
      n: { values: ['NaN', 'Infinity', '-inf', 2] }
      r: { values: ['-inf', 'nan', '+inf', 0.25] }
`;

describe('NaN and infinities in float and numeric columns', () => {
  let db: TestDatabase;
  const work = configuredRun(DDL, CONFIG);
  const run = work.run;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('the script loads them; Parquet holds the same values, JSON Lines strings', async () => {
    const [plain, parquet, jsonl] = await Promise.all([run('plain'), run('parquet'), run('jsonl')]);
    for (const r of [plain, parquet, jsonl]) expect(r.status, r.stderr).toBe(0);
    await db.psqlFileAsync(work.path('plain'));
    const loaded = await db.query<{ id: number; f: string | null; n: string; r: string }>(
      'SELECT id, f::text, n::text, r::text FROM m ORDER BY id',
    );
    expect(loaded).toHaveLength(40);
    expect(new Set(loaded.map((row) => row.r))).toEqual(new Set(['-Infinity', 'NaN', 'Infinity', '0.25']));
    expect(new Set(loaded.map((row) => row.n))).toEqual(new Set(['NaN', 'Infinity', '-Infinity', '2']));
    const text = (v: unknown) => (v === null ? null : String(v));
    const { types, rows } = await readParquet(work.path('parquet', 'public.m.parquet'));
    expect(types.r).toBe('FLOAT');
    expect(types.f).toBe('DOUBLE');
    const read = new Map(rows.map((row) => [Number(row.id), row]));
    for (const row of loaded) {
      const got = read.get(row.id);
      expect(text(got?.r)).toBe(row.r === '0.25' ? '0.25' : row.r);
      expect(text(got?.f)).toBe(row.f === null ? null : row.f);
    }
    const lines = readFileSync(work.path('jsonl', 'public.m.jsonl'), 'utf8').trim().split('\n');
    const values = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(values).toHaveLength(40);
    expect(values.some((v) => v.f === 'Infinity')).toBe(true);
    // Written in PostgreSQL's spelling, whatever the configuration's (`-inf`, `nan`, `+inf`).
    expect(new Set(values.map((v) => v.r))).toEqual(new Set(['-Infinity', 'NaN', 'Infinity', 0.25]));
  });

  it('an infinity for numeric(10,2) is a located error; its NaN is taken', async () => {
    writeFileSync(work.path('p.sql'), 'CREATE TABLE p (id int PRIMARY KEY, price numeric(10,2));\n');
    writeFileSync(
      work.path('bad.yaml'),
      "tables:\n  p:\n    columns:\n      price: { values: ['NaN', 'Infinity'] }\n",
    );
    const r = await runCliAsync(['generate', 'p.sql', '--config', 'bad.yaml', '-f', 'out.sql'], {
      cwd: work.path(),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.yaml:4:');
    expect(r.stderr).toContain(
      'public.p.price: value "Infinity" is an infinity, which numeric(10,2) cannot hold',
    );
    await expect(db.query("SELECT 'Infinity'::numeric(10,2)")).rejects.toThrow(/numeric field overflow/);
    writeFileSync(
      work.path('ok.yaml'),
      "tables:\n  p:\n    columns:\n      price: { values: ['NaN', 9.5] }\n",
    );
    const ok = await runCliAsync(['generate', 'p.sql', '--config', 'ok.yaml', '-f', 'ok.sql', '-r', '10'], {
      cwd: work.path(),
    });
    expect(ok.status, ok.stderr).toBe(0);
    await db.psqlFileAsync(work.path('ok.sql'));
    const [row] = await db.query<{ nan: string }>(
      "SELECT count(*) FILTER (WHERE price = 'NaN') AS nan FROM p",
    );
    expect(Number(row?.nan)).toBeGreaterThan(0);
  });
});
