/**
 * A DDL file's statements through libpg-query, a piece at a time: a file of
 * pg_dump `--inserts` output runs to hundreds of megabytes, and the parser
 * (WebAssembly, one tree for the whole text) runs out of memory on tens of
 * them. A file is cut after a top-level `;` about every `PIECE_CHARS`
 * characters; each piece's statements carry their offsets in the whole file.
 */
import type { RawStmt } from 'libpg-query';
import { DatagenError, ErrorCodes, formatLocation, type SourceLocation } from '../../errors.js';
import type { SourceStatement } from './ddl-context.js';
import { parseSync } from './pg-parser.js';
import type { MetaCommand, SourceText } from './source-text.js';
import { withoutTrailingComments } from './statement-end.js';
import { blankRunAt, boundaryAt, StatementBoundaries, statementStart } from './statement-pieces.js';
import {
  firstStatementEnd,
  LARGE_STATEMENT_CHARS,
  largeInsertAt,
  PlainInsertStatement,
  parserExhausted,
  tooLargeToParse,
} from './unparsed-statements.js';

/**
 * About this many characters are parsed in one call (a smaller file in one).
 * A piece's parse tree is garbage once its statements are handled: at 1 MiB
 * (5 MB of JSON, a tree that outlives young-generation collections) a 50 MB
 * file of INSERTs peaked at 580 MiB, at 64 KiB at 280 MiB, at the same speed.
 */
export const PIECE_CHARS = 1 << 16;

export interface ParserError {
  message: string;
  sqlDetails?: { cursorPosition?: number };
}

/** One parsed statement and the byte offset of its first token in the file. */
export interface ParsedStatement {
  readonly statement: SourceStatement;
  readonly offset: number;
}

/**
 * The statements of `source` in file order, parsed a piece at a time (a
 * piece is parsed only when the previous one's statements have been taken).
 * A syntax error is reported with its line, column and a caret.
 */
export function* parseStatements(source: SourceText, pieceChars = PIECE_CHARS): Generator<ParsedStatement> {
  // A file of only psql meta-commands (a `\set` file to include) or blanks: no statements (the parser refuses empty text).
  if (source.text.trim() === '') return;
  const boundaries = new StatementBoundaries(source.text, pieceChars);
  let boundary = boundaries.next();
  const length = source.text.length;
  let start = 0;
  let byteBase = 0;
  let codePointBase = 0;
  /** A piece from `from` ends at the next cut or plain INSERT after it (those before it are taken in). */
  const endAfter = (from: number): number => {
    while (boundary !== null && boundaryAt(boundary) <= from) boundary = boundaries.next();
    return boundary === null ? length : boundaryAt(boundary);
  };
  while (start < length) {
    // A COPY block's rows are blanked out: whitespace, not given to the parser.
    const blank = blankRunAt(source.text, start);
    start += blank;
    byteBase += blank;
    codePointBase += blank;
    if (start >= length) break;
    while (typeof boundary === 'number' && boundary <= start) boundary = boundaries.next();
    if (boundary !== null && typeof boundary !== 'number' && boundary.start === start) {
      // After complete statements: a plain INSERT, told without the parser.
      yield { statement: new PlainInsertStatement(source, boundary, byteBase), offset: byteBase };
      start = boundary.end;
      byteBase += boundary.bytes;
      codePointBase += boundary.codePoints;
      boundary = boundaries.next();
      continue;
    }
    let end = endAfter(start);
    if (end - start > LARGE_STATEMENT_CHARS) {
      // A statement of megabytes is looked at alone (those before it parsed first); an INSERT of it is not parsed.
      end = firstStatementEnd(source.text, start, end);
      const large = end - start > LARGE_STATEMENT_CHARS ? largeInsertAt(source.text, start, end) : null;
      if (large !== null) {
        const before = source.text.slice(start, large.start);
        byteBase += Buffer.byteLength(before, 'utf8');
        codePointBase += codePoints(before);
        yield { statement: new PlainInsertStatement(source, large, byteBase), offset: byteBase };
        start = end;
        byteBase += large.bytes;
        codePointBase += large.codePoints;
        continue;
      }
    }
    let piece = source.text.slice(start, end);
    let stmts: RawStmt[];
    for (;;) {
      const parsed = tryParse(piece);
      if ('stmts' in parsed) {
        stmts = parsed.stmts;
        break;
      }
      // A cut inside a statement (a `;` of a BEGIN ATOMIC body, an INSERT in it): the piece ends early; take in the next one.
      if (end < length && /at end of input/.test(parsed.error.message)) {
        end = endAfter(end);
        piece = source.text.slice(start, end);
        continue;
      }
      if (parserExhausted(parsed.error)) {
        const first = statementStart(source.text, start);
        const at = codePointBase + codePoints(source.text.slice(start, first));
        throw tooLargeToParse(source.locationAtCodePoint(at), piece.length, parsed.error);
      }
      if (ranOutOfStack(parsed.error)) {
        const at = codePointBase + codePoints(piece.slice(0, deepStatementStart(piece)));
        throw nestsTooDeeply(source.locationAtCodePoint(at), parsed.error);
      }
      throw syntaxError(source, parsed.error, codePointBase);
    }
    const pieceBytes = Buffer.byteLength(piece, 'utf8');
    for (const raw of stmts) {
      const found = statementOf(source, raw, byteBase, byteBase + pieceBytes);
      if (found !== null) yield found;
    }
    byteBase += pieceBytes;
    codePointBase += codePoints(piece);
    start = end;
  }
}

