/**
 * A table's JSON Lines rows written by the row function compiled for its
 * columns (encode/compiled-json-row.ts) are the field-by-field writer's
 * bytes: for every JSON form (strings scanned and quoted, integers and
 * numerics checked in place, booleans and timestamps reshaped in place) and
 * the values the fast forms leave to the encoders (16-digit numerics, `-0`,
 * leading zeros, BC and odd offsets, non-ASCII, control characters, lone
 * surrogates); and a generated table's file loads into PostgreSQL with every
 * constraint, its values those of the COPY output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonLineWriter } from '../../src/encode/json-line.js';
import { rowChunksSync, writerColumns, writeWholeRow } from '../../src/encode/table-chunks.js';
import { type createPlan, generate } from '../../src/index.js';
import {
  cyclingByteWriter,
  ddlSource,
  genericRowBytes,
  rowsAgainst,
  schemaDir,
} from '../helpers/compiled-rows.js';
import { useTestDatabase } from '../helpers/database.js';
import { builtin } from '../types/load-values.js';

/** Each column's type and its values (rows cycle through them; null: SQL NULL). */
const COLUMNS: readonly { name: string; type: string; values: readonly (string | null)[] }[] = [
  { name: 'id', type: 'int4', values: ['42', '-7', '0', null] },
  {
    name: 'big',
    type: 'int8',
    values: ['1', '0', '-0', '-00', '007', '123456789012345', '1234567890123456', '-12', null],
  },
  {
    name: 'amount',
    type: 'numeric',
    values: [
      '0.5',
      '-0.5',
      '00.5',
      '-0.0',
      '12.50',
      '0.000000000000001234',
      '1234567890.123456',
      'NaN',
      '1e5',
      '-',
      '.5',
      '5.',
      null,
    ],
  },
  { name: 'flag', type: 'bool', values: ['t', 'f', 'true', 'false', 'x', null] },
  {
    name: 'at',
    type: 'timestamptz',
    values: [
      '2019-08-28 19:39:57+00',
      '2019-08-28 19:39:57.125+00',
      '2019-08-28 19:39:57.5+05:30',
      '2019-08-28 19:39:57-0330',
      '1900-01-01 00:00:00+05:53:28',
      '1900-01-01 00:00:00+055328',
      '2019-08-28 19:39:57+05:3',
      '2019-08-28 19:39:57.+00',
      '0044-03-15 12:00:00+00 BC',
      'infinity',
      '12345-01-01 00:00:00+00',
      '201-01-01 00:00:00+00',
      null,
    ],
  },
  { name: 'local', type: 'timestamp', values: ['2019-08-28 19:39:57', '2019-08-28 19:39:57.25', null] },
  {
    name: 'na"mé',
    type: 'text',
    values: [
      'plain',
      'quote " and \\ backslash',
      'tab\there\nnew line',
      'ctl \u0001 \u001f del \u007f',
      'unicode ü 日本 😀',
      'lone \ud800 surrogate',
      'a long plain ASCII text of more than thirty-two characters',
      'a long text of more than thirty-two characters with a "quote"',
      'a long text of more than thirty-two characters, ünïcode',
      '',
      null,
    ],
  },
  { name: 'doc', type: 'jsonb', values: ['{"a": [1, 2]}', null] },
  { name: 'ratio', type: 'float8', values: ['1.5e-07', 'Infinity', null] },
];

const ROWS = 400;

function jsonRows(withWrites: boolean, compiled: boolean): string {
  const writer = createJsonLineWriter(
    COLUMNS.map((c) => ({ name: c.name, type: builtin(c.type) })),
    { chunkSize: 1 << 20 },
  );
  const fns = COLUMNS.map((c) => (row: number) => c.values[row % c.values.length] ?? null);
  const plain = COLUMNS.map(() => withWrites);
  const writes = COLUMNS.map((c) => (withWrites ? cyclingByteWriter(c.values) : undefined));
  const write = compiled ? writer.compileRow?.(fns, plain, writes) : undefined;
  if (compiled) expect(write).toBeDefined();
  for (let row = 0; row < ROWS; row++) {
    if (write !== undefined) write(row);
    else writeWholeRow(writer, fns, plain, row, writes);
  }
  return writer.takeChunk().toString('utf8');
}

