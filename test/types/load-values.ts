/**
 * Test helper: load generated values into a real table through the project's
 * own COPY text encoder and pg-copy-streams, the path a `postgres` sink takes.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createCopyRowWriter } from '../../src/encode/copy-text.js';
import type { TypeRef } from '../../src/schema/model.js';
import type { TestDatabase } from '../helpers/database.js';

/** Rows of fields (text form or null) → COPY text chunks, via the encoder under test. */
export function encodeCopy(rows: readonly (readonly (string | null)[])[], chunkSize = 4096): Buffer[] {
  const writer = createCopyRowWriter({ chunkSize });
  const chunks: Buffer[] = [];
  for (const row of rows) {
    for (const field of row) writer.field(field);
    if (writer.endRow()) chunks.push(writer.takeChunk());
  }
  const last = writer.takeChunk();
  if (last.length > 0) chunks.push(last);
  return chunks;
}

/** COPY rows into `table` (columns in order); returns the server's row count. */
export async function copyRows(
  db: TestDatabase,
  table: string,
  rows: readonly (readonly (string | null)[])[],
): Promise<number> {
  const client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  try {
    const stream = client.query(copyFrom(`COPY ${table} FROM STDIN`));
    await pipeline(Readable.from(encodeCopy(rows)), stream);
    return stream.rowCount;
  } finally {
    await client.end();
  }
}

/** A pg_catalog TypeRef. */
export function builtin(
  name: string,
  typmods: readonly number[] = [],
  arrayDims = 0,
  intervalFields?: string,
): TypeRef {
  return {
    kind: 'type-ref',
    schema: 'pg_catalog',
    name,
    typmods,
    arrayDims,
    ...(intervalFields === undefined ? {} : { intervalFields }),
  };
}

/** Distinct k values for probing a unique generator: 0..half-1, then spread over the whole space. */
export function probeKeys(space: number, count: number): number[] {
  const n = Math.min(count, space);
  if (n === space) return Array.from({ length: n }, (_, i) => i);
  const half = Math.floor(n / 2);
  const top = Math.min(space, 2 ** 52);
  const step = Math.floor((top - half) / (n - half));
  const keys: number[] = [];
  for (let i = 0; i < half; i++) keys.push(i);
  for (let i = 0; i < n - half; i++) keys.push(half + i * step);
  return keys;
}
