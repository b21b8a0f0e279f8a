/**
 * Where a table's COPY text comes from, for every output (plain script,
 * archives, direct load): generated on this thread (`serialTableRows`), or on
 * worker threads (run/generation-pool.ts). Every value is a function of
 * (seed, table, column, row), so both give the same bytes; only the pieces
 * they are cut into differ, and no output depends on those.
 */
import { createCopyRowWriter } from '../encode/copy-text.js';
import type { RowWriter } from '../encode/row-writer.js';
import { copyTextBlock, copyTextChunks, type RowRange } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import { type PartitionRouter, partitionRouter } from './partition-data.js';

export interface TableRowsRequest {
  /** The table's index in the plan. */
  readonly tableIndex: number;
  /** Only the rows of the root that go to this partition (an index in `partitionRouter(...).partitions`). */
  readonly partition?: number;
  /** Only rows [start, end) (a parallel load's share of one table); default all. */
  readonly range?: RowRange;
  /** Called as rows are done, with their number (rows left to other partitions included) and their COPY text bytes. */
  readonly onRows?: (rows: number, bytes: number) => void;
}

/** A table's rows as COPY text (no `\.`), in row order. */
export type TableRows = (request: TableRowsRequest) => AsyncIterable<Uint8Array>;

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

/** Rows generated on the calling thread, as they are pulled. */
export function serialTableRows(source: ValueSource): TableRows {
  const routerOf = createRouterCache(source);
  return ({ tableIndex, partition, onRows, range }) => {
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
}

/** Reused for every block: it grows to the largest block (~512 KiB) once. */
const BLOCK_BUFFER_BYTES = 512 * 1024;

/**
 * Blocks as COPY text, each in one exactly sized array (transferable to
 * another thread; `into(length)`'s when given), through one writer whose buffer is reused: a generation
 * worker's, or the calling thread's when it takes blocks too.
 */
export function createBlockEncoder(
  source: ValueSource,
): (block: RowBlock, into?: (length: number) => Uint8Array) => Uint8Array {
  const routerOf = createRouterCache(source);
  let writer: RowWriter | null = null;
  return (block, into) => {
    const router = block.partition === null ? null : routerOf(block.tableIndex);
    const include = router === null ? undefined : (row: number) => router.route(row) === block.partition;
    writer ??= createCopyRowWriter({ chunkSize: BLOCK_BUFFER_BYTES });
    try {
      const range = { start: block.start, end: block.end };
      return copyTextBlock(source, block.tableIndex, range, writer, include, into);
    } catch (error) {
      writer = null; // a row left half written must not start the next block
      throw error;
    }
  };
}
