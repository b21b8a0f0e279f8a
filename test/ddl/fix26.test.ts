/**
 * Leftovers of issue 8 (fix 26), each from its minimal shape. What PostgreSQL refuses is a located error
 * (the server is asked too: it refuses the same DDL); what it accepts is generated and loaded as a script
 * and a custom archive with every constraint in place.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '../../src/cli/options.js';
import { generate } from '../../src/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { generateDdlFile, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive as loadBoth } from '../helpers/load-generated.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix26');

const generateFile = generateDdlFile;

const ROLLBACK = 'fix26: rolled back';

/** What PostgreSQL says running the DDL in one transaction, always rolled back; '' when it succeeds. */
function serverError(ddl: string): string {
  const rollback = `\nDO $$ BEGIN RAISE EXCEPTION '${ROLLBACK}'; END $$;\n`;
  const run = db.tryRun(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', '-'],
    Buffer.from(ddl + rollback),
  );
  return run.stderr.includes(ROLLBACK) ? '' : run.stderr;
}

const ENUM_DOMAIN = `CREATE TYPE w AS ENUM ('a', 'b', 'c', 'e');
CREATE DOMAIN d AS w CHECK (VALUE <> 'c');
CREATE DOMAIN dd AS d;
`;

describe('fix 26: comparisons of a domain over an enum', () => {
  it.each([
    [
      'a column CHECK',
      "CREATE TABLE t (id int PRIMARY KEY,\n  x d CHECK (x <> 'b'));",
      '5:7: CHECK t_x_check on public.t: operator does not exist: d <> unknown',
    ],
    [
      'IN',
      "CREATE TABLE t (id int PRIMARY KEY,\n  x d CHECK (x IN ('a', 'b')));",
      '5:7: CHECK t_x_check on public.t: operator does not exist: d = unknown',
    ],
    [
      'BETWEEN',
      "CREATE TABLE t (id int PRIMARY KEY,\n  x d CHECK (x BETWEEN 'a' AND 'b'));",
      '5:7: CHECK t_x_check on public.t: operator does not exist: d >= unknown',
    ],
    [
      'two of its columns',
      'CREATE TABLE t (id int PRIMARY KEY, x d, y d,\n  CHECK (x <> y));',
      '5:3: CHECK t_check on public.t: operator does not exist: d <> d',
    ],
    [
      'a domain over the domain',
      "CREATE TABLE t (id int PRIMARY KEY,\n  x dd CHECK (x <> 'b'));",
      '5:8: CHECK t_x_check on public.t: operator does not exist: dd <> unknown',
    ],
    [
      "a domain's CHECK over the domain",
      "CREATE DOMAIN d3 AS d\n  CHECK (VALUE <> 'b');",
      '5:16: CHECK d3_check on domain public.d3: operator does not exist: d <> unknown',
    ],
    [
      'a partial index',
      "CREATE TABLE t (id int PRIMARY KEY, x d);\nCREATE INDEX ON t (id) WHERE x <> 'b';",
      '5:1: index t_id_idx on public.t: operator does not exist: d <> unknown',
    ],
    [
      'a generated column',
      "CREATE TABLE t (id int PRIMARY KEY, x d,\n  b boolean GENERATED ALWAYS AS (x = 'a') STORED);",
      '5:36: generated column b on public.t: operator does not exist: d = unknown',
    ],
  ])('%s is a located error, as PostgreSQL refuses the statement', async (_, table, message) => {
    const ddl = `${ENUM_DOMAIN}${table}\n`;
    expect(serverError(ddl)).toContain('operator does not exist');
    // Before: exit 0, and the script stopped at the statement.
    await expect(generateFile(ddl)).rejects.toThrow(`schema.sql:${message}`);
    await expect(generateFile(ddl)).rejects.toThrow('cast the value to the enum where it is compared');
  });

  it('the forms PostgreSQL accepts load, every value meeting the domains and CHECKs', async () => {
    const ddl = `${ENUM_DOMAIN}CREATE DOMAIN d2 AS w CHECK (VALUE IN ('a', 'b'));
CREATE DOMAIN d4 AS w CHECK (VALUE > 'a');
CREATE TABLE t (id int PRIMARY KEY, x d NOT NULL, y d2 NOT NULL, z d4 NOT NULL, v dd NOT NULL,
  p d NOT NULL CHECK (p::w <> 'b'), q d CHECK (q::text <> 'a'), r d, s d,
  CHECK (r::w <> s::w), u d CHECK (u::w = ANY (ARRAY['a', 'e']::w[])), k d UNIQUE);
CREATE INDEX ON t (id) WHERE x::w <> 'b';
`;
    expect(serverError(ddl)).toBe('');
    const { counts, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 3, seed: 1 });
    expect(counts.get('public.t')).toBe(3);
    for (const target of [script, archive]) {
      const [bad] = await target.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM t WHERE x::w = 'c' OR y::w NOT IN ('a', 'b') OR z::w = 'a' OR v::w = 'c'
           OR p::w IN ('b', 'c') OR q::w IN ('a', 'c') OR r::w = s::w OR u::w NOT IN ('a', 'e')`,
      );
      expect(bad?.n).toBe(0);
    }
  });

  it('an operator the DDL defines for the domain is taken to be the one PostgreSQL finds', async () => {
    const ddl = `${ENUM_DOMAIN}CREATE FUNCTION d_ne(d, d) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1::text <> $2::text';
CREATE OPERATOR <> (LEFTARG = d, RIGHTARG = d, FUNCTION = d_ne);
CREATE TABLE t (id int PRIMARY KEY, x d, y d, CHECK (x <> y));
`;
    expect(serverError(ddl)).toBe('');
    const { counts } = await loadScriptAndArchive(db, ddl, { rows: 3, seed: 1 });
    expect(counts.get('public.t')).toBe(3);
  });
});

/** Domains whose CHECKs test a folded value, inside an array and a composite's fields. */
const FOLDED_DOMAINS = `CREATE DOMAIN slug AS text CHECK (lower(VALUE) ~ '^[a-z]+$');
CREATE DOMAIN code AS text CHECK (upper(btrim(VALUE)) LIKE 'AB%');
CREATE TYPE pair AS (a slug, b code);
CREATE TABLE t (id int PRIMARY KEY, s slug NOT NULL, c code NOT NULL);
CREATE TABLE u (id int PRIMARY KEY, s slug[] NOT NULL, c code[] NOT NULL);
CREATE TABLE v (id int PRIMARY KEY, p pair NOT NULL);
`;

describe('fix 26: domain CHECKs over lower/upper/btrim inside arrays and composites', () => {
  it("version 19 compiles them with the run's version: every table gets rows, which load", async () => {
    const loaded = await loadBoth(db, FOLDED_DOMAINS, { defaultRows: 40, seed: 1, generatorVersion: 19 });
    for (const table of ['public.t', 'public.u', 'public.v']) expect(loaded.counts.get(table)).toBe(40);
    expect(loaded.result.warnings.map((w) => w.message).filter((m) => m.includes('cannot be read'))).toEqual(
      [],
    );
    const [made] = await loaded.restored.query<{ n: number; e: number }>(
      `SELECT count(*)::int AS n, sum(cardinality(s))::int AS e FROM u`,
    );
    expect(made?.n).toBe(40);
    expect(made?.e).toBeGreaterThan(0);
  });

  it('version 18 keeps its values: those tables stay empty with the warning that says why', async () => {
    const result = await generateFile(FOLDED_DOMAINS, { generatorVersion: 18 });
    const unread = result.warnings
      .map((w) => w.message)
      .filter((m) => m.includes('cannot be read by datagen'));
    expect(unread.some((m) => m.includes('public.u gets no rows'))).toBe(true);
    expect(unread.some((m) => m.includes('public.v gets no rows'))).toBe(true);
    for (const m of unread) expect(m).toMatch(/public\.[uv] gets no rows/);
  });
});

describe('fix 26: a table selection that leaves no table', () => {
  const ddl =
    'CREATE TABLE a (id int PRIMARY KEY);\nCREATE SCHEMA s;\nCREATE TABLE s.c (id int PRIMARY KEY);\n';

  it.each([
    [['-t', 'a', '-T', 'a'], '(-t a -T a) leaves no table to generate: -T excludes the tables -t selects'],
    [['-N', 'public', '-N', 's'], '(-N public -N s) leaves no table to generate: -N excludes every table'],
    [
      ['-n', 's', '-T', 's.c'],
      '(-n s -T s.c) leaves no table to generate: -T excludes the tables of the schemas -n selects',
    ],
  ])('%j: exit 0 as pg_dump, with a warning saying so, and the schema loads', async (selection, message) => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const output = join(dir, 'out.sql');
    // In-process: the status, the warning and the file are the subject (~0.6 s of CPU a process).
    const run = await runCliInProcess(['generate', schema, '-r', '3', ...selection, '-f', output]);
    // Before: exit 0 and nothing said.
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `warning: the table selection ${message}, so no table is written, nor rows (pg_dump writes none either)`,
    );
    const target = await db.createSibling();
    target.psqlFile(output);
    // As pg_dump's output: neither table made.
    const [made] = await target.query<{ a: string | null; c: string | null }>(
      "SELECT to_regclass('public.a')::text AS a, to_regclass('s.c')::text AS c",
    );
    expect(made).toEqual({ a: null, c: null });
  });

  it('a selection that leaves a table says nothing of it', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const result = await generate({
      schema: [schema],
      output: join(dir, 'o.sql'),
      defaultRows: 3,
      selection: { excludeSchemas: ['public'] },
    });
    expect(result.warnings.filter((w) => w.code === 'NOTHING_SELECTED')).toEqual([]);
  });
});

// hostile29: --seed reads digits (and `1e3`) as every whole-number option does; `seed:` in YAML is YAML's number.
describe('fix 26: --seed and seed: read decimal numbers alike', () => {
  it.each([
    ['1e3', 1000],
    ['16', 16],
  ])('%s is %d on the command line as in a configuration file', (text, seed) => {
    expect(parseGenerateOptions(['s.sql', '--seed', text]).seed).toBe(seed);
    expect(parseConfig(`seed: ${text}\n`, '.datagen.yaml').seed).toBe(seed);
  });

  it.each(['0x10', '0o20', '16.0'])(
    '%s, a YAML number in the file, is refused as --seed (whole-number options are digits)',
    (text) => {
      expect(() => parseGenerateOptions(['s.sql', '--seed', text])).toThrow(
        `--seed expects a whole number from 0 to 4294967295, got "${text}"`,
      );
      expect(parseConfig(`seed: ${text}\n`, '.datagen.yaml').seed).toBe(16);
    },
  );

  it.each(['0X10', '1_000', '16.5', '-1', 'x'])('%s is refused by both, with the same words', (text) => {
    const words = `expects a whole number from 0 to 4294967295, got "${text}"`;
    expect(() => parseGenerateOptions(['s.sql', '--seed', text])).toThrow(`--seed ${words}`);
    expect(() => parseConfig(`seed: ${text}\n`, '.datagen.yaml')).toThrow(`seed ${words}`);
  });
});

describe('fix 26: -f naming a device or a file for a directory format', () => {
  it('names what the path is, not "remove it" (-F d, and table files)', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE a (id int PRIMARY KEY);\n');
    // A character device made here (never /dev/null): mknod needs CAP_MKNOD; without it, a FIFO (also not a directory).
    const node = join(dir, 'device');
    const made = spawnSync('mknod', [node, 'c', '1', '3']);
    if (made.status !== 0) expect(spawnSync('mknod', [node, 'p']).status).toBe(0);
    const kind = lstatSync(node).isCharacterDevice() ? 'a character device' : 'a named pipe (FIFO)';
    const archive = await runCliInProcess(['generate', schema, '-r', '2', '-F', 'd', '-f', node]);
    expect(archive.status).toBe(2);
    // Before: "it already exists and is not an empty directory; remove it or choose another path (EEXIST)".
    expect(archive.stderr).toContain(
      `--file ${node}: the directory format writes a directory (toc.dat and a file per table), and ${node} is ${kind}; give a new or empty directory`,
    );
    const files = await runCliInProcess(['generate', schema, '-r', '2', '-F', 'csv', '-f', node]);
    expect(files.status).toBe(2);
    expect(files.stderr).toContain(`and ${node} is ${kind}; give a new or empty directory`);
    expect(lstatSync(node).isDirectory()).toBe(false);
  });
});

describe('fix 26: messages that name what is wrong', () => {
  it("the database's objects list a nextval's sequence as a sequence, not a table", async () => {
    const ddl =
      "CREATE TABLE t (id bigint DEFAULT nextval('other.t_id_seq') PRIMARY KEY, u int REFERENCES other.users);\n";
    const { warnings } = await generateFile(ddl);
    const external = warnings.find((w) => w.code === 'EXTERNAL_OBJECTS')?.message ?? '';
    // Before: "tables other.users, other.t_id_seq".
    expect(external).toContain('schemas other; tables other.users; sequences other.t_id_seq.');
    expect(
      serverError(
        `CREATE SCHEMA other; CREATE SEQUENCE other.t_id_seq; CREATE TABLE other.users (id int PRIMARY KEY);\n${ddl}`,
      ),
    ).toBe('');
  });

  it("a file with an installer's # comment lines is told so, not taken for MySQL", async () => {
    const ddl =
      '#### Install script for PostgreSQL\n#\n# Table structure for table `members`\n#\nCREATE TABLE {$db_prefix}members (id int PRIMARY KEY);\n';
    expect(serverError(ddl)).toContain('syntax error at or near "####"');
    const failure = generateFile(ddl);
    await expect(failure).rejects.toThrow('schema.sql:1:1: syntax error at or near "####"');
    await expect(generateFile(ddl)).rejects.toThrow(
      'A line starting with # is not a comment in PostgreSQL (its comments are -- and /* */)',
    );
    await expect(generateFile(ddl)).rejects.toThrow('placeholders such a tool replaces ({$db_prefix})');
    await expect(generateFile(ddl)).rejects.not.toThrow('MySQL');
  });

  it('a MySQL dump with # comments is still told to be MySQL', async () => {
    const ddl = '# MySQL dump\nCREATE TABLE `t` (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n';
    await expect(generateFile(ddl)).rejects.toThrow('This looks like MySQL/MariaDB DDL');
  });
});

/** pg_dump's shape: function bodies unchecked, one DECLAREing a type made later, one a type nothing makes. */
const DECLARED = `SET check_function_bodies = false;
CREATE FUNCTION public.f(a integer) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r public.later_t%ROWTYPE;
  k public.mood;
BEGIN
  RETURN a > 0;
END $$;
CREATE TYPE public.mood AS ENUM ('x', 'y');
CREATE TABLE public.later_t (id integer PRIMARY KEY, y integer CHECK (public.f(y)));
CREATE FUNCTION public.g(a integer) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  z nowhere_type;
BEGIN
  RETURN a > 0;
END $$;
CREATE TABLE public.u (id integer PRIMARY KEY, y integer CHECK (public.g(y)));
`;

describe('fix 26: plpgsql DECLAREs naming types', () => {
  it('a type made later loads; a CHECK calling a function that declares a type nothing makes leaves its table empty, warned', async () => {
    // The server takes the DDL (bodies unchecked) and fails the call at the first row, as datagen's script did.
    expect(serverError(DECLARED)).toBe('');
    expect(serverError(`${DECLARED}INSERT INTO public.u VALUES (1, 1);\n`)).toContain(
      'type "nowhere_type" does not exist',
    );
    const { counts, warnings } = await loadScriptAndArchive(db, DECLARED, { rows: 5, seed: 1 });
    expect(counts.get('public.later_t')).toBe(5);
    // Before: 5 rows written, and the load stopped at them.
    expect(counts.get('public.u')).toBe(0);
    expect(warnings.find((w) => w.includes('public.u gets no rows'))).toContain(
      'public.u calls g() in a CHECK, generated column or index, and its plpgsql body declares a variable of type nowhere_type, which the DDL never creates',
    );
  });
});
