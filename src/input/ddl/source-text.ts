/**
 * A DDL file as the parser sees it: psql meta-commands blanked out, and the
 * mapping from libpg-query's UTF-8 byte offsets to editor positions.
 */
import type { SourceLocation } from '../../errors.js';
import { SqlLexer } from './sql-lexer.js';

/** A psql meta-command line (`\set x 1`, `\ir other.sql`): not SQL, blanked out of `text`. */
export interface MetaCommand {
  /** The command without its backslash: `set`, `ir`, `connect`, … */
  readonly command: string;
  /** The rest of the line, trimmed. */
  readonly argument: string;
  readonly location: SourceLocation;
  /** Byte offset of the line in `bytes`, to order it among the statements. */
  readonly offset: number;
}

export interface SourceText {
  readonly file: string;
  /** The text with every psql meta-command line replaced by spaces (same length, same lines). */
  readonly text: string;
  readonly bytes: Buffer;
  /** The psql meta-commands, in file order. */
  readonly metaCommands: readonly MetaCommand[];
  /** A location from a UTF-8 byte offset into `bytes`. */
  locationAtByte(offset: number): SourceLocation;
  /** A location from a 0-based code point offset (libpg-query's error `cursorPosition`, verified against the parser). */
  locationAtCodePoint(offset: number): SourceLocation;
  /** The text of a line (1-based), for error messages. */
  line(line: number): string;
  /** The text between two byte offsets. */
  slice(start: number, end: number): string;
  /** The first byte offset at or after `start` that is not whitespace or a comment. */
  skipTrivia(start: number, end: number): number;
}

/**
 * For each line, whether it starts outside any quoted identifier, string
 * literal, dollar-quoted body or comment: only there is a leading backslash a
 * psql meta-command. A line inside `"a<LF>\b"` or a function body is data.
 */
export function linesAtTopLevel(text: string): boolean[] {
  return scanLines(text).topLevel;
}

/** `COPY ... FROM stdin` (pg_dump's data blocks): the lines after it, up to `\.`, are rows, not SQL. */
const COPY_FROM_STDIN = /^copy\b[\s\S]*\bfrom\s+stdin\b/i;

/**
 * Per line: whether it starts at the top level (see linesAtTopLevel), and
 * whether it is a row of a `COPY ... FROM stdin` data block or the `\.` ending one.
 */
export function scanLines(text: string): {
  topLevel: boolean[];
  copyData: boolean[];
  metaAt: Map<number, number>;
} {
  const starts: boolean[] = [true];
  const copyData: boolean[] = [false];
  // A backslash in code after SQL on its line (`SELECT 1 AS n \gset`): psql reads the rest of the line as meta-commands.
  const metaAt = new Map<number, number>();
  let statementStart = 0;
  let copyPending = false;
  // Rows of a COPY ... FROM stdin block: quotes and backslashes there are data, up to the `\.` line.
  let inCopy = false;
  const lexer = new SqlLexer(text);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      if (!inCopy) lexer.step(i);
      else if (/^\\\.\s*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) inCopy = false;
      if (!inCopy && lexer.state === 'code' && copyPending) {
        inCopy = true;
        copyPending = false;
      }
      starts.push(!inCopy && lexer.state === 'code');
      copyData.push(inCopy);
      if (!inCopy && lexer.state === 'code' && copyData.length >= 2 && copyData[copyData.length - 2] === true)
        statementStart = i + 1;
    } else if (inCopy) {
      // rows: quotes and backslashes are data
    } else if (lexer.state === 'code' && ch === 59) {
      const statement = text
        .slice(statementStart, i)
        .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
        // psql meta-command lines before it (`\echo # filling table t` then `COPY t ... FROM STDIN`: DataFiller).
        .replace(/^[ \t]*\\[^\n]*$/gm, ' ')
        .trim();
      copyPending = COPY_FROM_STDIN.test(statement);
      statementStart = i + 1;
    } else if (lexer.state === 'code' && ch === 92 && /[A-Za-z]/.test(text[i + 1] ?? '')) {
      // Only a command name after it (`\gset`): `\'` is an old dump's escaped quote (standard_conforming_strings off).
      const end = text.indexOf('\n', i);
      metaAt.set(starts.length - 1, i);
      i = (end < 0 ? text.length : end) - 1;
    } else i = lexer.step(i);
  }
  return { topLevel: starts, copyData, metaAt };
}

/**
 * The text with every meta-command line and COPY data row blanked (same
 * length, same lines), and the meta-commands found. Only changed lines are
 * copied: a file of INSERTs or COPY rows runs to hundreds of megabytes, and
 * every copy of it the parse keeps multiplies the heap V8 lets grow.
 */
