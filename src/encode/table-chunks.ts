/**
 * A table's rows as COPY text (or CSV, JSON Lines) chunks, produced in batches into a reused
 * buffer (design.md, principle 5): nothing holds a whole table, and the
 * consumer's pace (backpressure) sets the producer's.
 */

import type { ColumnWrite } from '../generate/column-writes.js';
import type { ValueSource } from '../generate/value-source.js';
import { createCopyRowWriter } from './copy-text.js';
import type { RowWriter } from './row-writer.js';

export interface RowRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export const CHUNK_BYTES = 256 * 1024;

/**
 * A table's written columns as `writer` takes them: value functions, which
 * are plain to it, and byte writers (plain ones only, and those it checks).
 */
export function writerColumns(
  source: ValueSource,
  tableIndex: number,
  writer: RowWriter,
): {
  readonly fns: ((row: number) => string | null)[];
  readonly plain: boolean[];
  readonly writes: (ColumnWrite | undefined)[];
} {
  const columns = source.writtenColumns(tableIndex);
  const plain = columns.map((c) => (writer.plainByType === true ? c.plainType : c.plain));
  return {
    fns: columns.map((c) => c.fn),
    plain,
    writes: columns.map((c, i) =>
      plain[i] === true || (writer.checksWrites === true && c.plain) ? c.write : undefined,
    ),
  };
}

/** Rows from which a table's rows are written by a row function compiled for its columns (`RowWriter.compileRow`). */
export const COMPILED_ROWS = 1000;

/**
 * `writeWholeRow` at a row, for `rows` rows of one table's `columns`
 * (`writerColumns`'): compiled for them where the writer can and the rows
 * are enough to pay for it (the same bytes either way).
 */
export function wholeRowWriter(
  writer: RowWriter,
  columns: ReturnType<typeof writerColumns>,
  rows: number,
): (row: number) => boolean {
  const { fns, plain, writes } = columns;
  const compiled = rows >= COMPILED_ROWS ? writer.compileRow?.(fns, plain, writes) : undefined;
  return compiled ?? ((row) => writeWholeRow(writer, fns, plain, row, writes));
}

/** One row through `writer`, ended; true when a chunk's worth of rows is buffered. */
export function writeWholeRow(
  writer: RowWriter,
  fns: readonly ((row: number) => string | null)[],
  plain: readonly boolean[],
  row: number,
  writes: readonly (ColumnWrite | undefined)[],
): boolean {
  if (writer.writeRow !== undefined) return writer.writeRow(fns, plain, row, writes);
  writeRow(writer, fns, plain, row);
  return writer.endRow();
}

/** One row's fields through `writer`; columns of escape-free types skip the escape scan. */
export function writeRow(
  writer: RowWriter,
  fns: readonly ((row: number) => string | null)[],
  plain: readonly boolean[],
  row: number,
): void {
  for (let c = 0; c < fns.length; c++) {
    const value = (fns[c] as (row: number) => string | null)(row);
    if (plain[c] === true) writer.plainField(value);
    else writer.field(value);
  }
}

/** The COPY text payload (rows only, no `\.`) of rows [start, end) of a table; only rows `include` accepts. */
export async function* copyTextChunks(
  source: ValueSource,
  tableIndex: number,
  range?: RowRange,
  onRows?: (rows: number, bytes: number) => void,
  include?: (row: number) => boolean,
): AsyncGenerator<Buffer> {
  yield* copyTextChunksSync(source, tableIndex, range, onRows, include);
}

/**
 * Rows [start, end) of a table (those `include` accepts) as one block of
 * COPY text, written through `writer` (a COPY row writer the caller keeps
 * and passes again for the next block: its buffer is reused) and copied out
 * at its exact size (into `into(length)`'s array when given): for a worker
 * thread that encodes a row range at once.
 */
export function copyTextBlock(
  source: ValueSource,
  tableIndex: number,
  range: RowRange,
  writer: RowWriter,
  include?: (row: number) => boolean,
  into?: (length: number) => Uint8Array,
): Uint8Array {
  const write = wholeRowWriter(writer, writerColumns(source, tableIndex, writer), range.end - range.start);
  for (let row = range.start; row < range.end; row++) {
    if (include !== undefined && !include(row)) continue;
    write(row);
  }
  return writer.takeCopy(into);
}

/** `copyTextChunks` without the event loop. */
export function copyTextChunksSync(
  source: ValueSource,
  tableIndex: number,
  range?: RowRange,
  onRows?: (rows: number, bytes: number) => void,
  include?: (row: number) => boolean,
): Generator<Buffer> {
  return rowChunksSync(
    source,
    tableIndex,
    createCopyRowWriter({ chunkSize: CHUNK_BYTES }),
    range,
    onRows,
    include,
  );
}

/**
 * Rows [start, end) of a table through `writer` (COPY text, CSV, JSON Lines), in chunks of whole rows;
 * `onRows` hears of each chunk before it is handed on (rows done, their bytes).
 */
export async function* rowChunks(
  source: ValueSource,
  tableIndex: number,
  writer: RowWriter,
  range?: RowRange,
  onRows?: (rows: number, bytes: number) => void,
  include?: (row: number) => boolean,
): AsyncGenerator<Buffer> {
  yield* rowChunksSync(source, tableIndex, writer, range, onRows, include);
}

/** `rowChunks` without the event loop. */
export function* rowChunksSync(
  source: ValueSource,
  tableIndex: number,
  writer: RowWriter,
  range?: RowRange,
  onRows?: (rows: number, bytes: number) => void,
  include?: (row: number) => boolean,
): Generator<Buffer> {
  const plan = source.plan.tables[tableIndex];
  if (!plan) return;
  const start = range?.start ?? 0;
  const end = range?.end ?? plan.rows;
  const write = wholeRowWriter(writer, writerColumns(source, tableIndex, writer), end - start);
  let pendingRows = 0;
  for (let row = start; row < end; row++) {
    if (include !== undefined && !include(row)) {
      pendingRows++;
      continue;
    }
    pendingRows++;
    if (write(row)) {
      const chunk = writer.takeChunk();
      onRows?.(pendingRows, chunk.length);
      pendingRows = 0;
      yield chunk;
    }
  }
  const last = writer.size > 0 ? writer.takeChunk() : null;
  if (pendingRows > 0 || last !== null) onRows?.(pendingRows, last?.length ?? 0);
  if (last !== null) yield last;
}
