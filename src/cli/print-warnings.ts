import type { Warning } from '../errors.js';

/** Warnings go to stderr, one line each, unless the user asked for quiet or JSON. */
export function printWarnings(warnings: readonly Warning[], quiet: boolean): void {
  if (quiet) return;
  for (const w of warnings) process.stderr.write(`datagen: warning: ${visibleControls(w.message)}\n`);
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
