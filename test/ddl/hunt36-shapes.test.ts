/**
 * Shapes found by hunt 36 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F p into psql ON_ERROR_STOP
 * and -F c into pg_restore -j 2 -e, 100 rows; ejabberd, Kea and Hollo at 2000
 * too; each at --generator-version 28 as well):
 * - loaded both ways, no table empty or cut: Ory Keto (postgres up
 *   migrations in order, ory/x's networks table made first), 18F e-manifest,
 *   Danbooru and UK Trade Tariff (Rails structure.sql; Trade Tariff's
 *   pgvector columns as real[], the extension not installable here, and one
 *   index on a table the dump lacks removed: refused with its line, as
 *   PostgreSQL refuses it; 180 tables), Papermark, Inbox Zero, Teable,
 *   bookingpunktduh (Prisma migrations in order; a partial EXCLUDE over
 *   tsrange), Dittofeed and Hollo (Drizzle), mCaptcha (sqlx), procrastinate,
 *   pgwatch (metrics and sink schemas; metrics_template's CHECK (false)
 *   leaves it empty, warned), ejabberd (pg.new.sql), PowerDNS (gpgsql), ISC
 *   Kea (dhcpdb_create.pgsql, 64 tables), Openfire, Apache Guacamole, Stripe
 *   sync engine, graphile-worker (its :GRAPHILE_WORKER_SCHEMA set), Basejump
 *   (Supabase; auth.users given as another file);
 * - loaded, one table empty: gtfs-sql-importer (frequencies: CHECK
 *   (start_time::interval = start_time::interval) on text, fix36's casts of
 *   text columns), Webstudio (Prisma, 18 tables; AssetFileMetadata's CHECK
 *   wants `document ->> '_id' = "assetId"`: a JSON field equal to a sibling
 *   column, not read);
 * - exit 0 but failed to load, fixed below: TEKSI wastewater (69 changelog
 *   files, 334 tables, PostGIS: a self-referencing FK written before its
 *   table's primary key; it loads now, every table empty, warned: its last DO
 *   block changes obj_id's type in every table it finds in the catalog; since
 *   session 37 (fix37.test.ts) every table has rows),
 *   QWAT (setup.sh's files in order: a routine a DO block runs adds FKs to
 *   qwat_vl.visible(vl_code_int) before that UNIQUE was made; it then failed
 *   later: audit triggers the DO block attaches write logged_actions while the
 *   data loads, their function named only inside a string variable; since
 *   session 37 it loads both ways: fix37.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt36shapes');

describe('shapes of hunt 36 (real schemas)', () => {
  it('TEKSI wastewater: a DO block altering tables by name at run time keeps a self-referencing FK after its key', async () => {
    const ddl = `CREATE SCHEMA od;
      CREATE TABLE od.organisation (obj_id varchar(16) NOT NULL, fk_dataowner varchar(16),
        CONSTRAINT pkey_organisation PRIMARY KEY (obj_id));
      ALTER TABLE od.organisation ADD CONSTRAINT rel_dataowner FOREIGN KEY (fk_dataowner)
        REFERENCES od.organisation(obj_id) DEFERRABLE;
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'od' AND c.relkind = 'r'
        LOOP
          EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN obj_id TYPE text', r.nspname, r.relname);
        END LOOP;
      END $$;`;
    const { target } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    // Before: the FK was written before the primary key it needs, and both loads stopped there.
    const constraints = await target.query(
      "SELECT conname FROM pg_constraint WHERE conrelid = 'od.organisation'::regclass ORDER BY conname",
    );
    expect(constraints).toEqual([{ conname: 'pkey_organisation' }, { conname: 'rel_dataowner' }]);
  });
  it("QWAT: a DO block's routine adding an FK by format() keeps the key it references before the block", async () => {
    const ddl = `CREATE SCHEMA vl; CREATE SCHEMA od;
      CREATE TABLE vl.visible (id int PRIMARY KEY, vl_code_int smallint);
      ALTER TABLE vl.visible ADD CONSTRAINT visible_code_int UNIQUE (vl_code_int);
      CREATE TABLE vl.log (id serial PRIMARY KEY, what text NOT NULL);
      CREATE FUNCTION vl.label_fields(_tbl text) RETURNS void AS $f$
      BEGIN
        EXECUTE format('ALTER TABLE od.%I ADD COLUMN label_visible smallint DEFAULT 1', _tbl);
        EXECUTE format('ALTER TABLE od.%1$I ADD CONSTRAINT %2$I FOREIGN KEY (label_visible)
          REFERENCES vl.visible(vl_code_int)', _tbl, _tbl || '_label_visible');
        INSERT INTO vl.log (what) VALUES (_tbl);
      END $f$ LANGUAGE plpgsql;
      CREATE TABLE od.pipe (id serial PRIMARY KEY, name text);
      DO $$ BEGIN PERFORM vl.label_fields('pipe'); END $$;
      CREATE TABLE od.valve (id serial PRIMARY KEY, name text);`;
    const { counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    // Before: UNIQUE (vl_code_int) was post-data, so the block's FK failed; od.pipe, whose shape the routine
    // changes (a DEFAULT 1 under an FK), and vl.log, which it writes, now get no generated rows.
    expect(counts.get('vl.visible')).toBe(10);
    expect(counts.get('od.pipe')).toBe(0);
    expect(counts.get('vl.log')).toBe(1);
    expect(counts.get('od.valve')).toBe(10);
  });
});