function blankMetaCommands(original: string): { text: string; found: FoundMeta[] } {
  const found: FoundMeta[] = [];
  // Only a file with a line starting with a backslash, or one after a blank (`... AS n \gset`), needs the scan
  // (a backslash inside quotes is data).
  if (!/(^|\n)\s*\\|[ \t]\\[A-Za-z]/.test(original)) return { text: original, found };
  const { topLevel, copyData, metaAt } = scanLines(original);
  const parts: string[] = [];
  let copied = 0;
  for (let index = 0, start = 0; start <= original.length; index++) {
    const newline = original.indexOf('\n', start);
    const end = newline < 0 ? original.length : newline;
    const lineMeta = topLevel[index] !== false && metaLineAt(original, start, end);
    // The meta-command after SQL on its line starts at its backslash; a whole meta line at its first character.
    const from = lineMeta ? start : (metaAt.get(index) ?? -1);
    if (copyData[index] === true) {
      parts.push(original.slice(copied, start), ' '.repeat(end - start));
      copied = end;
    } else if (from >= 0) {
      const meta = metaCommandOf(original.slice(from, end), index + 1);
      found.push({ ...meta, column: meta.column + (from - start) });
      // \g, \gset, \gexec, …: psql sends the query buffer here, as a `;` would end it.
      const cut = SENDS_QUERY.has(meta.command) ? ';' : ' ';
      parts.push(original.slice(copied, from), cut, ' '.repeat(end - from - 1));
      copied = end;
    }
    start = end + 1;
  }
  if (copied === 0) return { text: original, found };
  parts.push(original.slice(copied));
  return { text: parts.join(''), found };
}

/** psql meta-commands that send the query buffer to the server (psql's exec_command_g and its kin). */
const SENDS_QUERY = new Set(['g', 'gx', 'gset', 'gexec', 'gdesc', 'crosstabview', 'watch', ';']);

interface FoundMeta {
  command: string;
  argument: string;
  line: number;
  column: number;
}

/** Whether the line [start, end) starts (after blanks) with a backslash. */
function metaLineAt(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && /\s/.test(text[i] as string)) i++;
  return i < end && text.charCodeAt(i) === 92;
}

function metaCommandOf(line: string, lineNumber: number): FoundMeta {
  const trimmed = line.trimStart();
  const match = /^\\([A-Za-z_!?]*)(.*)$/.exec(trimmed.trimEnd());
  return {
    command: match?.[1] ?? '',
    argument: (match?.[2] ?? '').trim(),
    line: lineNumber,
    column: line.length - trimmed.length + 1,
  };
}

/** The byte offset of each line's start (a typed array: a file of millions of lines keeps no JS array). */
function lineStartsOf(bytes: Buffer): Uint32Array {
  let count = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) count++;
  const starts = new Uint32Array(count);
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts[n++] = i + 1;
  return starts;
}

/** Blank out psql meta-command lines (they are not SQL) and list them. */
export function createSourceText(file: string, original: string): SourceText {
  const { text, found } = blankMetaCommands(original);
  const bytes = Buffer.from(text, 'utf8');
  const lineStarts = lineStartsOf(bytes);

  const lineIndexOfByte = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  // The column of a byte offset: the code points (UTF-8 bytes that are not continuation bytes) from its line's
  // start, counted on from the last offset asked for on the same line (a 200 MB line of many statements, or
  // one comment, is not copied into a string per statement).
  let last = { index: -1, offset: 0, column: 1 };
  const columnOf = (index: number, offset: number): number => {
    let from = lineStarts[index] ?? 0;
    let column = 1;
    if (last.index === index && last.offset <= offset) ({ offset: from, column } = last);
    for (let i = from; i < offset; i++) if (((bytes[i] ?? 0) & 0xc0) !== 0x80) column++;
    last = { index, offset, column };
    return column;
  };

  const metaCommands = found.map((m) => ({
    command: m.command,
    argument: m.argument,
    location: { file, line: m.line, column: m.column },
    offset: lineStarts[m.line - 1] ?? 0,
  }));

  return {
    file,
    text,
    bytes,
    metaCommands,
    locationAtByte(offset) {
      const index = lineIndexOfByte(offset);
      return { file, line: index + 1, column: columnOf(index, offset) };
    },
    locationAtCodePoint(offset) {
      let line = 1;
      let column = 1;
      let seen = 0;
      for (const ch of text) {
        if (seen >= offset) break;
        seen++;
        if (ch === '\n') {
          line++;
          column = 1;
        } else column++;
      }
      return { file, line, column };
    },
    line(line) {
      const start = lineStarts[line - 1];
      if (line < 1 || start === undefined) return '';
      const end = line < lineStarts.length ? (lineStarts[line] as number) - 1 : bytes.length;
      return bytes.subarray(start, end).toString('utf8');
    },
    slice(start, end) {
      return bytes.subarray(start, end).toString('utf8');
    },
    skipTrivia(start, end) {
      let i = start;
      while (i < end) {
        const b = bytes[i];
        if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c) i++;
        else if (b === 0x2d && bytes[i + 1] === 0x2d) {
          while (i < end && bytes[i] !== 0x0a) i++;
        } else if (b === 0x2f && bytes[i + 1] === 0x2a) {
          // Block comments nest in PostgreSQL.
          let depth = 0;
          do {
            if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
              depth++;
              i += 2;
            } else if (bytes[i] === 0x2a && bytes[i + 1] === 0x2f) {
              depth--;
              i += 2;
            } else i++;
          } while (depth > 0 && i < end);
        } else break;
      }
      return i;
    },
  };
}
