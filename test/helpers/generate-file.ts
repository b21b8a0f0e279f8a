/**
 * Generate into a temp file through the library, for tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GenerateOptions, type GenerateResult, generate } from '../../src/index.js';

export function tempDir(prefix = 'datagen-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function generateFile(
  options: Omit<GenerateOptions, 'output'>,
  name = 'out.sql',
): Promise<{ file: string; result: GenerateResult }> {
  const file = join(tempDir(), name);
  const result = await generate({ ...options, output: file });
  return { file, result };
}
