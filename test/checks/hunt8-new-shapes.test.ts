/**
 * Shapes found by the eighth hunt on real schemas never seen before
 * (rudder-server's warehouse migrations, ChirpStack's, …): each reduced to a
 * minimal shape, generated, loaded into the real server with every
 * constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt8shapes');

describe('shapes of the eighth hunt: DO blocks and routines read as DDL', () => {
  it('a key added in a DO block under WHEN others THEN null, dropped and added again wider, loads (rudder-server)', async () => {
    const ddl = `CREATE TABLE wh_schemas (id bigserial PRIMARY KEY, source_id text NOT NULL,
  destination_id text NOT NULL, namespace text NOT NULL);
DO $$
    BEGIN
        ALTER TABLE wh_schemas ADD CONSTRAINT unique_wh_identifier UNIQUE("source_id","destination_id","namespace");
    EXCEPTION
        when others then null;
    END $$;
DO $$ BEGIN
  ALTER TABLE wh_schemas ADD CONSTRAINT unique_wh_identifier UNIQUE(source_id, destination_id);
EXCEPTION WHEN others THEN null; END $$;
ALTER TABLE wh_schemas DROP CONSTRAINT IF EXISTS unique_wh_identifier;
ALTER TABLE wh_schemas ADD COLUMN IF NOT EXISTS table_name TEXT DEFAULT '';
ALTER TABLE wh_schemas ADD CONSTRAINT unique_wh_identifier UNIQUE("source_id","destination_id","namespace", "table_name");`;
    const { target, counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 120, seed: 2 });
    expect(counts.get('public.wh_schemas')).toBe(120);
    // Both blocks are read as their DDL: no DO block is kept, none warned.
    expect(result.warnings.map((w) => w.code)).not.toContain('DO_BLOCK');
    const [key] = await target.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'unique_wh_identifier'`,
    );
    expect(key?.def).toBe('UNIQUE (source_id, destination_id, namespace, table_name)');
  });

  it('a DO block reading a temporary table left out is left out with it (OpenMeter dedup migration)', async () => {
    const ddl = `CREATE TABLE tax_codes (id serial PRIMARY KEY, key text NOT NULL);
CREATE TEMP TABLE _dedup_map AS SELECT id AS loser_id, id AS winner_id FROM tax_codes;
DO $$
DECLARE
  conflicting_count int;
BEGIN
  SELECT COUNT(*) INTO conflicting_count FROM (SELECT loser_id FROM _dedup_map GROUP BY loser_id
    HAVING COUNT(DISTINCT winner_id) > 1) c;
  IF conflicting_count > 0 THEN RAISE EXCEPTION 'dedup: % rows', conflicting_count; END IF;
END $$;
CREATE INDEX ON _dedup_map (loser_id);
DROP TABLE _dedup_map;
CREATE UNIQUE INDEX tax_codes_key ON tax_codes (key);`;
    const { counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 40, seed: 1 });
    expect(counts.get('public.tax_codes')).toBe(40);
    expect(result.warnings.map((w) => w.code)).not.toContain('DO_BLOCK');
  });

  it('CALL / SELECT of a routine that only runs EXECUTE format(DDL, table) reads as that DDL (Lakekeeper)', async () => {
    const ddl = `create or replace procedure add_time_columns(tablename regclass)
    language plpgsql as $$
begin
    execute format('alter table %s
            add column if not exists created_at timestamptz not null default now(),
            add column if not exists updated_at timestamptz;', tablename);
end;
$$;
create or replace function set_updated_at() returns trigger as $$ begin NEW.updated_at = now(); return NEW; end; $$ language plpgsql;
create or replace function trigger_updated_at(tablename regclass) returns void as $$ begin execute format(
        'CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s FOR EACH ROW
        WHEN (OLD is distinct from NEW) EXECUTE FUNCTION set_updated_at();', tablename);
end;
$$ language plpgsql;
create table task_log (task_id uuid primary key, status text not null);
call add_time_columns('task_log');
create table "view" (view_id uuid primary key);
call add_time_columns('"view"');
select trigger_updated_at('"view"');
ALTER TABLE task_log DROP COLUMN updated_at, ADD COLUMN progress real DEFAULT 0.0 NOT NULL;`;
    const { target, counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 25, seed: 1 });
    expect(counts.get('public.task_log')).toBe(25);
    expect(counts.get('public.view')).toBe(25);
    expect(result.warnings.map((w) => w.code)).not.toContain('FUNCTION_CALL');
    const columns = await target.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'task_log' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(['task_id', 'status', 'created_at', 'progress']);
    const [trigger] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_trigger WHERE tgname = 'set_updated_at' AND tgrelid = 'public.view'::regclass",
    );
    expect(Number(trigger?.n)).toBe(1);
  });

  it('a DO block making an extension, a table and its index under WHEN OTHERS THEN RAISE NOTICE reads as that DDL (AppFlowy Cloud)', async () => {
    const ddl = `CREATE TABLE af_collab (oid text NOT NULL, partition_key int NOT NULL, PRIMARY KEY (oid, partition_key));
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE IF NOT EXISTS af_collab_embeddings
    (
        fragment_id TEXT NOT NULL PRIMARY KEY,
        oid TEXT NOT NULL,
        partition_key INTEGER NOT NULL,
        content TEXT,
        FOREIGN KEY (oid, partition_key) REFERENCES af_collab (oid, partition_key) ON DELETE CASCADE
    );
    CREATE INDEX IF NOT EXISTS af_collab_embeddings_trgm_idx ON af_collab_embeddings USING gin (content gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'could not create "pg_trgm" extension, ignoring this migration';
END;
$$ LANGUAGE plpgsql;
ALTER TABLE af_collab_embeddings ADD COLUMN indexed boolean NOT NULL DEFAULT false;`;
    const { counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 40, seed: 1 });
    expect(counts.get('public.af_collab_embeddings')).toBe(40);
    expect(result.warnings.map((w) => w.code)).not.toContain('DO_BLOCK');
  });

  it('a DO block that EXECUTEs a constant CREATE TYPE unless pg_type joined to pg_namespace has it reads as that DDL (Linkwarden)', async () => {
    const ddl = `CREATE TABLE "User" (id serial PRIMARY KEY);
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_type t JOIN pg_namespace n ON t.typnamespace = n.oid
     WHERE t.typname = 'Theme' AND n.nspname = current_schema()
  ) THEN
    EXECUTE
      'CREATE TYPE "Theme" AS ENUM (''dark'', ''light'', ''auto'')';
  END IF;
END
$$;
ALTER TABLE "User" ADD COLUMN IF NOT EXISTS "theme" "Theme" NOT NULL DEFAULT 'dark';`;
    const { target, counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 30, seed: 1 });
    expect(counts.get('public.User')).toBe(30);
    expect(result.warnings.map((w) => w.code)).not.toContain('DO_BLOCK');
    const [row] = await target.query<{ n: string }>('SELECT count(DISTINCT theme) AS n FROM "User"');
    expect(Number(row?.n)).toBe(3);
  });
});

describe('shapes of the eighth hunt: keys and constraints', () => {
  it('a CHECK written before the ADD COLUMN it reads, in one ALTER TABLE, loads (OpenMeter, Atlas)', async () => {
    const ddl = `CREATE TABLE currencies (id char(26) PRIMARY KEY);
CREATE TABLE charges (id char(26) PRIMARY KEY, currency varchar(3) NOT NULL);
ALTER TABLE "charges" ADD CONSTRAINT "currency_reference" CHECK ((currency IS NULL) <> (custom_currency_id IS NULL)),
  ADD CONSTRAINT "currency_not_empty" CHECK (currency IS NULL OR currency <> ''), ALTER COLUMN "currency" DROP NOT NULL,
  ADD COLUMN "custom_currency_id" character(26) NULL,
  ADD CONSTRAINT "charges_custom_currency" FOREIGN KEY ("custom_currency_id") REFERENCES "currencies" ("id");`;
    const { target, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 80, seed: 1 });
    expect(counts.get('public.charges')).toBe(80);
    const [row] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM charges WHERE (currency IS NULL) = (custom_currency_id IS NULL)',
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('VALIDATE CONSTRAINT of a NOT VALID key makes it valid, and a later DROP COLUMN takes both (OpenMeter)', async () => {
    const ddl = `CREATE TABLE tax_codes (id char(26) PRIMARY KEY);
CREATE TABLE lines (id serial PRIMARY KEY);
CREATE TABLE groups (id serial PRIMARY KEY);
ALTER TABLE "lines" ADD COLUMN "tax_code_id" character(26) NULL, ADD CONSTRAINT "lines_tax_codes" FOREIGN KEY ("tax_code_id") REFERENCES "tax_codes" ("id") ON DELETE SET NULL NOT VALID;
ALTER TABLE "lines" VALIDATE CONSTRAINT "lines_tax_codes";
ALTER TABLE "groups" ADD COLUMN "tax_code_id" character(26) NULL, ADD CONSTRAINT "groups_tax_codes" FOREIGN KEY ("tax_code_id") REFERENCES "tax_codes" ("id") NOT VALID;
ALTER TABLE "groups" VALIDATE CONSTRAINT "groups_tax_codes";
ALTER TABLE "groups" DROP COLUMN "tax_code_id";`;
    const { target, restored, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 60, seed: 2 });
    expect(counts.get('public.lines')).toBe(60);
    for (const t of [target, restored]) {
      const keys = await t.query<{ conname: string; convalidated: boolean }>(
        "SELECT conname, convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY conname",
      );
      expect(keys).toEqual([{ conname: 'lines_tax_codes', convalidated: true }]);
    }
  });

  it('a UNIQUE on the primary key columns is that key, under its name; DROP of the name and a new key load (Lakekeeper)', async () => {
    const ddl = `create table view_schema (schema_id int not null, view_id uuid not null, schema jsonb not null,
    CONSTRAINT "unique_schema_per_view" unique (view_id, schema_id),
    PRIMARY KEY (view_id, schema_id));
create table t2 (id int primary key unique, a int unique, b int, unique (a), constraint named_b unique (b), unique (b));
ALTER TABLE view_schema ADD COLUMN warehouse_id UUID not null;
ALTER TABLE view_schema DROP CONSTRAINT unique_schema_per_view,
  ADD CONSTRAINT unique_schema_per_view PRIMARY KEY (warehouse_id, view_id, schema_id);`;
    const { target, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 30, seed: 1 });
    expect(counts.get('public.view_schema')).toBe(30);
    const keys = await target.query<{ rel: string; conname: string; def: string }>(
      `SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    );
    // As PostgreSQL keeps them: a UNIQUE repeating a key kept before it is that key.
    expect(keys).toEqual([
      { rel: 't2', conname: 'named_b', def: 'UNIQUE (b)' },
      { rel: 't2', conname: 't2_a_key', def: 'UNIQUE (a)' },
      { rel: 't2', conname: 't2_pkey', def: 'PRIMARY KEY (id)' },
      {
        rel: 'view_schema',
        conname: 'unique_schema_per_view',
        def: 'PRIMARY KEY (warehouse_id, view_id, schema_id)',
      },
    ]);
  });

  it('a UNIQUE NULLS NOT DISTINCT over nullable foreign keys a CHECK leaves NULL is made unique by a NOT NULL part (Lakekeeper tag)', async () => {
    const ddl = `create type src as enum ('manual','auto');
create table w (id uuid primary key);
create table d (id uuid primary key);
create table ns (w uuid not null references w, id uuid not null, primary key (w, id));
create table tabular (w uuid not null references w, id uuid not null, primary key (w, id));
create table tfield (w uuid not null, tab uuid not null, field int not null, primary key (w, tab, field),
  foreign key (w, tab) references tabular (w, id));
create table tag (id uuid primary key, d uuid not null references d, w uuid not null references w, ns_id uuid,
  tab uuid, field int, source src not null,
  foreign key (w, ns_id) references ns (w, id),
  foreign key (w, tab) references tabular (w, id),
  foreign key (w, tab, field) references tfield (w, tab, field),
  check ((ns_id is not null)::int + (tab is not null)::int <= 1),
  check (field is null or tab is not null),
  constraint u unique nulls not distinct (w, ns_id, tab, field, d, source));`;
    for (const seed of [1, 2]) {
      const { target, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 300, seed });
      expect(counts.get('public.tag')).toBe(300);
      const [row] = await target.query<{ nulls: string }>(
        'SELECT count(*) FILTER (WHERE ns_id IS NULL) AS nulls FROM tag',
      );
      expect(Number(row?.nulls)).toBeGreaterThan(30);
    }
  });

  it('a composite FK beside a wider one to the same parent rows takes the wider one, and the parent keeps its rows (Lakekeeper tabular)', async () => {
    const ddl = `create table warehouse (warehouse_id uuid primary key);
create table namespace (warehouse_id uuid not null references warehouse, namespace_id uuid not null,
  namespace_name text[] not null, primary key (warehouse_id, namespace_id),
  constraint uq unique (warehouse_id, namespace_id, namespace_name));
create table tabular (tabular_id uuid not null, warehouse_id uuid not null references warehouse,
  namespace_id uuid not null, tabular_namespace_name text[] not null, name text not null,
  primary key (warehouse_id, tabular_id),
  foreign key (warehouse_id, namespace_id) references namespace (warehouse_id, namespace_id),
  foreign key (warehouse_id, namespace_id, tabular_namespace_name)
    references namespace (warehouse_id, namespace_id, namespace_name) on update cascade);`;
    const { target, counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 200, seed: 1 });
    expect(counts.get('public.namespace')).toBe(200);
    expect(counts.get('public.tabular')).toBe(200);
    expect(result.warnings.map((w) => w.code)).not.toContain('ROWS_REDUCED');
    const [row] = await target.query<{ n: string }>(
      'SELECT count(DISTINCT (warehouse_id, namespace_id)) AS n FROM tabular',
    );
    expect(Number(row?.n)).toBeGreaterThan(50);
  });

  it('a materialized view dropped by a later migration takes its REFRESH with it (Marquez V72)', async () => {
    const ddl = `CREATE TABLE lineage_events (event_time timestamptz NOT NULL, event_type text);
CREATE MATERIALIZED VIEW IF NOT EXISTS lineage_events_by_type_daily_view AS
  SELECT date_trunc('day', event_time) AS start_interval, event_type, count(*) AS n FROM lineage_events GROUP BY 1, 2;
CREATE INDEX IF NOT EXISTS lineage_daily_idx ON lineage_events_by_type_daily_view (start_interval);
DROP MATERIALIZED VIEW IF EXISTS lineage_events_by_type_daily_view;`;
    const { target, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 20, seed: 1 });
    expect(counts.get('public.lineage_events')).toBe(20);
    const views = await target.query(
      "SELECT 1 FROM pg_matviews WHERE matviewname = 'lineage_events_by_type_daily_view'",
    );
    expect(views).toEqual([]);
  });
});

describe('shapes of the eighth hunt: what the database loaded into must provide', () => {
  it('an index on an extension operator class the DDL never installs names the extension (ChirpStack gin_trgm_ops)', async () => {
    const ddl = `CREATE TABLE tenant (id uuid PRIMARY KEY, name varchar(100) NOT NULL);
create index idx_tenant_name_trgm on tenant using gin (name gin_trgm_ops);
create index idx_tenant_id_trgm on tenant using gist ((id::text) gist_trgm_ops);`;
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const output = join(dir, 'out.sql');
    const result = await generate({ schema: [schema], output, defaultRows: 50, seed: 1 });
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toMatch(/schema\.sql:2:1\): extensions pg_trgm\. The database/);
    // Where the user provides the extension, as the warning says, the output loads.
    const target = await db.createSibling();
    await target.query('CREATE EXTENSION pg_trgm');
    target.psqlFile(output);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM tenant');
    expect(Number(row?.n)).toBe(50);
  });

  it('COMMENT ON TABLE / COLUMN of a table in a schema the DDL never makes is named in what the database must provide (Hasura Auth)', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      `CREATE TABLE auth.users (id uuid PRIMARY KEY);
COMMENT ON TABLE auth.schema_migrations IS 'Internal table for tracking migrations.';
COMMENT ON COLUMN audit.log.at IS 'when';`,
    );
    const result = await generate({
      schema: [schema],
      output: join(dir, 'out.sql'),
      defaultRows: 5,
      seed: 1,
    });
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toMatch(/schemas auth, audit; tables auth\.schema_migrations, audit\.log\./);
  });
});
