import { generate } from '../run/generate.js';
import { GENERATE_HELP } from './help.js';
import { parseGenerateOptions } from './options.js';
import { runPlanCommand } from './plan-command.js';
import { printWarnings } from './print-warnings.js';
import { createProgress } from './progress.js';

export async function runGenerateCommand(argv: readonly string[]): Promise<number> {
  const options = parseGenerateOptions(argv);
  if (options.help) {
    process.stdout.write(GENERATE_HELP);
    return 0;
  }
  if (options.explain) return runPlanCommand(argv.filter((a) => a !== '--explain'));
  const toStdout = options.file === '-';
  const progress = createProgress(process.stderr, !options.quiet && !options.json);
  let started = false;
  const result = await generate({
    schema: options.schema,
    ...(options.defaultRows === undefined ? {} : { defaultRows: options.defaultRows }),
    tables: options.tables,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.nullRate === undefined ? {} : { nullRate: options.nullRate }),
    ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
    format: options.format,
    output: toStdout ? process.stdout : options.file,
    inserts: options.inserts,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    noOwner: options.noOwner,
    ...(options.compression === undefined ? {} : { compression: options.compression }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
    ...(options.dbname === undefined ? {} : { dbname: options.dbname }),
    onRows: (tableIndex, rows) => {
      if (!started) started = true;
      progress.rows(tableIndex, rows);
    },
    onPlan: (plan) => {
      progress.start(plan.tables.map((t) => ({ name: `${t.table.schema}.${t.table.name}`, rows: t.rows })));
    },
  });
  if (started) progress.finish();
  printWarnings(result.warnings, options.quiet || options.json);
  if (options.list && result.listing !== null) {
    (toStdout ? process.stderr : process.stdout).write(result.listing);
  }
  if (options.json) {
    const summary = {
      file: toStdout ? null : options.file,
      format: options.format,
      bytes: result.bytes,
      tables: result.tables,
      warnings: result.warnings,
    };
    (toStdout ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
  }
  return 0;
}
