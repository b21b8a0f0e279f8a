/**
 * `datagen plan` names the generator `generate` uses (issue 8's acceptance),
 * for every column of every corpus schema and example: a random column's
 * generator is chosen in one place (generate/random-choice.ts) that the row
 * engine builds from and the plan describes; a unique column is realistic in
 * the plan exactly when its planned source is (the engine builds from that
 * flag). Sampled values of named meanings have their shape.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createTypeLookup, resolveDomains } from '../../src/checks/type-resolution.js';
import { randomColumnChoice } from '../../src/generate/random-choice.js';
import { describePlan, loadSchemaFiles, planWithRowTrial } from '../../src/index.js';
import { choiceText } from '../../src/run/describe-values.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { corpusDir, corpusFiles } from '../helpers/corpus.js';
import { tempDir } from '../helpers/generate-file.js';

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.sql'))
  .map((f) => join('examples', f));
const schemas = [...corpusFiles.map((f) => join(corpusDir, f)), ...examples];

/** Shapes of sampled values for meanings whose form is unmistakable. */
const SHAPES: Readonly<Record<string, RegExp>> = {
  email: /^[^@\s]+@[^@\s]+\.[a-z]+$/,
  url: /^https?:\/\//,
  ip: /^[0-9a-f.:]+$/,
  // Version 5: a moment kept as an integer is epoch seconds (PowerDNS' `modified_at integer`), or milliseconds.
  created_at: /^\d{4}-\d\d-\d\d|^\d{10}(\d{3})?$/,
  updated_at: /^\d{4}-\d\d-\d\d|^\d{10}(\d{3})?$/,
  // Version 19: a balance (money meaning) is below zero in about a tenth of rows.
  price: /^-?\d+(\.\d+)?$/,
  country_code: /^[A-Z]{2,3}$/,
};

it.each(schemas)('%s: every column is what the plan names', async (file) => {
  const { schema } = await loadSchemaFiles([file]);
  const { plan, source } = planWithRowTrial(schema, { defaultRows: 50, seed: 5 });
  const lookup = createTypeLookup(schema);
  const version = plan.generatorVersion ?? GENERATOR_VERSION;
  const description = describePlan(plan, schema);
  const disagreements: string[] = [];
  let named = 0;
  plan.tables.forEach((t, i) => {
    t.columns.forEach((c, j) => {
      if (!c.written || t.rows === 0) return;
      const where = `${t.table.schema}.${t.table.name}.${c.column.name}`;
      const described = description.tables[i]?.columns[j]?.source ?? '';
      const realisticWords = /realistic|generator (phrase|label)|arrays of \d|readable unique/;
      if (c.source.kind === 'random' && !c.steer) {
        const choice = randomColumnChoice(
          t.table,
          c,
          resolveDomains(c.column.type, lookup).base,
          c.hints,
          version,
        );
        const text = choiceText(choice);
        if (text === null ? realisticWords.test(described) : !described.includes(text))
          disagreements.push(`${where}: engine ${JSON.stringify(choice)}, plan "${described}"`);
        if (text !== null) named++;
        const meaning = choice.kind === 'semantic' ? choice.meaning : null;
        const shape = meaning === null ? undefined : SHAPES[meaning];
        if (shape) {
          const fn = source.valueOf(i, c.column.name);
          for (let row = 0; row < Math.min(t.rows, 20); row++) {
            const v = fn(row);
            if (v !== null && !shape.test(v)) disagreements.push(`${where}: ${meaning} value '${v}'`);
          }
        }
      } else if (c.source.kind === 'unique' && !c.steer) {
        if (!c.source.semantic && realisticWords.test(described))
          disagreements.push(`${where}: plain unique values, plan "${described}"`);
      }
    });
  });
  expect(disagreements).toEqual([]);
  expect(named).toBeGreaterThan(0);
});

it('datagen plan plans as generate runs: --size gives the row counts generate writes', async () => {
  const out = join(tempDir(), 'shop.sql');
  const args = ['examples/shop.sql', '--size', '2MB', '--seed', '3'];
  const planned = await runCliInProcess(['plan', ...args, '--json']);
  expect(planned.status, planned.stderr).toBe(0);
  const plan = JSON.parse(planned.stdout) as { tables: { table: string; rows: number }[] };
  const generated = await runCliInProcess(['generate', ...args, '-f', out, '--json']);
  expect(generated.status, generated.stderr).toBe(0);
  const summary = JSON.parse(generated.stdout) as {
    tables: { schema: string; name: string; rows: number }[];
  };
  const written = summary.tables.map((t) => [`${t.schema}.${t.name}`, t.rows]);
  expect(plan.tables.map((t) => [t.table, t.rows])).toEqual(written);
  // Sized, not the default 1000 rows per table.
  expect(written.some(([, rows]) => rows !== 1000)).toBe(true);
}, 120_000);
