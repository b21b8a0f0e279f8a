#!/usr/bin/env node
/**
 * The `datagen` command: a thin shell over the library (src/index.ts).
 * The command itself, to its exit status: run-main.ts. Exit statuses and how
 * a run ends (signals, a closed stdout): exit-handling.ts.
 */
import * as nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { describeFailure, installExitHandlers } from './exit-handling.js';
import { runMain } from './run-main.js';

/**
 * Node >= 22.1 keeps compiled code on disk (under the OS temporary directory,
 * or NODE_COMPILE_CACHE): a later run, and each of its generation workers,
 * skips compiling the engine again. Node 20 has no such API and skips this;
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
function enableCompileCache(): void {
  type Enable = () => { readonly directory?: string };
  const enable = (nodeModule as { readonly enableCompileCache?: Enable }).enableCompileCache;
  if (typeof enable !== 'function') return;
  try {
    const { directory } = enable();
    // A worker compiles its modules before any of our code runs in it: it takes the cache from its environment.
    if (directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined)
      process.env.NODE_COMPILE_CACHE = directory;
  } catch {
    // An optimisation only: a run without it is the same run.
  }
}

// The DDL parser's WebAssembly (libpg-query) at its baseline tier only: V8's
// optimising tier compiles it again in the background for ~45 MiB of peak
// memory and more CPU than a schema's parse ever gets back (measured: the
// reference run's peak 139 -> 95 MiB; danbooru.sql -s 0.78 -> 0.59 s CPU).
// Set before anything loads the parser; the rows are JavaScript, not WASM.
setFlagsFromString('--liftoff-only');
enableCompileCache();
installExitHandlers();
let settled = false;
// Nothing left to wait on while the command has not finished (a promise no one will settle): never exit 0 then.
process.once('beforeExit', () => {
  if (settled) return;
  const failure = describeFailure(
    new Error('the run stopped with work left undone (its output is incomplete)'),
  );
  process.stderr.write(`${failure.text}\n`);
  process.exitCode = failure.status;
});
runMain(process.argv.slice(2)).then((status) => {
  settled = true;
  process.exitCode = status;
});
