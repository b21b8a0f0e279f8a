/**
 * The live-schema path reads the same model the DDL path builds: for every
 * corpus schema and the examples, a database is created from the DDL (the
 * schema-only script datagen writes for it), its schema read back with
 * readLiveSchema (the real pg_dump), and the two models compared with the
 * structural diff (test/helpers/schema-diff.ts lists what it leaves out).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { readLiveSchema } from '../../src/input/live-schema.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile } from '../helpers/generate-file.js';
import { structuralDiff } from '../helpers/schema-diff.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('live_model');
});
afterAll(async () => db.close());

async function liveVersusDdl(file: string, change?: string): Promise<string[]> {
  const fromDdl = (await loadSchemaFiles([file])).schema;
  const script = await generateFile({ schema: [file], schemaOnly: true });
  const target = await db.createSibling();
  target.psqlFile(script.file);
  if (change !== undefined) await target.query(change);
  const fromLive = (await parseDdl([await readLiveSchema({ dbname: target.connectionString })])).schema;
  return structuralDiff(fromDdl, fromLive);
}

describe('live model equals DDL model: examples', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.sql')))('%s', async (file) => {
    expect(await liveVersusDdl(join(EXAMPLES, file))).toEqual([]);
  });
});

describe('the diff sees what the database has that the DDL has not', () => {
  it('a column made nullable and a CHECK added after the DDL ran', async () => {
    const diff = await liveVersusDdl(
      join(EXAMPLES, 'shop.sql'),
      'ALTER TABLE shop.customer ALTER COLUMN email DROP NOT NULL; ALTER TABLE shop.product ADD CONSTRAINT made_later CHECK (price < 1000000)',
    );
    expect(diff.map((line) => line.split(':')[0])).toEqual([
      'table shop.customer column email',
      'table shop.product checks',
    ]);
  });
});

describeCorpus('live model equals DDL model: corpus', (files) => {
  it.each(files)('%s', async (file) => {
    expect(await liveVersusDdl(join(corpusDir, file))).toEqual([]);
  });
});
