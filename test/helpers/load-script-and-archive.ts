/**
 * One DDL shape through both outputs users load: a plain script (psql with
 * ON_ERROR_STOP) and a custom archive (pg_restore --exit-on-error), each into
 * a fresh sibling database; the same rows in both, every constraint valid.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type GenerateResult, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from './constraint-checks.js';
import type { TestDatabase } from './database.js';
import { tempDir } from './generate-file.js';

export interface ScriptAndArchiveOptions {
  /** Rows per table. */
  readonly rows: number;
  readonly seed: number;
  /** Restore the archive in one transaction (`pg_restore --single-transaction`). */
  readonly singleTransaction?: boolean;
}

export interface LoadedScriptAndArchive {
  readonly result: GenerateResult;
  /** The script run's warning messages. */
  readonly warnings: string[];
  /** The script's text. */
  readonly scriptText: string;
  /** Rows per table (`schema.table`), the same in both databases. */
  readonly counts: Map<string, number>;
  /** The database the script was loaded into. */
  readonly script: TestDatabase;
  /** The database the archive was restored into. */
  readonly archive: TestDatabase;
}

export async function loadScriptAndArchive(
  db: TestDatabase,
  ddl: string,
  options: ScriptAndArchiveOptions,
): Promise<LoadedScriptAndArchive> {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const common = { schema: [schema], defaultRows: options.rows, seed: options.seed };
  const output = join(dir, 'data.sql');
  const result = await generate({ ...common, output });
  const dump = join(dir, 'data.dump');
  await generate({ ...common, output: dump, format: 'custom' });
  const script = await db.createSibling();
  script.psqlFile(output);
  const archive = await db.createSibling();
  archive.run('pg_restore', [
    ...(options.singleTransaction === true ? ['--single-transaction'] : []),
    '--exit-on-error',
    '-d',
    archive.name,
    dump,
  ]);
  const counts = await userTableRowCounts(script);
  expect(await userTableRowCounts(archive)).toEqual(counts);
  expect((await constraintSummary(script)).notValid).toEqual([]);
  expect((await constraintSummary(archive)).notValid).toEqual([]);
  return {
    result,
    warnings: result.warnings.map((w) => w.message),
    scriptText: readFileSync(output, 'utf8'),
    counts,
    script,
    archive,
  };
}
