/**
 * Constructs of issue 8 still open after session 16 (shapes17), each as a
 * minimal shape. The shapes are one schema, generated once and loaded into
 * the real server with every constraint in place (a plain script with psql
 * ON_ERROR_STOP and a custom archive through pg_restore --exit-on-error);
 * each test reads its tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { describePlan } from '../../src/run/describe-plan.js';
import { useTestDatabase } from '../helpers/database.js';
import { type LoadedDdl, loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('shapes17');

const STRICT_FUNCTIONS = `
CREATE FUNCTION code_ok(t text) RETURNS boolean LANGUAGE plpgsql STRICT AS $$
  DECLARE n int; BEGIN FOR i IN 1..3 LOOP n := i; END LOOP; RETURN length(t) > n; END $$;
CREATE FUNCTION loose_ok(t text) RETURNS boolean LANGUAGE plpgsql AS $$
  DECLARE n int; BEGIN FOR i IN 1..3 LOOP n := i; END LOOP; RETURN coalesce(length(t) > n, false); END $$;
CREATE TABLE t1 (id int PRIMARY KEY, name text NOT NULL, code text CHECK (NOT code_ok(code)));
CREATE TABLE t2 (id int PRIMARY KEY, a text, b text, c int NOT NULL CHECK (c > 0), CHECK (code_ok(a || b)));
CREATE TABLE t3 (id int PRIMARY KEY, code text NOT NULL CHECK (code_ok(code)));
CREATE TABLE t4 (id int PRIMARY KEY, code text CHECK (loose_ok(code)));
CREATE TABLE t5 (id int PRIMARY KEY, code text CHECK (code IS NULL OR loose_ok(code)));`;

const ARRAY_OVERLAP = `
CREATE TABLE a1 (id int PRIMARY KEY, q int[] NOT NULL CHECK (q && '{1,2,3}'),
  r text[] NOT NULL CHECK ('{x,y}'::text[] && r), s int[] NOT NULL CHECK (s && ARRAY[5, 6] AND s && ARRAY[6, 7]));`;

const BOOLEAN_KEYS = `
CREATE TABLE b1 (id int PRIMARY KEY, b boolean UNIQUE NULLS NOT DISTINCT);
CREATE TABLE b2 (id int PRIMARY KEY, b boolean NOT NULL UNIQUE NULLS NOT DISTINCT);
CREATE TABLE b3 (id int PRIMARY KEY, b boolean UNIQUE);`;

const ROLE_GUARD = `
CREATE TABLE g1 (id int PRIMARY KEY);
DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shapes17_reader') THEN
  GRANT SELECT ON g1 TO shapes17_reader; GRANT USAGE ON SCHEMA public TO shapes17_reader; END IF; END $$;`;

const FRACTIONAL_PARENT = `
CREATE TABLE p1 (code numeric(6,2) PRIMARY KEY);
CREATE TABLE ch1 (id int PRIMARY KEY, p int REFERENCES p1);`;

const RANGE_BOUNDS = `
CREATE TABLE m1 (id int PRIMARY KEY, m int4multirange NOT NULL CHECK (upper(m) < 1000),
  d datemultirange NOT NULL CHECK (lower(d) >= '2001-01-01' AND upper(d) <= '2030-01-01'),
  n nummultirange NOT NULL CHECK (lower(n) > 0 AND upper(n) < 100), r int4range NOT NULL CHECK (1000 > upper(r)));`;

let loaded: LoadedDdl;
const count = async (sql: string) => Number((await loaded.target.query<{ n: string }>(sql))[0]?.n);

describe('shapes17: open constructs of issue 8', () => {
  beforeAll(async () => {
    loaded = await loadScriptAndArchive(
      db,
      [STRICT_FUNCTIONS, ARRAY_OVERLAP, BOOLEAN_KEYS, ROLE_GUARD, FRACTIONAL_PARENT, RANGE_BOUNDS].join('\n'),
      { defaultRows: 60, seed: 1 },
    );
  });

  it('a CHECK calling a STRICT function datagen cannot read holds with its nullable columns NULL; a NOT STRICT one says how to fix', async () => {
    // Before: 'public.t1 gets no rows instead of 60: CHECK t1_code_check (NOT code_ok(code)) cannot be read by
    // datagen (function code_ok())'. STRICT: a NULL argument makes the call NULL, which a CHECK passes.
    const { counts, result } = loaded;
    expect(counts.get('public.t1')).toBe(60);
    expect(counts.get('public.t2')).toBe(60);
    expect(await count('SELECT count(code) AS n FROM t1')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM t2 WHERE a IS NOT NULL AND b IS NOT NULL')).toBe(0);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'COLUMN_NULL_BY_CHECK',
        where: 'public.t1.code',
        message: expect.stringContaining('calls function code_ok(), which datagen cannot read; it is STRICT'),
      }),
    );
    // NOT NULL: no value can be shown to pass, so the table stays empty; not STRICT: NULL is not known to pass.
    expect(counts.get('public.t3')).toBe(0);
    expect(counts.get('public.t4')).toBe(0);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        where: 'public.t4',
        message: expect.stringContaining('If loose_ok() returns NULL for a NULL argument, declare it STRICT'),
      }),
    );
    // A call an OR passes over is not told as STRICT (only the rows the OR does not decide are regenerated).
    expect(counts.get('public.t5')).toBe(60);
    expect(
      result.warnings.filter((w) => w.where?.startsWith('public.t5') && w.message.includes('STRICT')),
    ).toEqual([]);
  });

  it("int_array && '{1,2,3}' on a NOT NULL column makes arrays that share an element with the constant", async () => {
    // Before: 'public.a1 gets no rows instead of 60: row 0 still fails CHECK a1_q_check (q && '{1,2,3}')'.
    expect(loaded.counts.get('public.a1')).toBe(60);
    expect(await count(`SELECT count(*) AS n FROM a1 WHERE cardinality(q) = 0 OR NOT (s @> '{6}')`)).toBe(0);
  });

  it('UNIQUE NULLS NOT DISTINCT on a boolean holds true, false and (nullable) NULL, the reason told', async () => {
    // Before: 2 rows each, the nullable ones too, and no reason given.
    const { counts, result } = loaded;
    expect(counts.get('public.b1')).toBe(3);
    expect(counts.get('public.b2')).toBe(2);
    // A plain nullable unique: NULL past its values since version 20 (cut to 2 rows before).
    expect(counts.get('public.b3')).toBe(60);
    expect(await count('SELECT count(*) AS n FROM b3 WHERE b IS NOT NULL')).toBe(2);
    expect(await count('SELECT count(*) AS n FROM b1 WHERE b IS NULL')).toBe(1);
    const text = (where: string) => result.warnings.find((w) => w.where === where)?.message;
    expect(text('public.b1')).toContain('NULLS NOT DISTINCT counts NULL as one more');
    expect(text('public.b2')).toContain('b takes 2 values and is NOT NULL, so NULLS NOT DISTINCT adds none');
  });

  it('a DO block guarded by pg_roles is told by what it does (grants to role X if it exists)', () => {
    // Before: 'the objects it creates (or changes) cannot be seen by datagen and get no data'.
    expect(loaded.counts.get('public.g1')).toBe(60);
    expect(loaded.result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'DO_BLOCK',
        message: expect.stringContaining(
          'if role shapes17_reader exists, grants SELECT on table g1 to shapes17_reader and grants USAGE on schema public to shapes17_reader. ' +
            'Whether the role exists is decided on the server the output loads into',
        ),
      }),
    );
  });

  it('datagen plan tells an integer FK to a fractional parent as no parent value fitting, not a made-up CHECK', async () => {
    // Before: 'CHECK type int4 of p, narrower than its parent column's (abs(p) < 0): evaluated per row, regenerated up to 32 times'.
    const { schema } = await parseDdl([{ file: 'f.sql', text: FRACTIONAL_PARENT }]);
    const described = describePlan(createPlan(schema, { defaultRows: 20 }));
    const column = described.tables
      .find((t) => t.table === 'public.ch1')
      ?.columns.find((c) => c.name === 'p');
    const told = [column?.source, ...(column?.checks ?? [])].join(' ');
    expect(told).toContain(
      'no parent value fits its type (public.p1.code is numeric(6,2), written with a fractional part): NULL in every row where it is nullable',
    );
    expect(told).not.toContain('abs(p) < 0');
    expect(loaded.counts.get('public.ch1')).toBe(60);
    expect(await count('SELECT count(p) AS n FROM ch1')).toBe(0);
  });

  it('a multirange (or range) under upper()/lower() in a CHECK gets non-empty values inside the bounds', async () => {
    // Before: the values were random and only '{}' (whose upper() is NULL) passed upper(m) < 1000: every row.
    expect(loaded.counts.get('public.m1')).toBe(60);
    const [empty] = await loaded.target.query<{ m: string; d: string; n: string; r: string }>(
      `SELECT count(*) FILTER (WHERE isempty(m)) AS m, count(*) FILTER (WHERE isempty(d)) AS d,
              count(*) FILTER (WHERE isempty(n)) AS n, count(*) FILTER (WHERE upper(r) IS NULL) AS r FROM m1`,
    );
    expect([empty?.m, empty?.d, empty?.n].map(Number)).toEqual([0, 0, 0]);
    expect(Number(empty?.r)).toBeLessThan(15);
  });
});
