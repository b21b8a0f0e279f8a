/**
 * A generation worker started before the plan is made: a worker spends its
 * first ~0.2 s (more on a busy machine) loading its modules (the engine,
 * faker's locale data), and that now overlaps the calling thread's schema
 * parsing, planning and row trial instead of holding back a run's first
 * blocks. The pool takes it as its first worker; a run that never needs one
 * (small tables, `-j 1`, an error first) has it stopped.
 */
import type { Worker } from 'node:worker_threads';
import { MIN_PARALLEL_ROWS, startGenerationWorker } from './generation-pool.js';

export interface WorkerHeadStart {
  /** The worker, once (null when none was started or it failed: the pool starts its own). */
  take(): Worker | null;
  /** Stop the worker if no pool took it. */
  close(): Promise<void>;
}

/** What a run asks for, read before its plan: the worker count and the row counts it names. */
export interface HeadStartRequest {
  readonly workers?: number;
  readonly defaultRows?: number;
  readonly tables?: Readonly<Record<string, number>>;
  readonly blockRows?: number;
  readonly size?: number;
}

/** A run that will likely hand blocks to a worker: more than one thread, and a table asked for at the pool's size. */
function likelyParallel(request: HeadStartRequest, cores: number): boolean {
  const workers = request.workers ?? cores;
  if (!Number.isInteger(workers) || workers < 2 || cores < 2 || request.size !== undefined) return false;
  if (request.blockRows !== undefined) return true;
  const asked = [request.defaultRows ?? 0, ...Object.values(request.tables ?? {})];
  return asked.some((rows) => rows >= MIN_PARALLEL_ROWS);
}

const none: WorkerHeadStart = { take: () => null, close: async () => undefined };

/** Start a generation worker now when the run will likely use one. */
export function startWorkerHeadStart(request: HeadStartRequest, cores: number): WorkerHeadStart {
  if (!likelyParallel(request, cores)) return none;
  let worker: Worker | null;
  try {
    worker = startGenerationWorker();
  } catch {
    return none; // the pool's own start reports it, if the run gets that far
  }
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  worker.unref();
  return {
    take() {
      const taken = failed ? null : worker;
      if (taken === null) void worker?.terminate();
      worker = null;
      return taken;
    },
    async close() {
      const left = worker;
      worker = null;
      await left?.terminate();
    },
  };
}
