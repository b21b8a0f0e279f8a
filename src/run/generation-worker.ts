/**
 * A row-generation worker thread (run by generation-pool.ts). It rebuilds the
 * value functions from the schema and plan it is sent (structured clones:
 * closures cannot cross threads), then encodes the row ranges it is asked
 * for as COPY text (or CSV, JSON Lines: the job says), each copied into one buffer of shared memory posted
 * back (not transferred: chunk-release.ts `fromSpares`): a buffer the calling thread sent back once it wrote
 * the block out when one is big enough, else a new one. It also takes an archive's deflate
 * jobs (archive/deflate-job.ts), so compression runs on the same threads.
 */
import { parentPort } from 'node:worker_threads';
import type { DeflateMessage } from '../archive/deflate-job.js';
import { createTypeLookup } from '../checks/type-resolution.js';
import { fromSpares, unshared } from '../encode/chunk-release.js';
import type { GroupEncoder, ParquetCodecOptions } from '../encode/parquet-table.js';
import { DatagenError } from '../errors.js';
import { createBlockEncoder, type RowEncoding } from '../format/table-rows.js';
import { createValueSource } from '../generate/value-source.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import { loadLocale } from '../values/semantic/load-locale.js';
import { deflateHere } from './deflate-here.js';
import { type GroupMetadata, groupReply } from './generation-worker-start.js';

export interface WorkerInit {
  readonly kind: 'init';
  readonly schema: Schema;
  readonly plan: GenerationPlan;
}

export interface WorkerJob {
  readonly kind: 'job';
  readonly id: number;
  readonly tableIndex: number;
  readonly partition: number | null;
  readonly start: number;
  readonly end: number;
  /** Default COPY text. */
  readonly encoding?: RowEncoding;
  /** Rows [start, end) as a Parquet row group of this codec instead (parquet-row-group.ts). */
  readonly parquet?: ParquetCodecOptions;
  /** Buffers of earlier blocks, written out and sent back for reuse (shared, or transferred). */
  readonly spares: readonly ArrayBufferLike[];
}

export type WorkerReply =
  /** Its value functions are built (or failed to be: the jobs' replies then say why): it takes jobs from now on. */
  | { readonly kind: 'ready' }
  /** The block: the first `length` bytes of `buffer` (shared, or transferred); for a row group, its metadata too. */
  | {
      readonly id: number;
      readonly buffer: ArrayBufferLike;
      readonly length: number;
      readonly group?: GroupMetadata;
    }
  | {
      readonly id: number;
      readonly error: {
        readonly message: string;
        readonly stack: string | null;
        readonly code: string | null;
        readonly data: Record<string, unknown> | null;
        readonly exitCode: number | null;
      };
    };

/** What a worker makes rows with: blocks of text, and row groups by table and codec. */
interface Encoders {
  readonly blocks: ReturnType<typeof createBlockEncoder>;
  readonly groups: (tableIndex: number, options: ParquetCodecOptions) => Promise<GroupEncoder>;
}

function describeError(error: unknown): Extract<WorkerReply, { error: unknown }>['error'] {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    message: e.message,
    stack: e.stack ?? null,
    code: error instanceof DatagenError ? error.code : null,
    data: error instanceof DatagenError ? (error.data as Record<string, unknown>) : null,
    exitCode: error instanceof DatagenError ? error.exitCode : null,
  };
}

/**
 * The collector, exposed by the calling thread before this worker started (archive/deflate-pool.ts
 * `exposeCollector`); none: V8 collects when it will. A deflate job's dead buffers (zlib's output, a
 * 1.1 MiB buffer for a 1 MiB chunk, copied into the framed one) are outside the JS heap, which a worker
 * that mostly deflates barely grows: V8 held tens of MiB of them before collecting. A scavenge after each
 * job frees them, as the deflate pool's own workers do.
 */
const collect = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc ?? null;

const port = parentPort;
if (port !== null) {
  const spares: ArrayBufferLike[] = [];
  // The plan's locale is loaded (an import) before the value functions are built; jobs wait for it.
  let encoder: Promise<Encoders> | null = null;
  const into = (length: number): Uint8Array => fromSpares(spares, length);
  port.on('message', (message: WorkerInit | WorkerJob | DeflateMessage) => {
    if (message.kind === 'deflate') {
      const { reply, transfer } = deflateHere(message);
      port.postMessage(reply, transfer);
      collect?.({ type: 'minor' });
      return;
    }
    if (message.kind === 'init') {
      encoder = loadLocale(message.plan.locale).then(() => {
        const source = createValueSource(message.schema, message.plan);
        const types = createTypeLookup(message.schema);
        // Parquet's writer loaded with the first row group (a run of another format keeps it out).
        let encoders: Promise<Encoders['groups']> | null = null;
        return {
          blocks: createBlockEncoder(source, types),
          groups: (tableIndex, options) => {
            encoders ??= import('../encode/parquet-table.js').then((m) => m.groupEncoders(source, types));
            return encoders.then((of) => of(tableIndex, options));
          },
        };
      });
      const ready = (): void => port.postMessage({ kind: 'ready' } satisfies WorkerReply);
      encoder.then(ready, ready);
      return;
    }
    spares.push(...message.spares);
    (encoder ?? Promise.reject(new Error('generation worker got a job before its plan')))
      .then(async ({ blocks, groups }) => {
        if (message.parquet !== undefined) {
          const encode = await groups(message.tableIndex, message.parquet);
          const reply = groupReply(message.id, encode(message.start, message.end - message.start));
          port.postMessage(reply satisfies WorkerReply, unshared([reply.buffer]));
          return;
        }
        const bytes = blocks(message, into);
        const buffer = bytes.buffer;
        port.postMessage(
          { id: message.id, buffer, length: bytes.length } satisfies WorkerReply,
          unshared([buffer]),
        );
      })
      .catch((error: unknown) => {
        port.postMessage({ id: message.id, error: describeError(error) } satisfies WorkerReply);
      });
  });
}
