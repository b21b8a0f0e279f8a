/**
 * Worker threads that deflate independent chunks: each chunk is raw-deflated
 * with a sync flush, so its output ends on a byte boundary and chunks can be
 * concatenated into one stream (see payload-stream.ts). Its checksum (Adler-32
 * in WebAssembly SIMD, or zlib's CRC-32) and, for the custom format, its
 * length-prefixed framing are done on the same thread, so the main thread
 * only passes buffers along.
 *
 * The workers are shared by every archive written in the process and started
 * once: starting a worker costs ~15 ms of CPU, as much as compressing 4 MiB at
 * level 1. Each writer takes a lease that caps how many of its chunks run at
 * once (its `workers` option). Idle workers are unref'd, so they never keep
 * the process alive. Buffers are transferred both ways, never copied.
 *
 * The worker is evaluated from source text so it runs the same way from the
 * TypeScript sources (vitest), from dist/ and from a bench script, without a
 * separate file to ship or a loader to configure.
 */
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { ADLER32_WASM_BASE64, createSimdAdler32 } from './adler32-simd.js';
import { adler32 } from './checksum.js';
import { deflateRawInto } from './deflate-into.js';
import {
  type DeflateMessage,
  type DeflateReply,
  frameDeflated,
  jobMessage,
  resultOf,
  runDeflateJob,
} from './deflate-job.js';
import { APPLY_SHARED_GROWTH_FACTOR_SOURCE } from './growth-factor-share.js';
import type { ThreadBudget } from './thread-budget.js';
import { startWorkerThread, stopWorker } from './worker-thread.js';

export type ChecksumKind = 'adler32' | 'crc32';

export interface DeflateJob {
  /** Posted to the worker (shared memory; copied if not): do not touch it until its result is back. */
  readonly input: Uint8Array;
  readonly level: number;
  /** zlib's memLevel; absent: zlib's default (8). */
  readonly memLevel?: number;
  /** The previous chunk's last 32 KiB: lets matches reach back across the chunk boundary. */
  readonly dictionary: Uint8Array | null;
  readonly checksum: ChecksumKind;
  /** Bytes that go before the compressed data (a stream header), inside the framing. */
  readonly prefix: Uint8Array | null;
  /** Cut prefix + data into pg_dump's length-prefixed chunks of at most this many bytes; 0: leave unframed. */
  readonly frameSize: number;
  /** An earlier output's buffer to frame this one into (shared, posted: do not touch it afterwards). */
  readonly spare?: ArrayBufferLike | null;
}

export interface DeflateResult {
  /** prefix + raw deflate data ending with a sync flush (not final), framed when asked. */
  readonly output: Uint8Array;
  /** Stream bytes in `output` (prefix + deflate data), not counting frame lengths. */
  readonly streamBytes: number;
  /** Checksum of the input alone. */
  readonly checksum: number;
  readonly inputLength: number;
  /** The job's input, posted back for reuse when it was a whole shared buffer (else null). */
  readonly input: Uint8Array | null;
}

/**
 * Another pool's threads that take deflate jobs too (the run's generation
 * workers): compression then runs on the run's one set of threads, which
 * hold the budget's tokens themselves, instead of on threads of its own.
 */
export interface DeflateThreads {
  /** Run `message` on one of them (its id is theirs to give); resolves with the reply. */
  deflate(message: Omit<DeflateMessage, 'id'>, transfer: ArrayBuffer[]): Promise<DeflateReply>;
  /** Run one of the jobs none of them has taken yet on the calling thread; false when there is none. */
  runWaiting?(): boolean;
}

export interface DeflatePool {
  /** Chunks of this lease compressing at once. */
  readonly size: number;
  deflate(job: DeflateJob): Promise<DeflateResult>;
  /** Run one of this pool's jobs no thread has taken yet on the calling thread, where it can; false when none was run. */
  runWaiting?(): boolean;
  /** End the lease (the shared workers stay, idle and unref'd, for `IDLE_MS` after the last lease ends). */
  close(): Promise<void>;
}

