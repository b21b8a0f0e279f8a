/**
 * Create and load over two connections (issue 10's acceptance, with -j): for
 * each example and the richest corpus schemas, DDL files and `-d -j 2` on an
 * empty database make what one connection makes: the same schema as
 * pg_dump -s prints it (keys, indexes, foreign keys, triggers, comments,
 * privileges built in parallel-create's passes), every table the rows its
 * plan gave it, and the constraints valid that are valid there. What one
 * connection makes is the run's schema-only database of that DDL
 * (schema-database.ts: datagen's -s script run by psql in one session, the
 * database live-model, database-load-corpus, data-only-order and
 * pg-dump-options copy): until session 38 each case created the schema a
 * second time with `-d -j 1` (one transaction) beside it, the half of the
 * file's time; `-d` creating from DDL files in one transaction is tested
 * by database-create.test.ts. From the corpus,
 * the schemas whose parallel create does the most (see RICH): the others
 * are tables, keys and foreign keys, which the examples and those cover,
 * and their loads are tested by corpus.test.ts and
 * database-load-corpus.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { schemaOnlyDatabase } from '../helpers/schema-database.js';

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

/** A fresh database created and loaded by `generate -d -j 2` from the DDL file: the database and the run's plan. */
async function createdOverTwo(file: string) {
  const target = await db.createSibling();
  const result = await generate({
    schema: [file],
    connection: { dbname: target.connectionString },
    defaultRows: 150,
    seed: 4,
    workers: 2,
  });
  return { target, result };
}

async function sameAsOneConnection(file: string): Promise<void> {
  const [one, { target: two, result }] = await Promise.all([
    schemaOnlyDatabase(db, file),
    createdOverTwo(file),
  ]);
  expect(dumpedSchema(two)).toEqual(dumpedSchema(one));
  const counts = await userTableRowCounts(two);
  for (const t of result.plan.tables) {
    if (t.filledThrough || t.table.partitionBy) continue;
    expect(counts.get(`${t.table.schema}.${t.table.name}`), t.table.name).toBe(t.rows);
  }
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
