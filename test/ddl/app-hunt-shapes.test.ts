/**
 * DDL shapes found by running datagen on large application schemas it had
 * never seen (Formbricks' Prisma history, …), each reduced to a minimal
 * file: generated through the library, loaded as a script with
 * ON_ERROR_STOP and restored from a custom archive with pg_restore
 * --exit-on-error, every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('apphunt');

/** 40 rows per table as a script (loaded) and as a custom archive (restored): same rows, constraints valid. */
function loadBoth(ddl: string) {
  return loadScriptAndArchive(db, ddl, { defaultRows: 40, seed: 9 });
}

describe('DDL shapes of large application schemas: renames, drops and locks (Formbricks)', () => {
  it('DROP SEQUENCE of the sequence a serial column added by ALTER TABLE made (Formbricks)', async () => {
    const { counts, target } = await loadBoth(`
      CREATE TABLE "Person" (id text PRIMARY KEY, "environmentId" text NOT NULL);
      ALTER TABLE "Person" ADD COLUMN "userId" SERIAL NOT NULL;
      CREATE UNIQUE INDEX "Person_environmentId_userId_key" ON "Person"("environmentId", "userId");
      ALTER TABLE "Person" ALTER COLUMN "userId" DROP DEFAULT,
        ALTER COLUMN "userId" SET DATA TYPE TEXT;
      DROP SEQUENCE "Person_userId_seq";
      CREATE TABLE kept (id serial PRIMARY KEY, n int);
      CREATE SEQUENCE spare;
      DROP SEQUENCE spare;`);
    expect(counts.get('public.Person')).toBe(40);
    expect(counts.get('public.kept')).toBe(40);
    const seqs = await target.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relkind = 'S' ORDER BY relname`,
    );
    expect(seqs.map((s) => s.relname)).toEqual(['kept_id_seq']);
  });

  it('DROP INDEX of an index a kept DO block renamed: the index stays before the block, the DROP after it (Formbricks)', async () => {
    const { counts, target, result } = await loadBoth(`
      CREATE TABLE src (id text PRIMARY KEY, dir text NOT NULL);
      CREATE INDEX "src_dir_idx" ON src (dir);
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'src_dir_idx') THEN
          EXECUTE 'ALTER INDEX "src_dir_idx" RENAME TO "Source_dir_idx"';
        END IF;
      END$$;
      DROP INDEX "Source_dir_idx";
      CREATE INDEX "Source_dir_id_idx" ON src (dir, id);`);
    // The block renames an index only: the table's shape is known, so it keeps its rows.
    expect(counts.get('public.src')).toBe(40);
    expect(result.warnings.map((w) => w.code)).toEqual(['DO_BLOCK']);
    const indexes = await target.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'src' ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual(['Source_dir_id_idx', 'src_pkey']);
  });

  it('LOCK TABLE inside a migration transaction is left out with the transaction, with one warning (Formbricks)', async () => {
    const { counts, result } = await loadBoth(`
      CREATE TABLE "ApiKey" (id text PRIMARY KEY);
      BEGIN;
        LOCK TABLE "ApiKey" IN ACCESS EXCLUSIVE MODE;
        ALTER TABLE "ApiKey" ADD COLUMN label text;
      COMMIT;
      LOCK "ApiKey";`);
    expect(counts.get('public.ApiKey')).toBe(40);
    const skipped = result.warnings.filter((w) => w.code === 'STATEMENT_SKIPPED').map((w) => w.message);
    expect(skipped).toHaveLength(2);
    expect(skipped[1]).toMatch(/^2 Lock statements \(the first at .*:4:9\) are not DDL and left out/);
  });

  it('a table renamed, then renamed in by a kept DO block: its keys and indexes are written before the block under the new name (Formbricks)', async () => {
    const { counts, target, result } = await loadBoth(`
      CREATE TABLE "Connector" (id text PRIMARY KEY, ws text NOT NULL);
      CREATE INDEX "Connector_ws_idx" ON "Connector"(ws);
      ALTER TABLE "Connector" RENAME TO "FeedbackSource";
      ALTER TABLE "FeedbackSource" RENAME CONSTRAINT "Connector_pkey" TO "FeedbackSource_pkey";
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Connector_ws_fkey') THEN
          EXECUTE 'ALTER TABLE "FeedbackSource" RENAME CONSTRAINT "Connector_ws_fkey" TO "FeedbackSource_ws_fkey"';
        END IF;
      END$$;
      CREATE INDEX "FeedbackSource_ws_id_idx" ON "FeedbackSource"(ws, id);`);
    // The block only renames a constraint: the table's shape is known, so it keeps its rows.
    expect(counts.get('public.FeedbackSource')).toBe(40);
    expect(result.warnings.map((w) => w.code)).toContain('DO_BLOCK');
    const indexes = await target.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'FeedbackSource' ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'Connector_ws_idx',
      'FeedbackSource_pkey',
      'FeedbackSource_ws_id_idx',
    ]);
  });

  it('ALTER TABLE ... RENAME CONSTRAINT inside a kept DO block renames the modelled constraint; the table keeps its rows (Formbricks)', async () => {
    const { counts, target } = await loadBoth(`
      CREATE TABLE dir (id text PRIMARY KEY);
      CREATE TABLE "Connector" (id text PRIMARY KEY, dir_id text NOT NULL);
      ALTER TABLE "Connector" ADD CONSTRAINT "Connector_dir_fkey" FOREIGN KEY (dir_id) REFERENCES dir(id);
      ALTER TABLE "Connector" RENAME TO "FeedbackSource";
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Connector_dir_fkey') THEN
          EXECUTE 'ALTER TABLE "FeedbackSource" RENAME CONSTRAINT "Connector_dir_fkey" TO "FeedbackSource_dir_fkey"';
        END IF;
      END$$;
      CREATE TABLE child (id text PRIMARY KEY, src text NOT NULL REFERENCES "FeedbackSource"(id));`);
    expect(counts.get('public.FeedbackSource')).toBe(40);
    expect(counts.get('public.child')).toBe(40);
    const names = await target.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = '"FeedbackSource"'::regclass ORDER BY conname`,
    );
    expect(names.map((n) => n.conname)).toEqual(['Connector_pkey', 'FeedbackSource_dir_fkey']);
  });
});

