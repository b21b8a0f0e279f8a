/**
 * The DDL front-end tests' way of loading a shape (test/ddl/front-end*.test.ts):
 * 30 rows per table, seed 3, loaded as a script with psql ON_ERROR_STOP, and
 * again as a custom archive restored with pg_restore -j 2.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type GenerateOptions, generate } from '../../src/index.js';
import type { TestDatabase } from './database.js';
import { tempDir } from './generate-file.js';
import { type DdlFiles, loadGenerated, restoresAsArchive } from './load-generated.js';

const ROWS = { defaultRows: 30, seed: 3 };

export function frontEndLoads(db: TestDatabase) {
  return {
    /** Write the files (the first is the schema), generate 30 rows per table, load into a fresh database. */
    async load(
      files: DdlFiles,
      options: Omit<GenerateOptions, 'schema' | 'output'> = {},
      /** SQL run on the target first: what it must provide. */
      prepare?: string,
    ) {
      const loaded = await loadGenerated(db, files, { ...ROWS, ...options }, prepare);
      const { target, counts, result } = loaded;
      return { target, counts, warnings: result.warnings, dir: dirname(loaded.output) };
    },
    /** The same schema as a custom archive, restored with pg_restore -j 2: the same rows as the script. */
    async restoresAsArchive(dir: string, counts: Map<string, number>): Promise<void> {
      await restoresAsArchive(db, join(dir, 'schema.sql'), ROWS, counts, { jobs: 2 });
    },
  };
}

/** The located error generating from this DDL gives (its file's folder as `<dir>`). */
export async function generateFailure(
  ddl: string,
): Promise<{ code: string; message: string; exitCode: number }> {
  const dir = tempDir();
  const schema = join(dir, 'bad.sql');
  writeFileSync(schema, ddl);
  try {
    await generate({ schema: [schema], output: join(dir, 'o.sql'), defaultRows: 5 });
  } catch (error) {
    const e = error as { code: string; message: string; exitCode: number };
    return { code: e.code, message: e.message.replaceAll(dir, '<dir>'), exitCode: e.exitCode };
  }
  throw new Error('generate succeeded');
}
