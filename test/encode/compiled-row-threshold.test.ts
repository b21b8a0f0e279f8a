/**
 * CSV and JSON Lines files at the row count where a table's rows start to be
 * written by the row function compiled for its columns (table-chunks.ts'
 * `COMPILED_ROWS`): one row below it the run writes them field by field, at
 * it compiled, and either way the file holds the bytes the other path writes
 * for the same plan, and loads into PostgreSQL with every constraint as the
 * plain script's rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCsvRowWriter } from '../../src/encode/csv.js';
import { createJsonLineWriter } from '../../src/encode/json-line.js';
import type { RowWriter } from '../../src/encode/row-writer.js';
import {
  COMPILED_ROWS,
  wholeRowWriter,
  writerColumns,
  writeWholeRow,
} from '../../src/encode/table-chunks.js';
import { createPlan, createValueSource, generate, parseDdl } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const LABELS = ['a,b', 'say "hi"', 'tab\there', 'back\\slash', 'naïve', 'plain'];
const DDL = `
CREATE TYPE mood AS ENUM (${LABELS.map((l) => `E'${l.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/'/g, "''")}'`).join(', ')});
CREATE TABLE item (
  id bigserial PRIMARY KEY,
  code uuid NOT NULL UNIQUE,
  first_name text NOT NULL,
  email varchar(80) NOT NULL UNIQUE,
  city text,
  tag char(3),
  feeling mood,
  qty int2 CHECK (qty >= 0),
  score int4,
  balance numeric(10,2) CHECK (balance >= 0),
  ratio float8,
  born date,
  seen timestamp,
  created_at timestamptz NOT NULL,
  active boolean NOT NULL,
  doc jsonb,
  labels text[],
  blob bytea,
  wait interval
);`;

type Format = 'csv' | 'jsonl';

const writerFor = (format: Format, plan: ReturnType<typeof createPlan>): RowWriter =>
  format === 'csv'
    ? createCsvRowWriter({ chunkSize: 1 << 22 })
    : createJsonLineWriter(
        plan.tables[0]!.columns.filter((c) => c.written).map((c) => c.column),
        { chunkSize: 1 << 22 },
      );

/** The table's rows as `format`, written field by field or by the compiled row function. */
function rowsOf(
  source: ReturnType<typeof createValueSource>,
  format: Format,
  rows: number,
  compiled: boolean,
): Buffer {
  const writer = writerFor(format, source.plan);
  const { fns, plain, writes } = writerColumns(source, 0, writer);
  const write = compiled ? writer.compileRow?.(fns, plain, writes) : undefined;
  if (compiled) expect(write).toBeDefined();
  for (let row = 0; row < rows; row++) {
    if (write !== undefined) write(row);
    else writeWholeRow(writer, fns, plain, row, writes);
  }
  return Buffer.from(writer.takeChunk());
}

describe('table files at the compiled-row threshold', () => {
  const db = useTestDatabase('compiled_threshold');

  it('compile a table of COMPILED_ROWS rows and not one of a row fewer', async () => {
    const { schema } = await parseDdl([{ file: 'item.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: COMPILED_ROWS, seed: 3 });
    const source = createValueSource(schema, plan);
    for (const format of ['csv', 'jsonl'] as const) {
      const compiledFor: number[] = [];
      for (const rows of [COMPILED_ROWS - 1, COMPILED_ROWS]) {
        const writer = writerFor(format, plan);
        const compile = writer.compileRow?.bind(writer);
        expect(compile).toBeDefined();
        writer.compileRow = (...args) => {
          compiledFor.push(rows);
          return compile!(...args);
        };
        wholeRowWriter(writer, writerColumns(source, 0, writer), rows);
      }
      expect(compiledFor).toEqual([COMPILED_ROWS]);
    }
  });

  for (const rows of [COMPILED_ROWS - 1, COMPILED_ROWS]) {
    it(`write the same bytes either way at ${rows} rows, and load as the plain script`, async () => {
      const { schema } = await parseDdl([{ file: 'item.sql', text: DDL }]);
      const plan = createPlan(schema, { defaultRows: rows, seed: 3 });
      const source = createValueSource(schema, plan);
      const dir = tempDir();
      const schemaFile = join(dir, 'schema.sql');
      writeFileSync(schemaFile, DDL);
      const common = { schema: [schemaFile], defaultRows: rows, seed: 3, workers: 1 };
      const files: Record<Format, Buffer> = { csv: Buffer.alloc(0), jsonl: Buffer.alloc(0) };
      for (const format of ['csv', 'jsonl'] as const) {
        const interpreted = rowsOf(source, format, rows, false);
        const compiled = rowsOf(source, format, rows, true);
        expect(compiled.equals(interpreted)).toBe(true);
        await generate({ ...common, format, output: join(dir, format) });
        const file = readFileSync(join(dir, format, `public.item.${format}`));
        files[format] = file;
        // CSV's header line, then the rows.
        const body = format === 'csv' ? file.subarray(file.indexOf(10) + 1) : file;
        expect(body.equals(interpreted)).toBe(true);
        expect(body.toString('utf8').split('\n').length).toBe(rows + 1);
      }

      await generate({ ...common, format: 'plain', output: join(dir, 'plain.sql') });
      await db.query('DROP TABLE IF EXISTS item, item_csv, item_json; DROP TYPE IF EXISTS mood');
      await db.psqlFileAsync(join(dir, 'plain.sql'));
      await db.query('CREATE TABLE item_csv (LIKE item INCLUDING ALL)');
      await db.query('CREATE TABLE item_json (LIKE item INCLUDING ALL)');
      writeFileSync(
        join(dir, 'load.sql'),
        `\\copy item_csv FROM '${join(dir, 'csv', 'public.item.csv')}' WITH (FORMAT csv, HEADER true)\n`,
      );
      await db.psqlFileAsync(join(dir, 'load.sql'));
      const lines = files.jsonl.toString('utf8').trimEnd().split('\n');
      await db.query(
        `INSERT INTO item_json SELECT r.* FROM jsonb_array_elements($1::jsonb) AS e,
         jsonb_populate_record(NULL::item, e) AS r`,
        [`[${lines.join(',')}]`],
      );
      for (const copy of ['item_csv', 'item_json']) {
        const [diff] = await db.query<{ n: string; missing: string; extra: string }>(
          `SELECT (SELECT count(*) FROM ${copy}) AS n,
                  (SELECT count(*) FROM (SELECT * FROM item EXCEPT ALL SELECT * FROM ${copy}) d) AS missing,
                  (SELECT count(*) FROM (SELECT * FROM ${copy} EXCEPT ALL SELECT * FROM item) d) AS extra`,
        );
        expect({ copy, ...diff }).toEqual({ copy, n: String(rows), missing: '0', extra: '0' });
      }
      const labels = await db.query<{ feeling: string }>(
        'SELECT DISTINCT feeling::text FROM item_csv WHERE feeling IS NOT NULL',
      );
      expect(labels.map((r) => r.feeling).sort()).toEqual([...LABELS].sort());
    });
  }
});
