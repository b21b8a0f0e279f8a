/**
 * Modulo CHECKs made by construction (issue 8): `c % 3 = 0`, `c % 10 = 5`
 * (an arithmetic progression, also as the unique domain of a UNIQUE or
 * PRIMARY KEY column, its capacity counted exactly) and `a % b = 0` between
 * two columns (the dividend a multiple of the divisor's value). Each shape is
 * generated and loaded into the real server with every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateOptions } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

async function load(ddl: string, options: Omit<GenerateOptions, 'schema' | 'output'> = {}) {
  const { target, counts, result } = await loadGenerated(db, ddl, { defaultRows: 500, seed: 8, ...options });
  return { target, counts, warnings: result.warnings.map((w) => w.message) };
}

describe('modulo CHECKs', () => {
  beforeAll(async () => {
    db = await createTestDatabase('modulo_checks');
  });
  afterAll(async () => db.close());

  it('a % b = 0 between two columns, with bounds and an order on the dividend (a token shape)', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TABLE tokens (
         id bigserial PRIMARY KEY,
         max_supply bigint NOT NULL CHECK (max_supply > 0),
         total_supply bigint NOT NULL DEFAULT 0 CHECK (total_supply >= 0),
         mint_amount bigint NOT NULL CHECK (mint_amount > 0),
         CONSTRAINT supply_order CHECK (total_supply <= max_supply),
         CONSTRAINT whole_mints CHECK ((max_supply % mint_amount) = 0));
       CREATE TABLE mints (id bigserial PRIMARY KEY, token_id bigint NOT NULL REFERENCES tokens);
       CREATE TABLE holders (token_id bigint NOT NULL REFERENCES tokens, n int NOT NULL);`,
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.tokens')).toBe(500);
    expect(counts.get('public.mints')).toBe(500);
    expect(counts.get('public.holders')).toBe(500);
    const [row] = await target.query<{ ratio: string }>(
      'SELECT count(DISTINCT max_supply / mint_amount) AS ratio FROM tokens',
    );
    expect(Number(row?.ratio)).toBeGreaterThan(10);
  });

  it('mod(a, b) = 0 with a nullable divisor and the divisor in an order', async () => {
    const { counts, warnings } = await load(
      'CREATE TABLE lots (a int NOT NULL CHECK (a BETWEEN 1 AND 1000), b int CHECK (b BETWEEN 1 AND 50), CHECK (mod(a, b) = 0));',
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.lots')).toBe(500);
  });

  it('c % 3 = 0 and c % 10 = 5 on plain, nullable and bounded columns', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TABLE steps (
         c int NOT NULL CHECK (c % 3 = 0),
         d int CHECK (d % 10 = 5),
         e smallint NOT NULL CHECK ((e % 7) = 2 AND e BETWEEN 10 AND 60),
         f bigint NOT NULL CHECK (0 = f % 1000));`,
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.steps')).toBe(500);
    const [row] = await target.query<{ n: string }>('SELECT count(DISTINCT c) AS n FROM steps');
    expect(Number(row?.n)).toBeGreaterThan(100);
  });

  it('a UNIQUE and a PRIMARY KEY column under a residue: the progression, every value distinct', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TABLE codes (
         k int PRIMARY KEY CHECK (k % 7 = 2),
         u int UNIQUE CHECK (u % 3 = 0),
         v int NOT NULL UNIQUE CHECK (v % 10 = 5) CHECK (v > 0 AND v < 100000));
       CREATE TABLE uses (code int NOT NULL REFERENCES codes (k));`,
      { defaultRows: 2000 },
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.codes')).toBe(2000);
    expect(counts.get('public.uses')).toBe(2000);
    const [row] = await target.query<{ n: string }>('SELECT count(DISTINCT v) AS n FROM codes');
    expect(row?.n).toBe('2000');
  });

  it("a unique residue's capacity is counted exactly: 10 values of v % 10 = 5 in 1..100", async () => {
    const { counts, warnings } = await load(
      'CREATE TABLE tens (v int PRIMARY KEY CHECK (v % 10 = 5) CHECK (v BETWEEN 1 AND 100));',
      { defaultRows: 50 },
    );
    expect(counts.get('public.tens')).toBe(10);
    expect(warnings).toEqual([
      'public.tens: PRIMARY KEY tens_pkey (v) allows only 10 distinct values, so it gets 10 rows instead of 50.',
    ]);
  });
});
