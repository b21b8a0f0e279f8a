/**
 * DDL shapes of the bench22 hunt (benchmark kits, sample databases, GIS
 * schemas run as psql scripts: 3DCityDB's create-db.sql), each reduced to a
 * minimal file: generated through the library, loaded as a script with
 * ON_ERROR_STOP and restored from a custom archive with pg_restore
 * --exit-on-error, every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatagenError } from '../../src/errors.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

let db: TestDatabase;

/** 30 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 30, seed: 3 });

/** The located error a DDL text gets from the parse. */
async function parseError(text: string): Promise<string> {
  const error = await parseDdl([{ file: 'create-db.sql', text }]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatagenError);
  return (error as DatagenError).message;
}

describe('DDL shapes of benchmark kits, sample databases and GIS scripts', () => {
  beforeAll(async () => {
    db = await createTestDatabase('bench22');
  });
  afterAll(async () => db.close());

  it('\\gset, \\g and \\gexec send the query before them as a ; would, on their own line or after it (3DCityDB)', async () => {
    // Before: the query ran on into the next statement, 'syntax error at or near "SET"' (or at the backslash), exit 2.
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE a (id int PRIMARY KEY, name text NOT NULL);
      SELECT version() AS server_version
      \\gset
      SET client_min_messages TO warning;
      SELECT count(*) AS n FROM a \\gset pre_
      CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id));
      SELECT 1 AS one \\g
      SELECT 'SELECT 1' \\gexec
      CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));`);
    for (const t of ['a', 'b', 'c']) expect(counts.get(`public.${t}`)).toBe(30);
    expect(warnings.filter((w) => w.includes('\\gset'))).toHaveLength(1);
  });

  it('a custom setting a DO block reads (SET tmp.srid) is set in the archive entry that reads it (3DCityDB)', async () => {
    // Before: the archive left every SET out; pg_restore stopped at 'unrecognized configuration parameter "tmp.srid"'.
    const { counts, archive, warnings } = await loadBoth(`
      SET tmp.srid TO "4326";
      DO $$
      BEGIN
        IF current_setting('tmp.srid')::int <> 4326 THEN RAISE EXCEPTION 'wrong SRID'; END IF;
      END
      $$;
      CREATE TABLE srs (srid int PRIMARY KEY, name text);
      SET tmp.srid TO 3857;
      CREATE TABLE seen (id int PRIMARY KEY, srid int NOT NULL DEFAULT 3857 REFERENCES srs (srid));
      DO $$
      BEGIN
        IF current_setting('tmp.srid')::int <> 3857 THEN RAISE EXCEPTION 'wrong SRID'; END IF;
        EXECUTE 'COMMENT ON TABLE seen IS ' || quote_literal('SRID ' || current_setting('tmp.srid'));
      END
      $$;`);
    expect(counts.get('public.seen')).toBe(30);
    const comment = await archive.query<{ c: string }>(`SELECT obj_description('seen'::regclass) AS c`);
    expect(comment[0]?.c).toBe('SRID 3857');
    // The first block only checks (was: 'the objects it creates (or changes) cannot be seen'); the second runs EXECUTE.
    const blocks = warnings.filter((w) => w.startsWith('DO block'));
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('only reads and reports');
    expect(blocks[1]).toContain('cannot be seen by datagen');
  });

  it('a variable \\gset sets is named with its \\gset line, and psql connection variables as such', async () => {
    // Before: both said 'psql takes it from -v', though the script never expects one.
    const gset = await parseError(
      "SELECT current_setting('search_path') AS current_path\n\\gset\nSET search_path TO app, :current_path;\n",
    );
    expect(gset).toContain('create-db.sql:3:25: syntax error');
    expect(gset).toContain(':current_path is set by \\gset at create-db.sql:2:1');
    expect(gset).toContain('\\set current_path VALUE before it');
    const prefixed = await parseError('SELECT now() AS y \\gset p_\nCREATE TABLE b (id int DEFAULT :p_y);\n');
    expect(prefixed).toContain(':p_y is set by \\gset at create-db.sql:1:19');
    expect(prefixed).toContain('give --set p_y=VALUE');
    const dbname = await parseError('ALTER DATABASE :"DBNAME" SET search_path TO app, public;\n');
    expect(dbname).toContain(':"DBNAME" is a variable psql sets from its connection (DBNAME)');
  });

  it('\\ir of a variable no \\set gave names the variable, not a file ":name"', async () => {
    // Before: '\ir: cannot read :create_changelog_extension; ... fix the path'.
    const message = await parseError(
      "SELECT CASE WHEN true THEN 'a.sql' ELSE 'b.sql' END AS ext\n\\gset\n\\ir :ext\nCREATE TABLE t (id int);\n",
    );
    expect(message).toContain('create-db.sql:3:1: \\ir :ext: the psql variable ext is not set');
    expect(message).toContain('add a line \\set ext FILE before it');
  });
});
