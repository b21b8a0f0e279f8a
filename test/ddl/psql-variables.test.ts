/**
 * psql `\set` variables in DDL files: substituted as psql substitutes them
 * (checked against the real psql), in file order and across includes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { substituteVariables } from '../../src/input/ddl/psql-variables.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;

const DDL = [
  '\\set tbl Accounts',
  "\\set first 'it''s' ' here'",
  '\\set max 50',
  "\\set path 'a\\\\b'",
  'CREATE TABLE :"tbl" (',
  '  id int PRIMARY KEY,',
  "  note text DEFAULT :'first' CHECK (note <> :'path'),",
  '  n int NOT NULL CHECK (n < :max AND n::int > 0), -- :max in a comment stays',
  "  label text CHECK (label <> ':max'),",
  '  other int CHECK (other <> :unknown_is_left)',
  ');',
  '\\unset max',
  '',
].join('\n');

describe('psql variables', () => {
  beforeAll(async () => {
    db = await createTestDatabase('psqlvars');
  });
  afterAll(async () => db.close());

  it('are replaced as the value, a literal, an identifier; not in strings, comments or casts', () => {
    const vars = new Map<string, string>();
    const { text } = substituteVariables(DDL, vars);
    expect(text.split('\n').slice(4, 10)).toEqual([
      'CREATE TABLE "Accounts" (',
      '  id int PRIMARY KEY,',
      "  note text DEFAULT 'it''s here' CHECK (note <> E'a\\\\b'),",
      '  n int NOT NULL CHECK (n < 50 AND n::int > 0), -- :max in a comment stays',
      "  label text CHECK (label <> ':max'),",
      '  other int CHECK (other <> :unknown_is_left)',
    ]);
    expect([...vars]).toEqual([
      ['tbl', 'Accounts'],
      ['first', "it's here"],
      ['path', 'a\\b'],
    ]);
  });

  it('make the same schema psql makes, and the rows load', async () => {
    const ddl = DDL.replace(/ {2}other int .*\n/, '').replace("label <> ':max'),", "label <> ':max')");
    const dir = tempDir();
    const schemaFile = join(dir, 'schema.sql');
    writeFileSync(schemaFile, ddl);
    // What psql itself makes of the file.
    const byPsql = await db.createSibling();
    byPsql.psqlFile(schemaFile);
    const output = join(dir, 'data.sql');
    await generate({ schema: [schemaFile], output, defaultRows: 100, seed: 1 });
    const loaded = await db.createSibling();
    loaded.psqlFile(output);
    const shape = (t: TestDatabase) =>
      t.query<{ def: string }>(
        `SELECT conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = '"Accounts"'::regclass ORDER BY conname`,
      );
    expect(await shape(loaded)).toEqual(await shape(byPsql));
    const [row] = await loaded.query<{ n: string; max: number }>(
      'SELECT count(*) AS n, max(n) AS max FROM "Accounts"',
    );
    expect(row?.n).toBe('100');
    expect(row?.max).toBeLessThan(50);
  });

  it('an included file sees the variables set before its \\i line', async () => {
    const { schema } = await parseDdl(
      [
        {
          file: 'main.sql',
          text: '\\set t first\n\\i part.sql\n\\set t second\nCREATE TABLE :t (id int);\n',
        },
      ],
      { readInclude: (path) => (path.endsWith('part.sql') ? 'CREATE TABLE :t (id int);\n' : undefined) },
    );
    expect(schema.tables.map((t) => t.name).sort()).toEqual(['first', 'second']);
  });
  it('what an included file sets applies to the rest of the including file, as in psql', async () => {
    const files: Record<string, string> = {
      'vars.sql': '\\set t from_vars\n\\set s inner_t\n\\ir more.sql\n',
      'more.sql': '\\set n 7\n',
      'dir/other.sql': '\\set t overridden\n',
    };
    const { schema } = await parseDdl(
      [
        {
          file: 'main.sql',
          text: [
            '\\set t first',
            '\\i vars.sql',
            'CREATE TABLE :t (id int CHECK (id < :n));',
            'CREATE TABLE :s (id int);',
            '\\ir dir/other.sql',
            'CREATE TABLE :t (id int);',
            '',
          ].join('\n'),
        },
        { file: 'next.sql', text: 'CREATE TABLE after_main (id int CHECK (id < :n));\n' },
      ],
      { readInclude: (path) => files[path.replace(/^\.\//, '')] },
    );
    expect(schema.tables.map((t) => t.name).sort()).toEqual([
      'after_main',
      'from_vars',
      'inner_t',
      'overridden',
    ]);
    // :n comes from a file vars.sql includes in turn; the next file given sees it too.
    for (const name of ['from_vars', 'after_main'])
      expect(schema.tables.find((t) => t.name === name)?.checks[0]?.expr.text).toContain('< 7');
  });
});
