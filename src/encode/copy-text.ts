/**
 * PostgreSQL COPY text format (the default `COPY ... FROM STDIN`): fields
 * separated by tab, rows ended by newline, NULL as `\N`, and in values
 * backslash, tab, newline, carriage return, backspace, form feed and vertical
 * tab written as backslash escapes (copyfromparse.c's CopyReadAttributesText
 * reads them back).
 */
import { writeAsciiText } from '../checks/digits.js';
import type { ColumnWrite } from '../generate/column-writes.js';
import type { ChunkBuffer } from './chunk-buffer.js';
import { compileCopyRow } from './compiled-copy-row.js';
import { createDelimitedRowWriter, type RowWriter } from './row-writer.js';

const BACKSLASH = 92;

/** The escape letter for a byte that must be escaped in COPY text, or 0. */
const ESCAPE: Uint8Array = (() => {
  const t = new Uint8Array(128);
  t[BACKSLASH] = BACKSLASH;
  t[9] = 116; // t
  t[10] = 110; // n
  t[13] = 114; // r
  t[8] = 98; // b
  t[12] = 102; // f
  t[11] = 118; // v
  return t;
})();

const ESCAPE_TEXT: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
};
const ESCAPE_RE = /[\\\t\n\r\b\f\v]/g;

/** One field as COPY text: `a\tb` → `a\\tb`; `null` → `\N`. */
export function escapeCopyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(ESCAPE_RE, (c) => ESCAPE_TEXT[c]!);
}

/** A character COPY text escapes, or one past ASCII: a field without any is copied byte for byte. */
const NOT_PLAIN_ASCII = /[\\\t\n\r\b\f\v\u0080-\uffff]/;
/** From this length on one native scan and copy beat the loop below (long text: descriptions, bodies). */
const NATIVE_COPY_LENGTH = 32;

/** Append `value` escaped at `out.pos`; ASCII without specials is a straight byte copy. */
export function writeCopyTextField(out: ChunkBuffer, value: string): void {
  const n = value.length;
  if (n >= NATIVE_COPY_LENGTH && !NOT_PLAIN_ASCII.test(value)) {
    out.ensure(n);
    out.pos += out.buf.write(value, out.pos, n, 'latin1');
    return;
  }
  out.ensure(n * 3);
  const buf = out.buf;
  let p = out.pos;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) {
      // Non-ASCII never needs escaping itself; let the UTF-8 encoder take the (escaped) rest.
      const rest = value.slice(i);
      p += buf.write(
        rest.replace(ESCAPE_RE, (s) => ESCAPE_TEXT[s]!),
        p,
        'utf8',
      );
      break;
    }
    const e = ESCAPE[c]!;
    if (e === 0) {
      buf[p++] = c;
    } else {
      buf[p++] = BACKSLASH;
      buf[p++] = e;
    }
  }
  out.pos = p;
}

/**
 * Append `value`, the text of a number, date, time, boolean or uuid (ASCII
 * with nothing to escape), as it is: no escape scan. Were such a value ever
 * to hold a tab or newline, the row would fail to load either way (the type
 * rejects the character before any escaping could matter).
 */
function writePlainCopyField(out: ChunkBuffer, value: string | null): void {
  if (value === null) {
    out.ensure(2);
    out.buf[out.pos++] = BACKSLASH;
    out.buf[out.pos++] = 78; // N
    return;
  }
  writeAsciiText(out, value);
}

/**
 * One row of COPY text: every field (`\N` for NULL; a column with a byte
 * writer written by it; a plain column's ASCII text copied as it is, any
 * other escaped) followed by a tab, the last by a newline. True when a
 * chunk's worth of complete rows is buffered.
 */
function writeCopyRow(
  out: ChunkBuffer,
  fns: readonly ((row: number) => string | null)[],
  plain: readonly boolean[],
  row: number,
  writes?: readonly (ColumnWrite | undefined)[],
): boolean {
  const last = fns.length - 1;
  for (let c = 0; c <= last; c++) {
    const write = writes?.[c];
    if (write !== undefined) {
      if (!write(out, row)) {
        out.ensure(2);
        out.buf[out.pos++] = BACKSLASH;
        out.buf[out.pos++] = 78; // N
      }
      out.ensure(1);
      out.buf[out.pos++] = c === last ? 10 : 9;
      continue;
    }
    const value = (fns[c] as (row: number) => string | null)(row);
    if (value === null) {
      out.ensure(3);
      out.buf[out.pos++] = BACKSLASH;
      out.buf[out.pos++] = 78; // N
    } else if (plain[c] === true) {
      const n = value.length;
      out.ensure(n + 1);
      const buf = out.buf;
      if (n >= NATIVE_COPY_LENGTH) {
        // Long plain text (descriptions): one native copy (ASCII: latin1 is its bytes).
        out.pos += buf.write(value, out.pos, n, 'latin1');
      } else {
        let p = out.pos;
        for (let i = 0; i < n; i++) buf[p++] = value.charCodeAt(i);
        out.pos = p;
      }
    } else {
      writeCopyTextField(out, value);
      out.ensure(1);
    }
    out.buf[out.pos++] = c === last ? 10 : 9;
  }
  if (last < 0) out.byte(10);
  return out.endRow();
}

/**
 * A COPY text row writer into a reusable buffer.
 *
 * @example
 * const w = createCopyRowWriter();
 * w.field('a\tb'); w.field(null); w.endRow();
 * w.takeChunk().toString(); // 'a\\tb\t\\N\n'
 */
export function createCopyRowWriter(options?: { readonly chunkSize?: number }): RowWriter {
  return createDelimitedRowWriter(
    9,
    (out, value) => {
      if (value === null) {
        out.ensure(2);
        out.buf[out.pos++] = BACKSLASH;
        out.buf[out.pos++] = 78; // N
      } else {
        writeCopyTextField(out, value);
      }
    },
    options?.chunkSize,
    writePlainCopyField,
    writeCopyRow,
    false,
    false,
    (out, fns, plain, writes) => compileCopyRow(out, fns, plain, writes, writeCopyTextField),
  );
}
