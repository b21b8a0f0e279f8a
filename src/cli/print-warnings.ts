import type { Warning } from '../errors.js';

/** Warnings go to stderr, one line each, unless the user asked for quiet or JSON. */
export function printWarnings(warnings: readonly Warning[], quiet: boolean): void {
  if (quiet) return;
  for (const w of warnings) process.stderr.write(`datagen: warning: ${w.message}\n`);
}
