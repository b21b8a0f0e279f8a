/**
 * A table's COPY rows written by the row function compiled for its columns
 * (encode/compiled-copy-row.ts) are the generic loop's bytes, for every path
 * a column takes (a byte writer, NULLs drawn before it; plain text copied;
 * text escaped: tabs, newlines, backslashes, non-ASCII), and they load into
 * PostgreSQL as the values they are. `firstChance` (the NULL draw) is
 * RowRandom's draw, rows past 2^32 included.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCopyRowWriter } from '../../src/encode/copy-text.js';
import { copyTextChunksSync, writerColumns, writeWholeRow } from '../../src/encode/table-chunks.js';
import { generate } from '../../src/index.js';
import { firstChance, RowRandom, streamKey } from '../../src/values/random.js';
import { ddlSource } from '../helpers/compiled-rows.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const LABELS = ['tab\there', 'new\nline', 'back\\slash', 'cr\rlf', 'naïve', 'plain'];
const DDL = `
CREATE TYPE mood AS ENUM (${LABELS.map((l) => `E'${l.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`).join(', ')});
CREATE TABLE person (
  id bigserial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text,
  email text NOT NULL UNIQUE,
  feeling mood,
  balance numeric(10,2),
  created_at timestamptz,
  active boolean NOT NULL
);`;
const ROWS = 3000;

describe('compiled COPY rows', () => {
  const db = useTestDatabase('compiled_rows');

  it('are the bytes of the generic row loop, every column path and NULL included', async () => {
    const { source } = await ddlSource(DDL, ROWS);
    const generic = createCopyRowWriter();
    const { fns, plain, writes } = writerColumns(source, 0, generic);
    // Every path is taken: byte writers, plain text and escaped text.
    expect(writes.some((w) => w !== undefined)).toBe(true);
    expect(fns.some((_, c) => writes[c] === undefined && plain[c] === true)).toBe(true);
    expect(fns.some((_, c) => writes[c] === undefined && plain[c] !== true)).toBe(true);
    for (let row = 0; row < ROWS; row++) writeWholeRow(generic, fns, plain, row, writes);
    const expected = Buffer.from(generic.takeChunk());

    const compiledWriter = createCopyRowWriter();
    const compiled = compiledWriter.compileRow?.(fns, plain, writes);
    expect(compiled).toBeDefined();
    for (let row = 0; row < ROWS; row++) compiled!(row);
    const got = Buffer.from(compiledWriter.takeChunk());
    expect(got.equals(expected)).toBe(true);
    // The escaped labels and NULLs are there to compare.
    const text = expected.toString('utf8');
    expect(text).toContain('tab\\there');
    expect(text).toContain('back\\\\slash');
    expect(text).toContain('\\N');

    // Through the chunk stream (compiled from 1,000 rows on): the same bytes.
    const chunks = Buffer.concat([...copyTextChunksSync(source, 0)].map((c) => Buffer.from(c)));
    expect(chunks.equals(expected)).toBe(true);
  });

  it('load into PostgreSQL with every constraint, the escaped values as they were', async () => {
    const file = join(tempDir(), 'person.sql');
    const schemaFile = join(tempDir(), 'schema.sql');
    writeFileSync(schemaFile, DDL);
    await generate({
      schema: [schemaFile],
      defaultRows: ROWS,
      seed: 5,
      format: 'plain',
      output: file,
      workers: 1,
    });
    await db.psqlFileAsync(file);
    const [count] = await db.query<{ n: string; moods: string; nulls: string }>(
      'SELECT count(*) AS n, count(DISTINCT feeling) AS moods, count(*) FILTER (WHERE balance IS NULL) AS nulls FROM person',
    );
    expect(Number(count?.n)).toBe(ROWS);
    expect(Number(count?.moods)).toBe(LABELS.length);
    expect(Number(count?.nulls)).toBeGreaterThan(0);
    const labels = await db.query<{ feeling: string }>(
      'SELECT DISTINCT feeling::text FROM person WHERE feeling IS NOT NULL ORDER BY 1',
    );
    expect(labels.map((r) => r.feeling).sort()).toEqual([...LABELS].sort());
  });
});

describe('firstChance', () => {
  it('is RowRandom.at(key, row).chance(p), below and past 2^32', () => {
    const key = streamKey(9, 'nulls');
    const random = new RowRandom();
    const rows = [
      ...Array.from({ length: 5000 }, (_, i) => i),
      ...Array.from({ length: 200 }, (_, i) => 2 ** 32 - 100 + i),
      2 ** 40 + 7,
      2 ** 52 + 3,
    ];
    for (const p of [0, 0.05, 0.5, 0.999, 1]) {
      const draw = firstChance(key, p);
      for (const row of rows) expect(draw(row), `p ${p}, row ${row}`).toBe(random.at(key, row).chance(p));
    }
  });
});
