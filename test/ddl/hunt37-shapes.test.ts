/**
 * Shapes found by hunt 37 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F p into psql ON_ERROR_STOP
 * and -F c into pg_restore -j 2 -e, 100 rows; Kong and Fider at 2000 too;
 * each at --generator-version 29 as well):
 * - loaded both ways, no table empty or cut: Coder (coderd/database/dump.sql,
 *   62 tables), OTRS Community Edition (otrs-schema + schema-post, 118),
 *   Sourcegraph (frontend, codeintel and codeinsights squashed.sql; 203, 13,
 *   21), Tiny Tiny RSS, Zabbix (database/postgresql/schema.sql, 113), Nakama
 *   (sql-migrate files in order, Down sections left out), Hive metastore 4.0.0
 *   (75), SQL-Ledger (Pg-tables.sql), Bacula (make_postgresql_tables, its
 *   @BDB_VERSION@ set), Fider (95 migrations in order), Miniflux (the SQL of
 *   migrations.go), sanbase and Edge Commander (Ecto structure.sql);
 * - loaded, two tables empty, warned: juno (Cosmos indexer: transaction is
 *   PARTITION BY LIST with no partition, the application makes them);
 * - loaded, every table empty, fixed below: Frapid/MixERP (core, account,
 *   auth, config, website, addressbook, calendar, social; its p.proisagg
 *   replaced, PostgreSQL 11 removed it): 99.ownership.sql's DO block runs
 *   `'ALTER TABLE ' || schemaname || '.' || tablename || ' OWNER TO r'`;
 * - exit 0 but the archive failed to load (plain loaded), fixed below from
 *   version 30: Kong (core and plugin migrations' postgres `up`): triggers
 *   made in DO blocks under `WHEN undefined_column THEN` stayed before the
 *   data and wrote tags under pg_restore's empty search_path;
 * - not loadable here: Evergreen ILS (plperlu functions need Perl's JSON::XS
 *   and MARC modules at CREATE time).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt37shapes');

describe('shapes of hunt 37 (real schemas)', () => {
  it("Frapid: a DO block's ALTER TABLE schema || '.' || table || ' OWNER TO r' keeps every table's rows", async () => {
    await db.query(
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dg_hunt37_owner') THEN CREATE ROLE dg_hunt37_owner; END IF; END $$",
    );
    const ddl = `CREATE SCHEMA core;
      CREATE TABLE core.countries (country_code varchar(12) PRIMARY KEY, country_name text NOT NULL);
      CREATE TABLE core.offices (office_id serial PRIMARY KEY, country_code varchar(12) REFERENCES core.countries);
      DO $$
      DECLARE this record;
      BEGIN
        FOR this IN SELECT * FROM pg_tables WHERE NOT schemaname = ANY(ARRAY['pg_catalog', 'information_schema'])
        LOOP
          EXECUTE 'ALTER TABLE '|| this.schemaname || '.' || this.tablename ||' OWNER TO dg_hunt37_owner;';
        END LOOP;
      END $$ LANGUAGE plpgsql;`;
    const { counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    // Before: the ALTER's action was read as '.', so both tables were taken as changed and got no rows.
    expect(counts.get('core.countries')).toBe(10);
    expect(counts.get('core.offices')).toBe(10);
  });

  it("Kong: a DO block's CREATE TRIGGER under WHEN undefined_column THEN (no action) is that trigger, made after the data", async () => {
    const ddl = `CREATE TABLE routes (id uuid PRIMARY KEY, name text);
      CREATE TABLE tags (entity_id uuid PRIMARY KEY, entity_name text, tags text[]);
      CREATE FUNCTION sync_tags() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO tags VALUES (NEW.id, TG_TABLE_NAME, NEW.tags)
          ON CONFLICT (entity_id) DO UPDATE SET tags = EXCLUDED.tags;
        RETURN NEW;
      END $$;
      DO $$
      BEGIN
        ALTER TABLE IF EXISTS ONLY routes ADD tags TEXT[];
      EXCEPTION WHEN DUPLICATE_COLUMN THEN
        -- Do nothing, accept existing state
      END$$;
      DROP TRIGGER IF EXISTS routes_sync_tags_trigger ON routes;
      DO $$
      BEGIN
        CREATE TRIGGER routes_sync_tags_trigger AFTER INSERT OR UPDATE OF tags OR DELETE ON routes
        FOR EACH ROW EXECUTE PROCEDURE sync_tags();
      EXCEPTION WHEN UNDEFINED_COLUMN OR UNDEFINED_TABLE THEN
        -- Do nothing, accept existing state
      END$$;`;
    const { counts, restored } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 1,
      generatorVersion: 30,
    });
    // Before (version 29): the block stayed before the data and its trigger wrote tags as routes loaded; under
    // the archive's empty search_path its code found no tags, and pg_restore stopped. tags got no rows.
    expect(counts.get('public.tags')).toBe(10);
    expect(counts.get('public.routes')).toBe(10);
    const triggers = await restored.query(
      "SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.routes'::regclass AND NOT tgisinternal",
    );
    expect(triggers).toEqual([{ tgname: 'routes_sync_tags_trigger' }]);
  });
});
