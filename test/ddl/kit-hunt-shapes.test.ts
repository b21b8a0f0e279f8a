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
const loadBoth = (ddl: string, generatorVersion?: number) =>
  loadScriptAndArchive(db, ddl, {
    rows: 40,
    seed: 5,
    ...(generatorVersion === undefined ? {} : { generatorVersion }),
  });

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
  it('a straight-line DO block of DDL beside a backfill, with DECLAREd words, is its DDL (trigger.dev)', async () => {
    // Before: kept as written, so the table it altered got no rows, and the 14 tables under it none either.
    const { counts, result, script } = await loadBoth(`
      CREATE TABLE env (id text PRIMARY KEY, "projectId" text NOT NULL);
      CREATE TABLE worker (id text PRIMARY KEY, "envId" text NOT NULL REFERENCES env (id));
      DO $$
      DECLARE
        first_part text[] := ARRAY['apple', 'banana; cherry'];
        second_part text[] := ARRAY['zebra', 'begin end'];
      BEGIN
        -- Add the column, fill it, make it unique
        ALTER TABLE "env" ADD COLUMN "shortcode" text;
        UPDATE "env" SET "shortcode" = first_part[1] || '-' || second_part[1];
        CREATE UNIQUE INDEX "env_projectId_shortcode_key" ON "env"("projectId", "shortcode");
      END $$;
      ALTER TABLE "env" ALTER COLUMN "shortcode" SET NOT NULL;
      DO $$ DECLARE n int; BEGIN UPDATE env SET "projectId" = 'p' WHERE false; END $$;`);
    expect(counts.get('public.env')).toBe(40);
    expect(counts.get('public.worker')).toBe(40);
    // A block of data statements only is a backfill: left out as such, not read as DDL.
    expect(result.warnings.filter((w) => w.code === 'DO_BLOCK')).toHaveLength(1);
    const codes = await script.query<{ n: string }>('SELECT count(DISTINCT shortcode) AS n FROM env');
    expect(Number(codes[0]?.n)).toBe(40);
    const index = await script.query<{ def: string }>(
      `SELECT pg_get_indexdef('"env_projectId_shortcode_key"'::regclass) AS def`,
    );
    expect(index[0]?.def).toContain('("projectId", shortcode)');
  });
  it("a guarded unnamed ADD PRIMARY KEY where the table has its key already does nothing (Kestra's Flyway history)", async () => {
    // Before: read as a second primary key, the run refused ("table public.queues has two primary keys").
    const { counts, script } = await loadBoth(`
      CREATE TABLE IF NOT EXISTS queues ("offset" SERIAL PRIMARY KEY, type text NOT NULL);
      DO $$
        BEGIN
          IF NOT exists (select constraint_name from information_schema.table_constraints
                         where table_name = 'queues' and constraint_type = 'PRIMARY KEY') then
            ALTER TABLE queues ADD PRIMARY KEY("offset");
          END IF;
        END;
      $$;
      CREATE TABLE jobs (id int NOT NULL, name text);
      DO $$ BEGIN
        IF NOT exists (select 1 from information_schema.table_constraints
                       where table_name = 'jobs' and constraint_type = 'PRIMARY KEY') then
          ALTER TABLE jobs ADD PRIMARY KEY (id);
        END IF;
      END $$;`);
    expect(counts.get('public.queues')).toBe(40);
    expect(counts.get('public.jobs')).toBe(40);
    const keys = await script.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace ORDER BY 1",
    );
    expect(keys.map((k) => k.conname)).toEqual(['jobs_pkey', 'queues_pkey']);
  });
  it('a guard nested in an inner BEGIN ... EXCEPTION ... END block is read as its DDL (Kestra)', async () => {
    // Before: kept as written, so the enum was unknown and the table using it got no rows.
    const { counts, script } = await loadBoth(`
      DO $$
          BEGIN
              BEGIN
                  CREATE TYPE state_type AS ENUM ('CREATED', 'RUNNING', 'SUCCESS');
              EXCEPTION
                  WHEN duplicate_object THEN null;
              END;
          END;
      $$;
      CREATE TABLE executions (key varchar(250) NOT NULL PRIMARY KEY, state state_type NOT NULL);`);
    expect(counts.get('public.executions')).toBe(40);
    const states = await script.query<{ n: string }>('SELECT count(DISTINCT state) AS n FROM executions');
    expect(Number(states[0]?.n)).toBe(3);
  });
  it('an EXCLUDE constraint over an expression (tsrange(start, end) WITH &&) loads: its = columns made a key, or one row (Inbox Zero)', async () => {
    // Before: warned "values may violate it", exit 0, and ADD CONSTRAINT failed at load (conflicting key).
    const { counts, result, script } = await loadBoth(`
      CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE TABLE account (id text PRIMARY KEY);
      CREATE TABLE booking (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES account (id),
        status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
        start_time timestamp(3) NOT NULL,
        end_time timestamp(3) NOT NULL
      );
      ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
        account_id WITH =,
        tsrange(start_time, end_time, '[)') WITH &&
      ) WHERE (status IN ('PENDING', 'CONFIRMED'));
      CREATE TABLE slot (a int4range NOT NULL, b int NOT NULL,
        EXCLUDE USING gist (int4range(b, b + 10) WITH &&));`);
    expect(counts.get('public.account')).toBe(40);
    // Version 19: the bookings get disjoint periods per account (version 18 narrowed the EXCLUDE to a key: one
    // row per account, EXCLUSION_NARROWED).
    expect(counts.get('public.booking')).toBe(40);
    expect(counts.get('public.slot')).toBe(1);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).not.toContain('EXCLUSION_NARROWED');
    expect(codes).toContain('EXCLUSION_NOT_PLANNED');
    const x = await script.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'x' AND connamespace = 'public'::regnamespace",
    );
    expect(x[0]?.n).toBe('2');
  });
  it('nested IF / ELSE on information_schema in a DO block is evaluated on the schema read so far (Supabase storage)', async () => {
    // Before: kept as written, so buckets (renamed column) got no rows, and objects under it none either.
    const { counts, result, script } = await loadBoth(`
      CREATE SCHEMA storage;
      CREATE TABLE storage.buckets (id text PRIMARY KEY, name text NOT NULL);
      CREATE TABLE storage.objects (id uuid PRIMARY KEY, bucket_id text NOT NULL REFERENCES storage.buckets (id));
      ALTER TABLE storage.buckets ADD COLUMN IF NOT EXISTS max_file_size_kb int DEFAULT NULL;
      DO $$
      BEGIN
          IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'buckets' AND column_name = 'max_file_size_kb') THEN
              IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'buckets' AND column_name = 'file_size_limit') THEN
                  ALTER TABLE storage.buckets RENAME COLUMN max_file_size_kb TO file_size_limit;
                  ALTER TABLE storage.buckets ALTER COLUMN file_size_limit TYPE bigint;
              ELSE
                  ALTER TABLE storage.buckets DROP COLUMN max_file_size_kb;
              END IF;
          END IF;
      END$$;
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'buckettype') THEN
          CREATE TYPE storage.buckettype AS ENUM ('STANDARD', 'ANALYTICS');
        ELSIF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'storage' AND table_name = 'nope') THEN
          CREATE TABLE storage.never (id int);
        ELSE
          CREATE TABLE storage.never_either (id int);
        END IF;
      END $$;
      ALTER TABLE storage.buckets ADD COLUMN kind storage.buckettype NOT NULL DEFAULT 'STANDARD';`);
    expect(counts.get('storage.buckets')).toBe(40);
    expect(counts.get('storage.objects')).toBe(40);
    expect([...counts.keys()].sort()).toEqual(['storage.buckets', 'storage.objects']);
    expect(result.warnings.filter((w) => w.code === 'DO_BLOCK')).toEqual([]);
    const columns = await script.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'storage' AND table_name = 'buckets' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'id text',
      'name text',
      'file_size_limit bigint',
      'kind USER-DEFINED',
    ]);
  });
  it("an opaque DO block that only adds defaulted or nullable columns (or drops absent ones) leaves the table its rows (Supabase storage's iceberg block)", async () => {
    // Before: buckets was "altered by a DO block datagen cannot read" and got no rows, the tables under it none either.
    const { counts, script } = await loadBoth(`
      CREATE TABLE buckets (id text PRIMARY KEY, name text NOT NULL);
      CREATE TABLE uploads (id text PRIMARY KEY, bucket_id text NOT NULL REFERENCES buckets (id));
      CREATE TABLE other (id int PRIMARY KEY);
      DO $$
        DECLARE
          role_name text = COALESCE(current_setting('storage.service_role', true), 'postgres');
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'buckettype') THEN
            CREATE TYPE buckettype AS ENUM ('STANDARD', 'ANALYTICS');
          END IF;
          ALTER TABLE buckets DROP COLUMN IF EXISTS iceberg_catalog;
          ALTER TABLE buckets ADD COLUMN IF NOT EXISTS type buckettype NOT NULL default 'STANDARD';
          ALTER TABLE buckets ADD COLUMN IF NOT EXISTS name text;
          ALTER TABLE buckets ADD COLUMN IF NOT EXISTS note text NULL;
          ALTER TABLE other ADD COLUMN must int NOT NULL;
          EXECUTE 'GRANT ALL ON TABLE buckets TO ' || role_name;
        END
      $$;`);
    expect(counts.get('public.buckets')).toBe(40);
    expect(counts.get('public.uploads')).toBe(40);
    // A NOT NULL column without a default: the table's rows would not load, so it gets none.
    expect(counts.get('public.other')).toBe(0);
    const types = await script.query<{ type: string; n: string }>(
      'SELECT type::text AS type, count(*) AS n FROM buckets GROUP BY 1',
    );
    expect(types).toEqual([{ type: 'STANDARD', n: '40' }]);
  });
  const KESTRA_RENAMES = `
      CREATE TYPE queue_type AS ENUM ('WorkerTask', 'Flow');
      CREATE TABLE queues ("offset" serial PRIMARY KEY, type queue_type NOT NULL);
      CREATE TABLE plain (id int PRIMARY KEY, note text);
      ALTER TYPE queue_type ADD VALUE IF NOT EXISTS 'Metric';
      DO $$
          BEGIN
              BEGIN
                  ALTER TYPE queue_type RENAME VALUE 'WorkerTask' TO 'WorkerJob';
              EXCEPTION
                  WHEN invalid_parameter_value THEN null;
              END;
          END;
      $$;
      DO $$ BEGIN PERFORM 1; ALTER TYPE queue_type RENAME VALUE 'Flow' TO 'FlowWithSource'; END $$;`;
  it("version 23: an opaque DO block renaming an enum's value leaves the tables of that type without rows (Kestra)", async () => {
    // Before: the old value was generated, exit 0, and COPY failed (invalid input value for enum). (The first
    // block, a rename under invalid_parameter_value, is read since fix9; the second, with PERFORM, is not.)
    const { counts, result } = await loadBoth(KESTRA_RENAMES, 23);
    expect(counts.get('public.queues')).toBe(0);
    expect(counts.get('public.plain')).toBe(40);
    expect(result.warnings.some((w) => w.message.includes('through type queue_type of its columns'))).toBe(
      true,
    );
  });
  it('version 24: the DO block of a PERFORM and a rename is read as its DDL, the table gets the renamed values (Kestra)', async () => {
    // fix31's reading of DO blocks (exception-do.ts): the PERFORM only reads, the rename is plain DDL.
    const { counts, script } = await loadBoth(KESTRA_RENAMES);
    expect(counts.get('public.queues')).toBe(40);
    const values = await script.query<{ type: string }>(
      'SELECT DISTINCT type::text AS type FROM queues ORDER BY 1',
    );
    expect(
      values.map((v) => v.type).every((t) => ['WorkerJob', 'FlowWithSource', 'Metric'].includes(t)),
    ).toBe(true);
  });
});
