/**
 * DDL files and `-d -j 2` on an empty database (format/parallel-create.ts):
 * the schema made as `-j 1` makes it, keys, indexes and foreign keys built
 * after the rows over two connections, and still all or nothing: the
 * pre-data commits first (the other connection must see the tables), so a
 * failure in the rows or the post-data, or a signal, drops what was made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { exited, spawnCli } from '../helpers/cli-process.js';
import { interruptWhileCopying, type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL = `
CREATE TYPE mood AS ENUM ('calm', 'busy');
CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL, state mood NOT NULL);
CREATE TABLE book (id int PRIMARY KEY, author_id int NOT NULL REFERENCES author, title text NOT NULL UNIQUE);
CREATE INDEX book_title_upper ON book (shout(title));
CREATE TABLE event (id bigint PRIMARY KEY, code text NOT NULL UNIQUE, at timestamptz NOT NULL, n int);
CREATE INDEX event_at ON event (at);
CREATE TABLE tag (id int PRIMARY KEY, label text NOT NULL);
COMMENT ON INDEX event_at IS 'when';
`;
const ROWS = { event: 60_000, author: 3000, book: 9000, tag: 2000 };

const db = useTestDatabase('parallel_create');

function ddlFile(): string {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, DDL);
  return file;
}

async function load(t: TestDatabase, workers: number): Promise<void> {
  await generate({ schema: [ddlFile()], connection: { dbname: t.connectionString }, tables: ROWS, workers });
}

/** Everything a user made in the database: objects, constraints, indexes, comments and every row (as a digest). */
async function everything(t: TestDatabase): Promise<unknown> {
  const objects = await t.query(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' ORDER BY 1`,
  );
  const types = await t.query(
    "SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace ORDER BY 1",
  );
  const routines = await t.query(
    "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
  );
  const constraints = await t.query(
    `SELECT conrelid::regclass::text AS t, conname, convalidated, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  const indexes = await t.query(
    `SELECT indexrelid::regclass::text AS i, indisvalid, pg_get_indexdef(indexrelid) AS def
       FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace) ORDER BY 1`,
  );
  const comments = await t.query("SELECT description FROM pg_description WHERE description = 'when'");
  const rows: Record<string, string> = {};
  for (const { relname } of objects as { relname: string; relkind: string }[]) {
    if (!Object.keys(ROWS).includes(relname)) continue;
    const [row] = await t.query<{ n: string; digest: string }>(
      `SELECT count(*)::text AS n, md5(string_agg(to_jsonb(t)::text, ',' ORDER BY id)) AS digest FROM ${relname} t`,
    );
    rows[relname] = `${row?.n} ${row?.digest}`;
  }
  return { objects, types, routines, constraints, indexes, comments, rows };
}

/** A database with an event trigger that makes the load fail where `body` raises or alters. */
async function withEventTrigger(tag: string, body: string): Promise<TestDatabase> {
  const t = await db.createSibling();
  await t.query(`CREATE FUNCTION public.inject() RETURNS event_trigger LANGUAGE plpgsql AS $$
    DECLARE r record; BEGIN
      FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP ${body} END LOOP;
    END $$`);
  await t.query(
    `CREATE EVENT TRIGGER inject ON ddl_command_end WHEN TAG IN ('${tag}') EXECUTE FUNCTION public.inject()`,
  );
  return t;
}

describe('DDL files and -d -j 2 on an empty database', () => {
  it('the same schema, rows, keys, indexes and comments as -j 1', async () => {
    const one = await db.createSibling();
    const two = await db.createSibling();
    await load(one, 1);
    await load(two, 2);
    const [a, b] = [await everything(one), await everything(two)];
    expect(b).toEqual(a);
    expect((a as { rows: Record<string, string> }).rows.event?.startsWith('60000 ')).toBe(true);
    expect((a as { indexes: unknown[] }).indexes).toHaveLength(8);
    const [fk] = await two.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM pg_constraint WHERE contype = 'f'",
    );
    expect(fk?.n).toBe('1');
  });

  it("an index's ALTER INDEX ... SET STATISTICS / SET (...) runs after the index is built, not at once with it (catalog.sql)", async () => {
    // Before: run at once with the indexes, the ALTER named only the index, which no other connection was
    // building on, and ran while its table's first index was built: "relation ... does not exist", all dropped.
    const file = join(tempDir(), 'tuned.sql');
    writeFileSync(
      file,
      `CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL);
       CREATE INDEX item_tags ON item USING gin (tags);
       CREATE INDEX item_lower_name ON item (lower(name));
       ALTER INDEX item_lower_name ALTER COLUMN 1 SET STATISTICS 1000;
       ALTER INDEX item_lower_name SET (fillfactor = 70);`,
    );
    const t = await db.createSibling();
    await generate({
      schema: [file],
      connection: { dbname: t.connectionString },
      defaultRows: 2000,
      workers: 2,
    });
    const [index] = await t.query<{ stat: number; options: string[] }>(
      `SELECT a.attstattarget AS stat, c.reloptions AS options FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1 WHERE c.relname = 'item_lower_name'`,
    );
    expect(index).toEqual({ stat: 1000, options: ['fillfactor=70'] });
    const [rows] = await t.query<{ n: string }>('SELECT count(*)::text AS n FROM item');
    expect(rows?.n).toBe('2000');
  });

  it('a row the database refuses (a CHECK an event trigger adds to a created table): every object dropped again', async () => {
    const t = await withEventTrigger(
      'CREATE TABLE',
      "IF r.object_identity = 'public.event' THEN EXECUTE 'ALTER TABLE public.event ADD CONSTRAINT late CHECK (id <= 50000)'; END IF;",
    );
    const before = await everything(t);
    await expect(load(t, 2)).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.event of .*violates check constraint "late"/,
      ),
    });
    expect(await everything(t)).toEqual(before);
    // The event trigger and its function were there before: kept.
    expect(await t.query("SELECT evtname FROM pg_event_trigger WHERE evtname = 'inject'")).toHaveLength(1);
  });

  it('a foreign key the database refuses after the rows (an event trigger raising): every object dropped again', async () => {
    const t = await withEventTrigger(
      'ALTER TABLE',
      "IF EXISTS (SELECT FROM pg_constraint WHERE contype = 'f' AND conrelid = 'public.book'::regclass) THEN RAISE EXCEPTION 'no foreign keys here'; END IF;",
    );
    const before = await everything(t);
    await expect(load(t, 2)).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /refused ALTER TABLE ONLY public\.book .*no foreign keys here; nothing was kept/,
      ),
    });
    expect(await everything(t)).toEqual(before);
  });

  it('objects made during the post-data (by an event trigger of the target) are dropped too when a later foreign key is refused', async () => {
    // The undo listed what was made once, before the rows: an object the post-data made (here key_log, made by
    // the target's event trigger on the keys' ALTER TABLE, committed with them) was left behind. Listed again.
    // The lock: two connections' keys run at once, and two CREATE TABLE IF NOT EXISTS at once can both try
    // to make it (a duplicate pg_type row): CI saw that error instead of the foreign key's.
    const t = await withEventTrigger(
      'ALTER TABLE',
      "IF EXISTS (SELECT FROM pg_constraint WHERE contype = 'f' AND conrelid = 'public.book'::regclass) THEN RAISE EXCEPTION 'no foreign keys here'; END IF; PERFORM pg_advisory_xact_lock(4217); CREATE TABLE IF NOT EXISTS public.key_log (at timestamptz);",
    );
    const before = await everything(t);
    const small = { event: 200, author: 20, book: 60, tag: 10 };
    await expect(
      generate({
        schema: [ddlFile()],
        connection: { dbname: t.connectionString },
        tables: small,
        workers: 2,
      }),
    ).rejects.toMatchObject({ code: 'DATABASE', message: expect.stringMatching(/no foreign keys here/) });
    expect(await everything(t)).toEqual(before);
    expect(await t.query("SELECT 1 FROM pg_class WHERE relname = 'key_log'")).toEqual([]);
  });

  it('SIGTERM once the post-data began: what it made (by an event trigger of the target) is dropped too', async () => {
    // The signal's undo dropped the list made before the rows: key_log, made and committed with the first key,
    // was left behind. It lists what was made when the signal comes, as the failure path lists it again.
    const t = await withEventTrigger(
      'ALTER TABLE',
      "PERFORM pg_advisory_xact_lock(4217); CREATE TABLE IF NOT EXISTS public.key_log (at timestamptz); IF EXISTS (SELECT FROM pg_constraint WHERE contype = 'f' AND conrelid = 'public.book'::regclass) THEN PERFORM pg_sleep(120); END IF;",
    );
    const before = await everything(t);
    const child = spawnCli(['generate', ddlFile(), '-d', t.connectionString, '-j', '2', '-r', '50', '-q']);
    const done = exited(child, 120_000);
    const deadline = Date.now() + 60_000;
    let sleeping = false;
    while (!sleeping && Date.now() < deadline) {
      const rows = await t.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'datagen' AND wait_event = 'PgSleep'",
        [t.name],
      );
      sleeping = rows.length > 0;
      if (!sleeping) await new Promise((r) => setTimeout(r, 20));
    }
    expect(sleeping).toBe(true);
    expect(await t.query("SELECT 1 FROM pg_class WHERE relname = 'key_log'")).toHaveLength(1);
    child.kill('SIGTERM');
    const r = await done;
    expect(r.status).toBe(143);
    expect(r.stderr).toBe(
      'datagen: interrupted; the schema created before the rows (committed first so that -j connections could load it) was dropped again\n',
    );
    expect(await everything(t)).toEqual(before);
    expect(await t.query("SELECT 1 FROM pg_class WHERE relname = 'key_log'")).toEqual([]);
    const left = await t.query(
      "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'datagen'",
      [t.name],
    );
    expect(left).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s mid-load: exit %i, every object dropped again, no session left in a transaction',
    async (signal, status) => {
      const t = await db.createSibling();
      const before = await everything(t);
      const { copying, result: r } = await interruptWhileCopying(t, ddlFile(), signal);
      expect(copying).toHaveLength(2);
      expect(r.status).toBe(status);
      expect(r.stderr).toBe(
        'datagen: interrupted; the schema created before the rows (committed first so that -j connections could load it) was dropped again\n',
      );
      expect(await everything(t)).toEqual(before);
      const left = await t.query(
        "SELECT pid, state FROM pg_stat_activity WHERE datname = $1 AND application_name = 'datagen'",
        [t.name],
      );
      expect(left).toEqual([]);
    },
  );
});