const LABELS = ['tab\there', 'say "hi"', 'back\\slash', 'naïve', 'plain'];
const DDL = `
CREATE TYPE mood AS ENUM (${LABELS.map((l) => `E'${l.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/'/g, "''")}'`).join(', ')});
CREATE TABLE person (
  id bigserial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text,
  email text NOT NULL UNIQUE,
  feeling mood,
  balance numeric(10,2) CHECK (balance >= 0),
  created_at timestamptz NOT NULL,
  born date,
  active boolean NOT NULL,
  score int4
);`;
const TABLE_ROWS = 3000;

const writtenOf = (plan: ReturnType<typeof createPlan>) =>
  plan.tables[0]!.columns.filter((c) => c.written).map((c) => c.column);

describe('compiled JSON Lines rows', () => {
  const db = useTestDatabase('compiled_json');

  it('are the field-by-field bytes for every JSON form, with and without byte writers', () => {
    const expected = jsonRows(false, false);
    expect(jsonRows(true, false)).toBe(expected);
    expect(jsonRows(false, true)).toBe(expected);
    expect(jsonRows(true, true)).toBe(expected);
    // The forms are there to compare: reshaped, kept as strings, and left to the encoders.
    expect(expected).toContain('"at":"2019-08-28T19:39:57.5+05:30"');
    expect(expected).toContain('"at":"1900-01-01T00:00:00+05:53:28"');
    expect(expected).toContain('"at":"0044-03-15 12:00:00+00 BC"');
    expect(expected).toContain('"big":0,');
    expect(expected).toContain('"big":"1234567890123456"');
    expect(expected).toContain('"amount":0.5,');
    expect(expected).toContain('"flag":true,');
    expect(expected).toContain('"na\\"mé":"lone \\ud800 surrogate"');
    for (const line of expected.trimEnd().split('\n')) JSON.parse(line);
  });

  it('of a generated table are the generic bytes, and load into PostgreSQL as the COPY rows do', async () => {
    const { plan, source } = await ddlSource(DDL, TABLE_ROWS);
    const generic = createJsonLineWriter(writtenOf(plan));
    const { writes } = writerColumns(source, 0, generic);
    expect(writes.filter((w) => w !== undefined).length).toBeGreaterThanOrEqual(3);
    const expected = genericRowBytes(source, generic, TABLE_ROWS);
    // Through the chunk stream (compiled from 1,000 rows on).
    const fresh = createJsonLineWriter(writtenOf(plan));
    const chunks = Buffer.concat([...rowChunksSync(source, 0, fresh)].map((c) => Buffer.from(c)));
    expect(chunks.equals(expected)).toBe(true);

    const { dir, common } = schemaDir(DDL, TABLE_ROWS);
    await generate({ ...common, format: 'jsonl', output: join(dir, 'jsonl') });
    const file = readFileSync(join(dir, 'jsonl', 'public.person.jsonl'));
    expect(file.equals(expected)).toBe(true);
    await generate({ ...common, format: 'plain', output: join(dir, 'plain.sql') });
    await db.psqlFileAsync(join(dir, 'plain.sql'));
    await db.query('CREATE TABLE person_json (LIKE person INCLUDING ALL)');
    const lines = file.toString('utf8').trimEnd().split('\n');
    await db.query(
      `INSERT INTO person_json SELECT r.* FROM jsonb_array_elements($1::jsonb) AS e,
       jsonb_populate_record(NULL::person, e) AS r`,
      [`[${lines.join(',')}]`],
    );
    expect(await rowsAgainst(db, 'person', 'person_json')).toEqual({
      n: String(TABLE_ROWS),
      missing: '0',
      extra: '0',
    });
    const labels = await db.query<{ feeling: string }>(
      'SELECT DISTINCT feeling::text FROM person_json WHERE feeling IS NOT NULL',
    );
    expect(labels.map((r) => r.feeling).sort()).toEqual([...LABELS].sort());
  });
});
