/** YAML schema specs written to a temporary file, and the CLI's refusal of one. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCliInProcess } from './cli-in-process.js';
import { tempDir } from './generate-file.js';

/** The spec text written as `name` in a fresh directory; its path. */
export function writeSpec(text: string, name = 'spec.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/**
 * `datagen generate` on a spec that must be refused (exit 2, no stack, nothing written), run in this
 * process: its error, the path as spec.yaml.
 */
export async function specRefusal(text: string): Promise<string> {
  const spec = writeSpec(text);
  const out = join(tempDir(), 'out.sql');
  const r = await runCliInProcess(['generate', spec, '-f', out]);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  return r.stderr.replaceAll(spec, 'spec.yaml');
}
