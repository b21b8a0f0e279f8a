/**
 * Leftovers of issue 8 (fix 25), each from its minimal shape. What PostgreSQL refuses is a located error
 * (the server is asked too: it refuses the same DDL); what it accepts is generated and loaded as a script
 * and a custom archive with every constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '../../src/cli/options.js';
import { parseDdl } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { generateDdlFile, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix25');

const generateFile = generateDdlFile;

/** What PostgreSQL says running the DDL in one transaction (rolled back on the error); '' when it succeeds. */
function serverError(ddl: string): string {
  const run = db.tryRun('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', '-'], Buffer.from(ddl));
  return run.status === 0 ? '' : run.stderr;
}

describe('fix 25: a DEFAULT reading a column or a subquery', () => {
  it.each([
    [
      'a bare word',
      'CREATE TABLE t (id int PRIMARY KEY,\n  a text DEFAULT été);',
      'column reference',
      '2:18: DEFAULT of column public.t.a: a column reference ("été") is not allowed in a DEFAULT',
    ],
    [
      'another column plus one',
      'CREATE TABLE t (id int PRIMARY KEY, n int,\n  m int DEFAULT n + 1);',
      'column reference',
      '2:17: DEFAULT of column public.t.m: a column reference (n) is not allowed in a DEFAULT',
    ],
    [
      'SET DEFAULT',
      'CREATE TABLE t (id int PRIMARY KEY, n int);\nALTER TABLE t ALTER COLUMN n SET DEFAULT coalesce(t.id, 0);',
      'column reference',
      '2:51: DEFAULT of column public.t.n: a column reference (t.id) is not allowed in a DEFAULT',
    ],
    [
      "a domain's",
      'CREATE DOMAIN d AS int DEFAULT abs(bar);\nCREATE TABLE t (id int PRIMARY KEY, n d);',
      'column reference',
      '1:36: DEFAULT of domain public.d: a column reference (bar) is not allowed in a DEFAULT',
    ],
    [
      'ALTER DOMAIN SET DEFAULT',
      'CREATE DOMAIN d AS int;\nALTER DOMAIN d SET DEFAULT bar;',
      'column reference',
      '2:28: DEFAULT of domain public.d: a column reference (bar) is not allowed in a DEFAULT',
    ],
    [
      "a view's SET DEFAULT",
      'CREATE TABLE t (id int PRIMARY KEY);\nCREATE VIEW v AS SELECT id FROM t;\nALTER VIEW v ALTER COLUMN id SET DEFAULT x;',
      'column reference',
      '3:42: DEFAULT of column public.v.id: a column reference (x) is not allowed in a DEFAULT',
    ],
    [
      'a subquery',
      'CREATE TABLE t (id int PRIMARY KEY,\n  n int DEFAULT (SELECT 1));',
      'cannot use subquery in DEFAULT expression',
      '2:17: DEFAULT of column public.t.n: a subquery is not allowed in a DEFAULT',
    ],
  ])('%s is a located error, as PostgreSQL refuses the statement', async (_, ddl, server, message) => {
    expect(serverError(ddl)).toContain(server);
    await expect(generateFile(ddl)).rejects.toThrow(`schema.sql:${message}`);
    await expect(generateFile(ddl)).rejects.toThrow('so PostgreSQL refuses the statement');
  });

  it('constants, SQL value functions and function calls in DEFAULTs load as before', async () => {
    const ddl = `CREATE DOMAIN d AS int DEFAULT 7;
      CREATE TABLE t (id int PRIMARY KEY, a text DEFAULT 'été', b boolean DEFAULT true,
        c timestamptz DEFAULT CURRENT_TIMESTAMP, u text DEFAULT current_user, n d, m int DEFAULT abs(-3));
      ALTER TABLE t ALTER COLUMN a SET DEFAULT lower('X');
      CREATE VIEW v AS SELECT id FROM t;
      ALTER VIEW v ALTER COLUMN id SET DEFAULT 0;\n`;
    const { counts } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(counts.get('public.t')).toBe(10);
  });
});

