import { isDatagenError, type Warning } from '../errors.js';
import { generate } from '../run/generate.js';
import { writeTemplateDdl } from '../run/templates.js';
import { displayName, plainName } from '../schema/names.js';
import type { CliIo } from './cli-io.js';
import { onAbruptExit } from './exit-handling.js';
import { GENERATE_HELP } from './help.js';
import { writeFailureJson } from './json-output.js';
import { runOptions } from './library-options.js';
import { parseGenerateOptions } from './options.js';
import { runPlanCommand } from './plan-command.js';
import { printWarnings } from './print-warnings.js';
import { createProgress } from './progress.js';
import { announceLargeRun } from './run-size.js';
import { createVerboseLog } from './verbose-log.js';

export async function runGenerateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseGenerateOptions(argv);
  if (options.help) {
    io.stdout.write(GENERATE_HELP);
    return 0;
  }
  if (options.template !== undefined && options.schemaOnly) {
    await writeTemplateDdl(options.template, options.file === '-' ? io.stdout : options.file);
    return 0;
  }
  if (options.explain)
    return runPlanCommand(
      argv.filter((a) => a !== '--explain'),
      io,
      true,
    );
  // Messages (--list, --json) go to stderr when the data takes stdout.
  const toStdout = options.file === '-' || options.file === '/dev/stdout';
  const silent = options.quiet || options.json;
  // An explicit --progress json is written even with --quiet or --json (it is for machines).
  const progressMode =
    options.progress === 'json' ? 'json' : silent || options.verbose ? 'none' : options.progress;
  const progress = createVerboseLog(
    io.stderr,
    options.verbose && !silent,
    createProgress(io.stderr, progressMode, undefined, io.env),
  );
  const forget = onAbruptExit(() => progress.abort());
  // Printed even when the run then fails: a warning is often the failure's cause.
  let planWarnings: readonly Warning[] = [];
  let result: Awaited<ReturnType<typeof generate>>;
  try {
    result = await generate({
      ...(await runOptions(options, io.stdout)),
      onRows: (tableIndex, rows, bytes) => progress.rows(tableIndex, rows, bytes),
      onPlan: (plan, warnings) => {
        planWarnings = warnings;
        progress.start(
          plan.tables.map((t) => ({ name: displayName(t.table), table: plainName(t.table), rows: t.rows })),
        );
      },
      onEstimate: (estimate) => announceLargeRun(io.stderr, estimate, !silent, io.env),
      ...(options.verbose && !silent
        ? { onLoadWay: (line: string) => io.stderr.write(`datagen: ${line}\n`) }
        : {}),
    });
  } catch (error) {
    progress.abort();
    printWarnings(planWarnings, silent, io.stderr);
    // --json: the failure for machines where the summary would be (and nowhere else: main writes no plain line).
    if (options.json && isDatagenError(error))
      writeFailureJson(toStdout ? io.stderr : io.stdout, error, planWarnings);
    throw error;
  } finally {
    forget();
  }
  progress.finish();
  printWarnings(result.warnings, silent, io.stderr);
  if (options.list && result.listing !== null) {
    (toStdout ? io.stderr : io.stdout).write(result.listing);
  }
  if (options.json) {
    const summary = {
      file: toStdout ? null : options.file,
      format: options.format,
      bytes: result.bytes,
      tables: result.tables,
      ...(result.files === undefined ? {} : { files: result.files }),
      warnings: result.warnings,
    };
    (toStdout ? io.stderr : io.stdout).write(`${JSON.stringify(summary)}\n`);
  }
  return 0;
}
