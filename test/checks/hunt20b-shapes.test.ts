/**
 * Session 20's hunt over live databases and contrib extensions (issue 8):
 * minimal shapes of what failed when a real schema was read from a live
 * database (or its pg_dump -s file) rather than from hand-written DDL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hunt20b');

// earthdistance 1.1 (PostgreSQL 15's): ll_to_earth's SQL body names `earth` and `cube()` unqualified,
// so under pg_dump's empty search_path a generated column, CHECK or index calling it fails to plan.
const EARTH = `
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE TABLE places (
  id serial PRIMARY KEY,
  lat float8 NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng float8 NOT NULL CHECK (lng BETWEEN -180 AND 180),
  loc earth GENERATED ALWAYS AS (ll_to_earth(lat, lng)) STORED
);
CREATE INDEX places_loc ON places USING gist (ll_to_earth(lat, lng));`;

// MusicBrainz: an ICU collation and a text search configuration over unaccent, named by columns and indexes.
const COLLATIONS_AND_TEXT_SEARCH = `
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE SCHEMA mb;
CREATE COLLATION mb.natural (provider = icu, locale = '@colCaseFirst=lower;colNumeric=yes');
CREATE COLLATION mb.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION mb.plain (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
CREATE TEXT SEARCH DICTIONARY mb.simple_en (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION mb.mb_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION mb.mb_simple ALTER MAPPING FOR word, asciiword WITH unaccent, mb.simple_en, simple;
COMMENT ON TEXT SEARCH CONFIGURATION mb.mb_simple IS 'words without accents';
CREATE TABLE mb.artist (
  id serial PRIMARY KEY,
  name text COLLATE mb.natural NOT NULL,
  handle text COLLATE mb.nocase NOT NULL UNIQUE,
  code text COLLATE mb.plain,
  words tsvector GENERATED ALWAYS AS (to_tsvector('mb.mb_simple', name)) STORED
);
CREATE INDEX artist_name ON mb.artist (name COLLATE mb.natural);
CREATE INDEX artist_words ON mb.artist USING gin (to_tsvector('mb.mb_simple'::regconfig, name));`;

// PostgREST's spec fixture: a view that reads itself, and two views reading each other, made by CREATE then
// CREATE OR REPLACE VIEW; a third view and a table read through them.
const VIEW_LOOPS = `
CREATE SCHEMA test;
CREATE VIEW test.infinite_recursion AS SELECT 1 AS x;
CREATE OR REPLACE VIEW test.infinite_recursion AS SELECT * FROM test.infinite_recursion;
CREATE VIEW test.ping AS SELECT 1 AS n, 'a'::text AS label;
CREATE VIEW test.pong AS SELECT n, label FROM test.ping;
CREATE OR REPLACE VIEW test.ping AS SELECT n, label FROM test.pong;
CREATE TABLE test.item (id int PRIMARY KEY, label text NOT NULL);
CREATE VIEW test.both AS SELECT i.id, p.label FROM test.item i JOIN test.pong p ON p.n = i.id;`;

describe('hunt20b: live databases and contrib extensions', () => {
  it('a YAML spec listing earthdistance without cube: made with CASCADE, and the script loads', async () => {
    const dir = tempDir('hunt20b-spec-');
    const spec = join(dir, 'places.yaml');
    writeFileSync(
      spec,
      [
        'extensions: [earthdistance]',
        'tables:',
        '  places:',
        '    rows: 12',
        '    columns:',
        '      id: { type: integer, primary_key: true }',
        '      lat: { type: float8, not_null: true, check: "lat BETWEEN -90 AND 90" }',
        '      lng: { type: float8, not_null: true, check: "lng BETWEEN -180 AND 180" }',
        '      loc: { type: earth, generated: "ll_to_earth(lat, lng)" }',
        '',
      ].join('\n'),
    );
    const script = join(dir, 'script.sql');
    const run = await runCliInProcess(['generate', spec, '-f', script]);
    expect(run.status, run.stderr).toBe(0);
    const target = await db.createSibling();
    await target.psqlFileAsync(script);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({ 'public.places': 12 });
  });

  it('a live aggregate without arguments (PostgREST: count(*)-like) is written (*), its owner and comment too', async () => {
    const source = await db.createSibling();
    await source.query(`
      CREATE FUNCTION bump(state int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT state + 1';
      CREATE AGGREGATE tally(*) (SFUNC = bump, STYPE = int, INITCOND = '0');
      COMMENT ON AGGREGATE tally(*) IS 'rows counted';
      CREATE TABLE item (id int PRIMARY KEY);`);
    const script = join(tempDir('hunt20b-aggregate-'), 'script.sql');
    await generate({
      connection: { dbname: source.connectionString },
      defaultRows: 5,
      seed: 1,
      output: script,
    });
    const target = await db.createSibling();
    await target.psqlFileAsync(script);
    const [row] = await target.query<{ n: number; note: string }>(
      `SELECT (SELECT tally(*) FROM item) AS n, (SELECT obj_description(oid, 'pg_proc') FROM pg_proc WHERE proname = 'tally') AS note`,
    );
    expect(row).toEqual({ n: 5, note: 'rows counted' });
  });

  it('a live schema with collations and text search dictionaries and configurations: the script makes them, and loads', async () => {
    const source = await db.createSibling();
    await source.query(COLLATIONS_AND_TEXT_SEARCH);
    const connection = { dbname: source.connectionString };
    const script = join(tempDir('hunt20b-collations-'), 'script.sql');
    await generate({ connection, defaultRows: 40, seed: 4, output: script });
    const target = await db.createSibling();
    await target.psqlFileAsync(script);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({ 'mb.artist': 40 });
    const [made] = await target.query<{ collations: string; config: string; dict: string; note: string }>(
      `SELECT (SELECT string_agg(collname || ':' || collprovider::text || ':' || collisdeterministic, ',' ORDER BY collname)
                 FROM pg_collation WHERE collnamespace = 'mb'::regnamespace) AS collations,
              (SELECT string_agg(DISTINCT alias || '=' || dictionaries::text, ';')
                 FROM ts_debug('mb.mb_simple', 'Ame the') WHERE alias IN ('asciiword', 'word')) AS config,
              (SELECT dictinitoption FROM pg_ts_dict WHERE dictname = 'simple_en') AS dict,
              obj_description('mb.mb_simple'::regconfig, 'pg_ts_config') AS note`,
    );
    expect(made).toEqual({
      collations: 'natural:i:true,nocase:i:false,plain:c:true',
      config: 'asciiword={unaccent,mb.simple_en,simple}',
      dict: "stopwords = 'english', accept = 'false'",
      note: 'words without accents',
    });
  });

  it('a live schema calling earthdistance in a generated column and an index: script and -j archive load', async () => {
    const source = await db.createSibling();
    await source.query(EARTH);
    const connection = { dbname: source.connectionString };
    const dir = tempDir('hunt20b-earth-');
    const script = join(dir, 'script.sql');
    await generate({ connection, defaultRows: 30, seed: 3, output: script });
    const fromScript = await db.createSibling();
    await fromScript.psqlFileAsync(script);
    expect(Object.fromEntries(await userTableRowCounts(fromScript))).toEqual({ 'public.places': 30 });

    // pg_restore -j runs each entry in a worker under the archive's empty SEARCHPATH: the COPY sets its path.
    const archive = join(dir, 'archive.dir');
    await generate({ connection, defaultRows: 30, seed: 3, output: archive, format: 'directory' });
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['--exit-on-error', '-j', '2', '-d', restored.name, archive]);
    expect(Object.fromEntries(await userTableRowCounts(restored))).toEqual({ 'public.places': 30 });
    const [far] = await restored.query<{ n: string }>(
      'SELECT count(*) AS n FROM places WHERE loc <> ll_to_earth(lat, lng)',
    );
    expect(Number(far?.n)).toBe(0);
  });

  it('a live view reading itself, and two reading each other: made with NULL columns, then their queries (script, -F c)', async () => {
    // Before: written as plain CREATE VIEWs, so the script failed ("relation test.infinite_recursion does not
    // exist"), as pg_dump 15's own does for the view reading itself.
    const source = await db.createSibling();
    await source.query(VIEW_LOOPS);
    const connection = { dbname: source.connectionString };
    const dir = tempDir('hunt20b-view-loops-');
    const script = join(dir, 'script.sql');
    await generate({ connection, defaultRows: 8, seed: 5, output: script });
    const archive = join(dir, 'archive.dump');
    await generate({ connection, defaultRows: 8, seed: 5, output: archive, format: 'custom' });
    const views = (target: typeof source) =>
      target.query<{ name: string; query: string }>(
        `SELECT relname AS name, pg_get_viewdef(oid) AS query FROM pg_class
         WHERE relkind = 'v' AND relnamespace = 'test'::regnamespace ORDER BY relname`,
      );
    const made = await views(source);
    expect(made.map((v) => v.name)).toEqual(['both', 'infinite_recursion', 'ping', 'pong']);
    const fromScript = await db.createSibling();
    await fromScript.psqlFileAsync(script);
    expect(Object.fromEntries(await userTableRowCounts(fromScript))).toEqual({ 'test.item': 8 });
    expect(await views(fromScript)).toEqual(made);
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['--exit-on-error', '-d', restored.name, archive]);
    expect(Object.fromEntries(await userTableRowCounts(restored))).toEqual({ 'test.item': 8 });
    expect(await views(restored)).toEqual(made);
  });
});
