/**
 * Minimal shapes of bugs found by running datagen on benchmark kits, sample
 * databases and data models (setup scripts, pg_dump -C / pg_dumpall output,
 * extension-heavy dumps): each generated and loaded into the real server,
 * as a plain script with ON_ERROR_STOP and as a custom archive restored in
 * one transaction, with every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

let db: TestDatabase;

/** 40 rows per table as a script and as a custom archive (restored with -1), both loaded. */
const load = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 40, seed: 7, singleTransaction: true });

describe('shapes of bugs found in benchmark kits and sample databases', () => {
  beforeAll(async () => {
    db = await createTestDatabase('kits');
  });
  afterAll(async () => db.close());

  it('statements on a whole database (a setup script, pg_dump -C) are left out with one warning, never run on another database', async () => {
    const {
      result,
      scriptText: script,
      counts: rows,
    } = await load(`
      DROP DATABASE demo_kit_shape;
      CREATE DATABASE demo_kit_shape WITH TEMPLATE = template0 ENCODING = 'UTF8';
      ALTER DATABASE demo_kit_shape OWNER TO postgres;
      \\connect demo_kit_shape
      COMMENT ON DATABASE demo_kit_shape IS 'the demo';
      GRANT CONNECT ON DATABASE demo_kit_shape TO PUBLIC;
      CREATE SCHEMA bookings;
      CREATE TABLE bookings.t (id int PRIMARY KEY, name text NOT NULL);
      ALTER DATABASE demo_kit_shape SET search_path = bookings, public;`);
    expect(rows.get('bookings.t')).toBe(40);
    expect(script).not.toMatch(/DATABASE/);
    const [exists] = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_database WHERE datname = 'demo_kit_shape'",
    );
    expect(exists?.n).toBe('0');
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^6 database statements \(first at .*schema\.sql:2:7: 'DROP DATABASE demo_kit_shape', .* and 3 more\) left out: .*-C\/--create/,
      ),
    );
  });

  it("pgbench's RANGE partitions (MINVALUE/MAXVALUE ends) under PRIMARY KEY (aid): every row, inside the partitions", async () => {
    const {
      result,
      counts: rows,
      script: target,
    } = await load(`
      CREATE TABLE public.accounts (aid integer NOT NULL, bid integer, abalance integer, filler character(84))
      PARTITION BY RANGE (aid);
      CREATE TABLE public.accounts_1 (aid integer NOT NULL, bid integer, abalance integer, filler character(84));
      CREATE TABLE public.accounts_2 (aid integer NOT NULL, bid integer, abalance integer, filler character(84));
      CREATE TABLE public.accounts_3 (aid integer NOT NULL, bid integer, abalance integer, filler character(84));
      ALTER TABLE ONLY public.accounts ATTACH PARTITION public.accounts_1 FOR VALUES FROM (MINVALUE) TO (21);
      ALTER TABLE ONLY public.accounts ATTACH PARTITION public.accounts_2 FOR VALUES FROM (21) TO (31);
      ALTER TABLE ONLY public.accounts ATTACH PARTITION public.accounts_3 FOR VALUES FROM (31) TO (MAXVALUE);
      ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (aid);
      CREATE TABLE public.bounded (id integer NOT NULL, note text) PARTITION BY RANGE (id);
      CREATE TABLE public.bounded_a PARTITION OF public.bounded FOR VALUES FROM (1000) TO (1020);
      CREATE TABLE public.bounded_b PARTITION OF public.bounded FOR VALUES FROM (1020) TO (1050);
      ALTER TABLE ONLY public.bounded ADD CONSTRAINT bounded_pkey PRIMARY KEY (id);`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.accounts_1')).toBe(20);
    expect(rows.get('public.accounts_2')).toBe(10);
    expect(rows.get('public.accounts_3')).toBe(10);
    expect((rows.get('public.bounded_a') ?? 0) + (rows.get('public.bounded_b') ?? 0)).toBe(40);
    const [range] = await target.query<{ lo: number; hi: number }>(
      'SELECT min(id) AS lo, max(id) AS hi FROM public.bounded',
    );
    expect(range).toEqual({ lo: 1000, hi: 1039 });
  });

  it('RANGE partitions of dates and timestamps: MINVALUE/MAXVALUE ends get rows, a date PRIMARY KEY over the partitions holds every row', async () => {
    const { result, counts: rows } = await load(`
      CREATE TABLE days (day date PRIMARY KEY, v int) PARTITION BY RANGE (day);
      CREATE TABLE days_2024 PARTITION OF days FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE days_2025 PARTITION OF days FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
      CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (MINVALUE) TO ('2024-01-01 00:00:00+00');
      CREATE TABLE events_new PARTITION OF events FOR VALUES FROM ('2024-01-01 00:00:00+00') TO (MAXVALUE);`);
    expect(result.warnings).toEqual([]);
    expect((rows.get('public.days_2024') ?? 0) + (rows.get('public.days_2025') ?? 0)).toBe(40);
    expect(rows.get('public.events_old')).toBeGreaterThan(0);
    expect(rows.get('public.events_new')).toBeGreaterThan(0);
    expect((rows.get('public.events_old') ?? 0) + (rows.get('public.events_new') ?? 0)).toBe(40);
  });

  it('an extension PostgreSQL does not ship is named once; what it makes is not listed as missing; one only called (citus) is', async () => {
    const { warnings } = await parseDdl([
      {
        file: 'ts.sql',
        text: `
          CREATE EXTENSION IF NOT EXISTS timescaledb WITH SCHEMA public;
          CREATE EXTENSION IF NOT EXISTS pgcrypto;
          CREATE TABLE _timescaledb_internal._compressed_hypertable_2 ();
          CREATE SCHEMA partman;
          CREATE EXTENSION pg_partman SCHEMA partman;
          CREATE TABLE public.t (id int, at timestamptz NOT NULL) PARTITION BY RANGE (at);
          SELECT partman.create_parent('public.t', 'at', '1 day');
          SELECT other.f();
          SELECT create_distributed_table('public.t', 'id');`,
      },
    ]);
    expect(warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([
      expect.stringMatching(
        /^ADD_ON_EXTENSIONS: the DDL creates extensions that do not ship with PostgreSQL \(first at ts\.sql:2:11\): timescaledb, pg_partman\. The server/,
      ),
      expect.stringMatching(
        /^EXTERNAL_OBJECTS: .*: schemas other; functions other\.f\(\); extensions citus\. The database/,
      ),
    ]);
  });
});
