/**
 * Generate into a temp file through the library, for tests.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { type DatagenError, ErrorCodes } from '../../src/errors.js';
import { type GenerateOptions, type GenerateResult, generate, parseDdl } from '../../src/index.js';
import { pinDeflateWorkers } from './deflate-pinned.js';

/** A new directory for a test's files, inside the run's directory (removed when the run ends; see global-setup.ts). */
export function tempDir(prefix = 'datagen-test-'): string {
  return mkdtempSync(join(runTmpRoot(), prefix));
}

function runTmpRoot(): string {
  try {
    const root = inject('tmpRoot');
    if (root && existsSync(root)) return root;
  } catch {
    // Outside a vitest worker: the system's temporary directory.
  }
  return tmpdir();
}

export async function generateFile(
  options: Omit<GenerateOptions, 'output'>,
  name = 'out.sql',
): Promise<{ file: string; result: GenerateResult }> {
  pinDeflateWorkers();
  const file = join(tempDir(), name);
  const result = await generate({ ...options, output: file });
  return { file, result };
}

/** The DDL in a file, generated with 5 rows per table (unless `options` say) into a script (an archive for `custom`) beside it. */
export async function generateDdlFile(ddl: string, options: Partial<GenerateOptions> = {}) {
  pinDeflateWorkers();
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, options.format === 'custom' ? 'out.dump' : 'out.sql');
  const result = await generate({ schema: [schema], defaultRows: 5, seed: 1, output, ...options });
  return { ...result, output };
}

/**
 * The DDL generated once per worker count in `workers`, with the same options,
 * into one folder (`out-<workers>.sql`): the outputs' paths, in that order.
 */
export async function outputsByWorkers(
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output' | 'workers'>,
  workers: readonly number[],
): Promise<string[]> {
  pinDeflateWorkers();
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const outputs: string[] = [];
  for (const n of workers) {
    const output = join(dir, `out-${n}.sql`);
    await generate({ schema: [schema], output, ...options, workers: n });
    outputs.push(output);
  }
  return outputs;
}

/** The DDL (seed 1) as a custom archive made by the library call; its path. */
export async function customArchive(ddl: string, rows: number): Promise<string> {
  pinDeflateWorkers();
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, 'data.dump');
  await generate({ schema: [schema], output, defaultRows: rows, seed: 1, format: 'custom' });
  return output;
}

/** The located problems parseDdl refuses `text` with (read as file `file`), or [] when it reads it. */
export async function ddlProblems(text: string, file = 's.sql'): Promise<string[]> {
  try {
    await parseDdl([{ file, text }]);
    return [];
  } catch (error) {
    expect((error as DatagenError).code).toBe(ErrorCodes.SCHEMA_INVALID);
    return (error as DatagenError).message.split('\n').slice(1);
  }
}
