/**
 * CSV as RFC 4180 and PostgreSQL's `COPY ... (FORMAT csv)` read it: a field
 * is quoted when it contains the delimiter, the quote, CR or LF, has leading
 * or trailing whitespace, is empty (an empty unquoted field is NULL), equals
 * the NULL string, or is `\.` (psql's end-of-data marker); quotes inside are
 * doubled. NULL is the NULL string unquoted (empty by default).
 */
import { writeAsciiText } from '../checks/digits.js';
import type { ChunkBuffer } from './chunk-buffer.js';
import { createDelimitedRowWriter, type RowWriter, type WholeRowWriter } from './row-writer.js';

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

/** Append `value` as one CSV field: quoted when it needs it, else its UTF-8 bytes. */
function writeCsvField(
  out: ChunkBuffer,
  value: string,
  delim: number,
  quote: string,
  nullString: string,
): void {
  if (needsQuotes(value, delim, quote.charCodeAt(0), nullString)) {
    out.writeUtf8(quote + value.replaceAll(quote, quote + quote) + quote);
    return;
  }
  const n = value.length;
  out.ensure(n * 3);
  const buf = out.buf;
  let p = out.pos;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) {
      p += buf.write(value.slice(i), p, 'utf8');
      break;
    }
    buf[p++] = c;
  }
  out.pos = p;
}

const COMMA = 44;

/**
 * One row of default CSV (`,`, `"`, NULL empty): a column with a byte writer
 * written by it, a plain one (by its type: a number, date, time, boolean or
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
      write(out, row); // NULL: nothing written, the empty unquoted field
      continue;
    }
    const value = (fns[c] as (row: number) => string | null)(row);
    if (value === null) continue;
    if (plain[c] === true) writeAsciiText(out, value);
    else writeCsvField(out, value, COMMA, '"', '');
  }
  out.byte(10);
  return out.endRow();
};

/** A CSV row writer into a reusable buffer (same contract as the COPY text writer). */
export function createCsvRowWriter(options?: CsvOptions): RowWriter {
  const delimiter = options?.delimiter ?? ',';
  const quote = options?.quote ?? '"';
  const nullString = options?.nullString ?? '';
  const delim = delimiter.charCodeAt(0);
  const field = (out: ChunkBuffer, value: string | null): void => {
    if (value === null) {
      if (nullString !== '') out.writeUtf8(nullString);
      return;
    }
    writeCsvField(out, value, delim, quote, nullString);
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
  );
}
