/**
 * The starter configuration `datagen init` writes: the settings that give
 * exactly the run without a file (seed, rows per table), then every table
 * and column with the generator datagen inferred and why, commented, so a
 * user edits rather than writes. Generating with it is generating without it.
 */

import { GENERATOR_VERSION } from '../version.js';
import type { PlanDescription } from './describe-plan.js';

/** `# ` before each line of a reason, folded onto further comment lines when long. */
function commentLines(indent: string, text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + word.length + 1 > 96) {
      lines.push(`${indent}# ${line}`);
      line = `  ${word}`;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(`${indent}# ${line}`);
  return lines;
}

/** A YAML mapping key: plain when it is safe, else double-quoted. */
function yamlKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.$-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A built-in template's configuration (`datagen init --template NAME`): its tables' rows set, not commented. */
export interface StarterTemplate {
  readonly name: string;
  /** --scale as given (absent: the template's default). */
  readonly scale?: number;
  /** Tables whose rows --size keeps. */
  readonly fixed: readonly string[];
}

/**
 * The `.datagen.yaml` text for a plan.
 *
 * @example createStarterConfig(describePlan(plan, schema), 1000, 'shop.sql')
 * // "# datagen configuration for shop.sql …\nseed: 42\ngenerator_version: 5\nrows: 1000\ntables:\n  # public.customers: …"
 */
export function createStarterConfig(
  description: PlanDescription,
  rows: number,
  source: string,
  generatorVersion: number = GENERATOR_VERSION,
  template?: StarterTemplate,
): string {
  const out: string[] = [
    '# yaml-language-server: $schema=./node_modules/datagen/schema/datagen-config.schema.json',
    `# datagen configuration for ${source}, written by \`datagen init\`.`,
    ...(template === undefined
      ? [
          '# As written it gives exactly the data of a run without it. Every table and column is',
          '# listed below with the generator datagen inferred and why: uncomment a table to set',
          '# its rows or skip it. Options on the command line win over this file.',
        ]
      : [
          `# As written, with the template's DDL, it gives exactly the data of \`datagen generate`,
          `# --template ${template.name}\`${template.scale === undefined ? '' : ` --scale ${template.scale}`} (with --size, the same sizes: its fixed tables are \`fixed: true\`).`,
          '# Every table and column is listed below with the generator datagen inferred and why.',
          '# Options on the command line win over this file.',
        ]),
    `seed: ${description.seed}`,
    // Pinned, so a later datagen whose generators make other values still makes these.
    `generator_version: ${generatorVersion}`,
    ...(description.locale === undefined ? [] : [`locale: ${description.locale}`]),
    `rows: ${rows}`,
    'tables:',
  ];
  for (const t of description.tables) {
    if (template !== undefined && !t.filledThrough) {
      // The template's rows at its ratios, set: a run with this file on the DDL is the template's run.
      out.push(`  ${yamlKey(t.table)}:`, `    rows: ${t.rows}`);
      if (template.fixed.some((f) => t.table === f || t.table.endsWith(`.${f}`))) out.push('    fixed: true');
      for (const c of t.columns) out.push(...commentLines('    ', `${c.name} ${c.type}: ${c.source}`));
      continue;
    }
    out.push(`  # ${yamlKey(t.table)}:`);
    if (t.filledThrough) out.push(`  #   (a partition: its rows are generated through ${t.filledThrough})`);
    else out.push(`  #   rows: ${t.rows}`, '  #   skip: false   # true: no rows');
    for (const c of t.columns) out.push(...commentLines('  #   ', `${c.name} ${c.type}: ${c.source}`));
  }
  return `${out.join('\n')}\n`;
}
