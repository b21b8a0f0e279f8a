/**
 * What the compiled row tests (test/encode/compiled-*-row.test.ts) share: a
 * byte writer over listed values, a DDL's value source, its first table's
 * bytes through the generic row loop, and a file's rows loaded beside the
 * plain script's, compared row for row.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowWriter } from '../../src/encode/row-writer.js';
import { writerColumns, writeWholeRow } from '../../src/encode/table-chunks.js';
import type { ColumnWrite } from '../../src/generate/column-writes.js';
import { createPlan, createValueSource, parseDdl } from '../../src/index.js';
import type { TestDatabase } from './database.js';
import { tempDir } from './generate-file.js';

/** A byte writer of `values` (the text's UTF-8 bytes, row by row in turn), as a generator's would write its value function's text. */
export function cyclingByteWriter(values: readonly (string | null)[]): ColumnWrite {
  return (out, row) => {
    const v = values[row % values.length] ?? null;
    if (v === null) return false;
    out.ensure(v.length * 3);
    out.pos += (out.buf as Buffer).write(v, out.pos, 'utf8');
    return true;
  };
}

/** A DDL's plan and value source, `rows` rows a table, seed 5. */
export async function ddlSource(ddl: string, rows: number) {
  const { schema } = await parseDdl([{ file: 'person.sql', text: ddl }]);
  const plan = createPlan(schema, { defaultRows: rows, seed: 5 });
  return { plan, source: createValueSource(schema, plan) };
}

/** The first table's rows [0, rows) written by `writer` through the generic loop (writeWholeRow). */
export function genericRowBytes(
  source: ReturnType<typeof createValueSource>,
  writer: RowWriter,
  rows: number,
): Buffer {
  const { fns, plain, writes } = writerColumns(source, 0, writer);
  for (let row = 0; row < rows; row++) writeWholeRow(writer, fns, plain, row, writes);
  return Buffer.from(writer.takeChunk());
}

/** A directory holding the DDL as schema.sql, and generate()'s options for it (`rows` rows, seed 5, one thread). */
export function schemaDir(ddl: string, rows: number) {
  const dir = tempDir();
  const schemaFile = join(dir, 'schema.sql');
  writeFileSync(schemaFile, ddl);
  return { dir, common: { schema: [schemaFile], defaultRows: rows, seed: 5, workers: 1 } };
}

/** `copy`'s rows against `table`'s: how many, and how many rows each holds that the other lacks (EXCEPT ALL both ways). */
export async function rowsAgainst(
  db: TestDatabase,
  table: string,
  copy: string,
): Promise<{ n: string; missing: string; extra: string }> {
  const [diff] = await db.query<{ n: string; missing: string; extra: string }>(
    `SELECT (SELECT count(*) FROM ${copy}) AS n,
            (SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT ALL SELECT * FROM ${copy}) d) AS missing,
            (SELECT count(*) FROM (SELECT * FROM ${copy} EXCEPT ALL SELECT * FROM ${table}) d) AS extra`,
  );
  return diff!;
}
