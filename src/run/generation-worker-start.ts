/**
 * Starting a generation worker (generation-worker.ts), and how many a pool
 * starts: shared by the pool and by the head start that starts its first
 * workers before the plan is made (worker-head-start.ts).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { APPLY_SHARED_GROWTH_FACTOR_SOURCE, exposeCollector, startWorkerThread } from '../archive/index.js';
import type { EncodedGroup } from '../encode/parquet-row-group.js';
import { DatagenError, type ErrorCode } from '../errors.js';
import type { WorkerReply } from './generation-worker.js';

/**
 * A worker's garbage is short-lived row strings: a small young generation
 * collects it as well and keeps each worker's memory (and the run's peak
 * RSS) down. The old generation's ceiling is far above what a worker holds
 * (the schema, plan and dictionaries: ~10 MiB for TPC-H), but a heap with a
 * ceiling under about 1 GiB is grown by V8 in smaller steps: the promoted
 * garbage is collected at ~2x the live size, not ~4x (TPC-H at SF 0.3 with
 * -j 2: old generations peaked at 40 MiB each, 18-22 MiB with it; peak RSS
 * 211 -> 176 MiB).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };

/**
 * A worker's new space starts at its most (semi-spaces of 4 MiB, within the
 * limit above), where V8 would start it at 1 MiB: the calling thread holds
 * the process's growth factor at 1 once its own new space is at its cap
 * (archive/young-generation.ts), so a worker's never grew. A Parquet row
 * group's column values live through their chunk's encoding and survived
 * every scavenge of a 1 MiB space: a worker ran 4x the scavenges of the
 * calling thread and Parquet at -j 2 took 1.38x the CPU of -j 1 (ecommerce
 * --scale 40: 5.24 s against 3.80; 4.31 with this). `--min-semi-space-size`
 * is read when an isolate's heap is made (the calling thread's is made);
 * one given to Node is left as given.
 */
function startingNewSpace(): void {
  const options = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!/semi[-_]space[-_]size/.test(options)) setFlagsFromString('--min-semi-space-size=4');
}

/**
 * The workers a pool of `workers` generating threads starts: one fewer (the
 * calling thread generates too), at most the cores less one, at least one.
 */
export function poolWorkerCount(workers: number, cores: number): number {
  return Math.max(1, Math.min(workers - 1, cores - 1));
}

/**
 * A new worker running generation-worker: the built bundle (through its code cache:
 * generation-worker-launch.ts), or, when this
 * file runs from its TypeScript source (vitest), the source through tsx's
 * loader (registered inside the worker: Node 20 does not pass `--import` on).
 */
export function startGenerationWorker(): Worker {
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  startingNewSpace();
  // Its scavenge after a deflate job (generation-worker.ts).
  exposeCollector();
  // The calling thread's new-space growth factor set again first (growth-factor-share.ts), before the
  // bundle is read and compiled (its first statement ran 0.1-1 s after the isolate set the factor to 2).
  const first = APPLY_SHARED_GROWTH_FACTOR_SOURCE;
  if (!import.meta.url.endsWith('.ts')) {
    // CommonJS (generation-worker-launch.ts): an import() would first load Node's ES module loader in the worker.
    const entry = fileURLToPath(new URL('./generation-worker.cjs', import.meta.url));
    const code = `${first}\nrequire(${JSON.stringify(entry)});`;
    return startWorkerThread(code, { eval: true, execArgv, resourceLimits });
  }
  // tsx's ESM API (its `./esm/api` import export): the CommonJS one cannot register from here.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')).href;
  const api = new URL('./dist/esm/api/index.mjs', tsx).href;
  const entry = new URL('./generation-worker.ts', import.meta.url).href;
  const code = `${first}\nimport(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return startWorkerThread(code, { eval: true, execArgv, resourceLimits });
}

/** A worker's reply that its job failed. */
export type GenerationError = Extract<WorkerReply, { error: unknown }>;

/** A failed job's error as the worker threw it: a DatagenError keeps its code, data and exit status. */
export function replyError(reply: GenerationError): Error {
  const e = reply.error;
  const error =
    e.code === null
      ? new Error(e.message)
      : new DatagenError(e.code as ErrorCode, e.message, e.data ?? {}, { exitCode: e.exitCode ?? 1 });
  if (e.stack !== null) error.stack = e.stack;
  return error;
}

/** A row group's metadata, sent with its bytes. */
export type GroupMetadata = Omit<EncodedGroup, 'bytes'>;

/** The reply of a row group job: its bytes (an array of their own, shared: posted, not transferred) and metadata. */
export function groupReply(
  id: number,
  group: EncodedGroup,
): Extract<WorkerReply, { buffer: ArrayBufferLike }> {
  const { bytes, ...metadata } = group;
  return { id, buffer: bytes.buffer, length: bytes.length, group: metadata };
}
