/**
 * Minimal shapes of bugs found by running datagen on benchmark kits, sample
 * databases and data models (setup scripts, pg_dump -C / pg_dumpall output,
 * extension-heavy dumps): each generated and loaded into the real server,
 * as a plain script with ON_ERROR_STOP and as a custom archive restored in
 * one transaction, with every constraint in place.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateResult, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;

interface Loaded {
  readonly result: GenerateResult;
  readonly script: string;
  readonly rows: Map<string, number>;
  readonly target: TestDatabase;
}

/** Generate 40 rows per table as a script and as a custom archive; load both (the archive with -1). */
async function load(ddl: string): Promise<Loaded> {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, 'data.sql');
  const result = await generate({ schema: [schema], output, defaultRows: 40, seed: 7 });
  const target = await db.createSibling();
  target.psqlFile(output);
  const rows = await userTableRowCounts(target);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  const dump = join(dir, 'data.dump');
  await generate({ schema: [schema], output: dump, format: 'custom', defaultRows: 40, seed: 7 });
  const restored = await db.createSibling();
  restored.run('pg_restore', ['--single-transaction', '--exit-on-error', '-d', restored.name, dump]);
  expect(await userTableRowCounts(restored)).toEqual(rows);
  return { result, script: readFileSync(output, 'utf8'), rows, target };
}

describe('shapes of bugs found in benchmark kits and sample databases', () => {
  beforeAll(async () => {
    db = await createTestDatabase('kits');
  });
  afterAll(async () => db.close());

  it('statements on a whole database (a setup script, pg_dump -C) are left out with one warning, never run on another database', async () => {
    const { result, script, rows } = await load(`
      DROP DATABASE demo_kit_shape;
      CREATE DATABASE demo_kit_shape WITH TEMPLATE = template0 ENCODING = 'UTF8';
      ALTER DATABASE demo_kit_shape OWNER TO postgres;
      \\connect demo_kit_shape
      COMMENT ON DATABASE demo_kit_shape IS 'the demo';
      GRANT CONNECT ON DATABASE demo_kit_shape TO PUBLIC;
      CREATE SCHEMA bookings;
      CREATE TABLE bookings.t (id int PRIMARY KEY, name text NOT NULL);
      ALTER DATABASE demo_kit_shape SET search_path = bookings, public;`);
    expect(rows.get('bookings.t')).toBe(40);
    expect(script).not.toMatch(/DATABASE/);
    const [exists] = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_database WHERE datname = 'demo_kit_shape'",
    );
    expect(exists?.n).toBe('0');
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^6 database statements \(first at .*schema\.sql:2:7: 'DROP DATABASE demo_kit_shape', .* and 3 more\) left out: .*-C\/--create/,
      ),
    );
  });
});
