/**
 * live22: a live database as the source kept what it has beyond tables and
 * routines: user-defined casts, operator families and classes (an index
 * using one failed to restore without it), extended statistics,
 * publications (tables with column lists and row filters, schemas) and
 * event triggers were not read from the catalog, so a restore of `generate
 * -d` missed them. Now each is read as pg_dump reads it (an extension's own
 * left to CREATE EXTENSION), and written where pg_dump writes it: the
 * archive lists the entries pg_dump's archive of the same database lists
 * (desc, schema, tag, owner, section), the plain script and the archive
 * restore with ON_ERROR_STOP / --exit-on-error, and pg_dump of the restored
 * database writes the schema pg_dump of the source writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readToc, type TocEntry } from '../helpers/archive-toc.js';
import { assertBuilt, runCliAsync } from '../helpers/cli-process.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('live22');

const SCHEMA = `
CREATE EXTENSION citext; -- its casts and pg_trgm's operator classes are the extensions' own
CREATE EXTENSION pg_trgm;
CREATE SCHEMA app;
CREATE TYPE app.money2 AS (units bigint, cur text);
CREATE FUNCTION app.int_to_money2(integer) RETURNS app.money2 LANGUAGE sql IMMUTABLE AS $$SELECT ROW($1::bigint, 'EUR')::app.money2$$;
CREATE CAST (integer AS app.money2) WITH FUNCTION app.int_to_money2(integer) AS ASSIGNMENT;
COMMENT ON CAST (integer AS app.money2) IS 'ints as euros';
CREATE TYPE mood AS ENUM ('low', 'high');
CREATE CAST (mood AS integer) WITH INOUT AS IMPLICIT;
CREATE TYPE "Pair" AS (a int, b int);
CREATE CAST (varchar AS "Pair") WITH INOUT;
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE FUNCTION app.abs_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$SELECT btint4cmp(abs($1), abs($2))$$;
CREATE FUNCTION app.abs_lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$SELECT abs($1) < abs($2)$$;
CREATE FUNCTION app.abs_le(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$SELECT abs($1) <= abs($2)$$;
CREATE FUNCTION app.abs_eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$SELECT abs($1) = abs($2)$$;
CREATE FUNCTION app.abs_ge(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$SELECT abs($1) >= abs($2)$$;
CREATE FUNCTION app.abs_gt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$SELECT abs($1) > abs($2)$$;
CREATE OPERATOR app.<| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.abs_lt);
CREATE OPERATOR app.<=| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.abs_le);
CREATE OPERATOR app.=| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.abs_eq);
CREATE OPERATOR app.>=| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.abs_ge);
CREATE OPERATOR app.>| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.abs_gt);
CREATE OPERATOR FAMILY app.abs_fam USING btree;
CREATE OPERATOR CLASS app.abs_ops FOR TYPE integer USING btree FAMILY app.abs_fam AS
  OPERATOR 1 app.<|, OPERATOR 2 app.<=|, OPERATOR 3 app.=|, OPERATOR 4 app.>=|, OPERATOR 5 app.>|,
  FUNCTION 1 app.abs_cmp(integer, integer);
COMMENT ON OPERATOR CLASS app.abs_ops USING btree IS 'by magnitude';
COMMENT ON OPERATOR FAMILY app.abs_fam USING btree IS 'magnitudes';
CREATE FUNCTION rev_cmp(text, text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$SELECT bttextcmp($2, $1)$$;
CREATE OPERATOR CLASS "Rev Ops" FOR TYPE text USING btree AS
  OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 rev_cmp(text, text);
CREATE OPERATOR FAMILY loose USING hash;
ALTER OPERATOR FAMILY loose USING hash ADD OPERATOR 1 =(text, text), FUNCTION 1 hashtext(text);
CREATE OPERATOR CLASS stor FOR TYPE int4 USING gist AS STORAGE int4;
CREATE TABLE app.item (id serial PRIMARY KEY, n integer NOT NULL, price app.money2, code text);
CREATE INDEX item_n_abs ON app.item (n app.abs_ops);
CREATE TABLE "Order" (id int PRIMARY KEY, label text NOT NULL, n int, m mood, r floatrange);
CREATE INDEX order_label_rev ON "Order" (label "Rev Ops");
CREATE INDEX order_label_trgm ON "Order" USING gin (label gin_trgm_ops);
CREATE STATISTICS app.item_stats (ndistinct, dependencies) ON n, code FROM app.item;
COMMENT ON STATISTICS app.item_stats IS 'n and code';
CREATE STATISTICS "Order Stats" (mcv) ON (lower(label)), n FROM "Order";
ALTER STATISTICS "Order Stats" SET STATISTICS 500;
CREATE PUBLICATION pub_items FOR TABLE app.item;
CREATE PUBLICATION pub_app FOR TABLES IN SCHEMA app;
CREATE PUBLICATION pub_all FOR ALL TABLES WITH (publish = 'insert');
CREATE PUBLICATION "Pub Part" FOR TABLE "Order" (id, label) WHERE (n > 0) WITH (publish = 'insert, update', publish_via_partition_root = true);
COMMENT ON PUBLICATION pub_all IS 'everything';
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN RAISE NOTICE 'ddl'; END$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.on_ddl();
COMMENT ON EVENT TRIGGER log_ddl IS 'logs';
CREATE EVENT TRIGGER "Quiet" ON sql_drop EXECUTE FUNCTION app.on_ddl();
ALTER EVENT TRIGGER "Quiet" DISABLE;`;

/** The kinds this file is about (and their comments). */
const KINDS = new Set([
  'CAST',
  'OPERATOR FAMILY',
  'OPERATOR CLASS',
  'STATISTICS',
  'PUBLICATION',
  'PUBLICATION TABLE',
  'PUBLICATION TABLES IN SCHEMA',
  'EVENT TRIGGER',
]);
const COMMENTED = /^(CAST|OPERATOR (CLASS|FAMILY)|STATISTICS|PUBLICATION|EVENT TRIGGER) /;

