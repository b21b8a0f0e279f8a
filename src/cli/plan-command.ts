import { parseDdl } from '../input/ddl/index.js';
import { readLiveSchema } from '../input/live-schema.js';
import { withRecordedRows } from '../plan/recorded-rows.js';
import { leaveMigrationHistory, selectTables } from '../plan/table-selection.js';
import { describePlan } from '../run/describe-plan.js';
import { loadSchemaFiles } from '../run/load-schema.js';
import { planningOptions } from '../run/planning-options.js';
import { planWithRowTrial } from '../run/row-trial.js';
import { loadLocale } from '../values/semantic/load-locale.js';
import { PLAN_HELP } from './help.js';
import { parseGenerateOptions } from './options.js';
import { withPasswordPrompt } from './password-prompt.js';
import { printWarnings } from './print-warnings.js';

export async function runPlanCommand(argv: readonly string[]): Promise<number> {
  const options = parseGenerateOptions(argv);
  if (options.help) {
    process.stdout.write(PLAN_HELP);
    return 0;
  }
  const live = options.schema.length === 0 && options.connection !== undefined;
  const { schema, warnings } =
    live && options.connection
      ? await parseDdl([
          await readLiveSchema(await withPasswordPrompt(options.connection, options.passwordPrompt)),
        ])
      : await loadSchemaFiles(options.schema);
  // A database's schema: planned as a load into it, which leaves the migration tools' history tables alone.
  const selected = selectTables(schema, options.selection);
  const history = live
    ? leaveMigrationHistory(schema, selected, options.selection)
    : { selected, warning: null };
  // With the row trial, as generate plans: the rows it cuts are reported here too.
  await loadLocale(options.locale, '--locale');
  const recorded = withRecordedRows(schema, planningOptions(options));
  const { plan } = planWithRowTrial(schema, {
    ...recorded,
    selectedTables: history.selected,
  });
  const all = [...warnings, ...(history.warning === null ? [] : [history.warning]), ...plan.warnings];
  const description = describePlan(plan, schema);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...description, warnings: all }, null, 2)}\n`);
    return 0;
  }
  if (description.locale !== undefined) process.stdout.write(`locale: ${description.locale}\n`);
  for (const t of description.tables) {
    process.stdout.write(
      `${t.table}: ${t.rows} rows${t.filledThrough ? ` (through ${t.filledThrough})` : ''}\n`,
    );
    for (const c of t.columns) process.stdout.write(`  ${c.name} ${c.type}: ${c.source}\n`);
  }
  printWarnings(all, options.quiet);
  return 0;
}
