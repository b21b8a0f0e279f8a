/**
 * Constructs earlier hunts saw and left open (issue 8), each from its minimal
 * shape, generated as a plain script and as a custom archive and loaded into
 * the real server with every constraint in place: a range type over a domain
 * (its bounds read through the domain's input, so they meet its CHECKs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('open_constructs');
});
afterAll(async () => db.close());

describe('a range over a domain', () => {
  it('bounds inside every level of the domain chain (numbers, numeric, dates), unique and multirange too', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
       CREATE TYPE posrange AS RANGE (subtype = posint);
       CREATE DOMAIN price AS numeric(10,2) CHECK (VALUE >= 0);
       CREATE TYPE pricerange AS RANGE (subtype = price);
       CREATE DOMAIN pct AS int CHECK (VALUE BETWEEN 0 AND 100);
       CREATE DOMAIN pct2 AS pct CHECK (VALUE <= 50);
       CREATE TYPE pctrange AS RANGE (subtype = pct2);
       CREATE DOMAIN recent AS date CHECK (VALUE >= '2020-01-01' AND VALUE < '2021-01-01');
       CREATE TYPE recentrange AS RANGE (subtype = recent);
       CREATE TABLE spans (id serial PRIMARY KEY, r posrange NOT NULL, p pricerange NOT NULL, q pctrange NOT NULL,
         qm pctmultirange NOT NULL, d recentrange NOT NULL, u posrange UNIQUE);`,
      { defaultRows: 300, seed: 5 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.spans')).toBe(300);
    const [row] = await target.query<{ n: string; wide: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE upper(q) - lower(q) > 1) AS wide FROM spans
        WHERE NOT isempty(q) AND lower(q) >= 0 AND upper(q) <= 50 AND (isempty(d) OR lower(d) >= '2020-01-01')`,
    );
    expect(Number(row?.n)).toBeGreaterThan(200);
    expect(Number(row?.wide)).toBeGreaterThan(0);
  });

  it('a domain whose CHECK is not a bound (VALUE % 2 = 0): the column is left NULL, warned, never a bound that fails it', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN even AS int CHECK (VALUE % 2 = 0);
       CREATE TYPE evenrange AS RANGE (subtype = even);
       CREATE TABLE evens (id int PRIMARY KEY, e evenrange);`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.evens')).toBe(50);
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['COLUMN_LEFT_NULL public.evens.e']);
    expect(result.warnings[0]?.message).toContain('(value % 2) = 0');
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM evens WHERE e IS NULL');
    expect(row?.n).toBe('50');
  });
});
