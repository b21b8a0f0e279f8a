/**
 * Starting a worker thread (deflate and row-generation pools) with this
 * process's Node flags, as a worker should have them (a profiler, a loader),
 * less those Node refuses for a worker: `--title`, `--stack-size`,
 * `--abort-on-uncaught-exception`, `--max-old-space-size` and the like are
 * the whole process's (or set through `resourceLimits`), already in force, so
 * leaving them out changes nothing a worker does. A worker that cannot start
 * at all is one clear line, not the output's write error.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { DatagenError, ErrorCodes } from '../errors.js';
import { workerStarting } from './growth-factor-share.js';
import { holdYoungGeneration } from './young-generation.js';

const REFUSED_PREFIX = 'Initiated Worker with invalid execArgv flags: ';

/** The flags named in Node's ERR_WORKER_INVALID_EXEC_ARGV message, without their `=value`. */
function refusedFlags(message: string): Set<string> {
  const at = message.indexOf(REFUSED_PREFIX);
  if (at < 0) return new Set();
  return new Set(
    message
      .slice(at + REFUSED_PREFIX.length)
      .split(', ')
      .map((flag) => flag.split('=')[0] as string),
  );
}

/** `execArgv` without the refused flags (and the separate value of a refused `--flag value`). */
export function withoutRefusedFlags(execArgv: readonly string[], message: string): string[] {
  const refused = refusedFlags(message);
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (!refused.has(arg.split('=')[0] as string)) {
      kept.push(arg);
      continue;
    }
    const value = execArgv[i + 1];
    if (!arg.includes('=') && value !== undefined && !value.startsWith('-')) i++;
  }
  return kept;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

function startError(error: unknown): DatagenError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DatagenError(
    ErrorCodes.IO,
    `cannot start a worker thread (${reason}); run with -j 1 to generate on one thread`,
    { code: codeOf(error) ?? null },
    { cause: error, exitCode: 1 },
  );
}

/**
 * A new Worker with `options.execArgv` (default: this process's), retried
 * without the flags Node refuses for a worker, then without any.
 *
 * @example
 * // node --title=datagen …: the worker starts without --title
 * const worker = startWorkerThread(new URL('./w.js', import.meta.url), {});
 */
export function startWorkerThread(filename: string | URL, options: WorkerOptions): Worker {
  const execArgv = options.execArgv ?? process.execArgv;
  const attempts: (readonly string[])[] = [execArgv];
  let last: unknown;
  for (let i = 0; i < 3; i++) {
    const args = attempts[i];
    if (args === undefined) break;
    try {
      workerStarting();
      const worker = new Worker(filename, { ...options, execArgv: [...args] });
      // Its isolate, made by now, set V8's new-space growth factor back to the default.
      worker.once('online', holdYoungGeneration);
      return worker;
    } catch (error) {
      last = error;
      if (codeOf(error) !== 'ERR_WORKER_INVALID_EXEC_ARGV' || args.length === 0) break;
      const kept = withoutRefusedFlags(args, error instanceof Error ? error.message : '');
      attempts.push(i === 0 && kept.length < args.length ? kept : []);
    }
  }
  throw startError(last);
}

/**
 * The worker's thread has ended (Node sets `threadId` to -1 on exit). A
 * message posted to it is dropped without a word: whoever waits for its
 * reply waits forever, with nothing left to keep the process alive.
 */
export function hasExited(worker: Worker): boolean {
  return worker.threadId < 0;
}

/**
 * Terminate a worker and wait for its thread to end, keeping the event loop
 * alive meanwhile. Node refs a worker it terminates, but not one already
 * stopping: the process then found nothing left to wait on while the exit
 * was still on its way, and a run awaiting it ended as "work left undone"
 * (`--template ecommerce --size 300MB -j 2`: 3 runs in 6, each at a sample
 * run's pool close; with a timer held until the exit, 0 in 24).
 */
export async function stopWorker(worker: Worker): Promise<void> {
  if (hasExited(worker)) return;
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await worker.terminate();
  } finally {
    clearInterval(keepAlive);
  }
}
