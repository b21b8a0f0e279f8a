/**
 * A numeric column with a meaning and a CHECK bound (`amount > 0`,
 * `quantity >= 1`) keeps its meaning's magnitudes where they meet the bound
 * (generator version 2), instead of values over the whole type; loaded with
 * every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const DDL = `CREATE TABLE o (id serial PRIMARY KEY,
  amount numeric(10,2) NOT NULL CHECK (amount > 0),
  quantity int NOT NULL CHECK (quantity >= 1),
  stock int NOT NULL CHECK (stock BETWEEN 0 AND 500),
  price numeric(10,2) NOT NULL CHECK (price >= 0.5));`;

describe('meaning under CHECK bounds', () => {
  beforeAll(async () => {
    db = await createTestDatabase('boundedmagnitudes');
  });
  afterAll(async () => db.close());

  it('amounts, quantities and stock keep modest magnitudes inside their CHECKs', async () => {
    const { target, counts, result } = await loadGenerated(db, DDL, { defaultRows: 2000, seed: 3 });
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.o')).toBe(2000);
    expect(await count(target, 'SELECT count(*) AS n FROM o WHERE amount > 100000')).toBeLessThan(20);
    expect(await count(target, 'SELECT count(*) AS n FROM o WHERE quantity > 1000')).toBeLessThan(20);
    expect(await count(target, 'SELECT count(*) AS n FROM o WHERE amount < 0.01 OR quantity < 1')).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT quantity) AS n FROM o')).toBeGreaterThan(3);

    // Version 1 keeps the old values: over the whole type.
    const old = await loadGenerated(db, DDL.replace('TABLE o', 'TABLE o1'), {
      defaultRows: 2000,
      seed: 3,
      generatorVersion: 1,
    });
    expect(await count(old.target, 'SELECT count(*) AS n FROM o1 WHERE amount > 100000')).toBeGreaterThan(
      200,
    );
  });
});