/** A parse (or a reading of its tree) that recursed past V8's stack: an expression nested thousands deep. */
function ranOutOfStack(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * The statement at `location` nests its expressions deeper than reading it can recurse (`1+1+…` thirty
 * thousand times, a thousand parentheses): a located error, not V8's "Maximum call stack size exceeded".
 */
export function nestsTooDeeply(location: SourceLocation, cause: unknown): DatagenError {
  return new DatagenError(
    ErrorCodes.SCHEMA_INVALID,
    `${formatLocation(location)}: this statement nests its expressions too deeply for datagen to read (it ran out of stack); write the expression flatter in a copy of the DDL you generate from`,
    { location },
    { cause, exitCode: 2 },
  );
}

/**
 * Where in `piece` the statement begins whose parse runs out of stack: each `;`-ended part parsed alone
 * (only on this error's path) until one does; the piece's start when none does alone.
 */
function deepStatementStart(piece: string): number {
  const cuts = new StatementBoundaries(piece, 1);
  let from = 0;
  for (;;) {
    const cut = cuts.next();
    const end = cut === null ? piece.length : boundaryAt(cut);
    if (end > from) {
      const part = piece.slice(from, end);
      const parsed = tryParse(part);
      if ('error' in parsed && ranOutOfStack(parsed.error))
        return from + part.length - part.trimStart().length;
      from = end;
    }
    if (cut === null) return 0;
  }
}

function tryParse(text: string): { stmts: RawStmt[] } | { error: ParserError } {
  try {
    return { stmts: (parseSync(text) as { stmts?: RawStmt[] }).stmts ?? [] };
  } catch (error) {
    return { error: error as ParserError };
  }
}

function statementOf(
  source: SourceText,
  raw: RawStmt,
  byteBase: number,
  pieceEnd: number,
): ParsedStatement | null {
  if (raw.stmt === undefined) return null;
  const start = byteBase + (raw.stmt_location ?? 0);
  const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? pieceEnd : start + raw.stmt_len;
  const first = source.skipTrivia(start, end);
  const location = source.locationAtByte(first);
  const statement: SourceStatement = {
    node: raw.stmt,
    text: withoutTrailingComments(source.slice(first, end)),
    location,
    at: (offset) =>
      offset === undefined || offset < 0 || byteBase + offset > source.bytes.length
        ? location
        : source.locationAtByte(byteBase + offset),
  };
  return { statement, offset: first };
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate and its low surrogate are one code point.
    if (code < 0xd800 || code > 0xdbff) count++;
  }
  return count;
}

/**
 * String indices just after a top-level `;` (outside quotes, dollar bodies
 * and comments), the first at or after every `pieceChars` characters, and
 * before a long blank run.
 */
export function statementCuts(text: string, pieceChars: number): number[] {
  const cuts: number[] = [];
  const boundaries = new StatementBoundaries(text, pieceChars);
  for (let b = boundaries.next(); b !== null; b = boundaries.next()) if (typeof b === 'number') cuts.push(b);
  return cuts;
}

