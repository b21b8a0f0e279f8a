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
): string {
  const out: string[] = [
    '# yaml-language-server: $schema=./node_modules/datagen/schema/datagen-config.schema.json',
    `# datagen configuration for ${source}, written by \`datagen init\`.`,
    '# As written it gives exactly the data of a run without it. Every table and column is',
    '# listed below with the generator datagen inferred and why: uncomment a table to set',
    '# its rows or skip it. Options on the command line win over this file.',
    `seed: ${description.seed}`,
    // Pinned, so a later datagen whose generators make other values still makes these.
    `generator_version: ${generatorVersion}`,
    ...(description.locale === undefined ? [] : [`locale: ${description.locale}`]),
    `rows: ${rows}`,
    'tables:',
  ];
  for (const t of description.tables) {
    out.push(`  # ${yamlKey(t.table)}:`);
    if (t.filledThrough) out.push(`  #   (a partition: its rows are generated through ${t.filledThrough})`);
    else out.push(`  #   rows: ${t.rows}`, '  #   skip: false   # true: no rows');
    for (const c of t.columns) out.push(...commentLines('  #   ', `${c.name} ${c.type}: ${c.source}`));
  }
  return `${out.join('\n')}\n`;
}
