/**
 * Issue 8 (fix 27), each from its minimal shape: what datagen writes loads, as a script, a custom archive
 * and straight into a database. First Hatchet's goose migrations: a Go migration makes tables
 * (`v1_runs_olap_new`) that later SQL migrations lock and rename, beside plpgsql functions that make
 * partitions under names they build when they run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { generateDdlFile, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix27');

/** Generated straight into a fresh database (`-d`): that database's row counts of `tables`. */
async function loadDirect(ddl: string, tables: readonly string[]): Promise<Record<string, number>> {
  const target = await db.createSibling();
  const schema = join(tempDir(), 'schema.sql');
  writeFileSync(schema, ddl);
  await generate({
    schema: [schema],
    connection: { dbname: target.connectionString },
    defaultRows: 10,
    seed: 1,
  });
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    counts[t] = row?.n ?? -1;
  }
  return counts;
}

/** A partition maker as Hatchet writes it: tables named `<t>_<i>` built when it runs. */
const PARTITION_MAKER = `CREATE TABLE runs (id bigint PRIMARY KEY, name text NOT NULL);
CREATE FUNCTION make_partitions(t text, n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE i int;
BEGIN
  FOR i IN 0..(n - 1) LOOP
    EXECUTE format('CREATE TABLE %I (LIKE %I)', format('%s_%s', t, i), t);
  END LOOP;
  RETURN n;
END $$;
SELECT make_partitions('runs', 2);
`;

/** The migration after a Go one that made `runs_new`: it locks it, then renames it over `runs`. */
const RENAME_OVER = `LOCK TABLE runs IN ACCESS EXCLUSIVE MODE;
LOCK TABLE runs_new IN ACCESS EXCLUSIVE MODE;
DO $$
DECLARE base text; new_parent text;
BEGIN
  FOREACH base IN ARRAY ARRAY['runs'] LOOP
    new_parent := base || '_new';
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', base);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', new_parent, base);
  END LOOP;
END $$;
CREATE INDEX runs_new_name_idx ON runs_new (name);
CREATE INDEX runs_1_name_idx ON runs_1 (name);
CREATE TABLE steps (id int PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs);
`;

