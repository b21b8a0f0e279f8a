/**
 * The process's shared deflate workers (src/archive/deflate-pool.ts) kept for the rest of a test file once a
 * helper writes an archive: they stop 200 ms after their last lease ends, and a file's archives come further
 * apart than that (a psql load, a pg_restore between), so each custom archive started a worker thread again,
 * ~150 ms of CPU of a ~40 ms run (150 rows of 2 tables, 10 runs 400 ms apart: 193-219 -> 41-43 ms of CPU a run).
 * An idle lease holds them without taking a job; they stay unref'd, and deflate-pinned-release.ts (a setup
 * file) ends it after the file, so a file that never calls these helpers (deflate-pool-idle) sees the workers
 * stop as a run would.
 */
import { createDeflatePool, type DeflatePool } from '../../src/archive/deflate-pool.js';

let lease: DeflatePool | null = null;

/** Keep the deflate workers the next archive starts until the test file ends. */
export function pinDeflateWorkers(): void {
  lease ??= createDeflatePool(1);
}

/** End the file's lease (its workers stop when idle, as after a run). */
export async function releaseDeflateWorkers(): Promise<void> {
  const held = lease;
  lease = null;
  await held?.close();
}
