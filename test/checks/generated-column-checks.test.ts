/**
 * PostgreSQL computes a generated column itself, but its NOT NULL and its
 * CHECKs still decide whether a row loads: they are planned over the
 * generation expression (found by running sqlboiler's test schema).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { count, generateAndLoad } from './check-fixture.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('generated_checks');
});
afterAll(async () => {
  await db.close();
});

describe('constraints on generated columns hold on the real server', () => {
  test('NOT NULL on a generated column keeps the columns it is computed from non-NULL', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE gen_nn (
        id int PRIMARY KEY,
        base text,
        shout text NOT NULL GENERATED ALWAYS AS (upper(base)) STORED,
        maybe text GENERATED ALWAYS AS (lower(base)) STORED
      );`,
      { rows: 1000 },
    );
    expect(await count(db, 'SELECT count(*) AS n FROM gen_nn WHERE shout IS NOT NULL')).toBe(1000);
  });

  test('a CHECK on a generated column is met through its expression', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE gen_check (
        id int PRIMARY KEY,
        title text,
        qty int NOT NULL,
        price numeric(8,2) NOT NULL,
        slug text GENERATED ALWAYS AS (upper(title)) STORED CHECK (length(slug) > 20),
        total numeric GENERATED ALWAYS AS (qty * price) STORED,
        CONSTRAINT total_range CHECK (total BETWEEN 10 AND 5000)
      );`,
      { rows: 1000 },
    );
    expect(await count(db, 'SELECT count(*) AS n FROM gen_check')).toBe(1000);
    expect(await count(db, 'SELECT count(*) AS n FROM gen_check WHERE slug IS NOT NULL')).toBeGreaterThan(
      500,
    );
    expect(await count(db, 'SELECT count(DISTINCT total) AS n FROM gen_check')).toBeGreaterThan(100);
  });
});
