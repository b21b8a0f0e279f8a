/**
 * Generation workers started before the plan is made: a worker spends its
 * first ~0.2 s (more on a busy machine) loading its modules (the engine,
 * faker's locale data), and that now overlaps the calling thread's schema
 * parsing, planning and row trial instead of holding back a run's first
 * blocks. As many start as the pool will run (`-j` less one, at most the
 * cores less one: the calling thread generates too); the
 * pool takes them as its first workers; a run that never needs them (small
 * tables, `-j 1`, an error first) has them stopped. Every format's rows
 * go through the pool (Parquet's row groups too), so the format does not
 * decide.
 */
import type { Worker } from 'node:worker_threads';
import { stopWorker } from '../archive/index.js';
import { poolWorkerCount, startGenerationWorker } from './generation-worker-start.js';
import { WORKER_START_ROWS } from './parallel-threshold.js';

export interface WorkerHeadStart {
  /** The next worker not yet taken (null when none is left or it failed: the pool starts its own). */
  take(): Worker | null;
  /** Stop the workers no pool took. */
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

/** A run that will likely hand blocks to a worker: more than one thread, and a table asked for at the size from which the pool starts workers. */
function likelyParallel(request: HeadStartRequest, cores: number): boolean {
  const workers = request.workers ?? cores;
  if (!Number.isInteger(workers) || workers < 2 || cores < 2 || request.size !== undefined) return false;
  if (request.blockRows !== undefined) return true;
  const asked = [request.defaultRows ?? 0, ...Object.values(request.tables ?? {})];
  return asked.some((rows) => rows >= WORKER_START_ROWS);
}

const none: WorkerHeadStart = { take: () => null, close: async () => undefined };

/** Start the generation workers now when the run will likely use them (as many as the pool's: `poolWorkerCount`). */
export function startWorkerHeadStart(request: HeadStartRequest, cores: number): WorkerHeadStart {
  if (!likelyParallel(request, cores)) return none;
  const count = poolWorkerCount(request.workers ?? cores, cores);
  const waiting: { worker: Worker; failed: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    let worker: Worker;
    try {
      worker = startGenerationWorker();
    } catch {
      break; // the pool's own start reports it, if the run gets that far
    }
    const started = { worker, failed: false };
    // Failed or gone before the pool takes it: the pool would attach its listeners too late to hear of it.
    worker.on('error', () => {
      started.failed = true;
    });
    worker.on('exit', () => {
      started.failed = true;
    });
    worker.unref();
    waiting.push(started);
  }
  return {
    take() {
      for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
        if (!next.failed) return next.worker;
        void next.worker.terminate();
      }
      return null;
    },
    async close() {
      await Promise.all(waiting.splice(0).map((w) => stopWorker(w.worker)));
    },
  };
}
