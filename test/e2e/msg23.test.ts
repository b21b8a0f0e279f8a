/**
 * msg23: a new user's first try, and what datagen says. A type nothing
 * defines in a routine's arguments or result, a cast, a domain, a composite,
 * an aggregate's state or an operator's arguments was passed over: exit 0,
 * and the output stopped loading at that statement. psql variables had no
 * `--set`, and `\gset` after a constant SELECT was not followed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, type OutputFormat } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { ddlProblems, tempDir } from '../helpers/generate-file.js';
import { oneLineRefusal } from '../helpers/usage-error.js';

const db = useTestDatabase('msg23');
const dir = tempDir('msg23-');

/** `datagen generate` of a DDL written to `<name>.sql` in the test's directory, its output `<name>.out.sql`. */
async function generateDdl(name: string, ddl: string, ...args: string[]) {
  const file = join(dir, `${name}.sql`);
  writeFileSync(file, ddl);
  const out = join(dir, `${name}.out.sql`);
  return { file, out, r: await runCliInProcess(['generate', file, ...args, '-f', out]) };
}

const NOT_DEFINED =
  'is neither a PostgreSQL type nor one the DDL creates, so PostgreSQL refuses the statement (type "nosuch" does not exist); create it before its first use (CREATE TYPE or CREATE DOMAIN, or CREATE EXTENSION for an extension\'s type), or fix the name';

