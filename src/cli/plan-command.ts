import { counted } from '../errors.js';
import { describePlan } from '../run/describe-plan.js';
import { planGeneration } from '../run/generate.js';
import type { CliIo } from './cli-io.js';
import { writeCommandFile } from './command-file.js';
import { PLAN_HELP } from './help.js';
import { runOptions } from './library-options.js';
import { parseGenerateOptions } from './options.js';
import { printWarnings } from './print-warnings.js';

/**
 * `datagen plan`: the plan `datagen generate` would make with the same
 * options (planned by the same code: the row trial, --size's sample runs,
 * --append's reading of the target, the migration tables a load leaves
 * alone), shown per column, and its warnings; nothing else is written. `-f
 * FILE` writes the plan into FILE (a new file, as init does), except under
 * `generate --explain`, where -f names the output the run would write.
 */
export async function runPlanCommand(argv: readonly string[], io: CliIo, explain = false): Promise<number> {
  const options = parseGenerateOptions(argv);
  if (options.help) {
    io.stdout.write(PLAN_HELP);
    return 0;
  }
  const { plan, schema, warnings } = await planGeneration(await runOptions(options, io.stdout));
  const description = describePlan(plan, schema);
  let text = '';
  if (options.json) text = `${JSON.stringify({ ...description, warnings }, null, 2)}\n`;
  else {
    if (description.locale !== undefined) text += `locale: ${description.locale}\n`;
    for (const t of description.tables) {
      text += `${t.table}: ${counted(t.rows, 'row')}${t.filledThrough ? ` (through ${t.filledThrough})` : ''}\n`;
      for (const c of t.columns) text += `  ${c.name} ${c.type}: ${c.source}\n`;
    }
  }
  const file = !explain && options.fileGiven && options.file !== '-' ? options.file : null;
  if (file === null) io.stdout.write(text);
  else await writeCommandFile(file, text);
  if (!options.json) printWarnings(warnings, options.quiet, io.stderr);
  if (file !== null && !options.quiet && !options.json) io.stderr.write(`datagen: wrote ${file}\n`);
  return 0;
}