describe("DDL shapes of large application schemas: Supabase's DO blocks", () => {
  it("Supabase auth's DO blocks: IF [NOT] EXISTS guards in a row, a guarded rename and drop, a notice-only handler, and a kept block whose table references another", async () => {
    const { counts, target, result } = await loadBoth(`
      CREATE SCHEMA auth;
      CREATE TABLE auth.users (id uuid PRIMARY KEY, confirmed_at timestamptz, email text,
        from_ip inet, phone varchar(15), CONSTRAINT users_email_key UNIQUE (email));
      CREATE TABLE auth.refresh_tokens (id bigserial PRIMARY KEY, token varchar(255), parent varchar(255));
      DO $$
      BEGIN
        IF NOT EXISTS(SELECT * FROM information_schema.columns
          WHERE table_schema = 'auth' and table_name='users' and column_name='email_confirmed_at')
        THEN
          ALTER TABLE "auth"."users" RENAME COLUMN "confirmed_at" TO "email_confirmed_at";
        END IF;
      END $$;
      DO $$
      BEGIN
        IF NOT EXISTS(SELECT * FROM information_schema.constraint_column_usage
          WHERE table_schema = 'auth' and table_name='refresh_tokens' and constraint_name='refresh_tokens_token_unique')
        THEN
          ALTER TABLE "auth"."refresh_tokens" ADD CONSTRAINT refresh_tokens_token_unique UNIQUE ("token");
        END IF;
        IF NOT EXISTS(SELECT * FROM information_schema.constraint_column_usage
          WHERE table_schema = 'auth' and table_name='refresh_tokens' and constraint_name='refresh_tokens_parent_fkey')
        THEN
          ALTER TABLE "auth"."refresh_tokens" ADD CONSTRAINT refresh_tokens_parent_fkey
            FOREIGN KEY (parent) REFERENCES auth.refresh_tokens("token");
        END IF;
        CREATE INDEX IF NOT EXISTS refresh_tokens_parent_idx ON "auth"."refresh_tokens" USING btree (parent);
      END $$;
      do $$
      begin
        if exists (select from information_schema.columns where table_schema = 'auth'
            and table_name = 'users' and column_name = 'from_ip') then
          alter table auth.users drop column from_ip;
        end if;
      end
      $$;
      do $$
      begin
        alter table only auth.users drop constraint if exists users_email_key;
      exception
      -- dependent object
      when SQLSTATE '2BP01' then
        raise notice 'Unable to drop users_email_key constraint due to dependent objects';
      end $$;
      do $$
      begin
        alter table auth.users alter column phone type text;
      exception
        when SQLSTATE '0A000' then raise notice 'Unable to change data type of phone';
        when SQLSTATE '2BP01' then raise notice 'Unable to change data type of phone';
      end $$;
      do $$ begin
        create table if not exists auth.one_time_tokens (id uuid primary key,
          user_id uuid not null references auth.users on delete cascade);
        begin
          create index if not exists ott_user on auth.one_time_tokens using hash (user_id);
        exception when others then
          create index if not exists ott_user on auth.one_time_tokens using btree (user_id);
        end;
      end $$;`);
    // Every block is read as its DDL (the last, a hash index with a btree fallback, from generator version 25:
    // fallback-handlers.test.ts keeps version 24's opaque block): the tables keep their rows.
    expect(counts.get('auth.users')).toBe(40);
    expect(counts.get('auth.refresh_tokens')).toBe(40);
    expect(counts.get('auth.one_time_tokens')).toBe(40);
    expect(result.warnings.map((w) => w.code)).toEqual([]);
    const columns = await target.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'auth' AND table_name = 'users' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'id uuid',
      'email_confirmed_at timestamp with time zone',
      'email text',
      'phone text',
    ]);
    const constraints = await target.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid IN ('auth.users'::regclass, 'auth.refresh_tokens'::regclass)
       ORDER BY conname`,
    );
    expect(constraints.map((c) => c.conname)).toEqual([
      'refresh_tokens_parent_fkey',
      'refresh_tokens_pkey',
      'refresh_tokens_token_unique',
      'users_pkey',
    ]);
  });

  it("Supabase storage's DO blocks: ALTER TABLE ... OWNER TO in an EXECUTE string keeps the table's rows, DROP COLUMN IF EXISTS under WHEN OTHERS THEN NULL is read as DDL", async () => {
    const { counts, target, result } = await loadBoth(`
      CREATE SCHEMA storage;
      CREATE TABLE storage.objects (id uuid PRIMARY KEY, name text, level int);
      DO $$
      DECLARE
        super_user text = COALESCE(current_setting('storage.super_user', true), 'postgres');
      BEGIN
        EXECUTE 'ALTER table "storage".objects owner to ' || super_user;
      END$$;
      DO $$
          BEGIN
          ALTER TABLE storage.objects DROP COLUMN IF EXISTS level;
          EXCEPTION WHEN OTHERS THEN
              NULL;
          END;
      $$;`);
    expect(counts.get('storage.objects')).toBe(40);
    expect(result.warnings.map((w) => w.code)).toEqual(['DO_BLOCK']);
    const columns = await target.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = 'storage' AND table_name = 'objects' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'name']);
  });

  it('a DROP CONSTRAINT a foreign key depends on, under a handler for 2BP01: the block did nothing when the migration ran, and is left out (Supabase auth)', async () => {
    const { counts, result, target } = await loadBoth(`
      CREATE TABLE users (id int PRIMARY KEY, email text, CONSTRAINT users_email_key UNIQUE (email));
      CREATE TABLE invites (id int PRIMARY KEY, email text REFERENCES users (email));
      do $$
      begin
        alter table only users drop constraint if exists users_email_key;
      exception when SQLSTATE '2BP01' then
        raise notice 'Unable to drop users_email_key constraint due to dependent objects';
      end $$;`);
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.users')).toBe(40);
    expect(counts.get('public.invites')).toBe(40);
    const kept = await target.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE conname = 'users_email_key'",
    );
    expect(kept).toHaveLength(1);
  });

  it('a DO block guarding CREATE ROLE stays as written: roles belong to the cluster, which may have them already (Supabase realtime)', async () => {
    // The script load makes the role; the archive restored after it into the same cluster finds it there.
    const { counts } = await loadBoth(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dg_guarded_role') THEN CREATE ROLE dg_guarded_role; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dg_guarded_role2') THEN CREATE ROLE dg_guarded_role2; END IF;
      END $$;
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'dg_guarded_role3') THEN
          CREATE ROLE dg_guarded_role3;
          ALTER ROLE dg_guarded_role3 WITH NOLOGIN;
        END IF;
      END $$;
      CREATE TABLE t (id int PRIMARY KEY);`);
    expect(counts.get('public.t')).toBe(40);
  });
});
