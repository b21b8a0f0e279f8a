/**
 * Where a table's COPY text comes from, for every output (plain script,
 * archives, direct load): generated on this thread (`serialTableRows`), or on
 * worker threads (run/generation-pool.ts). Every value is a function of
 * (seed, table, column, row), so both give the same bytes; only the pieces
 * they are cut into differ, and no output depends on those.
 */
import { copyTextChunks } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import { type PartitionRouter, partitionRouter } from './partition-data.js';

export interface TableRowsRequest {
  /** The table's index in the plan. */
  readonly tableIndex: number;
  /** Only the rows of the root that go to this partition (an index in `partitionRouter(...).partitions`). */
  readonly partition?: number;
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
  return ({ tableIndex, partition, onRows }) => {
    if (partition === undefined) return copyTextChunks(source, tableIndex, undefined, onRows);
    const router = routerOf(tableIndex);
    return copyTextChunks(source, tableIndex, undefined, onRows, (row) => router.route(row) === partition);
  };
}