/** An enum label renamed after domains, defaults and CHECKs named it. */
const RENAMED = `CREATE TYPE e AS ENUM ('a', 'c', 'd');
  CREATE DOMAIN d AS e CHECK (VALUE <> 'a') DEFAULT 'c';
  CREATE DOMAIN d2 AS e DEFAULT 'a' CHECK (VALUE IN ('a', 'c'));
  CREATE DOMAIN d3 AS d2;
  CREATE TABLE t (id int PRIMARY KEY, x d NOT NULL, y e NOT NULL DEFAULT 'a'::e, z d2 NOT NULL,
    v d3 NOT NULL, w d CHECK (w::e <> 'c'));
  ALTER TYPE e RENAME VALUE 'a' TO 'b';
`;

describe('fix 25: an enum label renamed after domains and DEFAULTs named it', () => {
  it("domains' CHECKs read the new label, as the server stored them: the rows load and use it where allowed", async () => {
    const { counts, script, archive } = await loadScriptAndArchive(db, RENAMED, { rows: 40, seed: 1 });
    expect(counts.get('public.t')).toBe(40);
    for (const target of [script, archive]) {
      const rows = await target.query<{ x: string[]; z: string[]; v: string[]; w: string[] }>(
        `SELECT array_agg(DISTINCT x::text ORDER BY x::text) AS x, array_agg(DISTINCT z::text ORDER BY z::text) AS z,
           array_agg(DISTINCT v::text ORDER BY v::text) AS v,
           array_agg(DISTINCT w::text ORDER BY w::text) FILTER (WHERE w IS NOT NULL) AS w FROM t`,
      );
      // Before: x held 'b' (the renamed 'a' its domain forbids) and the load stopped; z and v never held 'b'.
      expect(rows[0]).toEqual({ x: ['c', 'd'], z: ['b', 'c'], v: ['b', 'c'], w: ['d'] });
    }
  });

  it("the model's DEFAULTs (a column's, a domain's) name the new label, as pg_get_expr shows them", async () => {
    const { schema } = await parseDdl([{ file: 'schema.sql', text: RENAMED }]);
    const server = await db.createSibling();
    await server.query(RENAMED);
    const shown = await server.query<{ y: string; d2: string }>(
      `SELECT pg_get_expr(adbin, adrelid) AS y, (SELECT pg_get_expr(typdefaultbin, 0) FROM pg_type WHERE typname = 'd2') AS d2
       FROM pg_attrdef WHERE adrelid = 't'::regclass`,
    );
    expect(shown).toEqual([{ y: "'b'::e", d2: "'b'::e" }]);
    const y = schema.tables[0]?.columns.find((c) => c.name === 'y')?.default;
    const d2 = schema.types.find((t) => t.name === 'd2');
    expect(JSON.stringify(y?.ast)).toContain('"sval":"b"');
    expect(JSON.stringify(d2?.kind === 'domain' ? d2.default?.ast : null)).toContain('"sval":"b"');
    expect(JSON.stringify(y?.ast)).not.toContain('"sval":"a"');
  });
});

describe('fix 25: -Z 0 and -Z none with the plain format', () => {
  it('are taken as no compression, as pg_dump takes them, and the script loads', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL);\n');
    for (const level of ['0', 'none', 'NONE']) {
      const output = join(dir, `out-${level}.sql`);
      const run = await runCliInProcess([
        'generate',
        schema,
        '-r',
        '7',
        '-F',
        'p',
        '-Z',
        level,
        '-f',
        output,
      ]);
      expect(run.status, run.stderr).toBe(0);
      const target = await db.createSibling();
      target.psqlFile(output);
      const [count] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      expect(count?.n).toBe(7);
      expect(parseGenerateOptions([schema, '-F', 'p', '-Z', level]).compression).toBeUndefined();
    }
  });

  it('a level that compresses is still refused for plain, with what to do instead', () => {
    for (const level of ['5', 'gzip', 'gzip:1'])
      expect(() => parseGenerateOptions(['s.sql', '-F', 'p', '-Z', level])).toThrow(
        `--compress ${level}: datagen writes the plain format uncompressed; it takes -Z 0 and -Z none there`,
      );
    expect(() => parseGenerateOptions(['s.sql', '-F', 'copy', '-Z', '0'])).toThrow(
      '--compress applies to the custom, directory, tar, csv, jsonl and parquet formats, not copy',
    );
  });

  it("an archive's -Z reads pg_dump 16's details (gzip:5, gzip:level=5, none:0) and refuses what it refuses (none:5, gzip:)", () => {
    const compression = (z: string) => parseGenerateOptions(['s.sql', '-F', 'c', '-Z', z]).compression;
    expect(compression('gzip:level=5')).toEqual(compression('gzip:5'));
    expect(compression('gzip:5')).toMatchObject({ method: 'gzip', level: 5 });
    expect(compression('none:0')).toEqual(compression('none'));
    expect(() => compression('none:5')).toThrow('--compress none:5: "none" takes no compression level');
    for (const z of ['gzip:', 'gzip:x', 'gzip:level='])
      expect(() => compression(z)).toThrow(`--compress ${z}: the level must be a whole number`);
  });
});

