/**
 * The e2e pattern for one schema: DDL text → datagen (library) → a fresh
 * sibling database loaded with the real psql (ON_ERROR_STOP), every
 * constraint checked valid.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type GenerateOptions, type GenerateResult, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from './constraint-checks.js';
import type { TestDatabase } from './database.js';
import { tempDir } from './generate-file.js';

export interface LoadedDdl {
  readonly target: TestDatabase;
  /** The script written (plain format). */
  readonly output: string;
  readonly counts: Map<string, number>;
  readonly result: GenerateResult;
}

export async function loadGenerated(
  db: TestDatabase,
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
): Promise<LoadedDdl> {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, 'data.sql');
  const result = await generate({ schema: [schema], output, ...options });
  const target = await db.createSibling();
  await target.psqlFileAsync(output);
  const counts = await userTableRowCounts(target);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  return { target, output, counts, result };
}

/**
 * loadGenerated, and the same options as a custom archive restored with
 * pg_restore --exit-on-error into another sibling: the same rows in both.
 */
export async function loadScriptAndArchive(
  db: TestDatabase,
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
  /** Restore the archive in one transaction (`pg_restore --single-transaction`), or with `jobs` (`-j N`). */
  restore: { readonly singleTransaction?: boolean; readonly jobs?: number } = {},
): Promise<LoadedDdl & { readonly restored: TestDatabase }> {
  const loaded = await loadGenerated(db, ddl, options);
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const dump = join(dir, 'data.dump');
  await generate({ schema: [schema], output: dump, ...options, format: 'custom' });
  const restored = await db.createSibling();
  await restored.runAsync('pg_restore', [
    ...(restore.singleTransaction === true ? ['--single-transaction'] : []),
    ...(restore.jobs === undefined ? [] : ['-j', String(restore.jobs)]),
    '--exit-on-error',
    '-d',
    restored.name,
    dump,
  ]);
  expect(await userTableRowCounts(restored)).toEqual(loaded.counts);
  expect((await constraintSummary(restored)).notValid).toEqual([]);
  return { ...loaded, restored };
}
