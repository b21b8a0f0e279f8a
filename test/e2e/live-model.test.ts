/**
 * The live-schema path reads the same model the DDL path builds: for every
 * corpus schema and the examples, a database is created from the DDL (the
 * schema-only script datagen writes for it), its schema read back from the
 * catalog (src/input/catalog, datagen's live path) and the models compared
 * with the structural diff (test/helpers/schema-diff.ts lists what it leaves
 * out). The reader is also held to what pg_dump --schema-only gave before it
 * (test/helpers/pg-dump-schema.ts): the model read from pg_dump's DDL is the
 * same, and so are the rows generated into the database (300 rows a table,
 * seed 3, plain data-only output) byte for byte, and so are the owners,
 * comments and privileges the two models hold, statement for statement in
 * order (a view's ALTER VIEW ... OWNER read as pg_dump's ALTER TABLE).
 *
 * Documented exception: the DDL part of a plain script written from a live
 * database is the catalog's text, not pg_dump's (pg_get_functiondef's and
 * pg_get_viewdef's layout, pg_dump's per-object comments): it loads the same
 * objects (test/e2e/live-catalog.test.ts loads it), in the same order, but is
 * not byte-identical, so the bytes compared are the data (-a).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { readLiveSchema } from '../../src/input/live-schema.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import type { Schema } from '../../src/schema/model.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { readSchemaWithPgDump } from '../helpers/pg-dump-schema.js';
import { schemaOnlyDatabase } from '../helpers/schema-database.js';
import { structuralDiff } from '../helpers/schema-diff.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('live_model');
});
afterAll(async () => db.close());

/** A database made from the DDL file (and `change` after it): a copy of the run's (schema-database.ts). */
async function makeDatabase(file: string, change?: string): Promise<TestDatabase> {
  const target = await schemaOnlyDatabase(db, file);
  if (change !== undefined) await target.query(change);
  return target;
}

/**
 * The database made from a DDL file as it stands, made once for both
 * comparisons of that file (neither writes to it): creating it is most of
 * a comparison's time.
 */
const madeFrom = new Map<string, Promise<TestDatabase>>();
function databaseFrom(file: string, change?: string): Promise<TestDatabase> {
  if (change !== undefined) return makeDatabase(file, change);
  let made = madeFrom.get(file);
  if (made === undefined) {
    made = makeDatabase(file);
    madeFrom.set(file, made);
  }
  return made;
}

/** The model the catalog reader gives for a database (read once for both comparisons of an unchanged one). */
const readFrom = new Map<TestDatabase, Promise<Schema>>();
function liveModel(target: TestDatabase): Promise<Schema> {
  let read = readFrom.get(target);
  if (read === undefined) {
    read = readLiveSchema({ dbname: target.connectionString }).then(
      async (text) => (await parseDdl([text])).schema,
    );
    readFrom.set(target, read);
  }
  return read;
}

async function liveVersusDdl(file: string, change?: string): Promise<string[]> {
  const fromDdl = (await loadSchemaFiles([file])).schema;
  return structuralDiff(fromDdl, await liveModel(await databaseFrom(file, change)));
}

/**
 * What a model holds about its objects besides their definitions: owners,
 * comments, privileges (GRANT/REVOKE, default privileges), a statement a
 * line in the model's order; a view's owner as pg_dump spells it (ALTER
 * TABLE, where the reader writes ALTER VIEW).
 */
function annotations(schema: Schema): string[] {
  const kinds = new Set(['COMMENT', 'ACL', 'DEFAULT ACL', 'OWNER']);
  return schema.statements
    .filter((s) => kinds.has(s.desc))
    .map((s) => s.sql.trim().replace(/^ALTER (VIEW|MATERIALIZED VIEW) /, 'ALTER TABLE '));
}

/** The catalog reader against pg_dump: the models' diff, and whether the data written from each is the same bytes. */
async function catalogVersusPgDump(
  file: string,
): Promise<{ diff: string[]; sameData: boolean; rows: number; annotations: [string[], string[]] }> {
  const target = await databaseFrom(file);
  const connection = { dbname: target.connectionString };
  const fromPgDump = (await parseDdl([await readSchemaWithPgDump(connection)])).schema;
  const fromCatalog = await liveModel(target);
  const dir = tempDir('live-model-');
  const settings = { defaultRows: 300, seed: 3, dataOnly: true } as const;
  await generate({ ...settings, schema: fromPgDump, output: join(dir, 'pg-dump.sql') });
  // The product's path: -d with no DDL file, the catalog read over the run's session.
  await generate({ ...settings, connection, output: join(dir, 'catalog.sql') });
  const viaPgDump = readFileSync(join(dir, 'pg-dump.sql'), 'utf8');
  const viaCatalog = readFileSync(join(dir, 'catalog.sql'), 'utf8');
  return {
    diff: structuralDiff(fromPgDump, fromCatalog),
    sameData: viaPgDump === viaCatalog,
    rows: viaCatalog.split('\n').length,
    annotations: [annotations(fromPgDump), annotations(fromCatalog)],
  };
}

// The comparisons run concurrently: each waits mostly on psql, pg_dump and the server.
describe('live model equals DDL model: examples', () => {
  it.concurrent.for(readdirSync(EXAMPLES).filter((f) => f.endsWith('.sql')))(
    '%s',
    async (file, { expect }) => {
      expect(await liveVersusDdl(join(EXAMPLES, file))).toEqual([]);
    },
  );
});

describe('the catalog reader gives what pg_dump gave: examples', () => {
  it.concurrent.for(readdirSync(EXAMPLES).filter((f) => f.endsWith('.sql')))(
    '%s',
    async (file, { expect }) => {
      const { diff, sameData, rows, annotations } = await catalogVersusPgDump(join(EXAMPLES, file));
      expect(diff).toEqual([]);
      expect(annotations[1]).toEqual(annotations[0]);
      expect(sameData).toBe(true);
      expect(rows).toBeGreaterThan(300);
    },
  );
});

describe('hunt schemas: the same model from the catalog as from the DDL', () => {
  it("an older pg_dump's CREATE EXTENSION plpgsql (every database has it; Rails structure.sql files)", async () => {
    const file = join(tempDir(), 'structure.sql');
    writeFileSync(
      file,
      `CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;
COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
CREATE TABLE manifests (id integer NOT NULL PRIMARY KEY, uuid uuid DEFAULT uuid_generate_v4());
`,
    );
    expect(await liveVersusDdl(file)).toEqual([]);
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
  it.concurrent.for(files)('%s', { timeout: 300_000 }, async (file, { expect }) => {
    expect(await liveVersusDdl(join(corpusDir, file))).toEqual([]);
  });
});

describeCorpus('the catalog reader gives what pg_dump gave: corpus', (files) => {
  // danbooru alone took 63 s under load 14; 216 s under load 30 beside others (past the default 120 s).
  it.concurrent.for(files)('%s', { timeout: 300_000 }, async (file, { expect }) => {
    const { diff, sameData, rows, annotations } = await catalogVersusPgDump(join(corpusDir, file));
    expect(diff).toEqual([]);
    expect(annotations[1]).toEqual(annotations[0]);
    expect(sameData).toBe(true);
    expect(rows).toBeGreaterThan(300);
  });
});
