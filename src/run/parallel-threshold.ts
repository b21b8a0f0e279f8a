/**
 * When a run's rows go to generation workers (generation-pool.ts): a table of
 * `MIN_PARALLEL_ROWS` rows or more, in a run whose such tables hold
 * `WORKER_START_ROWS` rows together. Below either, a worker's start costs
 * more than the rows it would take. And how many blocks a table keeps in
 * flight then.
 */
import type { GenerationPlan } from '../plan/plan-model.js';
import { poolWorkerCount } from './generation-worker-start.js';

/** Tables with fewer rows are generated on the calling thread. */
export const MIN_PARALLEL_ROWS = 20_000;

/**
 * Rows a run's tables of at least `MIN_PARALLEL_ROWS` rows must hold together
 * for it to start generation workers. A worker is ready 0.15-0.35 s of CPU
 * after the first block is queued (the plan's value functions built again),
 * then runs cold (its own JIT). Measured on the reference table at -j 2
 * (perf18, 2 loaded cores): the worker took 0-2 of 10 blocks at 20,000 rows,
 * 1-5 of 17 at 50,000, 4-12 of 26 at 100,000 and 24-25 of 44 at 200,000, for
 * 0.2-0.45 s more CPU than -j 1 (about 1.5 us a row): below this the calling
 * thread has made most rows by the time the worker is ready.
 */
export const WORKER_START_ROWS = 200_000;

/** Rows of the plan's tables of at least `minRows` rows (those the workers would take), together. */
export function rowsInBlocks(plan: GenerationPlan, minRows: number): number {
  let rows = 0;
  for (const table of plan.tables) if (table.rows >= Math.max(1, minRows)) rows += table.rows;
  return rows;
}

/**
 * Blocks a table stream keeps in flight (~512 KiB each): deep enough that
 * workers keep going while the writer waits its turn on a busy machine, and
 * that the calling thread finds a block to encode while a worker finishes the
 * one to write next. Counted from the threads that generate (the workers the
 * pool runs, at most the cores less one, and the calling thread), not from
 * `-j`: `-j 8` on 2 cores has the same 2 threads as `-j 2`, and kept 36
 * blocks in flight where 12 keep them as busy.
 */
export function blocksInFlight(workers: number, cores: number): number {
  return 4 * (poolWorkerCount(workers, cores) + 1) + 4;
}

/**
 * Parquet row groups a file keeps in flight: two per generating thread and
 * one more (a worker has its next group queued, the calling thread encodes
 * one while it waits). A group is ~1 MiB of values' text, its encoded bytes
 * and metadata held until written: the 12 of `blocksInFlight` at -j 2 held
 * 197-202 MiB peak RSS for 100 MB of ecommerce, 3 held 193-195.
 */
export function groupsInFlight(workers: number, cores: number): number {
  return 2 * (poolWorkerCount(workers, cores) + 1) + 1;
}
