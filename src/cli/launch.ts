#!/usr/bin/env node
/**
 * The `datagen` program as installed (the build writes it as dist/cli/main.js):
 * `--version` and help answered at once, anything else run by the CLI
 * (main.ts) from its one bundle through V8's code cache (run/code-cache.ts): a
 * 10-row run of examples/shop.sql compiled ~2.8 MB of JavaScript before.
 * `node:v8` (30 of Node's own modules) and the code cache's `node:vm` are
 * loaded only for a run: `--version` and help load neither.
 */
import { installExitHandlers } from './exit-handling.js';
import { quickAnswer } from './quick-answers.js';

/** The CLI's bundle in dist/chunks/ (`cli-HASH.cjs`), its name set by the build (scripts/bundle.mjs). */
declare const DATAGEN_CLI_BUNDLE: string;

const answer = quickAnswer(process.argv.slice(2));
if (answer !== undefined) {
  // A closed stdout ends the answer as it ends a run: one line, exit 1 (main.ts installs them for the rest).
  installExitHandlers();
  process.stdout.write(answer.text);
  process.exitCode = answer.status;
} else {
  // main.ts' first statement, made before the cache is read: V8 takes a cache made under the same flags only.
  const [{ setFlagsFromString }, { runCachedBundle }] = await Promise.all([
    import('node:v8'),
    import('../run/code-cache.js'),
  ]);
  setFlagsFromString('--liftoff-only');
  runCachedBundle(new URL(`../chunks/${DATAGEN_CLI_BUNDLE}`, import.meta.url));
}
