/**
 * DDL shapes of migration kits and sample databases (Prisma, Flyway, sqlx
 * histories concatenated in order, as a user would run them), each reduced
 * to a minimal file: generated through the library, loaded as a script with
 * ON_ERROR_STOP and restored from a custom archive with pg_restore
 * --exit-on-error, every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

let db: TestDatabase;

/** 40 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 40, seed: 5 });

describe('DDL shapes of migration kits and sample databases', () => {
  beforeAll(async () => {
    db = await createTestDatabase('kithunt');
  });
  afterAll(async () => db.close());

  it('SELECT ... INTO TEMP TABLE of a data migration is left out with the statements on it (Inbox Zero)', async () => {
    // Before: the final DROP TABLE of the temporary table was refused ("not created earlier in the DDL"), exit 2.
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE rules (id serial PRIMARY KEY, name text NOT NULL);
      SELECT id, name INTO TEMP TABLE tmp_rules FROM rules;
      INSERT INTO rules (name) SELECT name FROM tmp_rules;
      DROP TABLE tmp_rules;
      SELECT id INTO TEMPORARY kept FROM rules;
      DROP TABLE IF EXISTS kept;`);
    expect(counts.get('public.rules')).toBe(40);
    expect([...counts.keys()]).toEqual(['public.rules']);
    expect(warnings.filter((w) => w.startsWith('SELECT ... INTO TEMP TABLE'))).toHaveLength(2);
  });
});
