/**
 * Generated columns and expression indexes whose expressions overflow on
 * extreme values (`a * b` past int4, `(t1 - t2) * (n + 1)` past an
 * interval): default magnitudes are realistic, so ordinary expressions over
 * generated rows load, at CREATE INDEX and at INSERT alike.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { count, generateAndLoad } from './check-fixture.js';

const ROWS = 5000;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('magnitudes');
});
afterAll(async () => db.close());

test('generated columns and expression indexes over generated values do not overflow', async () => {
  await generateAndLoad(
    db,
    `CREATE TABLE spans (
      id serial PRIMARY KEY,
      ts1 timestamp NOT NULL, ts2 timestamp NOT NULL,
      n int NOT NULL, a int NOT NULL, b int NOT NULL, s smallint NOT NULL,
      big bigint NOT NULL, price numeric(10,2) NOT NULL, qty int NOT NULL, m numeric NOT NULL,
      area int GENERATED ALWAYS AS (a * b) STORED,
      twice bigint GENERATED ALWAYS AS (big * 2 + n) STORED,
      total numeric(14,2) GENERATED ALWAYS AS (price * qty) STORED,
      as_int int GENERATED ALWAYS AS ((m * 2)::int) STORED,
      small int2 GENERATED ALWAYS AS ((s + 1) * 1) STORED,
      stretched interval GENERATED ALWAYS AS ((ts1 - ts2) * (n + 1)) STORED
    );
    CREATE INDEX spans_weighted ON spans (((ts1 - ts2) * (n + 1)));
    CREATE INDEX spans_shifted ON spans ((ts1 + n * interval '1 day'));
    CREATE INDEX spans_product ON spans ((a * b + big));`,
    { rows: ROWS },
  );
  expect(await count(db, 'SELECT count(*) AS n FROM spans')).toBe(ROWS);
  // Realistic, not degenerate: values still vary widely.
  expect(await count(db, 'SELECT count(DISTINCT a) AS n FROM spans')).toBeGreaterThan(1000);
  expect(await count(db, 'SELECT count(*) AS n FROM spans WHERE big > 1000')).toBeGreaterThan(ROWS * 0.2);
});

test('text columns an index, a generated column or a CHECK casts to another type hold literals of that type', async () => {
  // travis-ci's structure.sql: CREATE INDEX ... ON builds (repository_id, ((number)::integer)).
  await generateAndLoad(
    db,
    `CREATE TABLE builds (
      id serial PRIMARY KEY, repository_id int, number varchar, code char(4), amount text,
      flag text CHECK ((flag)::boolean OR flag IS NULL), ext text NOT NULL,
      n_plus int GENERATED ALWAYS AS ((code)::int + 1) STORED
    );
    CREATE INDEX index_builds_on_repository_id_and_number ON builds (repository_id, ((number)::integer));
    CREATE INDEX builds_amount ON builds (((amount)::numeric));
    CREATE UNIQUE INDEX builds_ext ON builds (((ext)::bigint));`,
    { rows: 2000 },
  );
  expect(await count(db, 'SELECT count(*) AS n FROM builds')).toBe(2000);
  expect(await count(db, 'SELECT count(DISTINCT number) AS n FROM builds')).toBeGreaterThan(100);
  expect(
    await count(db, 'SELECT count(*) AS n FROM builds WHERE flag IS NOT NULL AND NOT flag::boolean'),
  ).toBe(0);
});
