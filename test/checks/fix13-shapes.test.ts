/**
 * The known open items of issue 8 (fix13), each reduced to a minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arith } from '../../src/checks/sql-operators.js';
import type { SqlInterval } from '../../src/checks/sql-value.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated, loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

/** A number function datagen cannot read (a loop in plpgsql) that the server has. */
const OPAQUE = `CREATE FUNCTION opaque_num(v int) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE n int := 0;
  BEGIN
    FOR i IN 1..2 LOOP n := n + i; END LOOP;
    RETURN v + n;
  END $$;`;

describe('fix13: known open items of issue 8', () => {
  beforeAll(async () => {
    db = await createTestDatabase('fix13shapes');
  });
  afterAll(async () => db.close());

  it('interval arithmetic in an index, a generated column and CHECKs: every row kept, and the output loads', async () => {
    // Before: "/ on non-numbers", "* on non-numbers": every row failed and each table was left empty.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, ts1 timestamp NOT NULL, ts2 timestamp NOT NULL, n int NOT NULL);
       CREATE INDEX t_rate ON t (((ts1 - ts2) / (n + 1)));
       CREATE TABLE g (id int PRIMARY KEY, ts1 timestamptz NOT NULL, ts2 timestamptz NOT NULL, n int NOT NULL,
         per interval GENERATED ALWAYS AS ((ts1 - ts2) / (n + 1)) STORED);
       CREATE TABLE c (id int PRIMARY KEY, ts1 timestamp NOT NULL, ts2 timestamp NOT NULL, n int NOT NULL,
         CHECK ((ts1 - ts2) * (n + 1) < interval '100 years'), CHECK (-(ts1 - ts2) <= interval '50 years'),
         CHECK (extract(epoch from (ts1 - ts2) / 2) > -1e10));
       CREATE TABLE d (id int PRIMARY KEY, d1 date NOT NULL, d2 date NOT NULL,
         CHECK (d1 - d2 < 1000), CHECK (d2 + 1 > d1 - 5000), CHECK (2 * (d1::timestamp - d2::timestamp) > interval '-20000 days'));`,
      { defaultRows: 60, seed: 2 },
    );
    for (const table of ['t', 'g', 'c', 'd']) expect(counts.get(`public.${table}`), table).toBe(60);
    expect(result.warnings.filter((w) => /gets no rows|gets \d+ rows/.test(w.message))).toEqual([]);
  });

  it('interval * and / give what the server gives (interval_mul, interval_div), an interval / 0 raising', async () => {
    const cases: [number, number, number, '*' | '/', number][] = [];
    for (let i = 0; i < 120; i++) {
      const months = ((i * 37) % 401) - 200;
      const days = ((i * 53) % 1001) - 500;
      const micros = ((i * 7919 * 104729) % 2e12) - 1e12;
      const factor = [3, -7, 1.5, 0.3, 2.75, 1e-3, 1000][i % 7] as number;
      cases.push([months, days, micros, i % 2 === 0 ? '*' : '/', factor]);
    }
    // The server's result as months, days and microseconds (extract's fields; the time part as the epoch less
    // the epoch of the interval cut to whole days).
    const rows = await db.query<{ m: number; d: number; us: string }>(
      `SELECT (12 * extract(year from r) + extract(month from r))::int AS m, extract(day from r)::int AS d,
              ((extract(epoch from r) - extract(epoch from date_trunc('day', r))) * 1000000)::text AS us
         FROM unnest($1::int[], $2::int[], $3::float8[], $4::text[], $5::float8[]) WITH ORDINALITY AS x(m, d, us, op, f, i),
              LATERAL (SELECT make_interval(months => m, days => d) + make_interval(secs => us / 1e6) AS iv) v,
              LATERAL (SELECT CASE WHEN op = '*' THEN iv * f ELSE iv / f END AS r) w
        ORDER BY i`,
      [
        cases.map((c) => c[0]),
        cases.map((c) => c[1]),
        cases.map((c) => c[2]),
        cases.map((c) => c[3]),
        cases.map((c) => c[4]),
      ],
    );
    cases.forEach(([months, days, micros, op, factor], i) => {
      const ours = arith(
        op,
        { kind: 'interval', months, days, seconds: micros / 1e6 },
        factor,
      ) as SqlInterval;
      const server = rows[i];
      expect([ours.months, ours.days, Math.round(ours.seconds * 1e6)], `case ${i}`).toEqual([
        server?.m,
        server?.d,
        Math.round(Number(server?.us)),
      ]);
    });
    expect(() => arith('/', { kind: 'interval', months: 1, days: 0, seconds: 0 }, 0)).toThrow(
      'division by zero',
    );
    expect(() => arith('*', { kind: 'interval', months: 1, days: 0, seconds: 0 }, 3e9)).toThrow(
      'interval out of range',
    );
  });

  it('a division whose dividend datagen cannot read: only its divisor is asked of the rows (non-zero), and the index builds', async () => {
    // Before: the expression was not read, so no row was kept off n = -1, and CREATE INDEX failed on "division by zero".
    const { counts } = await loadScriptAndArchive(
      db,
      `${OPAQUE}
       CREATE TABLE r (id int PRIMARY KEY, v int NOT NULL, n int NOT NULL CHECK (n BETWEEN -1 AND 0));
       CREATE INDEX r_ratio ON r ((opaque_num(v) / (n + 1)));`,
      { defaultRows: 40, seed: 1 },
    );
    expect(counts.get('public.r')).toBe(40);
  });

  it('bigint at the int8 limits: CHECK bounds past 2^53 kept exact, a UNIQUE key of 300 there, a + b computed exactly', async () => {
    // Before: the bounds were read as doubles capped at 2^53, so each table was left empty with "its bounds leave
    // no integer ... fix the CHECK in the DDL", and a + b near 2^63 was judged on rounded numbers.
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE k (id int PRIMARY KEY, k bigint NOT NULL UNIQUE CHECK (k > 9223372036854775000));
       CREATE TABLE lo (id int PRIMARY KEY, k bigint NOT NULL UNIQUE CHECK (k < -9223372036854775000 AND k > -9223372036854775808));
       CREATE TABLE x (id int PRIMARY KEY, a bigint NOT NULL CHECK (a >= 9223372036854775700), b bigint NOT NULL CHECK (b BETWEEN 0 AND 200));
       CREATE INDEX x_sum ON x ((a + b));
       CREATE TABLE y (id int PRIMARY KEY, a bigint NOT NULL CHECK (a >= 9223372036854775700),
         b bigint NOT NULL CHECK (b BETWEEN 0 AND 200), c bigint GENERATED ALWAYS AS (a + b) STORED);
       CREATE TABLE z (id int PRIMARY KEY, a bigint NOT NULL CHECK (a > 9223372036854775000 AND a > 5),
         CHECK (a - 9223372036854775000 < 500));`,
      { defaultRows: 300, seed: 1 },
    );
    for (const table of ['k', 'lo', 'x', 'y', 'z']) expect(counts.get(`public.${table}`), table).toBe(300);
    expect(result.warnings).toEqual([]);
    const [edges] = await target.query<{ k: string; y: string; z: string }>(
      `SELECT (SELECT min(k) FROM k)::text AS k, (SELECT max(c) FROM y)::text AS y, (SELECT min(a) FROM z)::text AS z`,
    );
    expect(BigInt(edges?.k ?? 0) > 9223372036854775000n).toBe(true);
    expect(BigInt(edges?.z ?? 0) > 9223372036854775000n).toBe(true);
    expect(BigInt(edges?.y ?? 0) <= 9223372036854775807n).toBe(true);
  });

  it('HASH partitions of numeric, timestamptz, real and bytea keys partitioned again by LIST: each row routed where PostgreSQL puts it', async () => {
    // Before: "PostgreSQL's hash of amount's type numeric is not computed by datagen", and each table got no rows.
    const level = (t: string, key: string) =>
      `CREATE TABLE ${t} (id int NOT NULL, ${key} NOT NULL, kind text NOT NULL) PARTITION BY HASH (${key.split(' ')[0]});
       CREATE TABLE ${t}_0 PARTITION OF ${t} FOR VALUES WITH (MODULUS 2, REMAINDER 0) PARTITION BY LIST (kind);
       CREATE TABLE ${t}_0a PARTITION OF ${t}_0 FOR VALUES IN ('a', 'b');
       CREATE TABLE ${t}_1 PARTITION OF ${t} FOR VALUES WITH (MODULUS 2, REMAINDER 1) PARTITION BY LIST (kind);
       CREATE TABLE ${t}_1c PARTITION OF ${t}_1 FOR VALUES IN ('c');`;
    const { counts, result } = await loadScriptAndArchive(
      db,
      [
        level('hn', 'amount numeric(10,2)'),
        level('ht', 'at timestamptz'),
        level('hf', 'f real'),
        level('hb', 'b bytea'),
      ].join('\n'),
      { defaultRows: 80, seed: 1 },
    );
    for (const table of ['hn', 'ht', 'hf', 'hb']) {
      const leaves = (counts.get(`public.${table}_0a`) ?? 0) + (counts.get(`public.${table}_1c`) ?? 0);
      expect(leaves, table).toBe(80);
      expect(counts.get(`public.${table}_0a`), table).toBeGreaterThan(0);
      expect(counts.get(`public.${table}_1c`), table).toBeGreaterThan(0);
    }
    expect(result.warnings).toEqual([]);
  });

  it('an enum HASH key falls back (its hash is of label OIDs only the target assigns), warned with why, and loads', async () => {
    const { counts, result } = await loadGenerated(
      db,
      `CREATE TYPE size AS ENUM ('s', 'm', 'l');
       CREATE TABLE f (amount size NOT NULL, kind text NOT NULL) PARTITION BY HASH (amount);
       CREATE TABLE f_0 PARTITION OF f FOR VALUES WITH (MODULUS 2, REMAINDER 0) PARTITION BY LIST (kind);
       CREATE TABLE f_0_ab PARTITION OF f_0 FOR VALUES IN ('a', 'b');
       CREATE TABLE f_1 PARTITION OF f FOR VALUES WITH (MODULUS 2, REMAINDER 1) PARTITION BY LIST (kind);
       CREATE TABLE f_1_a PARTITION OF f_1 FOR VALUES IN ('a');`,
      { defaultRows: 50, seed: 1 },
    );
    expect((counts.get('public.f_0_ab') ?? 0) + (counts.get('public.f_1_a') ?? 0)).toBe(50);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        where: 'public.f.kind',
        message: expect.stringContaining(
          "PostgreSQL's hash of amount's type size is not computed by datagen (a type the schema defines: an enum hashes its labels' OIDs",
        ),
      }),
    ]);
  });

  it('a CASE branch key with room for fewer rows: its nullable column is NULL past that room, so the table keeps its rows', async () => {
    // Before: "UNIQUE cn_k_key (k) allows only 50 distinct values, so it gets 50 rows instead of 300".
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE cn (id int PRIMARY KEY, x int CHECK (x BETWEEN 1 AND 50), y int,
         k text GENERATED ALWAYS AS (CASE WHEN x IS NOT NULL THEN 'x:' || x ELSE 'y:' || y END) STORED UNIQUE);
       CREATE TABLE cf (id int PRIMARY KEY, flag boolean NOT NULL, x int CHECK (x BETWEEN 1 AND 20), y int NOT NULL);
       CREATE UNIQUE INDEX cf_k ON cf ((CASE WHEN flag THEN 'x:' || x ELSE 'y:' || y END));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(counts.get('public.cn')).toBe(300);
    expect(counts.get('public.cf')).toBe(300);
    const [cn] = await target.query<{ x: string; y: string }>(
      `SELECT count(DISTINCT x) AS x, count(*) FILTER (WHERE x IS NULL) AS y FROM cn`,
    );
    expect(Number(cn?.x)).toBeGreaterThan(20);
    expect(Number(cn?.y)).toBeGreaterThanOrEqual(250);
    expect(result.warnings.map((w) => w.where).sort()).toEqual(['public.cf.x', 'public.cn.x']);
    expect(result.warnings.find((w) => w.where === 'public.cn.x')?.message).toContain(
      'public.cn.x is NULL past the first 50 rows',
    );
  });

  it('a column with FKs to a base table and to a subtype whose key references that base: taken from the subtype, both hold (Boundary)', async () => {
    // Before: "library_id references two parents whose keys cannot be intersected", and the table got no rows.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN wt_public_id AS text CHECK (length(trim(VALUE)) > 10);
       CREATE TABLE lib (public_id wt_public_id PRIMARY KEY, name text);
       CREATE TABLE lib_override (library_id wt_public_id PRIMARY KEY REFERENCES lib (public_id));
       CREATE TABLE lib_password_override (
         library_id wt_public_id PRIMARY KEY
           CONSTRAINT lib_fkey REFERENCES lib (public_id)
           CONSTRAINT lib_override_fkey REFERENCES lib_override (library_id),
         attr text NOT NULL);`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.lib_password_override')).toBe(100);
    expect(result.warnings).toEqual([]);
  });
});
