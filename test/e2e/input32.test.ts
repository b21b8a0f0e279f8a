/**
 * A live database as the schema (`datagen generate -d db`, the catalog read),
 * from real schemas' shapes: a database without tables is said to have none
 * rather than "done" over nothing; --append into a table keyed by a parent and
 * a boolean a CHECK keeps true (koji's versioned `*_config` tables: `UNIQUE
 * (build_target_id, active)` beside `PRIMARY KEY (create_event,
 * build_target_id)`) adds rows past the held ones instead of stopping on a
 * duplicate key.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('input32');

/** Koji's versioned config table, cut to its keys and its revocation CHECK. */
const VERSIONED = `
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE build_target (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE build_target_config (
  build_target_id integer NOT NULL REFERENCES build_target(id),
  create_event integer NOT NULL,
  revoke_event integer,
  revoker_id integer REFERENCES users(id),
  active boolean DEFAULT true CHECK (active),
  CONSTRAINT active_revoke_sane CHECK (
    (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
    OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
  PRIMARY KEY (create_event, build_target_id),
  UNIQUE (build_target_id, active)
);`;

/** OpenSlides' shape: a deferred constraint trigger on a table with a foreign key (it fires on COPY, at commit). */
const DEFERRED = `
CREATE TABLE meeting (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE present (meeting_id integer NOT NULL REFERENCES meeting, user_name text NOT NULL,
                      PRIMARY KEY (meeting_id, user_name));
CREATE TABLE notices (id serial PRIMARY KEY, table_name text NOT NULL);
CREATE FUNCTION notify_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO notices (table_name) VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER notify_end AFTER INSERT ON present
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION notify_end();`;

describe('a live database as the schema (input32)', () => {
  it('a deferred constraint trigger fires on the rows before the foreign keys are added back (fill, --append, --resume)', async () => {
    const target = await siblingWith(db, DEFERRED);
    const connection = { dbname: target.connectionString };
    // Before: "cannot ALTER TABLE "present" because it has pending trigger events", nothing loaded.
    await generate({ connection, defaultRows: 20, tables: { notices: 0 }, seed: 1 });
    await generate({ connection, defaultRows: 20, tables: { notices: 0 }, seed: 1, append: true });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    // The trigger ran once per row present got, as it would for the application's inserts.
    expect(counts).toMatchObject({ 'public.meeting': 40, 'public.present': 40, 'public.notices': 40 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const resumed = await siblingWith(db, DEFERRED);
    const statePath = join(tempDir(), 'state.json');
    await generate({
      connection: { dbname: resumed.connectionString },
      defaultRows: 20,
      tables: { notices: 0 },
      resume: true,
      loadState: statePath,
    });
    expect(Object.fromEntries(await userTableRowCounts(resumed))).toMatchObject({
      'public.present': 20,
      'public.notices': 20,
    });
    await target.close();
    await resumed.close();
  });

  it('a database without tables: a warning saying so, nothing written', async () => {
    assertBuilt();
    const target = await db.createSibling();
    const r = runCli(['generate', '-d', target.connectionString, '-r', '5']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^datagen: warning: .* has no tables \(outside pg_catalog, information_schema and extensions\), so there are no rows to generate; is it the right database\? To create the schema there first, give its DDL files too/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await target.close();
  });

  it('--append beside a held (parent, true) key: the boolean compared as the server does (t is true)', async () => {
    const target = await siblingWith(
      db,
      `CREATE TABLE target (id serial PRIMARY KEY);
       CREATE TABLE config (id serial PRIMARY KEY, target_id integer NOT NULL REFERENCES target,
                            active boolean NOT NULL CHECK (active), UNIQUE (target_id, active));`,
    );
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 40, seed: 3 });
    // Before: the held (36, t) was not the made (36, true), and the load stopped on config_target_id_active_key.
    await generate({ connection, defaultRows: 40, seed: 3, append: true });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    expect(counts).toMatchObject({ 'public.target': 80, 'public.config': 80 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    await target.close();
  });

  it('version 25, --append: a composite key counting up drives alone, so the FK stays free for the other key', async () => {
    const target = await siblingWith(db, VERSIONED);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 40, seed: 7, generatorVersion: 25 });
    const [before] = await target.query<{ m: number }>(
      'SELECT max(create_event) AS m FROM build_target_config',
    );
    // Version 24 drove the primary key by both columns, leaving the UNIQUE room for one row (active NULL past
    // it, which the revocation CHECK then refused); version 25 counts create_event up past the held maximum.
    const second = await generate({
      connection,
      defaultRows: 40,
      seed: 7,
      generatorVersion: 25,
      append: true,
    });
    expect(second.warnings.map((w) => w.message)).toEqual([]);
    const counts = Object.fromEntries(await userTableRowCounts(target));
    expect(counts).toMatchObject({ 'public.build_target': 80, 'public.build_target_config': 80 });
    const [after] = await target.query<{ held: number }>(
      `SELECT count(*) FILTER (WHERE create_event <= $1)::int AS held
         FROM build_target_config`,
      [before?.m],
    );
    expect(after?.held).toBe(40);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    await target.close();
  });
});
