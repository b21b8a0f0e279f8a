/**
 * The e2e pattern for one schema: DDL text → datagen (library) → a fresh
 * sibling database loaded with the real psql (ON_ERROR_STOP), every
 * constraint checked valid.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, expect, inject } from 'vitest';
import { type GenerateOptions, type GenerateResult, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from './constraint-checks.js';
import { forwardingDatabase, type TestDatabase, useTestDatabase } from './database.js';
import { pinDeflateWorkers } from './deflate-pinned.js';
import { tempDir } from './generate-file.js';
import { createsPostgis, postgisCreatedFirst } from './postgis-template.js';

export interface LoadedDdl {
  readonly target: TestDatabase;
  /** The script written (plain format), `data.sql` beside the schema file. */
  readonly output: string;
  readonly counts: Map<string, number>;
  readonly result: GenerateResult;
}

/** DDL text (written as `schema.sql`), or files by name (in folders too), the first the schema read. */
export type DdlFiles = string | Readonly<Record<string, string>>;

/** The DDL written into `dir`; the schema file's path. */
export function writeDdlFiles(dir: string, ddl: DdlFiles): string {
  const named = typeof ddl === 'string' ? { 'schema.sql': ddl } : ddl;
  for (const [name, text] of Object.entries(named)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, Object.keys(named)[0] ?? '');
}

export async function loadGenerated(
  db: TestDatabase,
  ddl: DdlFiles,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
  /** SQL run on the target first: what it must provide. */
  prepare?: string,
): Promise<LoadedDdl> {
  const dir = tempDir();
  const schema = writeDdlFiles(dir, ddl);
  const output = join(dir, 'data.sql');
  const result = await generate({ schema: [schema], output, ...options });
  const template = templateFor(ddl);
  if (template !== undefined) expect(postgisCreatedFirst(readFileSync(output, 'utf8'))).toBe(true);
  const target = await db.createSibling(template);
  if (prepare !== undefined) await target.query(prepare);
  await target.psqlFileAsync(output);
  const counts = await userTableRowCounts(target);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  return { target, output, counts, result };
}

/** The run's PostGIS template for DDL that creates PostGIS IF NOT EXISTS (postgis-template.ts); else none, template0. */
function templateFor(ddl: DdlFiles): string | undefined {
  return createsPostgis(ddl) ? (inject('postgisTemplate') ?? undefined) : undefined;
}

/**
 * For the enclosing describe (or file): its database (useTestDatabase), and
 * the DDL generated with `options` and loaded into a sibling of it once, before
 * its tests (loadGenerated); both closed after them.
 */
export function useLoadedDdl(
  prefix: string,
  ddl: DdlFiles,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
): { readonly db: TestDatabase; readonly target: TestDatabase } {
  const db = useTestDatabase(prefix);
  let target: TestDatabase | undefined;
  beforeAll(async () => {
    ({ target } = await loadGenerated(db, ddl, options));
  });
  const missing = `the ${prefix} DDL is loaded in beforeAll; use its database in a test`;
  return { db, target: forwardingDatabase(() => target, missing) };
}

/** How pg_restore restores: in one transaction (`--single-transaction`), or with `jobs` (`-j N`). */
export interface RestoreWay {
  readonly singleTransaction?: boolean;
  readonly jobs?: number;
}

/**
 * The schema file as a custom archive restored with pg_restore --exit-on-error
 * into a fresh sibling: the rows `counts` says, every constraint valid.
 */
export async function restoresAsArchive(
  db: TestDatabase,
  schema: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
  counts: Map<string, number>,
  restore: RestoreWay = {},
): Promise<TestDatabase> {
  pinDeflateWorkers();
  const dump = join(tempDir(), 'data.dump');
  await generate({ schema: [schema], output: dump, ...options, format: 'custom' });
  const template = templateFor(readFileSync(schema, 'utf8'));
  if (template !== undefined)
    expect(postgisCreatedFirst(await db.runAsync('pg_restore', ['-s', '-f', '-', dump]))).toBe(true);
  const restored = await db.createSibling(template);
  await restored.runAsync('pg_restore', [
    ...(restore.singleTransaction === true ? ['--single-transaction'] : []),
    ...(restore.jobs === undefined ? [] : ['-j', String(restore.jobs)]),
    '--exit-on-error',
    '-d',
    restored.name,
    dump,
  ]);
  expect(await userTableRowCounts(restored)).toEqual(counts);
  expect((await constraintSummary(restored)).notValid).toEqual([]);
  return restored;
}

/**
 * loadGenerated, and the same options as a custom archive restored with
 * pg_restore --exit-on-error into another sibling: the same rows in both.
 */
export async function loadScriptAndArchive(
  db: TestDatabase,
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
  restore: RestoreWay = {},
): Promise<LoadedDdl & { readonly restored: TestDatabase }> {
  const loaded = await loadGenerated(db, ddl, options);
  const schema = join(dirname(loaded.output), 'schema.sql');
  const restored = await restoresAsArchive(db, schema, options, loaded.counts, restore);
  return { ...loaded, restored };
}
