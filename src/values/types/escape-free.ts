/**
 * Types whose text form never holds a character COPY text escapes (tab,
 * newline, carriage return, backslash and the other control characters):
 * row writers skip their escape scan for such columns.
 */
import type { TypeRef } from '../../schema/model.js';

/** Built-in types whose text is ASCII digits, signs, `.:-+ TZe`, letters of true/false/NaN/Infinity, or hex: nothing to escape. */
const ESCAPE_FREE_TYPES: ReadonlySet<string> = new Set([
  ...['int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'oid'],
  ...['smallserial', 'serial', 'bigserial', 'serial2', 'serial4', 'serial8'],
  ...['numeric', 'decimal', 'float4', 'float8', 'real', 'double precision'],
  ...['bool', 'boolean', 'uuid', 'date', 'time', 'timetz', 'timestamp', 'timestamptz'],
  ...['time without time zone', 'time with time zone'],
  ...['timestamp without time zone', 'timestamp with time zone'],
]);

/** Printable ASCII without a backslash: text COPY writes as it is (its bytes are its UTF-16 code units). */
const ESCAPE_FREE_TEXT = /^[\x20-\x5b\x5d-\x7e]*$/;

/** Every one of `texts` is printable ASCII without a backslash (a dictionary a generator picks from). */
export function escapeFreeTexts(texts: readonly string[]): boolean {
  return texts.every((text) => ESCAPE_FREE_TEXT.test(text));
}

/** A scalar of an escape-free built-in type (domains followed): its values need no COPY escape scan. */
export function escapeFree(base: TypeRef): boolean {
  return (
    base.arrayDims === 0 &&
    (base.schema === 'pg_catalog' || base.schema === '') &&
    ESCAPE_FREE_TYPES.has(base.name)
  );
}