describe('fix 27: statements on relations neither the DDL nor code it runs makes', () => {
  it("a DO block renaming a table a Go migration made, and the LOCK and index on it, are left out, named; a called function's partitions keep their index (Hatchet)", async () => {
    // Before: exit 0, and the load stopped at the DO block: relation "runs_new" does not exist (Hatchet's
    // v1_runs_olap_new): the statements were kept because code that builds table names "may" make it.
    const ddl = PARTITION_MAKER + RENAME_OVER;
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(counts.get('public.runs')).toBe(10);
    expect(counts.get('public.steps')).toBe(10);
    const block = warnings.find((w) => w.startsWith('DO block at') && w.includes('public.runs_new'));
    expect(block).toMatch(
      /schema\.sql:\d+:1 changes public\.runs_new, which neither the DDL nor code it runs makes/,
    );
    expect(block).toContain('the block is left out');
    const leftOut = warnings.find((w) => w.startsWith('left out 2 statements'));
    expect(leftOut).toMatch(/LOCK TABLE public\.runs_new at \S+schema\.sql:\d+:1/);
    expect(leftOut).toMatch(/CREATE INDEX runs_new_name_idx ON public\.runs_new at \S+schema\.sql:\d+:1/);
    const kept = warnings.find((w) => w.includes('on tables the DDL never defines (public.runs_1)'));
    expect(kept).toContain('SELECT of public.make_partitions()');
    for (const t of [script, archive]) {
      const indexes = await t.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE indexname LIKE 'runs%name_idx' ORDER BY 1`,
      );
      expect(indexes.map((i) => i.indexname)).toEqual(['runs_1_name_idx']);
    }
    expect(await loadDirect(ddl, ['runs', 'steps', 'runs_0'])).toEqual({ runs: 10, steps: 10, runs_0: 0 });
  });

  it('a DO block that makes the table it renames itself is kept as written', async () => {
    const { counts, warnings, script } = await loadScriptAndArchive(
      db,
      `CREATE TABLE events (id bigint PRIMARY KEY, key text NOT NULL);
       CREATE TABLE keep (id int PRIMARY KEY);
       DO $$
       BEGIN
         CREATE TABLE events_new (id bigint PRIMARY KEY, key text NOT NULL, seen_at timestamptz);
         CREATE INDEX events_key_idx_new ON events_new (key);
         DROP TABLE events;
         ALTER TABLE events_new RENAME TO events;
         ALTER INDEX events_key_idx_new RENAME TO events_key_idx;
       END $$;`,
      { rows: 10, seed: 1 },
    );
    expect(warnings.some((w) => w.includes('neither the DDL nor code it runs makes'))).toBe(false);
    expect(counts.get('public.keep')).toBe(10);
    const columns = await script.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'key', 'seen_at']);
  });

  it("an index on a partition a called function makes stays before a later DROP of the parent (Hatchet's v1_payload_wal)", async () => {
    // Before: the index was written post-data, after the DROP TABLE that took its table along: relation
    // "public.wal_0" does not exist.
    const { counts, script, archive } = await loadScriptAndArchive(
      db,
      `CREATE TABLE wal (tenant_id int NOT NULL, offload_at timestamptz NOT NULL) PARTITION BY HASH (tenant_id);
       CREATE FUNCTION make_hash_partitions(t text, n int) RETURNS int LANGUAGE plpgsql AS $$
       DECLARE i int; p text;
       BEGIN
         FOR i IN 0..(n - 1) LOOP
           p := format('%s_%s', t, i);
           EXECUTE format('CREATE TABLE %I (LIKE %s)', p, t);
           EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES WITH (modulus %s, remainder %s)', t, p, n, i);
         END LOOP;
         RETURN n;
       END $$;
       SELECT make_hash_partitions('wal'::text, 2);
       CREATE INDEX wal_0_poll_idx ON wal_0 (tenant_id, offload_at);
       DROP TABLE wal;
       CREATE TABLE tenant (id int PRIMARY KEY);`,
      { rows: 10, seed: 1 },
    );
    expect(counts.get('public.tenant')).toBe(10);
    for (const t of [script, archive]) {
      const [n] = await t.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'wal%'`,
      );
      expect(n?.n).toBe(0);
    }
  });

  it('a trigger on a table a DO block drops and makes again with the trigger stays before the block', async () => {
    // Before: the first trigger was written post-data, after the block had made it again: trigger ... already
    // exists (Hatchet's v1_event_lookup_table_olap_insert_trigger).
    const trigger = `CREATE TRIGGER events_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION note()`;
    const ddl = `CREATE TABLE events (id bigint PRIMARY KEY, key text NOT NULL);
       CREATE TABLE log (id int PRIMARY KEY);
       CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
       ${trigger};
       DO $$
       BEGIN
         CREATE TABLE events_new (id bigint PRIMARY KEY, key text NOT NULL);
         DROP TABLE events;
         ALTER TABLE events_new RENAME TO events;
         ${trigger};
       END $$;`;
    // Version 24 keeps the block as written (events gets no rows); from version 25 its constant DDL is its
    // statements (fix32), so events is the table it makes again, with its rows and the trigger.
    for (const [generatorVersion, events] of [
      [24, 0],
      [25, 10],
    ] as const) {
      const { counts, script, archive } = await loadScriptAndArchive(db, ddl, {
        rows: 10,
        seed: 1,
        generatorVersion,
      });
      expect(counts.get('public.log')).toBe(10);
      expect(counts.get('public.events')).toBe(events);
      for (const t of [script, archive]) {
        const triggers = await t.query<{ tgname: string }>(
          `SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass AND NOT tgisinternal`,
        );
        expect(triggers.map((r) => r.tgname)).toEqual(['events_insert']);
      }
    }
  });
});

/** Objects moved to another schema, then named there (and post-data statements made before the move). */
const MOVED = `CREATE SCHEMA app;
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE SEQUENCE s;
ALTER SEQUENCE s SET SCHEMA app;
CREATE TABLE u (id int PRIMARY KEY DEFAULT nextval('app.s'), t_id int REFERENCES t);
CREATE VIEW v AS SELECT id FROM t;
ALTER VIEW v SET SCHEMA app;
CREATE VIEW w AS SELECT id FROM app.v;
COMMENT ON VIEW app.v IS 'moved';
GRANT SELECT ON app.v TO PUBLIC;
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
CREATE TABLE trg (id int PRIMARY KEY, x int CHECK (f(x) > 0));
CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER trg_t BEFORE INSERT ON trg FOR EACH ROW EXECUTE FUNCTION tf();
CREATE INDEX trg_fx ON trg (f(x));
ALTER FUNCTION tf() SET SCHEMA app;
ALTER FUNCTION f(int) SET SCHEMA app;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
CREATE UNIQUE INDEX mv_id ON mv (id);
ALTER MATERIALIZED VIEW mv SET SCHEMA app;
COMMENT ON MATERIALIZED VIEW app.mv IS 'moved';
`;