const WORKER_SOURCE = `
${APPLY_SHARED_GROWTH_FACTOR_SOURCE}
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
${adler32.toString()}
${createSimdAdler32.toString()}
const simdAdler32 = createSimdAdler32(${JSON.stringify(ADLER32_WASM_BASE64)});
const adler32Of = (input) => (simdAdler32 ? simdAdler32(input, 1) : adler32(input, 1));
${frameDeflated.toString()}
${deflateRawInto.toString()}
${runDeflateJob.toString()}
// This thread's deflate output buffer, kept from job to job (deflate-into.ts).
const scratch = { out: null };
const deflateRaw = (input, options) => deflateRawInto(input, options, zlib, scratch);
// The collector, where the parent exposed it (see exposeCollector); none: V8 collects when it will.
const collect = typeof gc === 'function' ? gc : null;
parentPort.on('message', (job) => {
  const { reply, transfer } = runDeflateJob(job, zlib, adler32Of, deflateRaw);
  parentPort.postMessage(reply, transfer);
  // A job's dead buffers (zlib's output, copied into the framed one) are outside the JS heap, which barely
  // grows here: V8 would hold tens of MiB of them before collecting. A scavenge after each job frees them.
  if (collect !== null) collect({ type: 'minor' });
});
`;

/**
 * `gc` in the contexts made from now on (the deflate workers' scavenge after
 * each job, and the generation workers' after a deflate job): a V8 flag,
 * process-wide, set once before the first worker starts. This thread's own context was made before it, so it has no `gc`.
 */
let collectorExposed = false;
export function exposeCollector(): void {
  if (collectorExposed) return;
  collectorExposed = true;
  setFlagsFromString('--expose-gc');
}

interface Pending {
  readonly message: DeflateJob;
  resolve(result: DeflateResult): void;
  reject(error: Error): void;
}

type WorkerReply = DeflateReply;

function isWorkerReply(value: unknown): value is WorkerReply {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number';
}

/** Jobs sent to one worker at once: the next one waits in its port, so it never idles during a round trip. */
const DEPTH = 2;

/**
 * How long the workers outlive their last lease: runs one after the other
 * (`--size`'s sample runs, then the run itself) reuse them, but a run that
 * compresses on its generation workers does not keep idle ones (~20 MiB
 * each: the template's archive at `--size 300MB -j 2` peaked at 215 MiB
 * with the samples' two beside its own).
 */
const IDLE_MS = 200;

interface Slot {
  readonly worker: Worker;
  readonly jobs: Map<number, Pending>;
}

interface SharedWorkers {
  /** Send `job` to an idle one of the first `limit` workers (starting it if needed), else the least busy with room. */
  trySend(limit: number, job: Pending): boolean;
  /** A lease begins (the workers stay) or ends (with none left and no job out, the workers stop after `IDLE_MS`). */
  lease(delta: 1 | -1): void;
  /** Called after every reply (room may have opened). */
  readonly listeners: Set<() => void>;
  terminate(): Promise<void>;
}

/** A deflate worker thread, the collector exposed to it. */
function startDeflateThread(): Worker {
  // The source is CommonJS: a parent run with --input-type=module must not pass that on.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  exposeCollector();
  return startWorkerThread(WORKER_SOURCE, { eval: true, execArgv });
}

/** The least busy of the first `limit` slots with room for a job (the first of equals), or null. */
function leastBusy(slots: readonly Slot[], limit: number): Slot | null {
  let best: Slot | null = null;
  for (let i = 0; i < Math.min(limit, slots.length); i++) {
    const slot = slots[i]!;
    if (slot.jobs.size < DEPTH && (best === null || slot.jobs.size < best.jobs.size)) best = slot;
  }
  return best;
}

