import { oneLineText, type Warning } from '../errors.js';

/** The first place a message names (`at schema.sql:30:1`): its file and line. */
const PLACE = / at (\S*[^\s\d:]\S*):(\d+):\d+/;

/** How many of a folded message's other lines are listed before "and N more". */
const LINES_LISTED = 5;

/**
 * Warnings go to stderr, one line each, unless the user asked for quiet or JSON. A message told more than
 * once (the same statement at many places: thirteen `CREATE TEMP TABLE t`, Hangfire's 21 DO blocks that
 * only read and report) is one line at its first place, `(N times)` after it, with the other lines of the
 * same file where the message differs only by its place; `--json` keeps every warning with its own `where`.
 */
export function printWarnings(
  warnings: readonly Warning[],
  quiet: boolean,
  stderr: NodeJS.WritableStream,
): void {
  if (quiet) return;
  const groups = new Map<string, { message: string; n: number; lines: string[] }>();
  for (const w of warnings) {
    const place = PLACE.exec(w.message);
    const key = place ? w.message.replace(PLACE, ` at ${place[1]}:\u0000`) : w.message;
    const group = groups.get(key);
    if (!group) groups.set(key, { message: w.message, n: 1, lines: [] });
    else {
      group.n += 1;
      const line = place?.[2];
      if (line !== undefined && !group.lines.includes(line) && group.message !== w.message)
        group.lines.push(line);
    }
  }
  for (const { message, n, lines } of groups.values())
    stderr.write(`datagen: warning: ${oneLine(message)}${timesTold(n, lines)}\n`);
}

/** ` (N times)`, with the other lines it was told at (`; also at lines 245, 283 and 15 more`). */
function timesTold(n: number, lines: readonly string[]): string {
  if (n <= 1) return '';
  if (lines.length === 0) return ` (${n} times)`;
  const listed = lines.slice(0, LINES_LISTED).join(', ');
  const more = lines.length > LINES_LISTED ? ` and ${lines.length - LINES_LISTED} more` : '';
  return ` (${n} times; also at line${lines.length > 1 ? 's' : ''} ${listed}${more})`;
}

/**
 * `text` with its control characters but line breaks and tabs written as `\x1B`: a schema's identifier
 * (`"a<ESC>[31mred"`) or file name in a message never sends a terminal escape to the user's terminal. A line
 * break or tab inside a quoted identifier (`CREATE TABLE "a<LF>b"`) is written `"a\nb"`, so the name stays
 * on its message's line (the message's own line breaks, between its problems, are kept).
 */
export function visibleControls(text: string): string {
  const shown = text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  // A line with an odd number of double quotes ends inside a quoted name: its break is the name's own.
  const lines: string[] = [];
  let pending: string[] = [];
  let quotes = 0;
  for (const line of shown.split('\n')) {
    pending.push(line);
    quotes += line.match(/"/g)?.length ?? 0;
    if (quotes % 2 === 0) {
      lines.push(pending.join('\\n'));
      pending = [];
      quotes = 0;
    }
  }
  lines.push(...pending);
  return lines.join('\n').replace(/"(?:[^"\n]|"")*"/g, oneLineText);
}

/** A message line: every line break and tab escaped (a warning is one line, whatever the names it holds). */
export function oneLine(text: string): string {
  return oneLineText(visibleControls(text));
}