describe('fix 27: ALTER VIEW / SEQUENCE / FUNCTION ... SET SCHEMA', () => {
  it('the moved object is known where it moved: later references load, and post-data statements made before follow it', async () => {
    // Before: exit 2, "app.s is not defined in the DDL", "app.v is not defined" (GRANT, a view reading it),
    // though PostgreSQL runs the DDL; and a trigger or index written post-data called tf()/f() in public.
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, MOVED, { rows: 6, seed: 1 });
    expect(warnings.some((w) => w.includes('SET SCHEMA') || w.includes('kept as written'))).toBe(false);
    expect(counts.get('public.u')).toBe(6);
    expect(counts.get('public.trg')).toBe(6);
    for (const t of [script, archive]) {
      const [row] = await t.query<{ trigger: string; index: string; mv: number; s: string }>(
        `SELECT (SELECT tgfoid::regproc::text FROM pg_trigger WHERE tgname = 'trg_t') AS trigger,
                (SELECT indexdef FROM pg_indexes WHERE indexname = 'trg_fx') AS index,
                (SELECT count(*)::int FROM app.mv) AS mv,
                (SELECT last_value::text FROM app.s) AS s`,
      );
      expect(row).toEqual({
        trigger: 'app.tf',
        index: 'CREATE INDEX trg_fx ON public.trg USING btree (app.f(x))',
        mv: 6,
        s: '6',
      });
    }
  });

  it('moving a sequence a column owns is a located error, as PostgreSQL refuses it', async () => {
    const ddl =
      'CREATE SCHEMA app;\nCREATE TABLE ser (id serial PRIMARY KEY);\nALTER SEQUENCE ser_id_seq SET SCHEMA app;\n';
    await expectServerRefuses(db, ddl, 'cannot move an owned sequence into another schema');
    await expect(generateDdlFile(ddl)).rejects.toThrow(
      'schema.sql:3:1: ALTER SEQUENCE public.ser_id_seq SET SCHEMA: the sequence is owned by public.ser',
    );
  });
});

describe('fix 27: SET LOCAL in a migration transaction', () => {
  it('lasts until its COMMIT in the script, the archive and a direct load', async () => {
    // Before: the model kept app on the search path after the COMMIT (y made as app.y), and the output wrote
    // SET LOCAL, which does nothing in psql's script and lasts the whole load under -d.
    const ddl = `CREATE SCHEMA app;
      BEGIN;
      SET LOCAL search_path = app;
      SET LOCAL work_mem = '8MB';
      CREATE TABLE x (id int PRIMARY KEY);
      COMMIT;
      CREATE TABLE y (id int PRIMARY KEY, x_id int REFERENCES app.x);`;
    const { counts, scriptText } = await loadScriptAndArchive(db, ddl, { rows: 4, seed: 1 });
    expect(counts.get('app.x')).toBe(4);
    expect(counts.get('public.y')).toBe(4);
    expect(scriptText).not.toContain('SET LOCAL');
    expect(scriptText).toMatch(
      /SET work_mem = '8MB';[\s\S]*CREATE TABLE app\.x[\s\S]*RESET work_mem;[\s\S]*SET search_path = public;/,
    );
    expect(await loadDirect(ddl, ['app.x', 'public.y'])).toEqual({ 'app.x': 10, 'public.y': 10 });
  });
});

describe('fix 27: check_function_bodies and what the target database must provide', () => {
  it('a SQL function reading a table made later loads under SET check_function_bodies = on (the output sets it off)', async () => {
    const ddl = `SET check_function_bodies = on;
      CREATE FUNCTION n_later() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM later $$;
      CREATE TABLE later (id int PRIMARY KEY);`;
    const { counts, scriptText, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 3, seed: 1 });
    expect(counts.get('public.later')).toBe(3);
    expect(scriptText).toContain('SET check_function_bodies = false;');
    expect(scriptText).not.toContain('check_function_bodies = on');
    for (const t of [script, archive]) {
      const [row] = await t.query<{ n: number }>('SELECT n_later()::int AS n');
      expect(row?.n).toBe(3);
    }
    expect(await loadDirect(ddl, ['later'])).toEqual({ later: 10 });
  });

  it('GRANT ... ON SEQUENCE of another schema lists the sequence with the sequences, not the tables', async () => {
    const result = await generateDdlFile(
      'CREATE TABLE t (id int PRIMARY KEY);\nGRANT USAGE ON SEQUENCE other.s TO PUBLIC;\nGRANT SELECT ON other.tab TO PUBLIC;\n',
    );
    const warning = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS')?.message;
    expect(warning).toContain('schemas other; tables other.tab; sequences other.s.');
  });
});

describe('fix 27: plpgsql DECLARE of a type nothing creates', () => {
  it('an index expression calling such a function leaves its table without rows, as a CHECK did', async () => {
    // Before: exit 0, and the post-data CREATE INDEX failed on the loaded rows: type "nowhere_type" does not exist.
    const { counts, warnings } = await loadScriptAndArchive(
      db,
      `CREATE FUNCTION norm(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
       DECLARE z nowhere_type;
       BEGIN RETURN x; END $$;
       CREATE TABLE t (id int PRIMARY KEY, x int);
       CREATE INDEX t_norm ON t (norm(x));
       CREATE TABLE other (id int PRIMARY KEY);`,
      { rows: 3, seed: 1 },
    );
    expect(counts.get('public.t')).toBe(0);
    expect(counts.get('public.other')).toBe(3);
    expect(warnings.find((w) => w.startsWith('public.t gets no rows'))).toContain(
      'calls norm() in a CHECK, generated column or index, and its plpgsql body declares a variable of type nowhere_type',
    );
  });
});
