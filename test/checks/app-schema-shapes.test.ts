/**
 * Minimal shapes of bugs found by running datagen on real application
 * schemas (listmonk, ethscriptions-indexer, …): each generated, loaded into
 * the real server with every constraint in place, warnings and rows asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

let db: TestDatabase;

/** The shape generated (300 rows per table, seed 11) and loaded with every constraint valid. */
async function load(ddl: string, rows = 300) {
  const { target, result, counts } = await loadGenerated(db, ddl, { defaultRows: rows, seed: 11 });
  return { target, result, rows: counts };
}

describe('shapes of bugs found in real application schemas', () => {
  beforeAll(async () => {
    db = await createTestDatabase('apps');
  });
  afterAll(async () => db.close());

  it('a boolean excluded by its literal name: `b <> true`, a partial unique index on `WHERE b = true` (listmonk)', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE templates (id serial PRIMARY KEY, is_default boolean NOT NULL DEFAULT false);
      CREATE UNIQUE INDEX ON templates (is_default) WHERE is_default = true;
      CREATE TABLE a (id serial PRIMARY KEY, b boolean NOT NULL CHECK (b <> true));
      CREATE TABLE e (id serial PRIMARY KEY, b boolean CHECK (b <> 'yes'));`);
    expect(result.warnings).toEqual([]);
    for (const t of ['templates', 'a', 'e']) expect(rows.get(`public.${t}`), t).toBe(300);
    expect(await count(target, 'SELECT count(*) AS n FROM templates WHERE NOT is_default')).toBe(300);
    expect(await count(target, 'SELECT count(*) AS n FROM e WHERE b IS FALSE')).toBeGreaterThan(100);
  });

  it('a unique FK column with the same pattern CHECK as its parent column gets rows (ethscriptions-indexer)', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE p (id bigserial PRIMARY KEY, h varchar NOT NULL,
        CONSTRAINT p_h CHECK ((h)::text ~ '^0x[a-f0-9]{64}$'::text));
      CREATE UNIQUE INDEX p_h_idx ON p (h);
      CREATE TABLE c (id bigserial PRIMARY KEY, parent_hash varchar NOT NULL,
        CONSTRAINT c_h CHECK ((parent_hash)::text ~ '^0x[a-f0-9]{64}$'::text));
      CREATE UNIQUE INDEX c_h_idx ON c (parent_hash);
      ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (parent_hash) REFERENCES p(h);
      CREATE TABLE d (id bigserial PRIMARY KEY, c_hash varchar NOT NULL UNIQUE REFERENCES c (parent_hash),
        CONSTRAINT d_h CHECK ((c_hash)::text ~ '^0x[a-f0-9]{40}$'::text));`);
    expect(rows.get('public.p')).toBe(300);
    expect(rows.get('public.c')).toBe(300);
    expect(await count(target, 'SELECT count(DISTINCT parent_hash) AS n FROM c')).toBe(300);
    // A different CHECK than the parent's still cannot be met by a key-fixed parent row: warned, no rows.
    expect(rows.get('public.d')).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/public\.d\.c_hash cannot be met/);
  });
  it('date_trunc() on a timestamp is evaluated in a CHECK: all-day events at midnight (Rallly)', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE se (id serial PRIMARY KEY, start timestamp(3) NOT NULL, "end" timestamp(3) NOT NULL,
        all_day boolean NOT NULL DEFAULT false, time_zone text);
      ALTER TABLE se
        ADD CONSTRAINT all_day_is_floating CHECK (NOT all_day OR time_zone IS NULL),
        ADD CONSTRAINT all_day_is_utc_midnight
          CHECK (NOT all_day OR (date_trunc('day', start) = start
                             AND date_trunc('day', "end") = "end"
                             AND "end" > start));
      CREATE TABLE m (id serial PRIMARY KEY, at timestamp NOT NULL CHECK (date_trunc('month', at) < at));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.se')).toBe(300);
    expect(rows.get('public.m')).toBe(300);
    expect(await count(target, "SELECT count(*) AS n FROM m WHERE date_trunc('month', at) < at")).toBe(300);
  });
});
