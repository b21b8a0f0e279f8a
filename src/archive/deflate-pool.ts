/**
 * A pool of worker threads that deflate independent chunks: each chunk is
 * raw-deflated with a sync flush, so its output ends on a byte boundary and
 * chunks can be concatenated into one stream (see parallel-deflate.ts), and
 * its checksum (Adler-32 or CRC-32) is computed on the same thread.
 *
 * The worker is evaluated from source text so it runs the same way from the
 * TypeScript sources (vitest), from dist/ and from a bench script, without a
 * separate file to ship or a loader to configure.
 */
import { Worker } from 'node:worker_threads';

export type ChecksumKind = 'adler32' | 'crc32';

export interface DeflateJob {
  readonly input: Uint8Array;
  readonly level: number;
  /** The previous chunk's last 32 KiB: lets matches reach back across the chunk boundary. */
  readonly dictionary: Uint8Array | null;
  readonly checksum: ChecksumKind;
}

export interface DeflateResult {
  /** Raw deflate data ending with a sync flush (an empty stored block), not final. */
  readonly body: Uint8Array;
  readonly checksum: number;
  readonly inputLength: number;
}

export interface DeflatePool {
  readonly size: number;
  /** Queue a chunk. The input's buffer is transferred to the worker: do not touch it afterwards. */
  deflate(job: DeflateJob): Promise<DeflateResult>;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
function adler32(bytes) {
  let a = 1, b = 0, i = 0;
  const n = bytes.length;
  while (i < n) {
    const end = Math.min(i + 5552, n);
    for (; i < end; i++) { a += bytes[i]; b += a; }
    a %= 65521; b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
parentPort.on('message', (job) => {
  try {
    const options = { level: job.level, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    if (job.dictionary) options.dictionary = job.dictionary;
    const body = zlib.deflateRawSync(job.input, options);
    const checksum = job.checksum === 'adler32' ? adler32(job.input) : zlib.crc32(job.input) >>> 0;
    parentPort.postMessage({ id: job.id, body, checksum, inputLength: job.input.length });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.stack) || error) });
  }
});
`;

interface Pending {
  readonly message: DeflateJob & { readonly id: number };
  resolve(result: DeflateResult): void;
  reject(error: Error): void;
}

interface WorkerReply {
  readonly id: number;
  readonly body?: Uint8Array;
  readonly checksum?: number;
  readonly inputLength?: number;
  readonly error?: string;
}

function isWorkerReply(value: unknown): value is WorkerReply {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number';
}

/** Start `size` deflate workers. Call `close()` when done (they keep the process alive otherwise). */
export function createDeflatePool(size: number): DeflatePool {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`deflate pool size must be >= 1, got ${size}`);
  const queue: Pending[] = [];
  const running = new Map<number, Pending>();
  const idle: Worker[] = [];
  const busy = new Map<Worker, number>();
  let nextId = 1;
  let failure: Error | null = null;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      running.set(job.message.id, job);
      busy.set(worker, job.message.id);
      const input = job.message.input;
      // Transfer only buffers we own whole; a view into a larger buffer is copied.
      const transfer =
        input.byteOffset === 0 &&
        input.byteLength === input.buffer.byteLength &&
        input.buffer instanceof ArrayBuffer
          ? [input.buffer]
          : [];
      worker.postMessage(job.message, transfer);
    }
  };

  const failAll = (error: Error): void => {
    failure = error;
    for (const job of [...queue, ...running.values()]) job.reject(error);
    queue.length = 0;
    running.clear();
  };

  const workers: Worker[] = [];
  for (let i = 0; i < size; i++) {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', (reply: unknown) => {
      if (!isWorkerReply(reply)) return;
      const job = running.get(reply.id);
      busy.delete(worker);
      idle.push(worker);
      if (job !== undefined) {
        running.delete(reply.id);
        if (reply.error !== undefined || reply.body === undefined) {
          job.reject(new Error(`deflate worker failed: ${reply.error ?? 'no output'}`));
        } else {
          job.resolve({
            body: reply.body,
            checksum: reply.checksum ?? 0,
            inputLength: reply.inputLength ?? 0,
          });
        }
      }
      dispatch();
    });
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => {
      if (busy.has(worker)) failAll(new Error(`deflate worker exited with code ${code} during a job`));
    });
    workers.push(worker);
    idle.push(worker);
  }

  return {
    size,
    deflate(job) {
      if (failure !== null) return Promise.reject(failure);
      return new Promise<DeflateResult>((resolve, reject) => {
        queue.push({ message: { ...job, id: nextId++ }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      busy.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
