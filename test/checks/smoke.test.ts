import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { count, generateAndLoad } from './check-fixture.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

test('smoke', async () => {
  const result = await generateAndLoad(
    db,
    `CREATE TABLE booking (
      id serial PRIMARY KEY,
      start_date date NOT NULL,
      end_date date NOT NULL,
      a int, b int, c int,
      price numeric(10,2), list_price numeric(10,2),
      created_at timestamptz NOT NULL, updated_at timestamptz,
      code varchar(12) CHECK (code ~ '^[A-Z]{2}-\\d{4}$'),
      note text CHECK (note IS NULL OR length(note) > 3),
      CHECK (end_date >= start_date),
      CHECK (a <= b AND b <= c),
      CHECK (price <= list_price),
      CHECK (updated_at > created_at),
      CHECK ((a + b) % 7 <> 3)
    );`,
  );
  console.log(result.warnings);
  expect(await count(db, 'SELECT count(*) AS n FROM booking')).toBe(3000);
});
