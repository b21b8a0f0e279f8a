import { counted } from '../errors.js';
import { describePlan } from '../run/describe-plan.js';
import { planGeneration } from '../run/generate.js';
import { PLAN_HELP } from './help.js';
import { runOptions } from './library-options.js';
import { parseGenerateOptions } from './options.js';
import { printWarnings } from './print-warnings.js';

/**
 * `datagen plan`: the plan `datagen generate` would make with the same
 * options (planned by the same code: the row trial, --size's sample runs,
 * --append's reading of the target, the migration tables a load leaves
 * alone), shown per column, and its warnings; nothing is written.
 */
export async function runPlanCommand(argv: readonly string[]): Promise<number> {
  const options = parseGenerateOptions(argv);
  if (options.help) {
    process.stdout.write(PLAN_HELP);
    return 0;
  }
  const { plan, schema, warnings } = await planGeneration(await runOptions(options));
  const description = describePlan(plan, schema);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...description, warnings }, null, 2)}\n`);
    return 0;
  }
  if (description.locale !== undefined) process.stdout.write(`locale: ${description.locale}\n`);
  for (const t of description.tables) {
    process.stdout.write(
      `${t.table}: ${counted(t.rows, 'row')}${t.filledThrough ? ` (through ${t.filledThrough})` : ''}\n`,
    );
    for (const c of t.columns) process.stdout.write(`  ${c.name} ${c.type}: ${c.source}\n`);
  }
  printWarnings(warnings, options.quiet);
  return 0;
}
