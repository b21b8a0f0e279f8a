import type { Warning } from '../errors.js';
import { type GenerateOptions, generate } from '../run/generate.js';
import { planningOptions } from '../run/planning-options.js';
import { writeTemplateDdl } from '../run/templates.js';
import { onAbruptExit } from './exit-handling.js';
import { GENERATE_HELP } from './help.js';
import { type ParsedGenerateOptions, parseGenerateOptions } from './options.js';
import { withPasswordPrompt } from './password-prompt.js';
import { runPlanCommand } from './plan-command.js';
import { printWarnings } from './print-warnings.js';
import { createProgress } from './progress.js';
import { announceLargeRun } from './run-size.js';
import { createVerboseLog } from './verbose-log.js';

/** The library's options from the command line's (output and callbacks aside). */
function libraryOptions(options: ParsedGenerateOptions): Omit<GenerateOptions, 'output'> {
  return {
    schema: options.schema,
    ...planningOptions(options),
    ...(options.size === undefined ? {} : { size: options.size }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
    resume: options.resume === true,
    ...(options.template === undefined ? {} : { fixedTables: options.template.fixed }),
    format: options.format,
    inserts: options.inserts,
    ...(options.rowsPerInsert === undefined ? {} : { rowsPerInsert: options.rowsPerInsert }),
    noOwner: options.noOwner,
    dataOnly: options.dataOnly,
    schemaOnly: options.schemaOnly,
    noPrivileges: options.noPrivileges,
    clean: options.clean,
    ifExists: options.ifExists,
    create: options.create,
    disableTriggers: options.disableTriggers,
    selection: options.selection,
    ...(options.compression === undefined ? {} : { compression: options.compression }),
    ...(options.fileCompression === undefined ? {} : { fileCompression: options.fileCompression }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
    ...(options.dbname === undefined ? {} : { dbname: options.dbname }),
    truncate: options.truncate,
    append: options.append,
    unloggedDuringLoad: options.unloggedDuringLoad,
    strict: options.strict,
  };
}

export async function runGenerateCommand(argv: readonly string[]): Promise<number> {
  const options = parseGenerateOptions(argv);
  if (options.help) {
    process.stdout.write(GENERATE_HELP);
    return 0;
  }
  if (options.template !== undefined && options.schemaOnly) {
    await writeTemplateDdl(options.template, options.file === '-' ? process.stdout : options.file);
    return 0;
  }
  if (options.explain) return runPlanCommand(argv.filter((a) => a !== '--explain'));
  // Messages (--list, --json) go to stderr when the data takes stdout.
  const toStdout = options.file === '-' || options.file === '/dev/stdout';
  const silent = options.quiet || options.json;
  // An explicit --progress json is written even with --quiet or --json (it is for machines).
  const progressMode =
    options.progress === 'json' ? 'json' : silent || options.verbose ? 'none' : options.progress;
  const progress = createVerboseLog(
    process.stderr,
    options.verbose && !silent,
    createProgress(process.stderr, progressMode),
  );
  const forget = onAbruptExit(() => progress.abort());
  // Printed even when the run then fails: a warning is often the failure's cause.
  let planWarnings: readonly Warning[] = [];
  let result: Awaited<ReturnType<typeof generate>>;
  try {
    result = await generate({
      ...libraryOptions(options),
      ...(options.connection === undefined
        ? {}
        : { connection: await withPasswordPrompt(options.connection, options.passwordPrompt) }),
      // With -d and no --file the rows go into that database.
      ...(options.connection !== undefined && !options.fileGiven
        ? {}
        : { output: options.file === '-' ? process.stdout : options.file }),
      onRows: (tableIndex, rows, bytes) => progress.rows(tableIndex, rows, bytes),
      onPlan: (plan, warnings) => {
        planWarnings = warnings;
        progress.start(plan.tables.map((t) => ({ name: `${t.table.schema}.${t.table.name}`, rows: t.rows })));
      },
      onEstimate: (estimate) => announceLargeRun(process.stderr, estimate, !silent),
    });
  } catch (error) {
    progress.abort();
    printWarnings(planWarnings, silent);
    throw error;
  } finally {
    forget();
  }
  progress.finish();
  printWarnings(result.warnings, silent);
  if (options.list && result.listing !== null) {
    (toStdout ? process.stderr : process.stdout).write(result.listing);
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
    (toStdout ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
  }
  return 0;
}