/** The archive's entries of those kinds as pg_restore lists them: desc, schema, tag, owner, section. */
async function listed(archive: string): Promise<string[]> {
  const entries: TocEntry[] = await readToc(db, archive);
  return entries
    .filter((e) => KINDS.has(e.desc) || (e.desc === 'COMMENT' && COMMENTED.test(e.tag)))
    .map((e) => {
      // pg_dump gives a PUBLICATION TABLES IN SCHEMA entry its publication's owner; datagen none (left alone).
      const owner = e.desc === 'PUBLICATION TABLES IN SCHEMA' ? '' : e.owner;
      return `${e.desc} | ${e.namespace} | ${e.tag} | ${owner} | ${e.section}`;
    });
}

/** pg_dump --schema-only of a database, without its \restrict lines and comments. */
async function dumpedSchema(target: TestDatabase): Promise<string> {
  const text = await target.runAsync('pg_dump', ['-s', '-d', target.name]);
  return text
    .split('\n')
    .filter((l) => !l.startsWith('\\') && !l.startsWith('--'))
    .join('\n');
}

describe('casts, operator classes, statistics, publications and event triggers of a live database', () => {
  it('are read from the catalog, listed as pg_dump lists them, and restore (plain and custom)', async () => {
    assertBuilt();
    const source = await db.createSibling();
    // Publications warn that wal_level is not logical; the objects are made all the same.
    await source.query(SCHEMA);
    const dir = tempDir('live22-');
    const script = join(dir, 'out.sql');
    const archive = join(dir, 'out.dump');
    for (const args of [
      ['-f', script],
      ['-F', 'c', '-f', archive],
    ]) {
      const r = await runCliAsync(['generate', '-d', source.connectionString, '-r', '20', ...args]);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
    }
    const reference = join(dir, 'pg_dump.dump');
    await source.runAsync('pg_dump', ['-s', '-F', 'c', '-f', reference, '-d', source.name]);
    const theirs = await listed(reference);
    expect(theirs).toContain('CAST | - | CAST (integer AS app.money2) |  | pre-data');
    expect(theirs).toContain('STATISTICS | app | item_stats | postgres | post-data');
    expect(await listed(archive)).toEqual(theirs);

    const fromScript = await db.createSibling();
    await fromScript.psqlFileAsync(script);
    const fromArchive = await db.createSibling();
    await fromArchive.runAsync('pg_restore', ['--exit-on-error', '-d', fromArchive.name, archive]);
    const original = await dumpedSchema(source);
    for (const copy of [fromScript, fromArchive]) {
      expect(await dumpedSchema(copy)).toEqual(original);
      // The index on the operator class is there and answers by it: |-3| = |3|.
      await copy.query(`INSERT INTO app.item (n) VALUES (-3)`);
      await copy.query('SET enable_seqscan = off');
      const plan = await copy.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN (COSTS OFF) SELECT count(*) FROM app.item WHERE n OPERATOR(app.=|) 3',
      );
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('item_n_abs');
      const [found] = await copy.query<{ n: string }>(
        `SELECT count(*) AS n FROM app.item WHERE n OPERATOR(app.=|) 3 AND n = -3`,
      );
      expect(Number(found?.n)).toBe(1);
      const [kinds] = await copy.query<Record<string, string>>(`SELECT
          (SELECT count(*) FROM pg_cast k WHERE oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d
            WHERE d.classid = 'pg_cast'::regclass AND d.objid = k.oid AND d.deptype IN ('e', 'i'))) AS casts,
          (SELECT count(*) FROM pg_event_trigger) AS event_triggers,
          (SELECT count(*) FROM pg_publication_rel) + (SELECT count(*) FROM pg_publication_namespace) AS published,
          (SELECT stxstattarget FROM pg_statistic_ext WHERE stxname = 'Order Stats') AS target,
          (SELECT evtenabled FROM pg_event_trigger WHERE evtname = 'Quiet') AS quiet`);
      expect(kinds).toEqual({ casts: '3', event_triggers: '2', published: '3', target: 500, quiet: 'D' });
      // An index on a column by the operator class is made again on the loaded rows.
      await copy.query('REINDEX INDEX app.item_n_abs');
    }
  });

  it('pg_dump -s of the same database, read as DDL, gives the same archive entries', async () => {
    const source = await db.createSibling();
    await source.query(SCHEMA);
    const dir = tempDir('live22-ddl-');
    const ddl = join(dir, 'schema.sql');
    writeFileSync(ddl, await source.runAsync('pg_dump', ['-s', '-d', source.name]));
    const archive = join(dir, 'out.dump');
    const r = await runCliAsync(['generate', ddl, '-r', '20', '-F', 'c', '-f', archive]);
    expect(r.status).toBe(0);
    const reference = join(dir, 'pg_dump.dump');
    await source.runAsync('pg_dump', ['-s', '-F', 'c', '-f', reference, '-d', source.name]);
    expect(await listed(archive)).toEqual(await listed(reference));
    const copy = await db.createSibling();
    await copy.runAsync('pg_restore', ['--exit-on-error', '-d', copy.name, archive]);
    expect(await dumpedSchema(copy)).toEqual(await dumpedSchema(source));
  });
});
