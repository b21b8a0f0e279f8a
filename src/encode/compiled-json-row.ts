/**
 * A table's JSON Lines row writer compiled for its columns: the bytes of
 * json-line.ts' field-by-field writer (`{"name":value,…}\n`), made without
 * the per-field strings. Each column is one function chosen once by its
 * value's JSON form (a string scanned and quoted as it is copied; an
 * integer, numeric, boolean or timestamp written by its byte writer and
 * checked or reshaped in place: `t` → `true`, `2024-01-02 03:04:05+00` →
 * `"2024-01-02T03:04:05+00:00"`); a value the fast form does not fit (a
 * numeric of 16 digits, a BC date, non-ASCII text) is written as the
 * generic writer writes it, from its encoder. The row calls each column at
 * a call site of its own (compiled-row.ts). The reference table (issue 12):
 * less than half the CPU per row.
 */
import type { ColumnWrite } from '../generate/column-writes.js';
import type { ChunkBuffer } from './chunk-buffer.js';
import type { CompiledRow } from './compiled-copy-row.js';
import { type ColumnWriter, compileColumnCalls } from './compiled-row.js';

/** How a column's value is written: its encoder's JSON form (json-line.ts' `jsonValueKind`). */
export type JsonValueKind = 'raw' | 'exact' | 'bool' | 'timestamp' | 'string' | 'other';

/** A written column as the compiled row takes it. */
export interface JsonRowColumn {
  /** `{"name":` or `,"name":` as UTF-8. */
  readonly prefix: Uint8Array;
  readonly kind: JsonValueKind;
  /** Its value's JSON text, from the value's PostgreSQL text (the generic writer's). */
  readonly encode: (text: string | null) => string;
  readonly fn: (row: number) => string | null;
  readonly write: ColumnWrite | undefined;
}

const QUOTE = 34;
const NULL_BYTES = [110, 117, 108, 108]; // null
const TRUE_BYTES = [116, 114, 117, 101];
const FALSE_BYTES = [102, 97, 108, 115, 101];

/** What JSON.stringify escapes, or past ASCII (left to it): a string without any is copied between quotes. */
const NOT_PLAIN_JSON = /["\\\u0000-\u001f\u0080-\uffff]/;
/** From this length on one native scan and copy beat the loop (as COPY text's). */
const NATIVE_LENGTH = 32;

function putBytes(out: ChunkBuffer, bytes: readonly number[] | Uint8Array): void {
  const n = bytes.length;
  out.ensure(n);
  const buf = out.buf;
  let p = out.pos;
  for (let i = 0; i < n; i++) buf[p++] = bytes[i] as number;
  out.pos = p;
}

/** `JSON.stringify(value)`'s UTF-8 bytes. */
function writeJsonString(out: ChunkBuffer, value: string): void {
  const n = value.length;
  out.ensure(n + 2);
  const buf = out.buf;
  const at = out.pos;
  if (n >= NATIVE_LENGTH) {
    if (NOT_PLAIN_JSON.test(value)) {
      out.writeUtf8(JSON.stringify(value));
      return;
    }
    buf[at] = QUOTE;
    const end = at + 1 + buf.write(value, at + 1, n, 'latin1');
    buf[end] = QUOTE;
    out.pos = end + 1;
    return;
  }
  let p = at;
  buf[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === 92 || c >= 0x80) {
      out.writeUtf8(JSON.stringify(value));
      return;
    }
    buf[p++] = c;
  }
  buf[p++] = QUOTE;
  out.pos = p;
}

const isDigit = (b: number): boolean => b >= 48 && b <= 57;

/**
 * Bytes [from, to) are a numeric's text that json-line.ts' exact-number
 * encoder writes as it is: `-?\d+(\.\d+)?`, no leading zero before a digit,
 * not `-0`, at most 15 significant digits.
 */
function exactAsWritten(buf: Uint8Array, from: number, to: number): boolean {
  let i = from;
  if (buf[i] === 45) i++;
  const intStart = i;
  while (i < to && isDigit(buf[i] as number)) i++;
  const intEnd = i;
  if (intEnd === intStart) return false;
  if (buf[intStart] === 48 && intEnd - intStart > 1) return false;
  if (i < to) {
    if (buf[i] !== 46) return false;
    i++;
    const fracStart = i;
    while (i < to && isDigit(buf[i] as number)) i++;
    if (i === fracStart || i !== to) return false;
  }
  if (from + 2 === to && buf[from] === 45 && buf[from + 1] === 48) return false;
  // Significant digits: all digits but the leading zeros (a `0.` integer part's too).
  let digits = 0;
  let leading = true;
  for (let k = intStart; k < to; k++) {
    const b = buf[k] as number;
    if (b === 46) continue;
    if (leading && b === 48) continue;
    leading = false;
    digits++;
  }
  return digits <= 15;
}

/** `n` ASCII digits at `p`, else -1 past `to`; the position after them or -1. */
function digitsAt(buf: Uint8Array, p: number, n: number, to: number): number {
  if (p + n > to) return -1;
  for (let k = 0; k < n; k++) if (!isDigit(buf[p + k] as number)) return -1;
  return p + n;
}

