import type { Warning } from '../errors.js';

/**
 * Warnings go to stderr, one line each, unless the user asked for quiet or JSON. A message told more than
 * once (the same statement at many places: thirteen `CREATE TEMP TABLE t`) is one line at its first place,
 * `(N times)` after it; `--json` keeps every warning with its own `where`.
 */
export function printWarnings(warnings: readonly Warning[], quiet: boolean): void {
  if (quiet) return;
  const times = new Map<string, number>();
  for (const w of warnings) times.set(w.message, (times.get(w.message) ?? 0) + 1);
  for (const [message, n] of times)
    process.stderr.write(`datagen: warning: ${visibleControls(message)}${n > 1 ? ` (${n} times)` : ''}\n`);
}

/**
 * `text` with its control characters but line breaks and tabs written as `\x1B`: a schema's identifier
 * (`"a<ESC>[31mred"`) or file name in a message never sends a terminal escape to the user's terminal.
 */
export function visibleControls(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
