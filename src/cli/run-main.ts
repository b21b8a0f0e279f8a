/**
 * A `datagen` command run to its exit status: the command line's words in,
 * what it writes on `io`'s streams, a failure told as the process tells it
 * (one line, or its JSON under --json; a bug with its stack). main.ts runs it
 * as the process; a test runs it in its own process (no process is started,
 * none is ended: signals, a closed stdout and the process's exit stay main.ts').
 */
import { existsSync } from 'node:fs';
import { isDatagenError } from '../errors.js';
import { holdPipeReads } from '../input/bounded-read.js';
import { type CliIo, processIo } from './cli-io.js';
import { describeFailure, EXIT_OK } from './exit-handling.js';
import { TEMPLATES_HELP } from './help.js';
import { reportFailureJson } from './json-output.js';
import { nearestOption, usageError } from './parse-arguments.js';
import { quickAnswer } from './quick-answers.js';

/** `datagen argv...` on `io` (the process's streams unless given): its exit status; it never throws. */
export async function runMain(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // What a pipe gave kept for the command (a spec read for its settings, then its tables), not for the process.
  const pipes = holdPipeReads();
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // --json: the failure told once, in its JSON; a bug's stack still on stderr, for its report.
    const inJson = reportFailureJson(argv[0], argv.slice(1), error, io);
    const failure = describeFailure(error);
    if (!inJson || !isDatagenError(error)) io.stderr.write(`${failure.text}\n`);
    return failure.status;
  } finally {
    pipes();
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const answer = quickAnswer(argv);
  if (answer !== undefined) {
    io.stdout.write(answer.text);
    return answer.status;
  }
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate':
    case 'gen':
      // The commands load the library (parser, generators) only when run: `--version` and `--help` stay fast.
      return (await import('./generate-command.js')).runGenerateCommand(rest, io);
    case 'plan':
      return helpOf('plan', (await import('./plan-command.js')).runPlanCommand(rest, io));
    case 'init':
      return helpOf('init', (await import('./init-command.js')).runInitCommand(rest, io));
    case 'verify':
      return (await import('./verify-command.js')).runVerifyCommand(rest, io);
    case 'merge-manifests':
      return (await import('./merge-manifests-command.js')).runMergeManifestsCommand(rest, io);
    case 'templates':
      return runTemplatesCommand(rest, io);
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
async function runTemplatesCommand(rest: readonly string[], io: CliIo): Promise<number> {
  const [first] = rest;
  if (first !== undefined && ['--help', '-h', '-?'].includes(first)) {
    io.stdout.write(TEMPLATES_HELP);
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
  io.stdout.write(
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
