/**
 * The e2e pattern for one schema: DDL text → datagen (library) → a fresh
 * sibling database loaded with the real psql (ON_ERROR_STOP), every
 * constraint checked valid.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, expect, inject } from 'vitest';
import { type GenerateOptions, type GenerateResult, generate } from '../../src/index.js';
import { generateEach } from '../../src/run/generate.js';
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
  const template = templateFor(ddl);
  const made = siblingSoon(db, template);
  const script = await writeScript(ddl, options);
  const { target, counts } = await loadScript(await made, script.output, template, prepare);
  return { target, output: script.output, counts, result: script.result };
}

/**
 * A sibling of `db` (a copy of `template`) asked for now and awaited where it is loaded: the server makes it
 * while the worker generates (~60 ms a database on a loaded machine). Its failure is the awaiter's, or, never
 * awaited (the run before it failed), nobody's.
 */
function siblingSoon(db: TestDatabase, template: string | undefined): Promise<TestDatabase> {
  const made = db.createSibling(template);
  made.catch(() => {});
  return made;
}

/** The DDL written in a new directory and generated as a plain script (`data.sql`) beside it. */
async function writeScript(
  ddl: DdlFiles,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
): Promise<{ schema: string; output: string; result: GenerateResult }> {
  const dir = tempDir();
  const schema = writeDdlFiles(dir, ddl);
  const output = join(dir, 'data.sql');
  const result = await generate({ schema: [schema], output, ...options });
  return { schema, output, result };
}

/** The script loaded into `target` with psql (ON_ERROR_STOP): its rows per table, every constraint valid. */
async function loadScript(
  target: TestDatabase,
  output: string,
  template: string | undefined,
  prepare?: string,
): Promise<{ target: TestDatabase; counts: Map<string, number> }> {
  if (template !== undefined) expect(postgisCreatedFirst(readFileSync(output, 'utf8'))).toBe(true);
  if (prepare !== undefined) await target.query(prepare);
  await target.psqlFileAsync(output);
  const counts = await userTableRowCounts(target);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  return { target, counts };
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
  const template = templateFor(readFileSync(schema, 'utf8'));
  const made = siblingSoon(db, template);
  const restored = await restoreArchive(db, made, await writeArchive(schema, options), template, restore);
  await expectRestoredAs(restored, counts);
  return restored;
}

/** The schema file generated as a custom archive (`data.dump`) in a new directory. */
async function writeArchive(
  schema: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
): Promise<string> {
  pinDeflateWorkers();
  const dump = join(tempDir(), 'data.dump');
  await generate({ schema: [schema], output: dump, ...options, format: 'custom' });
  return dump;
}

/** The archive restored with pg_restore --exit-on-error into `made` (a sibling of `db`), PostGIS created first. */
async function restoreArchive(
  db: TestDatabase,
  made: Promise<TestDatabase>,
  dump: string,
  template: string | undefined,
  restore: RestoreWay,
): Promise<TestDatabase> {
  if (template !== undefined)
    expect(postgisCreatedFirst(await db.runAsync('pg_restore', ['-s', '-f', '-', dump]))).toBe(true);
  const restored = await made;
  await restored.runAsync('pg_restore', [
    ...(restore.singleTransaction === true ? ['--single-transaction'] : []),
    ...(restore.jobs === undefined ? [] : ['-j', String(restore.jobs)]),
    '--exit-on-error',
    '-d',
    restored.name,
    dump,
  ]);
  return restored;
}

/** The restored database holds the rows `counts` says, every constraint valid. */
async function expectRestoredAs(restored: TestDatabase, counts: Map<string, number>): Promise<void> {
  expect(await userTableRowCounts(restored)).toEqual(counts);
  expect((await constraintSummary(restored)).notValid).toEqual([]);
}

/**
 * loadGenerated, and the same options as a custom archive restored with
 * pg_restore --exit-on-error into another sibling: the same rows in both.
 * One plan writes both files (generateEach: the bytes two generate() calls write, once planned), the two
 * databases asked for first (the server makes them meanwhile), then psql and pg_restore load at once.
 */
export async function loadScriptAndArchive(
  db: TestDatabase,
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
  restore: RestoreWay = {},
): Promise<LoadedDdl & { readonly restored: TestDatabase }> {
  const template = templateFor(ddl);
  const scriptDatabase = siblingSoon(db, template);
  const archiveDatabase = siblingSoon(db, template);
  pinDeflateWorkers();
  const dir = tempDir();
  const schema = writeDdlFiles(dir, ddl);
  const output = join(dir, 'data.sql');
  const dump = join(tempDir(), 'data.dump');
  const [result] = await generateEach({ schema: [schema], output, ...options }, [
    { output: dump, format: 'custom' },
  ]);
  const [loaded, restored] = await bothInOrder(
    scriptDatabase.then((target) => loadScript(target, output, template)),
    restoreArchive(db, archiveDatabase, dump, template, restore),
  );
  await expectRestoredAs(restored, loaded.counts);
  return { ...loaded, output, result: result as GenerateResult, restored };
}

/** Both results once both have settled; the first one's failure first (the script's before the archive's). */
async function bothInOrder<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
