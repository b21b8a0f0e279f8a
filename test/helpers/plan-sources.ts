/**
 * What `datagen plan` says each column gets, through the library: the words a
 * test compares with what `generate` writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePlan, planGeneration } from '../../src/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { tempDir } from './generate-file.js';

/** Each column's `datagen plan` words (`table.column` → source; public's tables unqualified) at `generatorVersion`. */
export async function planSources(
  ddl: string,
  options: { readonly yaml?: string; readonly locale?: string; readonly generatorVersion: number },
): Promise<Map<string, string>> {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({
    schema: [file],
    defaultRows: 100,
    generatorVersion: options.generatorVersion,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
    ...(options.yaml === undefined ? {} : { settings: parseConfig(options.yaml, 'c.yaml').tables }),
  });
  const sources = new Map<string, string>();
  for (const t of describePlan(plan, schema).tables)
    for (const c of t.columns) sources.set(`${t.table.replace('public.', '')}.${c.name}`, c.source);
  return sources;
}
