/**
 * The generation pool's workers, each in a slot: its thread, whether it has
 * its value functions yet (`ready`), and the jobs sent to it and not yet
 * answered, which it answers in the order sent. generation-pool.ts queues the
 * jobs and hands each to the slot `slotForNextJob` picks.
 */
import type { Worker } from 'node:worker_threads';
import type { DeflateMessage, DeflateReply, ThreadBudget } from '../archive/index.js';
import { hasExited } from '../archive/index.js';
import { unshared } from '../encode/chunk-release.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './generation-worker.js';
import { startGenerationWorker } from './generation-worker-start.js';

export interface Job {
  /** A block (less the spare buffers, which go with it when it is sent), or a deflate job. */
  readonly message: Omit<WorkerJob, 'spares'> | DeflateMessage;
  /** Buffers the message transfers. */
  readonly transfer: readonly ArrayBuffer[];
  settle(reply: WorkerReply | DeflateReply): void;
  reject(error: Error): void;
}

export interface Slot {
  readonly worker: Worker;
  /** It has its value functions (its `ready` reply): jobs go only to ready workers. */
  ready: boolean;
  /** Jobs sent and not yet answered, oldest first (a worker answers in the order it is sent them). */
  readonly jobs: Job[];
}

/**
 * Jobs a worker is sent ahead: its next block is waiting in its port when it
 * finishes one, so it never idles while the calling thread, busy with a block
 * of its own, a write or an archive chunk's deflate (~11 ms at level 1, 27 at
 * 6: generation-pool.ts `deflateHere`), has not yet read its reply. A worker
 * holds one token of the budget however many jobs it has queued: it is one
 * busy thread. (At 2, a worker ran dry while the calling thread deflated:
 * `-F c -Z 1 -j 2`, 1M reference rows, the calling thread's CPU 1.66 s
 * against the worker's 1.19-1.28; at 4, 1.40-1.43 against 1.46-1.48.)
 */
const WORKER_QUEUE_DEPTH = 4;

/**
 * Spares sent with one job: one, as a block takes one buffer (a worker drops
 * a spare too small for its block). Two a job grew the worker's store by
 * one a job while this thread made its own blocks in new buffers: 26 MiB
 * after 400 jobs, 279-296 MiB peak RSS for a 1 GB file at -j 2.
 */
const SPARES_PER_JOB = 1;

/** What a slot's worker tells the pool: a reply (its `ready` or a job's), an error, its exit. */
export interface SlotEvents {
  answered(reply: WorkerReply | DeflateReply): void;
  failed(error: Error): void;
  exited(code: number): void;
}

/** A slot for a worker started before the plan (unless it has exited since), else a new one, sent the schema and plan. */
export function startSlot(
  early: Worker | null,
  schema: Schema,
  plan: GenerationPlan,
  events: SlotEvents,
): Slot {
  const worker = early !== null && !hasExited(early) ? early : startGenerationWorker();
  const slot: Slot = { worker, ready: false, jobs: [] };
  worker.postMessage({ kind: 'init', schema, plan } satisfies WorkerInit);
  worker.on('message', (reply: WorkerReply | DeflateReply) => events.answered(reply));
  worker.on('error', (error) => events.failed(error));
  worker.on('exit', (code) => events.exited(code));
  // Referenced until ready: a job may be waiting for it (a deflate job the calling thread cannot run), and
  // the process must not end for want of anything else to wait on. Once ready, only while it has jobs.
  worker.ref();
  return slot;
}

/** An idle ready worker to take the next job (a token taken for it), else a busy worker with room in its queue, else undefined. */
export function slotForNextJob(slots: readonly Slot[], budget: ThreadBudget): Slot | undefined {
  const slot = slots.find((s) => s.ready && s.jobs.length === 0);
  if (slot !== undefined && budget.tryAcquire()) return slot;
  return slots.find((s) => s.jobs.length > 0 && s.jobs.length < WORKER_QUEUE_DEPTH);
}

/** Send a job to a slot's worker: a block with a spare buffer to write into, a deflate job with its input. */
export function sendJob(slot: Slot, job: Job, spares: ArrayBufferLike[]): void {
  slot.jobs.push(job);
  slot.worker.ref();
  if (job.message.kind === 'deflate') slot.worker.postMessage(job.message, [...job.transfer]);
  else {
    // A row group is made in an array of its own: no spare goes with it.
    const sent = job.message.parquet === undefined ? spares.splice(0, SPARES_PER_JOB) : [];
    slot.worker.postMessage({ ...job.message, spares: sent } satisfies WorkerJob, unshared(sent));
  }
}

/** A worker's `ready`: it takes jobs now, and keeps the process alive only while it has some. */
export function setReady(slot: Slot): void {
  slot.ready = true;
  if (slot.jobs.length === 0) slot.worker.unref();
}

/** The job a reply answers, taken off its slot (its worker unreferenced and its token released when it has no other); undefined if none. */
export function takeAnswered(slot: Slot, id: number, budget: ThreadBudget): Job | undefined {
  const at = slot.jobs.findIndex((job) => job.message.id === id);
  if (at < 0) return undefined;
  const [job] = slot.jobs.splice(at, 1) as [Job];
  if (slot.jobs.length === 0) {
    slot.worker.unref();
    budget.release();
  }
  return job;
}

/** The slots' state, for a stalled pool's error. */
export function slotsText(slots: readonly Slot[]): string {
  const each = slots.map(
    (slot) => `{ready: ${slot.ready}, jobs: ${slot.jobs.length}, exited: ${hasExited(slot.worker)}}`,
  );
  return each.join(', ') || 'none';
}