describe('msg23: types nothing defines', () => {
  const shapes: [string, string][] = [
    ['CREATE FUNCTION f(x nosuch) RETURNS int LANGUAGE sql AS $$SELECT 1$$;', '1:21'],
    ['CREATE FUNCTION f(x int) RETURNS nosuch LANGUAGE sql AS $$SELECT 1$$;', '1:34'],
    ['CREATE FUNCTION f(x int) RETURNS SETOF nosuch LANGUAGE sql AS $$SELECT 1$$;', '1:40'],
    ['CREATE FUNCTION f() RETURNS TABLE (a nosuch) LANGUAGE sql AS $$SELECT 1$$;', '1:38'],
    ['CREATE PROCEDURE p(x nosuch[]) LANGUAGE sql AS $$SELECT 1$$;', '1:22'],
    ['CREATE CAST (nosuch AS text) WITH INOUT;', '1:14'],
    ['CREATE DOMAIN d AS nosuch;', '1:20'],
    ['CREATE TYPE c AS (a int, b nosuch);', '1:28'],
    ['CREATE TYPE r AS RANGE (subtype = nosuch);', '1:35'],
    ['CREATE AGGREGATE agg(int) (SFUNC = int4pl, STYPE = nosuch);', '1:52'],
    ['CREATE OPERATOR === (LEFTARG = nosuch, RIGHTARG = int, FUNCTION = int4eq);', '1:32'],
    ['CREATE SEQUENCE s AS nosuch;', '1:22'],
    ['CREATE TABLE u_default (id int DEFAULT 1::nosuch);', '1:43'],
    ['CREATE TABLE u_column (id int, c public.nosuch);', '1:34'],
  ];

  it.each(shapes)('%s is a located error, as the server refuses it', async (sql, place) => {
    const ddl = `CREATE TABLE t (id int PRIMARY KEY);\n${sql}\n`;
    const [line, column] = place.split(':').map(Number) as [number, number];
    const as = sql.includes('public.nosuch') ? ' (as public.nosuch)' : '';
    expect(await ddlProblems(ddl)).toEqual([`s.sql:${line + 1}:${column}: type nosuch${as} ${NOT_DEFINED}`]);
    await expectServerRefuses(db, sql, 'type');
  });

  it('a type defined only after its use is a located error saying to move it; the CLI exits 2 writing nothing', async () => {
    const { file, r } = await generateDdl(
      'later',
      "CREATE TABLE t (id int PRIMARY KEY);\nCREATE FUNCTION f(x later) RETURNS int LANGUAGE sql AS $$SELECT 1$$;\nCREATE TYPE later AS ENUM ('a');\n",
      '-r',
      '2',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `datagen: error: The DDL is not a usable schema (1 problem):\n${file}:2:21: type later is defined only after its use here, so PostgreSQL refuses the statement (type "later" does not exist); move the type's definition before it\n`,
    );
  });

  it('types PostgreSQL, the DDL or its extension make are taken, and the output loads', async () => {
    const { out, r } = await generateDdl(
      'made',
      `CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE t (id int PRIMARY KEY, n numeric(10,2), b bit varying(3), c "char", h hstore);
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TYPE comp AS (a int, m mood);
CREATE TYPE shell;
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TYPE fr AS RANGE (subtype = float8);
CREATE FUNCTION f1(x t, y mood[], z _int4, w fr, v fr_multirange) RETURNS SETOF t LANGUAGE sql AS 'SELECT * FROM t';
CREATE VIEW v AS SELECT id FROM t;
CREATE FUNCTION f2() RETURNS SETOF v LANGUAGE sql AS 'SELECT * FROM v';
CREATE FUNCTION f3() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE FUNCTION f5(anycompatible, anycompatiblearray) RETURNS anycompatible LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION f6(pg_class) RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE AGGREGATE agg(int) (SFUNC = int4pl, STYPE = int4);
CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq, RESTRICT = eqsel);
CREATE TEXT SEARCH CONFIGURATION myts (PARSER = default);
CREATE CAST (comp AS text) WITH INOUT;
CREATE SEQUENCE s AS smallint;
CREATE FUNCTION f7(x t.id%TYPE, h public.hstore) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION f8(x pg_catalog.int4, y public.mood, z information_schema.sql_identifier) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE TABLE u (id int PRIMARY KEY, m mood, p posint, c comp, r fr, x int DEFAULT '1'::int4);
`,
      '-r',
      '3',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    await db.psqlFileAsync(out);
    expect(await db.query('SELECT count(*)::int AS n FROM u')).toEqual([{ n: 3 }]);
  });

  it('where an extension may make it, an undefined routine type is the warning of what the database must have', async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE t (id int PRIMARY KEY);
CREATE FUNCTION f(x nosuch) RETURNS int LANGUAGE sql AS $$SELECT 1$$;
`;
    const file = join(dir, 'ext.sql');
    writeFileSync(file, ddl);
    const r = await runCliInProcess(['generate', file, '-r', '2', '-f', join(dir, 'ext.out.sql')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `datagen: warning: type nosuch (first at ${file}:3:21) is not declared in the DDL; assuming public.nosuch, which the database the output is loaded into must have (create it, or the extension that makes it, first), or the load stops at its first use\n`,
    );
  });
});

describe('msg23: psql variables', () => {
  it('--set NAME=VALUE gives :NAME, :\'NAME\' and :"NAME" their values (repeatable), and the output loads', async () => {
    const file = join(dir, 'vars.sql');
    writeFileSync(
      file,
      `CREATE SCHEMA :"schema_name";\nCREATE TABLE :"schema_name".t (id int PRIMARY KEY, g int NOT NULL DEFAULT :srid, label text DEFAULT :'label');\n`,
    );
    const out = join(dir, 'vars.out.sql');
    const r = await runCliInProcess([
      'generate',
      file,
      '-r',
      '2',
      '-f',
      out,
      '--set',
      'schema_name=Geo Data',
      '--set',
      'srid=4326',
      '--set',
      "label=it's",
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    await db.psqlFileAsync(out);
    const [column] = await db.query<{ d: string }>(
      `SELECT string_agg(column_default, ', ' ORDER BY column_name) AS d FROM information_schema.columns WHERE table_schema = 'Geo Data' AND column_name IN ('g', 'label')`,
    );
    expect(column?.d).toBe("4326, 'it''s'::text");
  });

  it('a variable no --set, \\set or \\gset gives is a located error naming --set NAME=VALUE; a --set without = is refused', async () => {
    const file = join(dir, 'unset.sql');
    writeFileSync(file, 'CREATE TABLE t (id int PRIMARY KEY, g int DEFAULT :srid);\n');
    const r = await runCliInProcess(['generate', file, '-r', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `datagen: error: ${file}:1:51: syntax error at or near ":"\n  CREATE TABLE t (id int PRIMARY KEY, g int DEFAULT :srid);\n                                                    ^\n  :srid is a psql variable that is not set (psql takes it from -v srid=VALUE); give --set srid=VALUE (datagen's spelling of psql's -v), add a line \\set srid VALUE at the top of the file, or replace it with its value\n`,
    );
    const bad = await runCliInProcess(['generate', file, '--set', 'srid']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'datagen: error: --set expects NAME=VALUE (a psql variable the DDL uses as :NAME, :\'NAME\' or :"NAME"), got "srid"\nRun `datagen generate --help` for the options.\n',
    );
  });

  it('\\gset after a SELECT of constants sets its columns (3DCityDB); after another query the error says --set', async () => {
    const { file, out, r } = await generateDdl(
      'gset',
      "SELECT 4326 AS srid, 'urn:ogc' AS \"GmlSrs\" \\gset\nCREATE TABLE t_gset (id int PRIMARY KEY, g int NOT NULL DEFAULT :srid, s text DEFAULT :'GmlSrs');\n",
      '-r',
      '2',
    );
    expect(r.status).toBe(0);
    await db.psqlFileAsync(out);
    const [row] = await db.query<{ d: string }>(
      `SELECT string_agg(column_default, ', ' ORDER BY column_name) AS d FROM information_schema.columns WHERE table_name = 't_gset' AND column_name IN ('g', 's')`,
    );
    expect(row?.d).toBe("4326, 'urn:ogc'::text");
    writeFileSync(
      file,
      'SELECT srid FROM spatial_ref_sys LIMIT 1 \\gset\nCREATE TABLE t (id int DEFAULT :srid);\n',
    );
    const other = await runCliInProcess(['generate', file, '-r', '2']);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain(
      `:srid is set by \\gset at ${file}:1:42 from what its query returns, and datagen runs no query (it follows \\gset only after a SELECT of constants); give --set srid=VALUE`,
    );
  });

  it('vars: in the configuration file sets them too, and --set wins', async () => {
    const file = join(dir, 'config-vars.sql');
    writeFileSync(file, 'CREATE TABLE :"table_name" (id int PRIMARY KEY, g int NOT NULL DEFAULT :srid);\n');
    const config = join(dir, 'vars.yaml');
    writeFileSync(config, 'vars:\n  table_name: t_config\n  srid: 4326\n');
    const out = join(dir, 'config-vars.out.sql');
    const r = await runCliInProcess([
      'generate',
      file,
      '-r',
      '2',
      '-f',
      out,
      '--config',
      config,
      '--set',
      'srid=3857',
    ]);
    expect(r.stderr).toBe('');
    await db.psqlFileAsync(out);
    const [row] = await db.query<{ d: string }>(
      `SELECT column_default AS d FROM information_schema.columns WHERE table_name = 't_config' AND column_name = 'g'`,
    );
    expect(row?.d).toBe('3857');
  });
});

describe('msg23: warnings grouped', () => {
  it('7 partitioned tables without partitions are one NO_PARTITION warning naming five and how many more', async () => {
    const tables = Array.from(
      { length: 7 },
      (_, i) => `CREATE TABLE part${i} (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);`,
    );
    const { out, r } = await generateDdl(
      'parts',
      `CREATE TABLE t_parts (id int PRIMARY KEY);\n${tables.join('\n')}\n`,
      '-r',
      '2',
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'datagen: warning: 7 partitioned tables have no partitions: public.part0, public.part1, public.part2, public.part3, public.part4, and 2 more; they get no rows. To give them rows, add their partitions to the DDL (CREATE TABLE ... PARTITION OF public.part0 DEFAULT, or FOR VALUES ...), as the code that makes them when the application runs would.\n',
    );
    await db.psqlFileAsync(out);
  });
});

describe('msg23: -f mistakes', () => {
  it('-f naming a directory exits 2 in every format (it was 1 for -F p/c/t/d and 2 for csv), nothing written', async () => {
    const target = join(dir, 'full-dir');
    const schema = join(dir, 'fdir.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const run = (format: OutputFormat) =>
      generate({ schema: [schema], defaultRows: 1, format, output: target });
    await run('csv');
    // Every format through the library (its file sinks refuse), the CLI once.
    for (const format of ['plain', 'custom', 'tar', 'directory', 'csv'] as const)
      await oneLineRefusal(run(format), 2, format);
    const r = await runCliInProcess(['generate', schema, '-r', '1', '-F', 'p', '-f', target]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
