/**
 * CSV as RFC 4180 and PostgreSQL's `COPY ... (FORMAT csv)` read it: a field
 * is quoted when it contains the delimiter, the quote, CR or LF, has leading
 * or trailing whitespace, is empty (an empty unquoted field is NULL), equals
 * the NULL string, or is `\.` (psql's end-of-data marker); quotes inside are
 * doubled. NULL is the NULL string unquoted (empty by default).
 */
import { writeAsciiText } from '../checks/digits.js';
import type { ColumnWrite } from '../generate/column-writes.js';
import type { ChunkBuffer } from './chunk-buffer.js';
import { type ColumnWriter, compileColumnCalls } from './compiled-row.js';
import {
  createDelimitedRowWriter,
  type RowWriter,
  type WholeRowCompiler,
  type WholeRowWriter,
} from './row-writer.js';

export interface CsvOptions {
  /** Single ASCII character; default `,`. */
  readonly delimiter?: string;
  /** Single ASCII character; default `"`. */
  readonly quote?: string;
  /** How NULL is written; default empty. */
  readonly nullString?: string;
  readonly chunkSize?: number;
}

function needsQuotes(value: string, delim: number, quote: number, nullString: string): boolean {
  const n = value.length;
  if (n === 0 || value === nullString || value === '\\.') return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 32 || first === 9 || last === 32 || last === 9) return true;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === delim || c === quote || c === 10 || c === 13) return true;
  }
  return false;
}

/** One CSV field: `a,b` → `"a,b"`, `say "hi"` → `"say ""hi"""`, `''` → `""`, `null` → ``. */
export function escapeCsvField(value: string | null, options?: CsvOptions): string {
  const delimiter = options?.delimiter ?? ',';
  const quote = options?.quote ?? '"';
  const nullString = options?.nullString ?? '';
  if (value === null) return nullString;
  if (!needsQuotes(value, delimiter.charCodeAt(0), quote.charCodeAt(0), nullString)) return value;
  return quote + value.replaceAll(quote, quote + quote) + quote;
}

/** From this length on one native scan and one native write beat the loop below (as COPY text's). */
const NATIVE_LENGTH = 32;

/** Characters that make a field quoted wherever they are (the delimiter, the quote, CR, LF), for a native scan. */
function specialCharacters(delimiter: string, quote: string): RegExp {
  const escaped = (c: string) => c.replace(/[\\^\]-]/g, '\\$&');
  return new RegExp(`[${escaped(delimiter)}${escaped(quote)}\\r\\n]`);
}

/** The field quoted, its quotes doubled. */
function writeQuoted(out: ChunkBuffer, value: string, quote: string): void {
  out.writeUtf8(quote + value.replaceAll(quote, quote + quote) + quote);
}

/** A CSV dialect as the field writer reads it. */
interface Dialect {
  readonly delim: number;
  readonly quote: string;
  readonly nullString: string;
  /** The characters that make a field quoted wherever they are (`specialCharacters`). */
  readonly specials: RegExp;
}

const DEFAULT_DIALECT: Dialect = {
  delim: 44,
  quote: '"',
  nullString: '',
  specials: specialCharacters(',', '"'),
};

/** Append `value` as one CSV field: quoted when it needs it, else its UTF-8 bytes. */
function writeCsvField(out: ChunkBuffer, value: string, dialect: Dialect): void {
  if (!writeUnquoted(out, value, dialect)) writeQuoted(out, value, dialect.quote);
}

/**
 * `value`'s UTF-8 bytes appended when it needs no quotes (true), else
 * nothing (false). Long text (descriptions) is scanned by `specials` and
 * written by Buffer's encoder; short text is copied while it is scanned (one
 * pass), `out.pos` moved only once the whole field is copied.
 */
function writeUnquoted(out: ChunkBuffer, value: string, dialect: Dialect): boolean {
  const { delim, quote, nullString, specials } = dialect;
  const n = value.length;
  if (n === 0 || value === nullString || value === '\\.') return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 32 || first === 9 || last === 32 || last === 9) return false;
  out.ensure(n * 3);
  const buf = out.buf;
  if (n >= NATIVE_LENGTH) {
    if (specials.test(value)) return false;
    out.pos += buf.write(value, out.pos, 'utf8');
    return true;
  }
  const q = quote.charCodeAt(0);
  let p = out.pos;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === delim || c === q || c === 10 || c === 13) return false;
    if (c >= 0x80) {
      if (specials.test(value)) return false;
      p += buf.write(value.slice(i), p, 'utf8');
      break;
    }
    buf[p++] = c;
  }
  out.pos = p;
  return true;
}

