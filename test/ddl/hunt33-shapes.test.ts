/**
 * Shapes found by hunt 33 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore -j 2,
 * -F p into psql ON_ERROR_STOP, 100 rows; -F c at 2000 for two):
 * - loaded both ways, no table empty: Kaguya (Phoenix structure.sql, pg_dump
 *   17.8 with \restrict; also at 2000), ChirpStack's diesel migrations (with
 *   pg_trgm made first, as warned), LedgerSMB's Pg-database.sql (oe_class 4
 *   rows under its CHECK, as warned), Apache DolphinScheduler (also at 2000),
 *   Concourse's 149 migrations, silken_net and ethscriptions-indexer (Rails
 *   structure.sql), Kamailio's kamctl/postgres (standard and every module but
 *   the ims_ alternatives), Rauthy's postgres migrations, Hasura Storage's
 *   migrations (its storage schema and pgcrypto made first, as warned), the
 *   world, iso-3166, french-towns and rbac samples (postgresDBSamples);
 * - ThingsBoard (schema-entities, -idx, functions, views, ts-psql): 11
 *   partitioned tables without partitions empty, as warned;
 * - fitnr's gtfs-sql-importer schema.sql (`\set schema gtfs`, PostGIS):
 *   gtfs.frequencies empty, as warned: its `CHECK (start_time::interval =
 *   start_time::interval)` (text that casts to interval) is not read, left;
 * - AppFlowy Cloud's sqlx migrations: need pgvector and Supabase's auth
 *   schema (warned); af_user and 20 tables under it empty, as warned: a DO
 *   block's nested `EXCEPTION WHEN duplicate_object THEN NULL; WHEN OTHERS
 *   THEN RAISE;` (a re-raise, so plain DDL) is not read, left;
 * - AED-Platform (Rails structure.sql, PostGIS 2): its dump's own st_extent
 *   aggregates fail on PostGIS 3 as the input itself does, not datagen's;
 * - Penpot's SQL migrations, LDBC SNB's ddl, gtfs-sql-importer's
 *   constraints/triggers files: refused where PostgreSQL refuses the files
 *   concatenated (their runners interleave code or drop first);
 * - midPoint (config/sql/native postgres.sql, postgres-audit.sql,
 *   postgres-quartz.sql): exit 0, and both loads failed: psql at 'relation
 *   "public.m_assignment_holder" does not exist' (its `CREATE SCHEMA IF NOT
 *   EXISTS AUTHORIZATION CURRENT_USER` makes the schema "$user" names, where a
 *   table kept as written landed), pg_restore at 'column "objecttype" is a
 *   generated column' (a child's GENERATED over an inherited column, in the
 *   COPY) and then at 'invalid transaction termination' (`CALL apply_change`,
 *   whose procedure COMMITs, sent with the entry's search_path prefix): fixed
 *   below, all concrete tables filled;
 * - Bareos (core/src/cats/ddl/creates/postgresql.sql): exit 0, psql loaded,
 *   pg_restore -j 2 stopped at 'schema "pg_temp" does not exist' (its
 *   pg_temp.exec function made in the leader's session, called in a
 *   worker's): fixed below;
 * - OpenMeter's 269 Atlas migrations: exit 0, psql loaded, pg_restore -j 2
 *   stopped at 'duplicate key value violates unique constraint
 *   "pg_class_relname_nsp_index"' (a later CREATE INDEX IF NOT EXISTS of an
 *   index made before, its own entry, run beside the first): fixed below
 *   (93/93 tables);
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt33shapes');

describe('shapes of hunt 33 (real schemas)', () => {
  it("midPoint: a schema named for the loading user, a child's generated column, a CALL of a procedure that COMMITs", async () => {
    const ddl = `CREATE SCHEMA IF NOT EXISTS AUTHORIZATION CURRENT_USER;
      CREATE TYPE objecttype AS ENUM ('OBJECT', 'HOLDER', 'ORG');
      CREATE TABLE m_global_metadata (name text PRIMARY KEY, value int);
      CREATE TABLE m_object (oid uuid NOT NULL, nameorig text NOT NULL,
        objectType objecttype NOT NULL CHECK (objectType = 'OBJECT') NO INHERIT, CHECK (FALSE) NO INHERIT);
      DO $$ DECLARE pg16 int; BEGIN
        SELECT 1 FROM pg_settings INTO pg16 WHERE name = 'server_version_num' AND setting >= '160000';
        IF pg16 THEN ALTER TABLE m_object ADD COLUMN note text; ELSE ALTER TABLE m_object ADD COLUMN note text; END IF;
      END $$;
      CREATE TABLE m_holder (objectType objecttype NOT NULL CHECK (objectType = 'HOLDER') NO INHERIT,
        CHECK (FALSE) NO INHERIT) INHERITS (m_object);
      CREATE TABLE m_org (oid uuid NOT NULL PRIMARY KEY,
        objectType objecttype GENERATED ALWAYS AS ('ORG') STORED CHECK (objectType = 'ORG'),
        displayOrder int) INHERITS (m_object);
      CREATE PROCEDURE apply_change(n int, change text, force boolean = false) LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE change;
        INSERT INTO m_global_metadata VALUES ('schemaChangeNumber', n)
          ON CONFLICT (name) DO UPDATE SET value = excluded.value;
        COMMIT;
      END $$;
      CALL apply_change(65, $$ SELECT 1 $$, true);`;
    const { target, restored, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 20, seed: 3 });
    expect(counts.get('public.m_org')).toBe(20);
    for (const t of [target, restored]) {
      const made = await t.query<{ t: string; g: string }>(
        `SELECT c.relnamespace::regnamespace::text || '.' || c.relname AS t, a.attgenerated AS g
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'objecttype'
         WHERE c.relname IN ('m_holder', 'm_org') ORDER BY 1`,
      );
      // Before: m_holder landed in the loading user's schema (the script stopped at its COPY), m_org's COPY named
      // its generated column, and the archive's CALL stopped at its COMMIT.
      expect(made).toEqual([
        { t: 'public.m_holder', g: '' },
        { t: 'public.m_org', g: 's' },
      ]);
      expect(await t.query("SELECT value FROM m_global_metadata WHERE name = 'schemaChangeNumber'")).toEqual([
        { value: 65 },
      ]);
    }
  });

  it('Bareos: a SELECT calling a function made in pg_temp restores with pg_restore -j 2', async () => {
    const ddl = `CREATE TABLE job (jobid serial PRIMARY KEY, name text NOT NULL);
      CREATE FUNCTION decode_it(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
      create function pg_temp.exec(raw_query text) returns boolean as $$
      begin
        execute raw_query;
        return true;
      end
      $$ language 'plpgsql';
      select case when (select setting from pg_settings where name = 'server_version_num')::int > 100000
        then pg_temp.exec('alter function decode_it parallel safe;') else false end as decode_parallel;`;
    const { target, restored, counts } = await loadScriptAndArchive(
      db,
      ddl,
      { defaultRows: 10, seed: 3 },
      { jobs: 2 },
    );
    expect(counts.get('public.job')).toBe(10);
    for (const t of [target, restored])
      expect(await t.query("SELECT proparallel AS p FROM pg_proc WHERE proname = 'decode_it'")).toEqual([
        { p: 's' },
      ]);
  });

  it('OpenMeter: CREATE INDEX IF NOT EXISTS of an index made before does nothing (no second archive entry)', async () => {
    const ddl = `CREATE TABLE charge_flat_fees (id serial PRIMARY KEY, tax_code_id int NOT NULL);
      CREATE INDEX "chargeflatfees_tax_code_id" ON "charge_flat_fees" ("tax_code_id");
      CREATE INDEX IF NOT EXISTS "chargeflatfees_tax_code_id" ON "charge_flat_fees" ("tax_code_id");
      CREATE UNIQUE INDEX IF NOT EXISTS "chargeflatfees_tax_code_id" ON "charge_flat_fees" ("tax_code_id", id);`;
    const { output, restored, counts } = await loadScriptAndArchive(
      db,
      ddl,
      { defaultRows: 10, seed: 3 },
      { jobs: 2 },
    );
    expect(counts.get('public.charge_flat_fees')).toBe(10);
    // Before: three CREATE INDEX statements, and two archive entries of one name that pg_restore -j ran at once.
    expect(readFileSync(output, 'utf8').match(/CREATE (UNIQUE )?INDEX/g)).toHaveLength(1);
    expect(
      await restored.query(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'charge_flat_fees' AND indexname <> 'charge_flat_fees_pkey'",
      ),
    ).toEqual([
      {
        indexdef:
          'CREATE INDEX chargeflatfees_tax_code_id ON public.charge_flat_fees USING btree (tax_code_id)',
      },
    ]);
  });
});
