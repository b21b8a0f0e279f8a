/**
 * Where a table's COPY text (or CSV, JSON Lines) comes from, for every output
 * (plain script, archives, direct load, table files): generated on this
 * thread (`serialTableRows`), or on worker threads (run/generation-pool.ts).
 * Every value is a function of (seed, table, column, row), so both give the
 * same bytes; only the pieces they are cut into differ, and no output
 * depends on those.
 */
import { createCopyRowWriter } from '../encode/copy-text.js';
import { createCsvRowWriter } from '../encode/csv.js';
import { createJsonLineWriter } from '../encode/json-line.js';
import type { GroupJobs, ParquetCodecOptions } from '../encode/parquet-table.js';
import type { RowWriter } from '../encode/row-writer.js';
import {
  CHUNK_BYTES,
  copyTextBlock,
  copyTextChunks,
  type RowRange,
  rowChunks,
} from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import type { TypeContext } from '../values/types/generator.js';
import { type PartitionRouter, partitionRouter } from './partition-data.js';

/** What a table's rows are encoded as: COPY text (the default), CSV (no header) or JSON Lines. */
export type RowEncoding = 'copy' | 'csv' | 'jsonl';

/**
 * A row writer of `encoding` for a table's written columns (JSON Lines names
 * them in every row; `types` follows a domain to its base type for it).
 */
export function tableRowWriter(
  source: ValueSource,
  tableIndex: number,
  encoding: RowEncoding,
  chunkSize: number,
  types?: TypeContext,
): RowWriter {
  if (encoding === 'csv') return createCsvRowWriter({ chunkSize });
  if (encoding === 'copy') return createCopyRowWriter({ chunkSize });
  const plan = source.plan.tables[tableIndex];
  const columns = (plan?.columns ?? []).filter((c) => c.written).map((c) => c.column);
  return createJsonLineWriter(columns, { chunkSize, ...(types === undefined ? {} : { ctx: types }) });
}

export interface TableRowsRequest {
  /** The table's index in the plan. */
  readonly tableIndex: number;
  /** Only the rows of the root that go to this partition (an index in `partitionRouter(...).partitions`). */
  readonly partition?: number;
  /** Only rows [start, end) (a parallel load's share of one table); default all. */
  readonly range?: RowRange;
  /** Called as rows are done, with their number (rows left to other partitions included) and their COPY text bytes. */
  readonly onRows?: (rows: number, bytes: number) => void;
  /** Default COPY text; CSV and JSON Lines never with `partition`. */
  readonly encoding?: RowEncoding;
}

/** A table's rows as COPY text (no `\.`; or as `encoding`), in row order. */
export type TableRows = (request: TableRowsRequest) => AsyncIterable<Uint8Array>;

/** The row groups of a table's Parquet file (rows `range`) made elsewhere, or undefined: made by the file's writer. */
export type ParquetGroupJobs = (
  tableIndex: number,
  range: RowRange,
  codec: ParquetCodecOptions,
) => GroupJobs | undefined;

/** The router of a partitioned table, made once per table and kept (it is asked once per partition). */
export function createRouterCache(source: ValueSource): (tableIndex: number) => PartitionRouter {
  const routers = new Map<number, PartitionRouter>();
  return (tableIndex) => {
    let router = routers.get(tableIndex);
    if (router === undefined) {
      const made = partitionRouter(source, tableIndex);
      if (made === null) throw new Error(`table ${tableIndex} has no partition router`);
      router = made;
      routers.set(tableIndex, router);
    }
    return router;
  };
}

/** Rows generated on the calling thread, as they are pulled (`types`: for JSON Lines). */
export function serialTableRows(source: ValueSource, types?: TypeContext): TableRows {
  const routerOf = createRouterCache(source);
  return ({ tableIndex, partition, onRows, range, encoding }) => {
    if (encoding !== undefined && encoding !== 'copy') {
      const writer = tableRowWriter(source, tableIndex, encoding, CHUNK_BYTES, types);
      return rowChunks(source, tableIndex, writer, range, onRows);
    }
    if (partition === undefined) return copyTextChunks(source, tableIndex, range, onRows);
    const router = routerOf(tableIndex);
    return copyTextChunks(source, tableIndex, range, onRows, (row) => router.route(row) === partition);
  };
}

/** A block of rows [start, end) of a table, or of the rows of it that go to one partition. */
export interface RowBlock {
  readonly tableIndex: number;
  readonly partition: number | null;
  readonly start: number;
  readonly end: number;
  /** Default COPY text. */
  readonly encoding?: RowEncoding;
}

/** Reused for every block: it grows to the largest block (~512 KiB) once. */
const BLOCK_BUFFER_BYTES = 512 * 1024;

/**
 * Blocks as COPY text (or their `encoding`), each in one exactly sized array
 * (transferable to another thread; `into(length)`'s when given), through a
 * writer per encoding (JSON Lines: per table) whose buffer is reused: a
 * generation worker's, or the calling thread's when it takes blocks too.
 * `types`: for JSON Lines.
 */
export function createBlockEncoder(
  source: ValueSource,
  types?: TypeContext,
): (block: RowBlock, into?: (length: number) => Uint8Array) => Uint8Array {
  const routerOf = createRouterCache(source);
  const writers = new Map<string, RowWriter>();
  return (block, into) => {
    const router = block.partition === null ? null : routerOf(block.tableIndex);
    const include = router === null ? undefined : (row: number) => router.route(row) === block.partition;
    const encoding = block.encoding ?? 'copy';
    const key = encoding === 'jsonl' ? `jsonl ${block.tableIndex}` : encoding;
    let writer = writers.get(key);
    if (writer === undefined) {
      writer = tableRowWriter(source, block.tableIndex, encoding, BLOCK_BUFFER_BYTES, types);
      writers.set(key, writer);
    }
    try {
      const range = { start: block.start, end: block.end };
      return copyTextBlock(source, block.tableIndex, range, writer, include, into);
    } catch (error) {
      writers.delete(key); // a row left half written must not start the next block
      throw error;
    }
  };
}
