/**
 * A table's CSV rows written by the row function compiled for its columns
 * (csv.ts' `compileCsvRow`, encode/compiled-row.ts) are the generic loop's
 * bytes, for every path a column takes (a plain byte writer; a checked one
 * whose text CSV must quote, written again quoted; plain text copied; text
 * quoted as it needs; NULL as nothing), and a generated table's file loads
 * into PostgreSQL with every constraint, its rows those of the plain script.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCsvRowWriter } from '../../src/encode/csv.js';
import { rowChunksSync, writeWholeRow } from '../../src/encode/table-chunks.js';
import { generate } from '../../src/index.js';
import {
  cyclingByteWriter,
  ddlSource,
  genericRowBytes,
  rowsAgainst,
  schemaDir,
} from '../helpers/compiled-rows.js';
import { useTestDatabase } from '../helpers/database.js';

/** Columns by path: [values, plain, with a byte writer]. */
const COLUMNS: readonly (readonly [readonly (string | null)[], boolean, boolean])[] = [
  [['1', '-2', '3.5', null], true, true],
  [['plain', 'a,b', 'say "hi"', ' lead', 'trail ', '', '\\.', null, 'new\nline'], false, true],
  [['2024-01-02', '12:00:00', null], true, false],
  [
    [
      'plain',
      'a,b',
      'say "hi"',
      'cr\rhere',
      'ünïcode, too',
      '',
      null,
      'a long text of more than 32 characters, with a comma',
    ],
    false,
    false,
  ],
];
const ROWS = 300;

const LABELS = ['a,b', 'say "hi"', ' lead', 'tab\there', 'naïve', 'plain'];
const DDL = `
CREATE TYPE mood AS ENUM (${LABELS.map((l) => `E'${l.replace(/\t/g, '\\t').replace(/'/g, "''")}'`).join(', ')});
CREATE TABLE person (
  id bigserial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text,
  email text NOT NULL UNIQUE,
  feeling mood,
  balance numeric(10,2) CHECK (balance >= 0),
  created_at timestamptz NOT NULL,
  active boolean NOT NULL
);`;
const TABLE_ROWS = 3000;

describe('compiled CSV rows', () => {
  const db = useTestDatabase('compiled_csv');

  it('are the bytes of the generic row loop on every column path', () => {
    const fns = COLUMNS.map(
      ([values]) =>
        (row: number) =>
          values[row % values.length] ?? null,
    );
    const plain = COLUMNS.map(([, p]) => p);
    const writes = COLUMNS.map(([values, , w]) => (w ? cyclingByteWriter(values) : undefined));
    const generic = createCsvRowWriter({ chunkSize: 1 << 20 });
    for (let row = 0; row < ROWS; row++) writeWholeRow(generic, fns, plain, row, writes);
    const expected = generic.takeChunk().toString('utf8');
    const compiledWriter = createCsvRowWriter({ chunkSize: 1 << 20 });
    const compiled = compiledWriter.compileRow?.(fns, plain, writes);
    expect(compiled).toBeDefined();
    for (let row = 0; row < ROWS; row++) compiled!(row);
    expect(compiledWriter.takeChunk().toString('utf8')).toBe(expected);
    // The checked byte writer's text quoted from its string, and NULL as nothing.
    expect(expected).toContain('\n-2,"a,b",12:00:00,"a,b"\n');
    expect(expected).toContain('\n3.5,"say ""hi""",,"say ""hi"""\n');
    // A custom dialect has no compiled form (its plain fields may hold its delimiter).
    expect(createCsvRowWriter({ delimiter: ';' }).compileRow).toBeUndefined();
  });

  it('of a generated table are the generic bytes, and load into PostgreSQL as the plain script rows', async () => {
    const { source } = await ddlSource(DDL, TABLE_ROWS);
    const expected = genericRowBytes(source, createCsvRowWriter(), TABLE_ROWS);
    const chunks = Buffer.concat(
      [...rowChunksSync(source, 0, createCsvRowWriter())].map((c) => Buffer.from(c)),
    );
    expect(chunks.equals(expected)).toBe(true);

    const { dir, common } = schemaDir(DDL, TABLE_ROWS);
    await generate({ ...common, format: 'csv', output: join(dir, 'csv') });
    const file = readFileSync(join(dir, 'csv', 'public.person.csv'));
    const header = file.indexOf(10) + 1;
    expect(file.subarray(header).equals(expected)).toBe(true);
    await generate({ ...common, format: 'plain', output: join(dir, 'plain.sql') });
    await db.psqlFileAsync(join(dir, 'plain.sql'));
    await db.query('CREATE TABLE person_csv (LIKE person INCLUDING ALL)');
    writeFileSync(
      join(dir, 'load.sql'),
      `\\copy person_csv FROM '${join(dir, 'csv', 'public.person.csv')}' WITH (FORMAT csv, HEADER true)\n`,
    );
    await db.psqlFileAsync(join(dir, 'load.sql'));
    expect(await rowsAgainst(db, 'person', 'person_csv')).toEqual({
      n: String(TABLE_ROWS),
      missing: '0',
      extra: '0',
    });
    const labels = await db.query<{ feeling: string }>(
      'SELECT DISTINCT feeling::text FROM person_csv WHERE feeling IS NOT NULL',
    );
    expect(labels.map((r) => r.feeling).sort()).toEqual([...LABELS].sort());
  });
});