function createSharedWorkers(onBroken: () => void): SharedWorkers {
  const slots: Slot[] = [];
  const listeners = new Set<() => void>();
  let nextId = 1;
  let failure: Error | null = null;
  let leases = 0;
  let idle: NodeJS.Timeout | null = null;
  const stopIdle = (): void => {
    if (idle !== null) clearTimeout(idle);
    idle = null;
  };
  /** With no lease and no job out, stop the workers soon (the next lease starts new ones). */
  const retireWhenIdle = (): void => {
    stopIdle();
    if (leases > 0 || slots.length === 0 || slots.some((slot) => slot.jobs.size > 0)) return;
    idle = setTimeout(() => {
      idle = null;
      if (leases === 0 && slots.every((slot) => slot.jobs.size === 0)) void terminate();
    }, IDLE_MS);
    idle.unref();
  };

  // A crashed worker poisons the set: fail every job in it, and let the next lease start afresh.
  const fail = (error: Error): void => {
    if (failure !== null) return;
    failure = error;
    onBroken();
    for (const slot of slots) {
      for (const job of slot.jobs.values()) job.reject(error);
      slot.jobs.clear();
      void slot.worker.terminate();
    }
    for (const listener of listeners) listener();
  };

  const start = (): Slot => {
    const worker = startDeflateThread();
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (reply: unknown) => {
      if (!isWorkerReply(reply)) return;
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      if (slot.jobs.size === 0) worker.unref();
      if (job !== undefined) {
        try {
          job.resolve(resultOf(reply));
        } catch (error) {
          job.reject(error as Error);
        }
      }
      for (const listener of listeners) listener();
      retireWhenIdle();
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (failure === null) fail(new Error(`deflate worker exited with code ${code}`));
    });
    // After the listeners: attaching a 'message' listener refs the worker again,
    // so an idle worker unref'd before it would keep the process alive forever.
    worker.unref();
    slots.push(slot);
    return slot;
  };

  async function terminate(): Promise<void> {
    stopIdle();
    fail(new Error('deflate workers terminated'));
    await Promise.all(slots.map((slot) => stopWorker(slot.worker)));
  }

  return {
    listeners,
    lease(delta) {
      leases += delta;
      retireWhenIdle();
    },
    trySend(limit, job) {
      if (failure !== null) {
        job.reject(failure);
        return true;
      }
      let best = leastBusy(slots, limit);
      // Start workers as jobs need them (up to the lease's limit), not all up front:
      // `-j 64` on a one-chunk archive starts one worker, not 64.
      if ((best === null || best.jobs.size > 0) && slots.length < limit) best = start();
      if (best === null) return false;
      const id = nextId++;
      const { message, transfer } = jobMessage(job.message);
      // A job in progress keeps the process alive until its reply.
      if (best.jobs.size === 0) best.worker.ref();
      best.jobs.set(id, job);
      best.worker.postMessage({ ...message, id }, transfer);
      return true;
    },
    terminate,
  };
}

let shared: SharedWorkers | null = null;

function sharedWorkers(): SharedWorkers {
  if (shared === null) {
    const created = createSharedWorkers(() => {
      if (shared === created) shared = null;
    });
    shared = created;
  }
  return shared;
}

/**
 * Lease the process's deflate workers: this lease's chunks run on the first
 * `size` of them (started on first need), so `size` is how many cores it
 * uses; with a `budget`, each chunk also holds one of the run's tokens while
 * on a worker. With `threads`, the chunks run on those instead (which take
 * tokens themselves). Call `close()` when done.
 */
export function createDeflatePool(
  size: number,
  budget?: ThreadBudget,
  threads?: DeflateThreads,
): DeflatePool {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`deflate pool size must be >= 1, got ${size}`);
  if (threads !== undefined) return threadsPool(size, threads);
  const workers = sharedWorkers();
  workers.lease(1);
  const waiting: Pending[] = [];
  /** Jobs that hold a budget token (sent to a worker): the token goes back with their reply. */
  const holding = new Set<Pending>();
  const pump = (): void => {
    while (waiting.length > 0) {
      const job = waiting[0]!;
      if (budget !== undefined) {
        if (!budget.tryAcquire()) return;
        holding.add(job);
      }
      if (!workers.trySend(size, job)) {
        holding.delete(job);
        budget?.unuse();
        return;
      }
      waiting.shift();
    }
  };
  const giveBack = (job: Pending): void => {
    if (holding.delete(job)) budget?.release();
  };
  workers.listeners.add(pump);
  const unlisten = budget?.listen(pump);
  let closed = false;

  return {
    size,
    deflate(job) {
      return new Promise<DeflateResult>((resolve, reject) => {
        if (budget === undefined) waiting.push({ message: job, resolve, reject });
        else {
          const pending: Pending = {
            message: job,
            resolve: (r) => {
              giveBack(pending);
              resolve(r);
            },
            reject: (e) => {
              giveBack(pending);
              reject(e);
            },
          };
          waiting.push(pending);
        }
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      workers.listeners.delete(pump);
      unlisten?.();
      const error = new Error('deflate pool closed');
      for (const job of waiting.splice(0)) job.reject(error);
      workers.lease(-1);
    },
  };
}

/** Stop the shared deflate workers (they are unref'd, so this is only needed to free them early). */
export async function terminateDeflateWorkers(): Promise<void> {
  await shared?.terminate();
}

/** Chunks deflated on another pool's threads (`DeflateThreads`). */
function threadsPool(size: number, threads: DeflateThreads): DeflatePool {
  let closed = false;
  return {
    size,
    ...(threads.runWaiting === undefined ? {} : { runWaiting: () => threads.runWaiting?.() === true }),
    async deflate(job) {
      if (closed) throw new Error('deflate pool closed');
      const { message, transfer } = jobMessage(job);
      return resultOf(await threads.deflate(message, transfer));
    },
    async close() {
      closed = true;
    },
  };
}
