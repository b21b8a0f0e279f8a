/**
 * Fill in place (issue 10's acceptance): a database created from each
 * example and corpus schema (datagen's schema-only script run by psql, as a
 * migration tool would leave it), then `generate -d` reads that database's
 * own schema and loads rows over COPY, every constraint enforced by the
 * server (foreign keys checked when added back). The user triggers fire
 * (the default): a schema whose triggers refuse the generated rows is
 * loaded again with --disable-triggers, and must then load. Every table gets
 * the rows the plan gave it, and constraints declared NOT VALID validate.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateResult, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { schemaOnlyDatabase } from '../helpers/schema-database.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const ROWS = 150;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('load_corpus');
});
afterAll(async () => db.close());

async function fillInPlace(file: string): Promise<void> {
  const target = await schemaOnlyDatabase(db, file);
  const connection = { dbname: target.connectionString };
  let result: GenerateResult;
  try {
    result = await generate({ connection, defaultRows: ROWS, seed: 4 });
  } catch (error) {
    // Only a trigger's doing may stop the default load; with --disable-triggers it must load.
    expect(String((error as Error).message)).toMatch(/trigger .* (failed|wrote|changed)|user triggers fired/);
    result = await generate({ connection, defaultRows: ROWS, seed: 4, disableTriggers: true });
  }
  const counts = await userTableRowCounts(target);
  for (const t of result.plan.tables) {
    if (t.filledThrough || t.table.partitionBy || t.excluded) continue;
    const name = `${t.table.schema}.${t.table.name}`;
    // Triggers may add rows (audit tables, routing into inheritance children): never fewer than planned.
    expect(counts.get(name) ?? 0, name).toBeGreaterThanOrEqual(t.rows);
  }
  // A constraint the schema declares NOT VALID is added back so; the rows must meet it all the same.
  const declared = await target.query<{ t: string; c: string }>(
    'SELECT conrelid::regclass::text AS t, quote_ident(conname) AS c FROM pg_constraint WHERE NOT convalidated',
  );
  for (const { t, c } of declared) await target.query(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${c}`);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  await target.close();
}

// Concurrent: each schema's time is mostly psql's and the server's (COPY, foreign keys added back).
describe('fill in place: the examples', () => {
  it.concurrent.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.sql')))('%s', async (file) => {
    await fillInPlace(join(EXAMPLES, file));
  });
});

describeCorpus('fill in place: the corpus', (files) => {
  it.concurrent.each(files)('%s', { timeout: 300_000 }, async (file) => {
    await fillInPlace(join(corpusDir, file));
  });
});
