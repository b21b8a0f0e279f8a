/**
 * A table's rows as blocks [a, b) handed on in row order (generation-pool.ts):
 * a bounded number in flight, so memory stays flat however many rows there
 * are; while the block to hand on next is not back, the calling thread
 * encodes one no worker has taken; blocks are sized from the first ones to
 * about `TARGET_BLOCK_BYTES` unless the caller fixed their rows.
 */
import type { TableRowsRequest } from '../format/table-rows.js';
import type { WorkerJob } from './generation-worker.js';

const TARGET_BLOCK_BYTES = 512 * 1024;
const FIRST_BLOCK_ROWS = 2048;
const MAX_BLOCK_ROWS = 65_536;

/** What the stream asks of the pool; `mine` collects the stream's jobs (so one given up early takes back those not started). */
export interface BlockQueue<J> {
  /** Queue a block. */
  submit(message: Omit<WorkerJob, 'kind' | 'id' | 'spares'>, mine: Set<J>): Promise<Uint8Array>;
  /** Encode one of `mine`'s blocks no worker has taken on the calling thread; false when there is none (or no token). */
  encodeHere(mine: Set<J>): boolean;
  /** Drop `mine`'s jobs not started. */
  drop(mine: Set<J>): void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Rows [first, rows) of the request's table, block by block in order, at most `maxInFlight` blocks queued or running. */
export async function* orderedBlocks<J>(
  queue: BlockQueue<J>,
  request: TableRowsRequest,
  span: {
    readonly first: number;
    readonly rows: number;
    readonly maxInFlight: number;
    readonly blockRows?: number;
  },
): AsyncGenerator<Uint8Array> {
  const { rows, maxInFlight } = span;
  const inFlight: { readonly bytes: Promise<Uint8Array>; readonly rows: number; done: boolean }[] = [];
  let blockRows = span.blockRows ?? FIRST_BLOCK_ROWS;
  let next = span.first;
  const mine = new Set<J>();
  try {
    while (next < rows || inFlight.length > 0) {
      while (next < rows && inFlight.length < maxInFlight) {
        const end = Math.min(rows, next + blockRows);
        const bytes = queue.submit(
          {
            tableIndex: request.tableIndex,
            partition: request.partition ?? null,
            start: next,
            end,
            ...(request.encoding === undefined ? {} : { encoding: request.encoding }),
          },
          mine,
        );
        const block = { bytes, rows: end - next, done: false };
        // Awaited below; a stream given up early leaves no unhandled rejection.
        bytes.then(
          () => (block.done = true),
          () => (block.done = true),
        );
        inFlight.push(block);
        next = end;
      }
      const block = inFlight.shift() as (typeof inFlight)[number];
      // Waiting for it: encode a block no worker has taken, then let the workers' replies in.
      while (!block.done && queue.encodeHere(mine)) await nextTurn();
      const bytes = await block.bytes;
      if (span.blockRows === undefined && bytes.length > 0) {
        const perRow = bytes.length / block.rows;
        blockRows = Math.max(64, Math.min(MAX_BLOCK_ROWS, Math.round(TARGET_BLOCK_BYTES / perRow)));
      }
      request.onRows?.(block.rows, bytes.length);
      if (bytes.length > 0) yield bytes;
    }
  } finally {
    // Given up early: its jobs not yet started are dropped (their promises are never awaited).
    queue.drop(mine);
  }
}