/**
 * A timestamp's text at [from, to) rewritten in place as json-line.ts'
 * `isoTimestamp` writes it (`T` for the space, the offset as `+HH:MM[:SS]`);
 * the new end, or -1 where the text is not of that form (left to the encoder).
 */
function isoInPlace(buf: Uint8Array, from: number, to: number): number {
  let p = from;
  while (p < to && isDigit(buf[p] as number)) p++;
  if (p - from < 4 || buf[p] !== 45) return -1;
  p = digitsAt(buf, p + 1, 2, to);
  if (p < 0 || buf[p] !== 45) return -1;
  p = digitsAt(buf, p + 1, 2, to);
  if (p < 0 || buf[p] !== 32) return -1;
  const space = p;
  p = digitsAt(buf, p + 1, 2, to);
  if (p < 0 || buf[p] !== 58) return -1;
  p = digitsAt(buf, p + 1, 2, to);
  if (p < 0 || buf[p] !== 58) return -1;
  p = digitsAt(buf, p + 1, 2, to);
  if (p < 0) return -1;
  if (p < to && buf[p] === 46) {
    const fraction = p + 1;
    p = fraction;
    while (p < to && isDigit(buf[p] as number)) p++;
    if (p === fraction) return -1;
  }
  if (p === to) {
    buf[space] = 84; // T
    return to;
  }
  if (buf[p] !== 43 && buf[p] !== 45) return -1;
  const sign = p;
  p = digitsAt(buf, p + 1, 2, to);
  if (p < 0) return -1;
  // Up to two more pairs of digits, each after an optional colon.
  const pairs: number[] = [];
  while (pairs.length < 2 && p < to) {
    const start = buf[p] === 58 ? p + 1 : p;
    const next = digitsAt(buf, start, 2, to);
    if (next < 0) return -1;
    pairs.push(start);
    p = next;
  }
  if (p !== to) return -1;
  const mm0 = pairs[0] === undefined ? 48 : (buf[pairs[0]] as number);
  const mm1 = pairs[0] === undefined ? 48 : (buf[pairs[0] + 1] as number);
  const ss = pairs[1] === undefined ? -1 : pairs[1];
  const ss0 = ss < 0 ? 0 : (buf[ss] as number);
  const ss1 = ss < 0 ? 0 : (buf[ss + 1] as number);
  buf[space] = 84; // T
  let q = sign + 3;
  buf[q++] = 58;
  buf[q++] = mm0;
  buf[q++] = mm1;
  if (ss >= 0) {
    buf[q++] = 58;
    buf[q++] = ss0;
    buf[q++] = ss1;
  }
  return q;
}

/** A column's value written after its prefix; NULL as `null`. */
function valueWriter(out: ChunkBuffer, column: JsonRowColumn): ColumnWriter {
  const { kind, encode, fn, write } = column;
  const generic: ColumnWriter = (row) => out.writeUtf8(encode(fn(row)));
  if (kind === 'string')
    return (row) => {
      const v = fn(row);
      if (v === null) putBytes(out, NULL_BYTES);
      else writeJsonString(out, v);
    };
  if (write === undefined || kind === 'other') return generic;
  if (kind === 'raw')
    return (row) => {
      if (!write(out, row)) putBytes(out, NULL_BYTES);
    };
  if (kind === 'exact')
    return (row) => {
      const at = out.pos;
      if (!write(out, row)) putBytes(out, NULL_BYTES);
      else if (!exactAsWritten(out.buf, at, out.pos)) {
        out.pos = at;
        generic(row);
      }
    };
  if (kind === 'bool')
    return (row) => {
      const at = out.pos;
      if (!write(out, row)) putBytes(out, NULL_BYTES);
      else if (out.pos === at + 1 && (out.buf[at] === 116 || out.buf[at] === 102)) {
        out.pos = at;
        putBytes(out, out.buf[at] === 116 ? TRUE_BYTES : FALSE_BYTES);
      } else {
        out.pos = at;
        generic(row);
      }
    };
  // A timestamp: its text between quotes, reshaped; room for the longer offset and the closing quote.
  return (row) => {
    const at = out.pos;
    out.ensure(1);
    out.buf[out.pos++] = QUOTE;
    if (!write(out, row)) {
      out.pos = at;
      putBytes(out, NULL_BYTES);
      return;
    }
    const end = out.pos;
    out.ensure(4);
    const iso = isoInPlace(out.buf, at + 1, end);
    if (iso < 0) {
      out.pos = at;
      generic(row);
      return;
    }
    out.buf[iso] = QUOTE;
    out.pos = iso + 1;
  };
}

/** A column's prefix, then its value. */
function columnWriter(out: ChunkBuffer, column: JsonRowColumn): ColumnWriter {
  const value = valueWriter(out, column);
  const prefix = column.prefix;
  return (row) => {
    putBytes(out, prefix);
    value(row);
  };
}

const CLOSE = [125, 10]; // }\n

/**
 * A JSON Lines row writer for these columns into `out` (the bytes of
 * json-line.ts' writer); undefined for a table without columns.
 */
export function compileJsonRow(out: ChunkBuffer, columns: readonly JsonRowColumn[]): CompiledRow | undefined {
  return compileColumnCalls(
    out,
    columns.map((column) => columnWriter(out, column)),
    undefined,
    CLOSE,
  );
}
