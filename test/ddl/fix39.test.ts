/**
 * Real-schema failures session 38 left open (issue 8), each from its minimal shape, loaded with every
 * constraint by psql ON_ERROR_STOP and by pg_restore -j 2 --exit-on-error:
 * - Boundary (internal/db/schema/migrations/oss/postgres, 69/01_rename_constraints): a DO block loops over
 *   `pg_constraint` renaming every UNIQUE (`format('alter table %I rename constraint %I to %I', ...)`); the
 *   205 tables made before it were left without rows (86 of 291 with rows). Renaming a constraint keeps it
 *   and the rows (input/ddl/dynamic-alters.ts).
 * - QWAT: `DO $$ BEGIN PERFORM qwat_sys.fn_label_create_fields('pipe'); END $$`, whose routine runs `EXECUTE
 *   format('ALTER TABLE qwat_od.%1$I ADD CONSTRAINT ...', _tbl, ...)`, left every qwat_od table without rows
 *   (34); the call's constant names the one table altered (input/ddl/called-alter-names.ts).
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

  it("QWAT: a routine's ALTER TABLE s.%1$I, run by PERFORM f('pipe') in a DO block, alters pipe alone", async () => {
    const ddl = `CREATE SCHEMA sys; CREATE SCHEMA od;
      CREATE TABLE od.visible (code smallint PRIMARY KEY);
      CREATE FUNCTION sys.label_fields(_tbl text, _position bool = true) RETURNS void AS $f$
      BEGIN
        EXECUTE format('ALTER TABLE od.%I ADD COLUMN label_visible smallint DEFAULT 1', _tbl);
        IF _position THEN
          EXECUTE format('ALTER TABLE od.%I ADD COLUMN label_x double precision', _tbl);
        END IF;
        EXECUTE format('ALTER TABLE od.%1$I ADD CONSTRAINT %2$I FOREIGN KEY (label_visible) REFERENCES od.visible (code)',
          _tbl, _tbl || '_label_visible');
      END $f$ LANGUAGE plpgsql;
      CREATE TABLE od.worker (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE od.pipe (id int PRIMARY KEY, fk_worker int REFERENCES od.worker);
      DO $$ BEGIN PERFORM sys.label_fields('pipe', false); END $$;
      CREATE TABLE od.valve (id int PRIMARY KEY, fk_worker int NOT NULL REFERENCES od.worker);`;
    const { counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 }, { jobs: 2 });
    // Before: od.worker (and visible) "gets no rows": any table of od made before the block might be altered.
    expect(Object.fromEntries(counts)).toEqual({
      'od.visible': 10,
      'od.worker': 10,
      'od.pipe': 0,
      'od.valve': 10,
    });
    const empty = result.warnings
      .filter((w) => w.message.includes('no rows'))
      .map((w) => w.message.split(' ')[0]);
    expect(empty).toEqual(['od.pipe']);
  });
});