describe('fix 25: schemas code makes, and NOT NULL keys to tables the DDL never makes', () => {
  it.each([
    ['a DO block', "DO $$ BEGIN EXECUTE 'CREATE SCHEMA ' || 'x'; END $$;"],
    [
      'a function the DDL calls',
      "CREATE FUNCTION mk(s text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('CREATE SCHEMA %I', s); END $$;\nSELECT mk('x');",
    ],
    ['a DO block naming it', 'DO $$ BEGIN EXECUTE \'CREATE SCHEMA IF NOT EXISTS "x"\'; END $$;'],
  ])(
    'a schema %s creates is not listed as one the database must provide, and its tables load',
    async (_, code) => {
      const ddl = `${code}\nCREATE TABLE x.t (id int PRIMARY KEY, v text NOT NULL);\nCREATE TABLE u (id int PRIMARY KEY, t int REFERENCES x.t);\n`;
      const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 6, seed: 1 });
      expect(counts.get('x.t')).toBe(6);
      expect(counts.get('public.u')).toBe(6);
      // Before: "the DDL uses objects it does not create (…): schemas x. The database … must provide them".
      expect(warnings.filter((w) => w.includes('does not create'))).toEqual([]);
    },
  );

  it('tables emptied by NOT NULL keys to tables the DDL never makes are one warning listing them', async () => {
    const ddl = `CREATE TABLE a (id int PRIMARY KEY, o int NOT NULL REFERENCES other.owners (id));
      CREATE TABLE b (id int PRIMARY KEY, o int NOT NULL REFERENCES other.owners (id));
      CREATE TABLE c (id int PRIMARY KEY, o int NOT NULL REFERENCES other.people (id));
      CREATE TABLE d (id int PRIMARY KEY, o int REFERENCES other.people (id), v text NOT NULL);\n`;
    const { output, warnings } = await generateFile(ddl);
    const empty = warnings.filter((w) => w.code === 'TABLE_EMPTY');
    expect(empty.map((w) => w.message)).toEqual([
      '3 tables get no rows: each has a NOT NULL foreign key to a table the DDL does not define (the database loaded into must provide it), whose rows are unknown, so no parent row can be shown: public.a (a_o_fkey → other.owners), public.b (b_o_fkey → other.owners), public.c (c_o_fkey → other.people); add the DDL that creates other.owners, other.people (e.g. another DDL file argument), or generate with -d into a database that holds them.',
    ]);
    // The database provides them: the script loads, the three tables empty, d filled (its key left NULL).
    const target = await db.createSibling();
    await target.query(`CREATE SCHEMA other; CREATE TABLE other.owners (id int PRIMARY KEY);
      CREATE TABLE other.people (id int PRIMARY KEY);`);
    target.psqlFile(output);
    const rows = await target.query<{ a: number; b: number; c: number; d: number }>(
      'SELECT (SELECT count(*)::int FROM a) AS a, (SELECT count(*)::int FROM b) AS b, (SELECT count(*)::int FROM c) AS c, (SELECT count(*)::int FROM d) AS d',
    );
    expect(rows).toEqual([{ a: 0, b: 0, c: 0, d: 5 }]);
  });
});
