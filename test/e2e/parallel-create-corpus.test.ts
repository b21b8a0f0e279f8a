/**
 * Create and load over two connections (issue 10's acceptance, with -j): for
 * each example and the richest corpus schemas, DDL files and `-d -j 2` on an empty
 * database make what `-j 1` (one transaction) makes: the same schema as
 * pg_dump -s prints it (keys, indexes, foreign keys, triggers, comments,
 * privileges built in parallel-create's passes) and the same rows in every
 * table, every constraint valid. From the corpus, the schemas whose
 * parallel create does the most (see RICH): the others are tables, keys and
 * foreign keys, which the examples and those cover, and their loads are
 * tested by corpus.test.ts and database-load-corpus.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

/**
 * Corpus schemas with the most for parallel-create's passes: hundreds of
 * indexes and keys (camunda, danbooru, with danbooru's functions, views and
 * comments), grants (guacamole), triggers, functions, views, domains and a
 * partitioned table (pagila).
 */
const RICH = new Set(['camunda.sql', 'danbooru.sql', 'guacamole.sql', 'pagila.sql']);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('create_corpus');
});
afterAll(async () => db.close());

/** The schema as pg_dump -s prints it (less its random \restrict key). */
const dumpedSchema = (t: TestDatabase) =>
  t
    .run('pg_dump', ['-s', '-d', t.name])
    .split('\n')
    .filter((l) => !/^\\(un)?restrict /.test(l))
    .join('\n');

async function createdOver(file: string, workers: number): Promise<TestDatabase> {
  const target = await db.createSibling();
  await generate({
    schema: [file],
    connection: { dbname: target.connectionString },
    defaultRows: 150,
    seed: 4,
    workers,
  });
  return target;
}

async function sameAsOneConnection(file: string): Promise<void> {
  const one = await createdOver(file, 1);
  const two = await createdOver(file, 2);
  expect(dumpedSchema(two)).toEqual(dumpedSchema(one));
  const counts = async (t: TestDatabase) => [...(await userTableRowCounts(t)).entries()].sort();
  expect(await counts(two)).toEqual(await counts(one));
  expect((await constraintSummary(two)).notValid).toEqual((await constraintSummary(one)).notValid);
  await one.close();
  await two.close();
}

describe('create and load over -j 2: the examples', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.sql')))('%s', async (file) => {
    await sameAsOneConnection(join(EXAMPLES, file));
  });
});

describeCorpus('create and load over -j 2: the corpus', (files) => {
  it.each(files.filter((f) => RICH.has(f)))('%s', async (file) => {
    await sameAsOneConnection(join(corpusDir, file));
  });
});
