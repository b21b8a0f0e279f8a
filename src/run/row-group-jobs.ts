/**
 * A Parquet file's row groups of one table as jobs of the generation pool
 * (generation-pool.ts): queued for its workers as parquet-table.ts asks,
 * encoded on the calling thread while it waits for one, dropped when the
 * file is given up early.
 */
import type { GroupJobs, ParquetCodecOptions } from '../encode/parquet-table.js';
import type { WorkerJob, WorkerReply } from './generation-worker.js';
import { type GroupMetadata, groupReply } from './generation-worker-start.js';
import type { Job } from './worker-slots.js';

/** A block's reply (or a row group's). */
export type BlockReply = Extract<WorkerReply, { buffer: ArrayBufferLike }>;

/** The pool's steps a table's row groups take. */
export interface GroupQueue {
  /** Queue a job for `owner`; its reply as `made` makes it. */
  enqueue<T>(
    message: Omit<WorkerJob, 'kind' | 'id' | 'spares'>,
    owner: Set<Job>,
    made: (reply: BlockReply) => T,
  ): Promise<T>;
  /** Encode the last of `mine`'s jobs no worker has taken with `encode`, here; false when there is none. */
  encodeHere(mine: Set<Job>, encode: (message: Omit<WorkerJob, 'spares'>) => BlockReply): boolean;
  /** Drop `mine`'s jobs not yet started. */
  drop(mine: Set<Job>): void;
}

/** Row groups of the table `tableIndex` in `codec`, at most `maxInFlight` queued or running. */
export function rowGroupJobs(
  queue: GroupQueue,
  tableIndex: number,
  codec: ParquetCodecOptions,
  maxInFlight: number,
): GroupJobs {
  const mine = new Set<Job>();
  return {
    maxInFlight,
    submit: (start, rows) =>
      queue.enqueue(
        { tableIndex, partition: null, start, end: start + rows, parquet: codec },
        mine,
        (reply) => ({
          bytes: new Uint8Array(reply.buffer, 0, reply.length),
          ...(reply.group as GroupMetadata),
        }),
      ),
    encodeHere: (encode) =>
      queue.encodeHere(mine, (message) =>
        groupReply(message.id, encode(message.start, message.end - message.start)),
      ),
    drop: () => queue.drop(mine),
  };
}
