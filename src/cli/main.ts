#!/usr/bin/env node
/**
 * The `datagen` command: a thin shell over the library (src/index.ts).
 * Exit statuses and how a run ends (signals, a closed stdout): exit-handling.ts.
 */
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { isDatagenError } from '../errors.js';
import { describeFailure, EXIT_OK, installExitHandlers } from './exit-handling.js';
import { TEMPLATES_HELP } from './help.js';
import { reportFailureJson } from './json-output.js';
import { nearestOption, usageError } from './parse-arguments.js';
import { quickAnswer } from './quick-answers.js';

async function main(argv: readonly string[]): Promise<number> {
  const answer = quickAnswer(argv);
  if (answer !== undefined) {
    process.stdout.write(answer.text);
    return answer.status;
  }
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate':
    case 'gen':
      // The commands load the library (parser, generators) only when run: `--version` and `--help` stay fast.
      return (await import('./generate-command.js')).runGenerateCommand(rest);
    case 'plan':
      return helpOf('plan', (await import('./plan-command.js')).runPlanCommand(rest));
    case 'init':
      return helpOf('init', (await import('./init-command.js')).runInitCommand(rest));
    case 'verify':
      return (await import('./verify-command.js')).runVerifyCommand(rest);
    case 'merge-manifests':
      return (await import('./merge-manifests-command.js')).runMergeManifestsCommand(rest);
    case 'templates':
      return runTemplatesCommand(rest);
    case undefined:
      // Not reached: quickAnswer wrote the help.
      return EXIT_OK;
    default: {
      const near = nearestOption(command, [
        'generate',
        'plan',
        'init',
        'templates',
        'verify',
        'merge-manifests',
        'version',
        'help',
      ]);
      // `datagen schema.sql`: a file where the command goes.
      const file = /\.(sql|ddl|psql|pgsql)$/i.test(command) || command === '-' || existsSync(command);
      const hint = file
        ? `; to generate data for a schema file, run: datagen generate ${command}`
        : near === null
          ? ''
          : `; did you mean ${near}?`;
      throw usageError(
        `unknown command "${command}"${hint} (the commands are generate, plan, init, templates, verify and merge-manifests)`,
        'datagen --help',
      );
    }
  }
}

/** `datagen templates [--json]`: the built-in templates, their tables and rows at scale 1. */
async function runTemplatesCommand(rest: readonly string[]): Promise<number> {
  const [first] = rest;
  if (first !== undefined && ['--help', '-h', '-?'].includes(first)) {
    process.stdout.write(TEMPLATES_HELP);
    return EXIT_OK;
  }
  const json = first === '--json';
  if (rest.length > (json ? 1 : 0)) {
    const extra = rest[json ? 1 : 0] as string;
    throw usageError(
      `datagen templates takes only --json (got "${extra}"); give a template to generate with datagen generate --template NAME`,
      'datagen templates --help',
    );
  }
  const templates = await import('../run/templates.js');
  process.stdout.write(
    json
      ? `${JSON.stringify(templates.listTemplates().map(({ file: _, ...t }) => t))}\n`
      : templates.describeTemplates(),
  );
  return EXIT_OK;
}

/** plan and init read generate's options: a usage error points at their own --help (it said `datagen generate --help`). */
async function helpOf(command: string, run: Promise<number>): Promise<number> {
  try {
    return await run;
  } catch (error) {
    if (error instanceof Error)
      error.message = error.message.replace(
        /\nRun `datagen generate --help` for the options\.$/,
        `\nRun \`datagen ${command} --help\` for the options.`,
      );
    throw error;
  }
}

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
main(process.argv.slice(2)).then(
  (status) => {
    settled = true;
    process.exitCode = status;
  },
  (error: unknown) => {
    settled = true;
    // --json: the failure told once, in its JSON; a bug's stack still on stderr, for its report.
    const inJson = reportFailureJson(process.argv[2], process.argv.slice(3), error);
    const failure = describeFailure(error);
    if (!inJson || !isDatagenError(error)) process.stderr.write(`${failure.text}\n`);
    process.exitCode = failure.status;
  },
);
