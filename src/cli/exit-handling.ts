/**
 * How the `datagen` process ends, whatever happens:
 *
 * - exit statuses: 0 done, 1 environment or I/O (a closed pipe, a full
 *   disk, an unwritable path), 2 usage or schema error, 130/143/129
 *   interrupted by SIGINT/SIGTERM/SIGHUP (a closed terminal or ssh session);
 * - a closed or failing stdout (`| head`, psql stopping, `> /dev/full`)
 *   ends the run as pg_dump does: one line, `could not write to output:
 *   Broken pipe`, exit 1, temporary files removed;
 * - on SIGINT/SIGTERM/SIGHUP (listened for once the run holds a temporary or a
 *   target; before, the signal's default action ends it at once) every
 *   temporary file and directory is removed and the
 *   target is never touched; but a table-file directory (`-F csv|jsonl|parquet`)
 *   keeps its complete files and progress record, so `--resume` continues it
 *   (the next run without `--resume` removes it). One line on stderr,
 *   `datagen: interrupted; ...`, says what was removed and what state each
 *   target is in (a direct load rolled back, or its committed tables kept).
 */

import { basename } from 'node:path';
import { isDatagenError } from '../errors.js';
import { outputStreamError } from '../sink/system-error.js';
import {
  removeTemporariesSync,
  targetOfTemporary,
  targetStatesNow,
  whileHolding,
} from '../sink/temporary-files.js';
import { visibleControls } from './print-warnings.js';

export const EXIT_OK = 0;
export const EXIT_IO = 1;
export const EXIT_USAGE = 2;

// SIGHUP: the terminal or ssh session closed under the run (its temporary was left behind).
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Called before the process ends abruptly (a signal, a dead stdout): e.g. to clear a progress line. */
const beforeAbruptExit = new Set<() => void>();

export function onAbruptExit(callback: () => void): () => void {
  beforeAbruptExit.add(callback);
  return () => beforeAbruptExit.delete(callback);
}

let ending = false;

/**
 * The one line after a signal: what was removed (each temporary, by the
 * target it stands for), what state each target is in (a load rolled back,
 * committed units, a stream cut short), and what was kept for `--resume`.
 */
function interruptedLine(
  removed: readonly string[],
  kept: readonly string[],
  states: readonly string[],
): string {
  const parts = removed.map((path) => {
    const target = targetOfTemporary(path);
    return target === null
      ? `the temporary ${path} removed`
      : `${target} left as it was (its temporary ${basename(path)} removed)`;
  });
  parts.push(...states);
  if (kept.length > 0)
    parts.push(
      `the complete files are kept in ${kept.join(', ')}: run the same command with --resume to continue (without it, the next run removes them)`,
    );
  if (parts.length === 0) parts.push('nothing was written');
  return `datagen: interrupted; ${parts.join('; ')}`;
}

/**
 * End the process now: run the abrupt-exit callbacks, remove temporaries
 * (a signal keeps resumable ones), print `line` (if any) once.
 */
function endNow(status: number, line: string | null, signal = false): never {
  if (!ending) {
    ending = true;
    for (const callback of beforeAbruptExit) {
      try {
        callback();
      } catch {
        // Ending anyway.
      }
    }
    const states = signal ? targetStatesNow() : [];
    const { removed, kept } = removeTemporariesSync(signal);
    if (signal) line = interruptedLine(removed, kept, states);
    if (line !== null) {
      try {
        process.stderr.write(`${line}\n`);
      } catch {
        // stderr is gone too: the status says it.
      }
    }
  }
  process.exit(status);
}

/** Install the stdout/stderr error and signal handlers (once, at start). */
export function installExitHandlers(): void {
  process.stdout.on('error', (error) => {
    endNow(EXIT_IO, `datagen: error: ${outputStreamError(error).message}`);
  });
  process.stderr.on('error', () => endNow(EXIT_IO, null));
  // Listened for only while the run holds a temporary or a target (a load, a stream) a signal must clean up or
  // describe. Before that (reading and planning the schema: seconds of synchronous work on a big one) a handler
  // would run only once that work is done; the signal's default action ends the process at once instead, with
  // nothing to remove (a shell sees status 130, 143 or 129 all the same).
  const handlers = Object.entries(SIGNAL_EXIT).map(
    ([signal, status]) => [signal, () => endNow(status, null, true)] as const,
  );
  whileHolding((holding) => {
    for (const [signal, handler] of handlers) {
      if (holding) process.on(signal, handler);
      else process.off(signal, handler);
    }
  });
}

/** The one line for an error that ends a command, and its exit status; a bug keeps its stack. */
export function describeFailure(error: unknown): { text: string; status: number } {
  if (isDatagenError(error))
    return { text: `datagen: error: ${visibleControls(error.message)}`, status: error.exitCode };
  return {
    text: `datagen: internal error (please report it):\n${(error as Error)?.stack ?? String(error)}`,
    status: EXIT_IO,
  };
}
