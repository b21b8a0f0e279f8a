/**
 * A CHECK calling a function whose parameter is a domain: the server casts
 * the argument to the domain, so the domain's own CHECKs hold of it. The
 * inlined call keeps that cast (input/ddl/inline-functions.ts). Before,
 * `half(positive)` was inlined as `x / 2`, x = 0 was written, exit 0, and the
 * load failed with "value for domain positive violates check constraint".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('a function parameter of a domain type checks its argument', () => {
  beforeAll(async () => {
    db = await createTestDatabase('domain_param_casts');
  });
  afterAll(async () => db.close());

  it('the domain CHECK holds of the argument: rows kept, and the output loads', async () => {
    const { counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
       CREATE FUNCTION half(positive) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 / 2';
       CREATE TABLE t (id serial PRIMARY KEY, x integer NOT NULL CHECK (half(x) < 10));
       CREATE FUNCTION is_even(v public.positive) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v % 2 = 0';
       CREATE TABLE u (id serial PRIMARY KEY, y integer CHECK (is_even(y)));`,
      { defaultRows: 300, seed: 4 },
    );
    expect(counts.get('public.t')).toBe(300);
    expect(counts.get('public.u')).toBe(300);
    const [t] = await restored.query<{ lo: number; hi: number }>('SELECT min(x) AS lo, max(x) AS hi FROM t');
    expect(t).toEqual({ lo: 1, hi: 19 });
    const [u] = await restored.query<{ bad: string; set: string }>(
      'SELECT count(*) FILTER (WHERE y <= 0 OR y % 2 <> 0) AS bad, count(y) AS set FROM u',
    );
    expect(u?.bad).toBe('0');
    expect(Number(u?.set)).toBeGreaterThan(200);
  });

  it('a domain whose CHECK calls a function of the domain itself: no value can pass it, so its tables get none (warned), and the output loads', async () => {
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN evenint AS integer;
       CREATE FUNCTION is_even(v evenint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v % 2 = 0';
       ALTER DOMAIN evenint ADD CONSTRAINT evenint_check CHECK (is_even(VALUE));
       CREATE TABLE w (id serial PRIMARY KEY, e evenint);
       CREATE TABLE keep (id serial PRIMARY KEY, n integer NOT NULL);`,
      { defaultRows: 50, seed: 4 },
    );
    expect(counts.get('public.w')).toBe(0);
    expect(counts.get('public.keep')).toBe(50);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/public\.w gets no rows.*evenint/);
  });
});
