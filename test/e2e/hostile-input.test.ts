/**
 * Hostile and unusual input, each shape minimal and written here: the output
 * loads into the real server with every constraint in place, or the run stops
 * with a located error. Never exit 0 with output that does not load.
 */
import { linkSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatagenError, ErrorCodes } from '../../src/errors.js';
import { generate, parseDdl } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { oneLineRefusal } from '../helpers/usage-error.js';

let db: TestDatabase;

describe('hostile input', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile');
  });
  afterAll(async () => db.close());

  it('a pg_dump --inserts/COPY file of megabytes is read a piece at a time; COPY rows are data, not psql variables or quotes', async () => {
    // Before: one parser call over the whole text (tens of MB ran libpg-query out of memory, "exit(1)" at 1:1),
    // and the apostrophe in a COPY row hid the later :tname from psql variable substitution (a syntax error).
    const inserts = Array.from(
      { length: 12_000 },
      (_, i) => `INSERT INTO public.t (id, note) VALUES (${i}, 'row ${i}; with a semicolon and ''quotes''');`,
    ).join('\n');
    const { counts, result } = await loadGenerated(
      db,
      `\\set tname 'things'
      CREATE TABLE t (id int PRIMARY KEY, note text);
      ${inserts}
      COPY public.t (id, note) FROM stdin;
1	O'Brien :tname
2	a\\tb ;
\\.
      CREATE TABLE :tname (id int PRIMARY KEY, t_id int REFERENCES t(id));
      CREATE FUNCTION later() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;`,
      { defaultRows: 30, seed: 3 },
    );
    expect(inserts.length).toBeGreaterThan(1 << 20);
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 30, 'public.things': 30 });
    expect(result.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^12000 Insert statements \(the first at \S*schema\.sql:3:7\) are not DDL/),
        expect.stringMatching(/^Copy statement at \S*schema\.sql:12003:7 is not DDL/),
      ]),
    );
  });
  it('tables of hundreds of columns: every row fits the 8160-byte row limit (text cut shorter, nullable columns NULL)', async () => {
    // Before: exit 0, and the load stopped at "row is too big: size 24624, maximum size 8160".
    const columns = (n: number, type: string) =>
      Array.from({ length: n }, (_, i) => `c${i} ${type}`).join(', ');
    const { target, counts, result } = await loadGenerated(
      db,
      `CREATE TABLE nullable_text (id int PRIMARY KEY, k text UNIQUE, ${columns(900, 'text')});
      CREATE TABLE required_text (id int PRIMARY KEY, ${columns(450, 'text NOT NULL')});
      CREATE TABLE bigints (id int PRIMARY KEY, ${columns(1100, 'bigint')});
      CREATE TABLE fits (id int PRIMARY KEY, ${columns(1200, 'int')});`,
      { defaultRows: 20, seed: 4 },
    );
    expect(Object.fromEntries(counts)).toEqual({
      'public.nullable_text': 20,
      'public.required_text': 20,
      'public.bigints': 20,
      'public.fits': 20,
    });
    const wide = result.warnings.filter((w) => w.code === 'ROW_TOO_WIDE').map((w) => w.where);
    expect(wide).toEqual(['public.nullable_text', 'public.required_text', 'public.bigints']);
    const [required] = await target.query<{ longest: number; empty: string }>(
      'SELECT max(length(c0)) AS longest, count(*) FILTER (WHERE c449 IS NULL) AS empty FROM required_text',
    );
    expect(required?.longest).toBeLessThanOrEqual(16);
    expect(required?.empty).toBe('0');
    // The unique column keeps its whole text; the last columns are the ones left NULL.
    const [nullable] = await target.query<{ keys: string; last: string; first: string }>(
      'SELECT count(DISTINCT k) AS keys, count(c899) AS last, count(c0) AS first FROM nullable_text',
    );
    expect(nullable?.keys).toBe('20');
    expect(nullable?.last).toBe('0');
    expect(Number(nullable?.first)).toBeGreaterThan(10);
  });
  it('a unique numeric(p,s) column takes its negative values too: numeric(1,0) holds 19 rows, not 10', async () => {
    const { target, counts, result } = await loadGenerated(
      db,
      'CREATE TABLE one_digit (n numeric(1,0) NOT NULL UNIQUE); CREATE TABLE cents (n numeric(2,2) PRIMARY KEY);',
      { defaultRows: 300, seed: 2 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.one_digit': 19, 'public.cents': 199 });
    expect(result.warnings.map((w) => w.message)).toContain(
      'public.one_digit: UNIQUE one_digit_n_key (n) allows only 19 distinct values, so it gets 19 rows instead of 300.',
    );
    const [range] = await target.query<{ lo: string; hi: string }>(
      'SELECT min(n) AS lo, max(n) AS hi FROM one_digit',
    );
    expect(range).toEqual({ lo: '-9', hi: '9' });
  });
  it('enum labels PostgreSQL refuses (over 63 bytes, given twice, added twice) are located errors, not exit 0', async () => {
    // Before: exit 0, and the load stopped at CREATE TYPE ("invalid enum label", "duplicate key value").
    const problems = async (text: string) => {
      try {
        await parseDdl([{ file: 'enum.sql', text }]);
      } catch (error) {
        expect((error as DatagenError).code).toBe(ErrorCodes.SCHEMA_INVALID);
        return (error as DatagenError).message.split('\n').slice(1);
      }
      return [];
    };
    expect(await problems(`CREATE TYPE e AS ENUM ('${'x'.repeat(64)}', 'y');`)).toEqual([
      `enum.sql:1:1: enum public.e: the label '${'x'.repeat(64)}' is 64 bytes; PostgreSQL allows at most 63 (shorten it)`,
    ]);
    expect(
      await problems(
        "CREATE TYPE e AS ENUM ('a', 'a');\nALTER TYPE e ADD VALUE 'b';\nALTER TYPE e ADD VALUE 'b';",
      ),
    ).toEqual([
      "enum.sql:1:1: enum public.e: the label 'a' is given twice; PostgreSQL refuses a repeated label (remove one)",
      "enum.sql:3:1: enum public.e: the label 'b' is given twice; PostgreSQL refuses a repeated label (remove one)",
    ]);
    // 63 bytes of two-byte characters, and ADD VALUE IF NOT EXISTS of a label it has: accepted.
    expect(
      await problems(
        `CREATE TYPE e AS ENUM ('${'é'.repeat(31)}x'); ALTER TYPE e ADD VALUE IF NOT EXISTS '${'é'.repeat(31)}x';`,
      ),
    ).toEqual([]);
  });
  it('an archive written onto a directory: one line naming the format choice, exit 2 (a usage mistake, as for table files), nothing written', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);');
    const message = `cannot write the archive to "${dir}": it is a directory (or ends in /); give a file name (-F c and -F t write one file, -F d a directory) (EISDIR)`;
    // Both archive formats through the library (its sink refuses), the CLI once.
    for (const format of ['custom', 'tar'] as const)
      expect(await oneLineRefusal(generate({ schema: [schema], format, output: dir }), 2, format)).toBe(
        message,
      );
    const r = await runCliInProcess(['generate', schema, '-F', 'c', '-f', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`datagen: error: ${message}`);
    expect(readdirSync(dir)).toEqual(['schema.sql']);
  });
  it('-f naming the schema file itself (or a link to it): refused, exit 2, the schema untouched', async () => {
    // Before: exit 0, and the user's schema file was replaced by the generated script.
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    const ddl = 'CREATE TABLE t (id int PRIMARY KEY);\n';
    writeFileSync(schema, ddl);
    symlinkSync(schema, join(dir, 'link.sql'));
    linkSync(schema, join(dir, 'hard.sql'));
    for (const [target, format] of [
      [schema, 'p'],
      [join(dir, 'link.sql'), 'c'],
      [join(dir, 'hard.sql'), 'p'],
    ] as const) {
      const r = await runCliInProcess(['generate', schema, '-F', format, '-f', target]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(
        `datagen: error: --file ${target} is the schema file ${schema} this run reads: writing there would replace the schema with generated data; choose another output path`,
      );
    }
    expect(readFileSync(schema, 'utf8')).toBe(ddl);
    expect(readdirSync(dir).sort()).toEqual(['hard.sql', 'link.sql', 'schema.sql']);
  });
});