/** Tell-tale marks of other databases' DDL, for a syntax error's hint. */
const DIALECTS: readonly (readonly [string, RegExp])[] = [
  ['MySQL/MariaDB', /`\w+`|\bENGINE\s*=|\bAUTO_INCREMENT\b|\bUNSIGNED\b/i],
  ['SQL Server', /\[dbo\]|^\s*GO\s*$|\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)|\bNVARCHAR\s*\(\s*MAX\s*\)/im],
  ['SQLite', /\bAUTOINCREMENT\b|\bWITHOUT\s+ROWID\b/i],
  ['Oracle', /\bVARCHAR2\b|\bNUMBER\s*\(|\bNVARCHAR2\b/i],
];

/** `; it looks like X's DDL …` when the text has another database's marks, else nothing. */
function dialectHint(text: string): string {
  // `#` lines too: an installer's comments (`# Table \`members\``, Simple Machines Forum's) name no dialect.
  const code = text.replace(
    /\$([A-Za-z_]*)\$[\s\S]*?\$\1\$|'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\/|^[ \t]*#[^\n]*/gm,
    ' ',
  );
  const found = DIALECTS.find(([, mark]) => mark.test(code));
  return found
    ? `\n  This looks like ${found[0]} DDL; datagen reads PostgreSQL's. Convert it first (e.g. load it with pgloader, then use -d or pg_dump --schema-only).`
    : '';
}

/**
 * A syntax error at a line's leading `#` (`#### Install script`, `# Table members`): PostgreSQL reads no `#`
 * comment, so the file was written for a tool that strips them before running it (an application's installer).
 */
