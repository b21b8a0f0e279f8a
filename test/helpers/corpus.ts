/**
 * The shared corpus of real schemas (../shared/corpus, beside the repo).
 * A clone without it reports the corpus suites as skipped, with the reason,
 * rather than running zero tests silently.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'vitest';

export const corpusDir = resolve(import.meta.dirname, '../../../shared/corpus');

/** The corpus's .sql files, sorted (empty when the corpus is absent). */
export const corpusFiles: readonly string[] = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
  : [];

/** `describe(title, body)` when the corpus is there; else one skipped test that names why. */
export function describeCorpus(title: string, body: (files: readonly string[]) => void): void {
  if (corpusFiles.length > 0) {
    describe(title, () => body(corpusFiles));
    return;
  }
  // Printed where the run is read (the default reporter lists skipped files without their titles).
  console.warn(
    `notice: ${title}: skipped, ${corpusDir} is absent (the repository's examples cover the same paths)`,
  );
  describe.skip(`${title} (skipped: ${corpusDir} is absent)`, () => {
    it(`every schema of ${corpusDir}`, () => {});
  });
}