const COMMA = 44;

/** Bytes [from, to) of a field are default CSV as they are: not empty, not `\\.`, no edge space or tab, no `,` `"` CR LF. */
function unquotedBytes(buf: Uint8Array, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = buf[from]!;
  const last = buf[to - 1]!;
  if (first === 32 || first === 9 || last === 32 || last === 9) return false;
  if (to - from === 2 && first === 92 && last === 46) return false;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b === COMMA || b === 34 || b === 10 || b === 13) return false;
  }
  return true;
}

/**
 * One row of default CSV (`,`, `"`, NULL empty): a column with a byte writer
 * written by it (a generator's text checked, and quoted from its string when
 * it needs it), a plain one (by its type: a number, date, time, boolean or
 * uuid, whose text holds nothing CSV quotes) copied as it is, any other
 * scanned and quoted as it needs. True when a chunk's worth of complete rows
 * is buffered.
 */
const writeCsvRow: WholeRowWriter = (out, fns, plain, row, writes) => {
  for (let c = 0; c < fns.length; c++) {
    if (c > 0) {
      out.ensure(1);
      out.buf[out.pos++] = COMMA;
    }
    const write = writes?.[c];
    if (write !== undefined) {
      // NULL: nothing written, the empty unquoted field. A generator's text (not plain by its type) may
      // hold what CSV quotes: then it is written again, quoted, from its string.
      const at = out.pos;
      if (write(out, row) && plain[c] !== true && !unquotedBytes(out.buf, at, out.pos)) {
        out.pos = at;
        writeQuoted(out, (fns[c] as (row: number) => string)(row), '"');
      }
      continue;
    }
    const value = (fns[c] as (row: number) => string | null)(row);
    if (value === null) continue;
    if (plain[c] === true) writeAsciiText(out, value);
    else writeCsvField(out, value, DEFAULT_DIALECT);
  }
  out.byte(10);
  return out.endRow();
};

/** `writeCsvRow`'s field of one column (its separator not included), chosen once for its path. */
function csvColumn(
  out: ChunkBuffer,
  fn: (row: number) => string | null,
  plain: boolean,
  write: ColumnWrite | undefined,
): ColumnWriter {
  if (write !== undefined && plain)
    return (row) => {
      write(out, row);
    };
  if (write !== undefined)
    return (row) => {
      const at = out.pos;
      if (write(out, row) && !unquotedBytes(out.buf, at, out.pos)) {
        out.pos = at;
        writeQuoted(out, fn(row) as string, '"');
      }
    };
  if (plain)
    return (row) => {
      const value = fn(row);
      if (value !== null) writeAsciiText(out, value);
    };
  return (row) => {
    const value = fn(row);
    if (value !== null) writeCsvField(out, value, DEFAULT_DIALECT);
  };
}

/** `writeCsvRow` compiled for one table's columns (compiled-row.ts): the same bytes. */
const compileCsvRow: WholeRowCompiler = (out, fns, plain, writes) =>
  compileColumnCalls(
    out,
    fns.map((fn, c) => csvColumn(out, fn, plain[c] === true, writes?.[c])),
    COMMA,
    [10],
  );

/** A CSV row writer into a reusable buffer (same contract as the COPY text writer). */
export function createCsvRowWriter(options?: CsvOptions): RowWriter {
  const delimiter = options?.delimiter ?? ',';
  const quote = options?.quote ?? '"';
  const nullString = options?.nullString ?? '';
  const delim = delimiter.charCodeAt(0);
  const dialect: Dialect = { delim, quote, nullString, specials: specialCharacters(delimiter, quote) };
  const field = (out: ChunkBuffer, value: string | null): void => {
    if (value === null) {
      if (nullString !== '') out.writeUtf8(nullString);
      return;
    }
    writeCsvField(out, value, dialect);
  };
  // The whole-row path and its plain fields for the default dialect only: a plain type's text may hold
  // another delimiter (`-`, `:`, `.`, space) or quote.
  const standard = delimiter === ',' && quote === '"' && nullString === '';
  return createDelimitedRowWriter(
    delim,
    field,
    options?.chunkSize,
    standard ? (out, value) => (value === null ? undefined : writeAsciiText(out, value)) : field,
    standard ? writeCsvRow : undefined,
    true,
    standard,
    standard ? compileCsvRow : undefined,
  );
}
