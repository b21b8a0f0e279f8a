/**
 * hostile33: datagen run by a new or hostile user. `CHECK (length(c) >
 * 1000000)` was an internal error (`String.repeat` of Infinity), and one past
 * the longest string JavaScript holds too. The library's options of the wrong
 * type were TypeErrors from deep inside the run (`schema: 'a.sql'`: "files.map
 * is not a function", `output: {file}`: Node's "body argument" text, no
 * options at all, `locale: 5`, `referenceTime: 'now'`), or taken silently
 * (`nullRate: 2`, `generatorVersion: 99`, `chunkSize: -3`); a row count of
 * `'5'`, `-5` or NaN was "past the 2^52 rows datagen numbers". An empty schema
 * file name (an unset shell variable) was `cannot read schema file : no such
 * file`. A direct load under `PGOPTIONS='-c statement_timeout=1'` told its
 * error, then hung: a connection whose session settings were cancelled stayed
 * open.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatagenError } from '../../src/errors.js';
import { generate, planGeneration } from '../../src/index.js';
import { specDdl } from '../../src/input/spec/schema-spec.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import { cliEnv, exited, ownDirUnder, spawnCli } from '../helpers/cli-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { generateDdlFile, tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile33');
const dir = tempDir('hostile33-');
const ownDir = (name: string) => ownDirUnder(dir, name);

/** The BAD_OPTION message `run` rejects with (never a TypeError). */
async function badOption(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (!isDatagenError(error)) throw error;
    expect(error.code).toBe('BAD_OPTION');
    return error.message;
  }
  throw new Error('no error');
}

describe('hostile33: length CHECKs past what a value holds', () => {
  it('a minimum past 4,096 words is met (was String.repeat(Infinity)); one past JavaScript strings is no value, warned', async () => {
    const r = await generateDdlFile(
      `CREATE TABLE t (id int PRIMARY KEY, c text NOT NULL CHECK (length(c) > 100000));
       CREATE TABLE u (id int PRIMARY KEY, c text CHECK (length(c) > 2000000000));`,
      { defaultRows: 2, format: 'plain' },
    );
    const lines = readFileSync(r.output, 'utf8').split('\n');
    const rows = lines.slice(lines.findIndex((l) => l.startsWith('COPY public.t')) + 1).slice(0, 2);
    for (const row of rows) expect(row.split('\t')[1]?.length).toBeGreaterThan(100000);
    expect(r.warnings.map((w) => w.message)).toContain(
      "public.u.c: its CHECKs allow no value (No value of type text satisfies a length of at least 2000000001: the longest value datagen makes is 536870888 characters (PostgreSQL's limit is 1 GB)); the column is left NULL in every row. To fill it, fix its CHECKs in a copy of the DDL you generate from.",
    );
  });
});

describe('hostile33: the library given options of the wrong type', () => {
  const own = ownDir('library');
  const schema = join(own, 's.sql');
  writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY, name text);\n');
  const out = join(own, 'out.sql');

  it('names the option and what it expects (was a TypeError, or taken silently)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { schema },
        `option schema expects a list of DDL file paths (['schema.sql']) or a schema parseDdl made, got "${schema}"`,
      ],
      [
        { schema: [schema], output: { file: 'x' } },
        `option output expects a file path ('out.dump') or a writable stream (process.stdout), got {"file":"x"}`,
      ],
      [{ schema: [schema], output: out, locale: 5 }, "option locale expects a locale name ('de'), got 5"],
      [
        { schema: [schema], output: out, referenceTime: 'now' },
        `option referenceTime expects a valid Date (new Date('2024-01-01T00:00:00Z')), got "now"`,
      ],
      [
        { schema: [schema], output: out, nullRate: 2 },
        'option nullRate expects a probability from 0 to 1 (0.1: one value in ten NULL), got 2',
      ],
      [
        { schema: [schema], output: out, generatorVersion: 99 },
        `option generatorVersion expects a version of this datagen's generators, 1 to ${GENERATOR_VERSION}, got 99`,
      ],
      [
        { schema: [schema], output: out, connection: 'postgres://x' },
        `option connection expects an object ({ dbname: 'postgresql://user@host/db' } or { host, port, dbname, username }), got "postgres://x"`,
      ],
      [
        { schema: [schema], output: out, defaultRows: '5' },
        'public.t: "5" rows: a row count is a whole number from 0 to 4503599627370496 (2^52)',
      ],
      [
        { schema: [schema], output: out, tables: { t: -1 } },
        'public.t: -1 rows: a row count is a whole number from 0 to 4503599627370496 (2^52)',
      ],
      [
        { schema: [schema], output: out, defaultRows: Number.NaN },
        'public.t: NaN rows: a row count is a whole number from 0 to 4503599627370496 (2^52)',
      ],
      // A key generate() does not read was ignored: the run made 1,000 rows, or wrote nowhere asked.
      [
        { schema: [schema], output: out, rows: 5 },
        'unknown option rows: did you mean defaultRows? (generate() reads 55 options, listed in GenerateOptions; a key it does not know would be ignored)',
      ],
      [
        { schema: [schema], outptu: out },
        'unknown option outptu: did you mean output? (generate() reads 55 options, listed in GenerateOptions; a key it does not know would be ignored)',
      ],
    ];
    for (const [options, message] of cases)
      expect(await badOption(() => generate(options as never))).toBe(message);
    expect(await badOption(() => generate(undefined as never))).toBe(
      "the options must be an object ({ schema: ['schema.sql'], output: 'out.dump' }), got undefined",
    );
    // planGeneration checks the same.
    expect(await badOption(() => planGeneration({ schema } as never))).toMatch(/^option schema expects/);
  });

  it.concurrent('an empty schema file name (an unset shell variable) says so', async () => {
    expect(await refusedInProcess(['generate', schema, '', '-f', join(own, 'e.sql')], own)).toBe(
      'datagen: error: a schema file name is empty (an unset shell variable?): give the DDL file\n',
    );
  });
});

