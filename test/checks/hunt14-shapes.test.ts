import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('shapes of hunt 14 (real schemas never tried)', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt14shapes');
  });
  afterAll(async () => db.close());

  it('CREATE TABLE (..., LIKE s.base, ...) of a schema-qualified table is written with its name, its columns filled (pgq retry_queue)', async () => {
    // Before: written as `LIKE` alone (the deparser printed a qualified bare RangeVar as nothing): exit 0, and the
    // script stopped at a syntax error.
    const { counts, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA pgq;
       CREATE TABLE pgq.event_template (ev_id bigint NOT NULL, ev_time timestamptz NOT NULL, ev_owner int4, ev_data text);
       CREATE TABLE pgq.retry_queue (ev_retry_after timestamptz NOT NULL, ev_queue int4 NOT NULL,
         LIKE pgq.event_template, CONSTRAINT rq_pkey PRIMARY KEY (ev_owner, ev_id));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('pgq.retry_queue')).toBe(50);
    for (const t of [target, restored]) {
      const columns = await t.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'retry_queue' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual([
        'ev_retry_after',
        'ev_queue',
        'ev_id',
        'ev_time',
        'ev_owner',
        'ev_data',
      ]);
    }
  });
  it('ALTER TABLE ... DROP DEFAULT, TYPE e USING ..., SET DEFAULT in one statement: the default is dropped before the type changes, as the server runs it (langfuse MonitorSeverity)', async () => {
    // Before: the DROP DEFAULT was put after the type change (its pass taken for SET DEFAULT's): exit 0, and the
    // load stopped at "default for column "severity" cannot be cast automatically to type "sev"".
    const { counts, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE TYPE sev AS ENUM ('UNKNOWN', 'OK');
       CREATE TABLE monitors (id int PRIMARY KEY, severity sev NOT NULL DEFAULT 'UNKNOWN');
       ALTER TYPE sev RENAME TO sev_old;
       CREATE TYPE sev AS ENUM ('PAUSED', 'UNKNOWN', 'OK');
       ALTER TABLE monitors
         ALTER COLUMN severity DROP DEFAULT,
         ALTER COLUMN severity TYPE sev USING severity::text::sev,
         ALTER COLUMN severity SET DEFAULT 'UNKNOWN'::sev;
       DROP TYPE sev_old;`,
      { defaultRows: 30, seed: 1 },
    );
    expect(counts.get('public.monitors')).toBe(30);
    for (const t of [target, restored]) {
      const [column] = await t.query<{ column_default: string; udt_name: string }>(
        `SELECT column_default, udt_name FROM information_schema.columns WHERE table_name = 'monitors' AND column_name = 'severity'`,
      );
      expect(column).toEqual({ column_default: "'UNKNOWN'::sev", udt_name: 'sev' });
    }
  });
  it('an ALTER TABLE of a table a called DDL function creates is kept as written, not refused (PostGIS tiger geocoder pagc_rules)', async () => {
    // Before: exit 2, "ALTER TABLE tiger.pagc_rules: the table is not defined in the DDL", though the SELECT of
    // install_pagc_tables() before it (kept, warned) makes the table at load time.
    const { counts, result, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA tiger;
       SET search_path = tiger, public;
       CREATE TABLE loader (id int PRIMARY KEY, name text NOT NULL);
       CREATE FUNCTION install_pagc_tables() RETURNS void AS $$
       BEGIN
         IF NOT EXISTS (SELECT table_name FROM information_schema.columns
                        WHERE table_schema = 'tiger' AND table_name = 'pagc_rules') THEN
           CREATE TABLE pagc_rules (id serial NOT NULL PRIMARY KEY, rule text, is_custom boolean DEFAULT true);
         END IF;
       END;
       $$ LANGUAGE plpgsql;
       SELECT install_pagc_tables();
       ALTER TABLE tiger.pagc_rules ALTER COLUMN is_custom SET DEFAULT false;`,
      { defaultRows: 20, seed: 1 },
    );
    expect(counts.get('tiger.loader')).toBe(20);
    // Version 23: the call is the DDL its code runs (fix30), so the table it makes is modelled and filled.
    expect(result.warnings.map((w) => w.code)).not.toContain('FUNCTION_CALL');
    expect(counts.get('tiger.pagc_rules')).toBe(20);
    for (const t of [target, restored]) {
      const [column] = await t.query<{ column_default: string }>(
        `SELECT column_default FROM information_schema.columns WHERE table_name = 'pagc_rules' AND column_name = 'is_custom'`,
      );
      expect(column?.column_default).toBe('false');
    }
  });
  it("an extension's script read as DDL: SELECT pg_extension_config_dump(...) is left out, warned, and its tables filled (PostGIS topology)", async () => {
    // Before: kept, exit 0, and the load stopped at "pg_extension_config_dump() can only be called from an SQL
    // script executed by CREATE EXTENSION" (PostGIS topology and tiger geocoder, TimescaleDB's catalog).
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA topology;
       CREATE TABLE topology.topology (id serial NOT NULL PRIMARY KEY, name varchar NOT NULL UNIQUE,
         srid integer NOT NULL, "precision" float8 NOT NULL);
       CREATE TABLE topology.layer (topology_id integer NOT NULL REFERENCES topology.topology(id),
         layer_id integer NOT NULL, schema_name varchar NOT NULL, table_name varchar NOT NULL,
         UNIQUE (schema_name, table_name), PRIMARY KEY (topology_id, layer_id));
       SELECT pg_catalog.pg_extension_config_dump('topology.topology', '');
       SELECT pg_extension_config_dump('topology.layer', '');
       SELECT pg_catalog.pg_extension_config_dump(pg_get_serial_sequence('topology.topology', 'id'), '');`,
      { defaultRows: 25, seed: 1 },
    );
    expect(counts.get('topology.topology')).toBe(25);
    expect(counts.get('topology.layer')).toBe(25);
    const skipped = result.warnings.filter((w) => w.message.includes('pg_extension_config_dump'));
    expect(skipped.map((w) => w.code)).toEqual(['STATEMENT_SKIPPED']);
    expect(skipped[0]?.message).toContain('3 SELECT pg_extension_config_dump() statements');
  });
  it('PostGIS 1.x constraint CHECKs (st_ndims, st_srid, geometrytype) on a bare geometry column: values of that subtype, dimensions and SRID, the table filled (tiger geocoder county, state)', async () => {
    // Before: the three CHECKs could not be read (functions st_ndims(), st_srid(), geometrytype()), and every such
    // table got no rows: 8 of the tiger geocoder's tables. Checked on the written values: the test server need not
    // have PostGIS (a fresh Debian's postgresql package does not bring it).
    const ddl = join(tempDir(), 'tiger.sql');
    writeFileSync(
      ddl,
      `CREATE EXTENSION IF NOT EXISTS postgis;
       CREATE TABLE state (statefp varchar(2) PRIMARY KEY, the_geom geometry,
         CONSTRAINT enforce_dims_the_geom CHECK (st_ndims(the_geom) = 2),
         CONSTRAINT enforce_geotype_the_geom CHECK (geometrytype(the_geom) = 'MULTIPOLYGON'::text OR the_geom IS NULL),
         CONSTRAINT enforce_srid_the_geom CHECK (st_srid(the_geom) = 4269));
       CREATE TABLE edges (gid serial PRIMARY KEY, statefp varchar(2) REFERENCES state, the_geom geometry NOT NULL,
         CONSTRAINT enforce_dims CHECK ((public.st_ndims(the_geom) = 3)),
         CONSTRAINT enforce_geotype CHECK ((public.geometrytype(the_geom) = 'LINESTRING'::text)),
         CONSTRAINT enforce_srid CHECK ((public.st_srid(the_geom) = 4326)));`,
    );
    const { file, result } = await generateFile({ schema: [ddl], defaultRows: 40, seed: 1 });
    expect(result.tables.map((t) => [t.name, t.rows])).toEqual([
      ['state', 40],
      ['edges', 40],
    ]);
    expect(result.warnings.filter((w) => w.code === 'TABLE_EMPTY')).toEqual([]);
    const script = readFileSync(file, 'utf8');
    const column = (table: string, index: number) => {
      const block = script.split(`COPY public.${table} `)[1]?.split('\n\\.\n')[0] ?? '';
      return block
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t')[index] as string);
    };
    const states = column('state', 1).filter((g) => g !== '\\N');
    expect(states.length).toBeGreaterThan(0);
    // 2 dimensions: pairs of coordinates only.
    for (const g of states)
      expect(g).toMatch(
        /^SRID=4269;MULTIPOLYGON\(\(\((-?[\d.]+ -?[\d.]+,)+-?[\d.]+ -?[\d.]+\)\)(,\(\([^()]+\)\))*\)$/,
      );
    const edges = column('edges', 2);
    expect(edges).toHaveLength(40);
    for (const g of edges)
      expect(g).toMatch(
        /^SRID=4326;LINESTRING Z \((-?[\d.]+ -?[\d.]+ -?[\d.]+,)+-?[\d.]+ -?[\d.]+ -?[\d.]+\)$/,
      );
  });
  it('a psql meta-command line right before COPY ... FROM STDIN (options): the rows after it are data, not SQL (DataFiller output in postgrest-starter-kit)', async () => {
    // Before: the `\\echo` line hid the COPY from the data-block scan, and its first row was a syntax error (exit 2).
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE u (id int PRIMARY KEY, name text NOT NULL);
\\echo # filling table u (2)
COPY u (id, name) FROM STDIN (FREEZE ON);
1\talice
2\tbob's
\\.
CREATE TABLE v (id int PRIMARY KEY REFERENCES u);`,
      { defaultRows: 12, seed: 1 },
    );
    expect(counts.get('public.u')).toBe(12);
    expect(counts.get('public.v')).toBe(12);
    expect(result.warnings.map((w) => w.code)).toContain('STATEMENT_SKIPPED');
  });

  it('\\set v `shell command` is not run: v keeps the value an earlier \\set gave it (postgrest-starter-kit roles)', async () => {
    // Before: the backtick text became the value, and its use a syntax error at a backtick.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `\\set schema_name app
\\set schema_name \`echo $APP_SCHEMA\`
CREATE SCHEMA :"schema_name";
CREATE TABLE :"schema_name".t (id int PRIMARY KEY, note text);`,
      { defaultRows: 9, seed: 1 },
    );
    expect(counts.get('app.t')).toBe(9);
    const [row] = await target.query<{ n: string }>(`SELECT count(*) AS n FROM app.t`);
    expect(Number(row?.n)).toBe(9);
  });
  it('a table dropped and made again with a serial column and an unnamed index: their names are free again, as in PostgreSQL, so filling the database its DDL built works (Documenso)', async () => {
    // Before: the remade table's sequence was "Token_id_seq1" and its index "Token_token_idx1" in the output, and
    // `-d` into a database the migrations built failed setting a sequence that was not there (exit 1, no rows).
    const ddl = `CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL);
       CREATE TABLE "Token" (id serial NOT NULL, token text NOT NULL, "userId" int NOT NULL,
         CONSTRAINT "Token_pkey" PRIMARY KEY (id));
       CREATE UNIQUE INDEX ON "Token" (token);
       DROP TABLE IF EXISTS "Token" CASCADE;
       CREATE TABLE "Token" (id serial NOT NULL, token text NOT NULL, "userId" int NOT NULL REFERENCES "User",
         PRIMARY KEY (id));
       CREATE UNIQUE INDEX ON "Token" (token);`;
    const { counts, target } = await loadScriptAndArchive(db, ddl, { defaultRows: 15, seed: 1 });
    expect(counts.get('public.Token')).toBe(15);
    const names = async (t: TestDatabase) =>
      t.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relname LIKE 'Token%' AND relkind IN ('S', 'i') ORDER BY 1`,
      );
    expect((await names(target)).map((r) => r.name)).toEqual([
      'Token_id_seq',
      'Token_pkey',
      'Token_token_idx',
    ]);
    // Filled in place: the schema built by the DDL itself, then rows loaded into it.
    const built = await db.createSibling();
    const schema = join(tempDir(), 'schema.sql');
    writeFileSync(schema, ddl);
    built.psqlFile(schema);
    await generate({
      schema: [schema],
      connection: { dbname: built.connectionString },
      defaultRows: 15,
      seed: 1,
    });
    const [row] = await built.query<{ n: string }>(`SELECT count(*) AS n FROM "Token"`);
    expect(Number(row?.n)).toBe(15);
  });
  it('a bare CREATE LANGUAGE plpgsql (every database has it) is written as CREATE EXTENSION IF NOT EXISTS plpgsql (Bucardo)', async () => {
    // Before: written as it was, and the load stopped at its first statement: extension "plpgsql" already exists.
    const { counts } = await loadScriptAndArchive(
      db,
      `CREATE LANGUAGE plpgsql;
       CREATE TABLE sync (name text PRIMARY KEY, status text NOT NULL DEFAULT 'active');
       CREATE FUNCTION sync_status() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
       CREATE TRIGGER sync_status BEFORE INSERT ON sync FOR EACH ROW EXECUTE FUNCTION sync_status();`,
      { defaultRows: 10, seed: 1 },
    );
    expect(counts.get('public.sync')).toBe(10);
  });
});
