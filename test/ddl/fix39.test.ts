/**
 * Real-schema failures session 38 left open (issue 8), each from its minimal shape, loaded with every
 * constraint by psql ON_ERROR_STOP and by pg_restore -j 2 --exit-on-error:
 * - Boundary (internal/db/schema/migrations/oss/postgres, 69/01_rename_constraints): a DO block loops over
 *   `pg_constraint` renaming every UNIQUE (`format('alter table %I rename constraint %I to %I', ...)`); the
 *   205 tables made before it were left without rows (86 of 291 with rows). Renaming a constraint keeps it
 *   and the rows (input/ddl/dynamic-alters.ts).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix39');

describe('fix39: real schemas that emptied or cut tables', () => {
  it('Boundary: a DO loop renaming constraints by format() names keeps the tables before it and their rows', async () => {
    const ddl = `CREATE TABLE org (id int PRIMARY KEY, name text NOT NULL, CONSTRAINT org_name_key UNIQUE (name));
      CREATE TABLE member (id int PRIMARY KEY, org_id int NOT NULL REFERENCES org, email text, UNIQUE (org_id, email));
      DO $$
      DECLARE const record;
      BEGIN
        FOR const IN SELECT pc.conname AS constraint_name, pgc.relname AS table_name,
            pgc.relname || '_' || pc.conname || '_uq' AS new_name
          FROM pg_catalog.pg_constraint pc JOIN pg_catalog.pg_class pgc ON pc.conrelid = pgc.oid
          WHERE pgc.relname NOT LIKE 'pg_%' AND contype = 'u'
        LOOP
          IF length(const.new_name) <= 63 THEN
            EXECUTE format('alter table %I rename constraint %I to %I', const.table_name, const.constraint_name,
              const.new_name);
          END IF;
        END LOOP;
      END $$ LANGUAGE plpgsql;
      CREATE TABLE later (id int PRIMARY KEY, org_id int NOT NULL REFERENCES org);`;
    const { counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 }, { jobs: 2 });
    // Before: "public.org gets no rows instead of 10: public.org is altered, renamed or dropped by the DO block".
    expect(Object.fromEntries(counts)).toEqual({ 'public.org': 10, 'public.member': 10, 'public.later': 10 });
    expect(result.warnings.filter((w) => w.message.includes('no rows'))).toEqual([]);
  });
});