function hashCommentHint(source: SourceText, lineNumber: number, column: number): string | undefined {
  const line = source.line(lineNumber);
  if (!/^[ \t]*#/.test(line) || [...line][column - 1] !== '#') return undefined;
  const placeholders = /\{\$\w+\}/.exec(source.text)?.[0];
  const also =
    placeholders === undefined
      ? ''
      : ` It also holds placeholders such a tool replaces (${placeholders}), which must be replaced by names first.`;
  return `\n  A line starting with # is not a comment in PostgreSQL (its comments are -- and /* */): this file is written for a tool that strips such lines before running it. Make them -- comments first (e.g. sed 's/^[[:space:]]*#/--/').${also}`;
}

/**
 * A syntax error at `:name`, `:'name'` or `:"name"` (not a `::` cast): a psql variable the script expects from
 * `psql -v name=value` that no `\\set` line gave (set ones are replaced before parsing, see psql-variables.ts).
 */
function psqlVariableHint(source: SourceText, lineNumber: number, column: number): string | undefined {
  const line = source.line(lineNumber);
  const at = [...line].slice(column - 1).join('');
  const m = /^:(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(at);
  if (m === null || [...line][column - 2] === ':') return undefined;
  const name = m[2] as string;
  const use = `:${m[1]}${name}${m[1]}`;
  const fix = `give --set ${name}=VALUE, add a line \\set ${name} VALUE before it (datagen follows \\set), or replace it with its value`;
  const gset = gsetOf(source, name, lineNumber);
  if (gset !== undefined)
    return `\n  ${use} is set by \\gset at ${formatLocation(gset.location)} from what its query returns, and datagen runs no query (it follows \\gset only after a SELECT of constants); ${fix}`;
  if (PSQL_CONNECTION_VARIABLES.has(name))
    return `\n  ${use} is a variable psql sets from its connection (${name}), and datagen has none; ${fix}`;
  return `\n  ${use} is a psql variable that is not set (psql takes it from -v ${name}=VALUE); give --set ${name}=VALUE (datagen's spelling of psql's -v), add a line \\set ${name} VALUE at the top of the file, or replace it with its value`;
}

/** Variables psql sets itself from the connection it holds (psql's SyncVariables). */
const PSQL_CONNECTION_VARIABLES = new Set([
  'DBNAME',
  'USER',
  'HOST',
  'PORT',
  'ENCODING',
  'SERVER_VERSION_NAME',
  'SERVER_VERSION_NUM',
]);

/** The last `\\gset [prefix]` before `lineNumber` whose query names `name` (less its prefix) as a column. */
function gsetOf(source: SourceText, name: string, lineNumber: number): MetaCommand | undefined {
  const sets = source.metaCommands.filter((c) => c.command === 'gset' && c.location.line < lineNumber);
  return sets.reverse().find((c) => {
    const prefix = c.argument.split(/\s+/)[0] ?? '';
    if (!name.startsWith(prefix)) return false;
    // The query psql sent: the text since the statement before it (up to 50 lines), on the \gset line too.
    const lines = Array.from({ length: Math.min(50, c.location.line) }, (_, i) =>
      source.line(c.location.line - i),
    ).reverse();
    lines[lines.length - 1] = lines.at(-1)?.slice(0, c.location.column - 1) ?? '';
    const query = lines.join('\n').split(';').at(-1) ?? '';
    return new RegExp(`(^|[^\\w$])"?${name.slice(prefix.length)}"?($|[^\\w$])`, 'i').test(query);
  });
}

/** `text` with its control characters (but tab) shown as `�`, one for one: an error never writes a terminal escape. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Code points of the parser's `at or near "…"` text an error shows (an unterminated quote's runs to the file's end). */
const NEAR_SHOWN = 40;

/** `message` with its `at or near "…"` text cut to NEAR_SHOWN code points and `…`. */
function shortNear(message: string): string {
  const m = /^([\s\S]*? at or near ")([\s\S]*)"$/.exec(message);
  const near = m === null ? [] : [...(m[2] as string)];
  return m === null || near.length <= NEAR_SHOWN ? message : `${m[1]}${near.slice(0, NEAR_SHOWN).join('')}…"`;
}

/** Code points of a line an error shows before its column, and after. */
const EXCERPT_BEFORE = 80;
const EXCERPT_AFTER = 40;

/**
 * The part of `line` an error shows, and `column` in it: a long line (a one-line dump of megabytes) cut
 * around the column with `…` at each cut, and control characters (terminal escapes in a file that is not
 * text) shown as `�`, one for one, so the caret stays under its place.
 */
export function excerpt(line: string, column: number): { readonly text: string; readonly column: number } {
  // A CRLF file's line ends in its CR: no character of the line, not shown as one.
  let points = [...visible(line.endsWith('\r') ? line.slice(0, -1) : line)];
  let at = column;
  if (points.length > EXCERPT_BEFORE + EXCERPT_AFTER) {
    const start = Math.max(0, column - 1 - EXCERPT_BEFORE);
    const end = Math.min(points.length, column - 1 + EXCERPT_AFTER);
    points = [
      ...(start > 0 ? ['…'] : []),
      ...points.slice(start, end),
      ...(end < points.length ? ['…'] : []),
    ];
    at = column - start + (start > 0 ? 1 : 0);
  }
  return { text: points.join(''), column: at };
}

function syntaxError(source: SourceText, e: ParserError, codePointBase: number): DatagenError {
  // The parser's cursor in the piece, as a code point offset in the whole file.
  const cursor =
    e.sqlDetails?.cursorPosition === undefined ? undefined : codePointBase + e.sqlDetails.cursorPosition;
  return syntaxErrorAt(source, e, cursor, codePointBase);
}

/**
 * The parser's error `e` told at code point `cursor` of `source` (at
 * `fallback` when the parser gave no cursor): its line, an excerpt, a caret.
 */
export function syntaxErrorAt(
  source: SourceText,
  e: ParserError,
  cursor: number | undefined,
  fallback: number,
): DatagenError {
  const location = source.locationAtCodePoint(cursor ?? fallback);
  const line = source.line(location.line);
  const shown = excerpt(line, location.column);
  const caret = [...shown.text]
    .slice(0, shown.column - 1)
    .map((ch) => (ch === '\t' ? '\t' : ' '))
    .join('');
  // Another database's marks first: a MySQL dump's `#` comments are MySQL's, not an installer's.
  const hint =
    psqlVariableHint(source, location.line, location.column) ??
    (dialectHint(source.text) || (hashCommentHint(source, location.line, location.column) ?? ''));
  return new DatagenError(
    ErrorCodes.SQL_SYNTAX,
    `${formatLocation(location)}: ${visible(shortNear(e.message))}\n  ${shown.text}\n  ${caret}^${hint}`,
    { location, parserMessage: e.message, cursor },
    { cause: e, exitCode: 2 },
  );
}