describe('hostile33: datagen plan -f FILE', () => {
  it.concurrent('writes the plan there as a new file (it wrote nothing and said nothing); an existing file is refused; --explain keeps -f as the output', async () => {
    const own = ownDir('plan-file');
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const file = join(own, 'plan.txt');
    const r = await runCliInProcess(['plan', schema, '-r', '3', '-f', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`datagen: wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe('public.t: 3 rows\n  id int4: t_pkey: 1, 2, 3, … in row order\n');
    expect(await refusedInProcess(['plan', schema, '-f', file], own)).toBe(
      `datagen: error: ${file}: already exists; remove it or name another file with -f\n`,
    );
    const dump = join(own, 'out.dump');
    const explained = await runCliInProcess(['generate', schema, '-r', '3', '-f', dump, '--explain']);
    expect(explained.stdout).toMatch(/^public\.t: 3 rows\n/);
    expect(existsSync(dump)).toBe(false);
  });
});

describe('hostile33: a line break or tab in an identifier', () => {
  it.concurrent('is written \\n or \\t in a warning and in each problem of an error, so each stays one line', async () => {
    const own = ownDir('control-names');
    const warned = join(own, 'w.sql');
    writeFileSync(
      warned,
      'CREATE TABLE "a\nb" (id int PRIMARY KEY, "c\td" text CHECK ("c\td" ~ \'^(x)\\1$\'));\n',
    );
    const r = await runCliInProcess(['plan', warned, '-r', '3']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'datagen: warning: public."a\\nb"."c\\td": its CHECKs allow no value (cannot generate strings for the CHECK pattern /^(x)\\1$/ (\\1)); the column is left NULL in every row. To fill it, fix its CHECKs in a copy of the DDL you generate from.\n',
    );
    const refused = join(own, 'e.sql');
    writeFileSync(refused, 'CREATE TABLE "a\nb" (id int PRIMARY KEY, "c\td" int REFERENCES nope);\n');
    const lines = (await refusedInProcess(['generate', refused, '-f', join(own, 'e.dump')], own)).split('\n');
    expect(lines[1]?.replace(refused, 'e.sql')).toMatch(
      /^e\.sql:2:\d+: foreign key a\\nb_c\\td_fkey of public\."a\\nb": public\.nope is not defined/,
    );
    expect(lines.length).toBe(3);
  });
});

describe('hostile33: a type of the DDL named as an extension type', () => {
  it('a domain isbn13 or citext, an enum hstore, the DDL creates: no "needs extension" warning; one it does not create still warns', async () => {
    const own = await generateDdlFile(
      `CREATE DOMAIN isbn13 AS text;
       CREATE DOMAIN citext AS text CHECK (VALUE <> '');
       CREATE TYPE hstore AS ENUM ('a', 'b');
       CREATE TABLE t (id int PRIMARY KEY, a isbn13, b citext, c hstore);`,
      { defaultRows: 2 },
    );
    expect(own.warnings).toEqual([]);
    const theirs = await generateDdlFile('CREATE TABLE t (id int PRIMARY KEY, a isbn13, b citext);', {
      defaultRows: 2,
    });
    expect(theirs.warnings.map((w) => w.message.split(': ')[1])).toEqual([
      'extensions isn, citext. The database the output is loaded into must provide them',
    ]);
  });
});

describe('hostile33: a YAML spec table-level unique: [a, b]', () => {
  it('is refused at its place as one key or two (README: unique: [[a, b], [c, d]]); [[a, b]] and [[a], [b]] read as written', () => {
    const spec = (unique: string) =>
      `tables:\n  t:\n    columns:\n      a: {type: int}\n      b: {type: int}\n    unique: ${unique}\n`;
    expect(() => specDdl(spec('[a, b]'), 's.yaml')).toThrow(
      's.yaml:6:13: tables.t.unique: [a, b] could be one key or 2; write [[a, b]] for one UNIQUE over them together, or [[a], [b]] for one on each',
    );
    expect(specDdl(spec('[[a, b]]'), 's.yaml').text).toContain('UNIQUE (a, b)');
    expect(specDdl(spec('[[a], [b]]'), 's.yaml').text).toMatch(/UNIQUE \(a\),\n {2}UNIQUE \(b\)/);
    expect(specDdl(spec('[a]'), 's.yaml').text).toContain('UNIQUE (a)');
  });
});

describe('hostile33: a direct load under PGOPTIONS statement_timeout=1', () => {
  it.concurrent('ends with its error (it hung: a connection whose settings were cancelled stayed open)', async () => {
    const own = ownDir('statement-timeout');
    const schema = join(own, 's.sql');
    writeFileSync(
      schema,
      'CREATE TABLE p (id int PRIMARY KEY, name text);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, body text);\n',
    );
    for (let i = 0; i < 2; i++) {
      const child = spawnCli(['generate', schema, '-r', '200', '-d', db.connectionString], {
        env: cliEnv({ PGOPTIONS: '-c statement_timeout=1' }),
      });
      const { status, stderr } = await exited(child, 60_000);
      expect(status, stderr).toBe(1);
      expect(stderr).toMatch(
        /^datagen: error: .*statement timeout.*leave statement_timeout and lock_timeout out of PGOPTIONS/,
      );
    }
  });
});
