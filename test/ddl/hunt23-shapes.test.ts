/**
 * Shapes found by hunt 23 (application migration folders: Prisma, drizzle,
 * sqlx, diesel, goose, popx and Supabase migrations), each written from its
 * minimal form and loaded into the real server with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt23shapes');

describe('shapes of hunt 23 (application migrations)', () => {
  it("a CHECK or unique index over a column a kept DO block adds reads the column's default (Supabase storage's buckets.type)", async () => {
    // Before: 'CHECK c: type is not a column of public.b (it has id, name), so PostgreSQL refuses the statement'
    // (exit 2), though PostgreSQL accepts it: the block adds the column before the CHECK runs.
    const ddl = `CREATE TABLE b (id text PRIMARY KEY, name text);
      CREATE TABLE objects (id int PRIMARY KEY, bucket_id text NOT NULL REFERENCES b);
      DO $$ DECLARE r text = COALESCE(current_setting('x.y', true), 'a'); BEGIN
        IF r = 'a' THEN ALTER TABLE b ADD COLUMN IF NOT EXISTS type text NOT NULL DEFAULT 'STANDARD'; END IF;
      END $$;
      ALTER TABLE b ADD CONSTRAINT b_standard_only CHECK (type = 'ANALYTICS' OR name IS NULL);
      CREATE UNIQUE INDEX b_one_named ON b (type) WHERE name IS NOT NULL;
      DO $$ BEGIN IF current_setting('x.z', true) IS NULL THEN ALTER TABLE objects ADD COLUMN note text; END IF; END $$;
      CREATE UNIQUE INDEX objects_note ON objects (note, id);`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 30, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.b': 30, 'public.objects': 30 });
    // Every row holds the default 'STANDARD', so the CHECK asks for a NULL name.
    const rows = await script.query(
      `SELECT count(*)::int AS n, count(name)::int AS named, min(type) AS type,
         (SELECT count(note)::int FROM objects) AS notes FROM b`,
    );
    expect(rows[0]).toEqual({ n: 30, named: 0, type: 'STANDARD', notes: 0 });
  });

  it("a plpgsql FOR loop's 1..array_length(...) is not read as PostgreSQL 16's 1_000 numbers (Supabase storage's get_prefixes)", async () => {
    // Before: 'the DDL uses syntax of PostgreSQL 16 ... loads only into PostgreSQL 16 or later' (the test server is 15).
    const ddl = `CREATE FUNCTION prefixes(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $f$
        DECLARE parts text[] := string_to_array(name, '/'); out text[] := '{}';
        BEGIN
          FOR i IN 1..array_length(parts, 1) - 1 LOOP out := array_append(out, array_to_string(parts[1:i], '/')); END LOOP;
          RETURN out;
        END $f$;
      CREATE TABLE objects (id int PRIMARY KEY, name text NOT NULL);`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.objects': 10 });
    expect(warnings.filter((w) => w.includes('PostgreSQL 16'))).toEqual([]);
  });

  it("a generated column under a foreign key, read from a json path, is NULL rather than any uuid (Neosync's job_hooks.connection_id)", async () => {
    // Before: exit 0, and the load stopped at fk_job_hooks_connection: the made path held a random uuid.
    const ddl = `CREATE TABLE connections (id uuid PRIMARY KEY);
      CREATE TABLE job_hooks (id int PRIMARY KEY, config jsonb NOT NULL,
        hook_timing text GENERATED ALWAYS AS (CASE WHEN config->'sql'->'timing'->>'preSync' IS NOT NULL THEN 'preSync' END) STORED,
        CONSTRAINT hook_timing_not_null CHECK (hook_timing IS NOT NULL),
        connection_id uuid GENERATED ALWAYS AS (CASE WHEN config ? 'sql' THEN (config->'sql'->>'connectionId')::uuid END) STORED,
        CONSTRAINT fk_job_hooks_connection FOREIGN KEY (connection_id) REFERENCES connections (id));`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 30, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.connections': 30, 'public.job_hooks': 30 });
    const rows = await script.query(
      'SELECT count(hook_timing)::int AS timed, count(connection_id)::int AS connected FROM job_hooks',
    );
    expect(rows[0]).toEqual({ timed: 30, connected: 0 });
  });
});
