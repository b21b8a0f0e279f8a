import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

let db: TestDatabase;

describe('shapes of hunt 11a', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt11ashapes');
  });
  afterAll(async () => db.close());

  it('ALTER VIEW / ALTER MATERIALIZED VIEW ... RENAME TO: a later DROP VIEW of the new name is accepted, and the indexes and REFRESH of a renamed materialized view name it by its new name (Boundary migrations)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE lib (id int PRIMARY KEY, name text NOT NULL);
       CREATE VIEW lib_list AS SELECT id, name FROM lib;
       ALTER VIEW lib_list RENAME TO generic_list;
       DROP VIEW generic_list;
       CREATE VIEW generic_list AS SELECT id FROM lib;
       CREATE MATERIALIZED VIEW lib_mv AS SELECT id FROM lib;
       CREATE UNIQUE INDEX lib_mv_id ON lib_mv (id);
       ALTER MATERIALIZED VIEW lib_mv RENAME TO lib_mv2;
       COMMENT ON MATERIALIZED VIEW lib_mv2 IS 'renamed';
       CREATE MATERIALIZED VIEW m3 AS SELECT name FROM lib;
       CREATE INDEX m3_name ON m3 (name);
       ALTER TABLE m3 RENAME TO m4;`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.lib')).toBe(50);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM lib_mv2')).toBe(50);
      expect(await count(t, 'SELECT count(*) AS n FROM m4')).toBe(50);
      expect(
        await count(t, `SELECT count(*) AS n FROM pg_indexes WHERE indexname IN ('lib_mv_id', 'm3_name')`),
      ).toBe(2);
    }
  });
});
