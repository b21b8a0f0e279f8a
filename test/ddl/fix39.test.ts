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
 * - Kong's shape (a trigger made before the data fires as the rows load, its function reading `tags` by the
 *   path the tables were made under): a direct load (-d) into an empty database copied the rows under the
 *   path the pre-data left (`relation "tags" does not exist`, -j 1 and -j 2); now under the table's, as the
 *   script and the archive. The archive's data entries wait one for another (no -j 2 deadlock): the TOC says so.
 * - A unique text column whose CHECK casts it to `time` (a time's spellings are alternatives of different
 *   shapes): left without rows; now the strings of its largest spelling (values/regex-enumeration.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { readToc } from '../helpers/archive-toc.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { generateDdlFile, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix39');

/**
 * Kong's shape: triggers a DO block makes, kept before the data at generator version 29 (read as DDL, after the
 * data, from 30), whose function reads `tags` by the path it ran under.
 */
const FIRING = `CREATE SCHEMA app;
  SET search_path = app;
  CREATE TABLE routes (id uuid PRIMARY KEY, name text);
  CREATE TABLE services (id uuid PRIMARY KEY, name text);
  CREATE TABLE tags (entity_id uuid PRIMARY KEY, entity_name text);
  CREATE FUNCTION sync_tags() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO tags VALUES (NEW.id, TG_TABLE_NAME) ON CONFLICT (entity_id) DO NOTHING;
    RETURN NEW;
  END $$;
  DO $$
  BEGIN
    CREATE TRIGGER routes_sync AFTER INSERT ON routes FOR EACH ROW EXECUTE PROCEDURE sync_tags();
    CREATE TRIGGER services_sync AFTER INSERT ON services FOR EACH ROW EXECUTE PROCEDURE sync_tags();
  EXCEPTION WHEN UNDEFINED_COLUMN OR UNDEFINED_TABLE THEN
  END $$;
  RESET search_path;`;

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

  it('a unique text column whose CHECK casts it to time: values of one of its spellings, distinct', async () => {
    const ddl = `CREATE TABLE slot (id int PRIMARY KEY, start_text text NOT NULL UNIQUE,
        CHECK ((start_text::time) IS NOT NULL));`;
    const { counts, result } = await loadScriptAndArchive(
      db,
      ddl,
      { defaultRows: 300, seed: 1 },
      { jobs: 2 },
    );
    // Before: "allows only 0 distinct values ... (pattern: alternatives of different shapes)", no rows.
    expect(counts.get('public.slot')).toBe(300);
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/different shapes/);
  });

  it("Kong's shape: -d loads rows a trigger sees under their table's path; the archive's data entries are a chain", async () => {
    const schema = join(tempDir(), 'schema.sql');
    writeFileSync(schema, FIRING);
    for (const workers of [1, 2]) {
      const target = await siblingWith(db);
      // Before: "cannot copy rows into app.routes ...: relation "tags" does not exist".
      await generate({
        schema: [schema],
        connection: { dbname: target.connectionString },
        defaultRows: 5,
        seed: 1,
        workers,
      });
      const rows = await target.query(
        `SELECT (SELECT count(*) FROM app.routes) AS routes, (SELECT count(*) FROM app.services) AS services,
          (SELECT count(*) = (SELECT count(*) FROM (SELECT id FROM app.routes UNION SELECT id FROM app.services) u)
            FROM app.tags) AS tagged`,
      );
      expect(rows).toEqual([{ routes: '5', services: '5', tagged: true }]);
    }
    const { output } = await generateDdlFile(FIRING, {
      format: 'custom',
      defaultRows: 5,
      generatorVersion: 29,
    });
    const data = (await readToc(db, output)).filter((e) => e.desc === 'TABLE DATA');
    expect(data.map((e) => e.tag)).toEqual(['routes', 'services']);
    // Each data entry waits for the one before it, so pg_restore -j 2 runs no two COPYs firing sync_tags() at once.
    for (const [i, entry] of data.entries()) if (i > 0) expect(entry.deps).toContain(data[i - 1]?.id);
  });
});
