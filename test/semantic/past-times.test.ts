/**
 * Generator version 3: a date or timestamp whose name tells no stage of a
 * row's life (`d`, `event_time`) falls in the ten years before the
 * reference date, never in the future; validity periods keep their order
 * (`valid_from` ≤ `valid_to`, `period_start` ≤ `period_end`); a time meaning
 * under a CHECK bound (`birth_date > '1900-01-01'`) keeps its values where
 * they meet it. Version 2 keeps its values (2000..2030, future included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const DDL = `CREATE TABLE ev (id serial PRIMARY KEY,
  d date NOT NULL,
  event_time timestamptz NOT NULL,
  ts timestamp(3) NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  period_start timestamp NOT NULL,
  period_end timestamp,
  birth_date date NOT NULL CHECK (birth_date > '1900-01-01'),
  started date NOT NULL CHECK (started >= '2010-01-01' AND started < '2030-01-01'));`;

const REFERENCE = "'2026-01-01'";

describe('times without a stage in their name', () => {
  beforeAll(async () => {
    db = await createTestDatabase('pasttimes');
  });
  afterAll(async () => db.close());

  it('fall in the recent past, keep period order, and keep meanings under CHECK bounds', async () => {
    const { target, counts, result } = await loadGenerated(db, DDL, { defaultRows: 2000, seed: 5 });
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.ev')).toBe(2000);
    const future = `SELECT count(*) AS n FROM ev WHERE d >= ${REFERENCE} OR event_time >= ${REFERENCE} OR ts >= ${REFERENCE}`;
    expect(await count(target, future)).toBe(0);
    const old =
      "SELECT count(*) AS n FROM ev WHERE d < '2016-01-01' OR event_time < '2015-12-31' OR ts < '2016-01-01'";
    expect(await count(target, old)).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT d) AS n FROM ev')).toBeGreaterThan(1000);
    expect(await count(target, 'SELECT count(*) AS n FROM ev WHERE valid_to < valid_from')).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM ev WHERE period_end < period_start')).toBe(0);
    expect(await count(target, 'SELECT count(valid_to) AS n FROM ev')).toBeGreaterThan(1500);
    // Birth dates as people's (18 to 90 years before the reference date), not 1900..2030.
    const births =
      "SELECT count(*) AS n FROM ev WHERE birth_date < '1930-01-01' OR birth_date > '2010-01-01'";
    expect(await count(target, births)).toBe(0);
    expect(await count(target, `SELECT count(*) AS n FROM ev WHERE started >= ${REFERENCE}`)).toBe(0);
  });

  it('version 2 keeps its values: over 2000..2030', async () => {
    const { target } = await loadGenerated(db, DDL.replace('TABLE ev', 'TABLE ev2'), {
      defaultRows: 2000,
      seed: 5,
      generatorVersion: 2,
    });
    expect(await count(target, `SELECT count(*) AS n FROM ev2 WHERE d >= ${REFERENCE}`)).toBeGreaterThan(100);
    expect(await count(target, "SELECT count(*) AS n FROM ev2 WHERE d < '2005-01-01'")).toBeGreaterThan(100);
    expect(
      await count(target, "SELECT count(*) AS n FROM ev2 WHERE birth_date < '1930-01-01'"),
    ).toBeGreaterThan(100);
  });
});
