/**
 * The new-space growth factor the calling thread holds (young-generation.ts),
 * shared with the workers it starts so each sets it again as its first act.
 *
 * V8 sets the process's `--semi-space-growth-factor` back to 2 when it makes
 * an isolate (a worker starting) and finds it below 2. The calling thread set
 * it again only once the worker's 'online' event ran, which waits for the
 * calling thread's event loop: a long synchronous stretch (planning a big
 * run, a table's fan-out laid out over 2.2M parents) ran with the factor at
 * 2 and grew the calling thread's new space 16 -> 32 MiB for the rest of the
 * run (examples/shop.sql's plain script at 20M rows: new space 32 MiB from
 * the 5th second, against 16 at 1M rows). So a worker's first statement, on
 * its own thread, sets the held factor again.
 *
 * That first statement still comes after Node's bootstrap of the worker
 * (10-30 ms on an idle machine, up to 2 s under load 20), so the calling
 * thread also sets the factor at each of its timer's checks while a worker
 * it started has not yet run it (`workersBooting`).
 *
 * The factor travels in a SharedArrayBuffer given to every worker through
 * `setEnvironmentData` (cloned into each new worker, the memory shared): 0
 * while no run holds the factor (the worker leaves V8's as it is); beside it,
 * how many workers have run their first statement.
 */
import { getEnvironmentData, isMainThread, setEnvironmentData } from 'node:worker_threads';

const KEY = 'datagen:semi-space-growth-factor';
/** The cell's slots: the held factor; workers that have set it. */
const FACTOR = 0;
const SET_BY_WORKERS = 1;
/** A worker that never runs its first statement (it failed to start) stops counting as booting after this. */
const BOOT_LIMIT_MS = 10_000;

/** The held factor, 0 for none: made on the calling thread, the same memory in every worker. */
function sharedCell(): Int32Array | null {
  const given = getEnvironmentData(KEY);
  if (given instanceof Int32Array) return given;
  if (!isMainThread) return null;
  const cell = new Int32Array(new SharedArrayBuffer(8));
  setEnvironmentData(KEY, cell);
  return cell;
}

/** The calling thread: the factor it holds now (0: none), for the workers started from now on to set. */
export function shareGrowthFactor(factor: number): void {
  const cell = sharedCell();
  if (cell !== null) Atomics.store(cell, FACTOR, factor);
}

/** Workers started from this thread (startWorkerThread), and when the last one was. */
let started = 0;
let lastStart = 0;

/** A worker is being started: it counts as booting until its first statement has set the factor. */
export function workerStarting(): void {
  sharedCell();
  started++;
  lastStart = Date.now();
}

/** Whether a worker started from this thread has not yet set the factor (its isolate may have reset it). */
export function workersBooting(): boolean {
  const cell = sharedCell();
  if (cell === null || started === 0) return false;
  return Atomics.load(cell, SET_BY_WORKERS) < started && Date.now() - lastStart < BOOT_LIMIT_MS;
}

/**
 * A worker's first statements (CommonJS source, evaluated before anything else it runs: generation-worker-start.ts,
 * deflate-pool.ts): the calling thread's held factor set again (its isolate set it back to 2), and counted.
 */
export const APPLY_SHARED_GROWTH_FACTOR_SOURCE = `{
  const given = require('node:worker_threads').getEnvironmentData(${JSON.stringify(KEY)});
  if (given instanceof Int32Array) {
    const factor = Atomics.load(given, ${FACTOR});
    if (factor > 0) require('node:v8').setFlagsFromString('--semi-space-growth-factor=' + factor);
    Atomics.add(given, ${SET_BY_WORKERS}, 1);
  }
}`;
