/**
 * JSON Lines: one object per row, `{"col": value, …}`. A value's JSON form
 * follows its PostgreSQL type: exact numbers as JSON numbers (int8 and
 * numeric only while a double holds them exactly), booleans, json/jsonb
 * embedded as is, arrays as JSON arrays, timestamps as ISO 8601 strings
 * (as to_jsonb writes them), everything else as a string of the PostgreSQL
 * text form.
 */

import type { TypeRef } from '../schema/model.js';
import type { TypeContext } from '../values/types/generator.js';
import { ChunkBuffer, DEFAULT_CHUNK_SIZE } from './chunk-buffer.js';
import { compileJsonRow, type JsonValueKind } from './compiled-json-row.js';
import type { RowWriter } from './row-writer.js';

export type JsonValueEncoder = (text: string | null) => string;

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

const stringEncoder: JsonValueEncoder = (text) => (text === null ? 'null' : JSON.stringify(text));

/** Number when the text is an integer or decimal with at most 15 significant digits (exact as a double). */
const exactNumberEncoder: JsonValueEncoder = (text) => {
  if (text === null) return 'null';
  if (!PLAIN_DECIMAL.test(text)) return JSON.stringify(text);
  const digits = text.replace(/[-.]/g, '').replace(/^0+/, '');
  if (digits.length > 15) return JSON.stringify(text);
  const canonical = text.replace(/^(-?)0+(?=\d)/, '$1');
  return canonical === '-0' ? '0' : canonical;
};

const smallIntEncoder: JsonValueEncoder = (text) => (text === null ? 'null' : text);

const floatEncoder: JsonValueEncoder = (text) => {
  if (text === null) return 'null';
  return JSON_NUMBER.test(text) ? text : JSON.stringify(text);
};

const boolEncoder: JsonValueEncoder = (text) => {
  if (text === null) return 'null';
  if (text === 't' || text === 'true') return 'true';
  if (text === 'f' || text === 'false') return 'false';
  return JSON.stringify(text);
};

const jsonEncoder: JsonValueEncoder = (text) => (text === null ? 'null' : text);

const TIMESTAMP_TEXT =
  /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/**
 * A timestamp's text (`2024-01-02 03:04:05.5+00`) as ISO 8601, the way
 * to_jsonb writes it (`2024-01-02T03:04:05.5+00:00`); BC dates and
 * `infinity` stay strings of their text form.
 */
export function isoTimestamp(text: string): string {
  const m = TIMESTAMP_TEXT.exec(text);
  if (!m) return text;
  const offset = m[3] === undefined ? '' : `${m[3]}:${m[4] ?? '00'}${m[5] === undefined ? '' : `:${m[5]}`}`;
  return `${m[1]}T${m[2]}${offset}`;
}

const timestampEncoder: JsonValueEncoder = (text) =>
  text === null ? 'null' : JSON.stringify(isoTimestamp(text));

type ArrayItem = string | null | ArrayItem[];

/**
 * Parses array_out text (`{a,"b c",NULL,{1,2}}`) into nested arrays; undefined
 * for forms it does not handle (explicit bounds like `[0:1]={…}`).
 */
export function parseArrayText(text: string, delimiter = ','): ArrayItem[] | undefined {
  let i = 0;
  const delim = delimiter;
  const parseList = (): ArrayItem[] | undefined => {
    if (text[i] !== '{') return undefined;
    i++;
    const items: ArrayItem[] = [];
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n')) i++;
    if (text[i] === '}') {
      i++;
      return items;
    }
    for (;;) {
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
      if (text[i] === '{') {
        const nested = parseList();
        if (!nested) return undefined;
        items.push(nested);
      } else if (text[i] === '"') {
        i++;
        let s = '';
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i] ?? '';
          i++;
        }
        i++;
        items.push(s);
      } else {
        const start = i;
        while (i < text.length && text[i] !== delim && text[i] !== '}') i += text[i] === '\\' ? 2 : 1;
        const raw = text.slice(start, i).trim();
        items.push(raw.toUpperCase() === 'NULL' ? null : raw.replace(/\\(.)/g, '$1'));
      }
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
      if (text[i] === delim) {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return items;
      }
      return undefined;
    }
  };
  const result = parseList();
  return result !== undefined && i === text.length ? result : undefined;
}

function encodeArrayItems(items: readonly ArrayItem[], element: JsonValueEncoder): string {
  let out = '[';
  for (let k = 0; k < items.length; k++) {
    if (k > 0) out += ',';
    const item = items[k]!;
    out += Array.isArray(item) ? encodeArrayItems(item, element) : element(item);
  }
  return `${out}]`;
}

const BY_NAME: Readonly<Record<string, JsonValueEncoder>> = {
  int2: smallIntEncoder,
  int4: smallIntEncoder,
  oid: smallIntEncoder,
  int8: exactNumberEncoder,
  numeric: exactNumberEncoder,
  float4: floatEncoder,
  float8: floatEncoder,
  bool: boolEncoder,
  json: jsonEncoder,
  jsonb: jsonEncoder,
  timestamp: timestampEncoder,
  timestamptz: timestampEncoder,
};

/**
 * The JSON encoder for values of `type` (given in PostgreSQL text form).
 * Domains are followed to their base type through `ctx`.
 */
export function createJsonValueEncoder(type: TypeRef, ctx?: TypeContext, depth = 0): JsonValueEncoder {
  if (type.arrayDims > 0) {
    const element = createJsonValueEncoder({ ...type, arrayDims: 0 }, ctx, depth + 1);
    const delimiter = type.name === 'box' ? ';' : ',';
    return (text) => {
      if (text === null) return 'null';
      const items = parseArrayText(text, delimiter);
      return items === undefined ? JSON.stringify(text) : encodeArrayItems(items, element);
    };
  }
  if (type.schema === 'pg_catalog' || type.schema === '') return BY_NAME[type.name] ?? stringEncoder;
  const def = depth < 16 ? ctx?.resolveType(type.schema, type.name) : undefined;
  if (def?.kind === 'domain') return createJsonValueEncoder(def.baseType, ctx, depth + 1);
  return stringEncoder;
}

/** Which of the encoders above `encoder` is, as the compiled row writes its values (compiled-json-row.ts). */
function jsonValueKind(encoder: JsonValueEncoder): JsonValueKind {
  if (encoder === stringEncoder) return 'string';
  if (encoder === smallIntEncoder || encoder === jsonEncoder) return 'raw';
  if (encoder === exactNumberEncoder) return 'exact';
  if (encoder === boolEncoder) return 'bool';
  if (encoder === timestampEncoder) return 'timestamp';
  return 'other';
}

/**
 * A JSON Lines row writer: fields in column order, one object per row.
 *
 * @example
 * const w = createJsonLineWriter([{ name: 'id', type: int4 }, { name: 'tags', type: textArray }]);
 * w.field('1'); w.field('{a,"b c"}'); w.endRow();
 * w.takeChunk().toString(); // '{"id":1,"tags":["a","b c"]}\n'
 */
export function createJsonLineWriter(
  columns: readonly { readonly name: string; readonly type: TypeRef }[],
  options?: { readonly ctx?: TypeContext; readonly chunkSize?: number },
): RowWriter {
  const prefixes = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
  const encoders = columns.map((c) => createJsonValueEncoder(c.type, options?.ctx));
  const out = new ChunkBuffer(options?.chunkSize ?? DEFAULT_CHUNK_SIZE);
  let index = 0;
  const field = (value: string | null) => {
    const i = index++;
    out.writeUtf8(prefixes[i]! + encoders[i]!(value));
  };
  const prefixBytes = prefixes.map((p) => new Uint8Array(Buffer.from(p, 'utf8')));
  return {
    field,
    plainField: field,
    compileRow: (fns, _plain, writes) =>
      fns.length !== columns.length
        ? undefined
        : compileJsonRow(
            out,
            fns.map((fn, c) => ({
              prefix: prefixBytes[c]!,
              kind: jsonValueKind(encoders[c]!),
              encode: encoders[c]!,
              fn,
              write: writes?.[c],
            })),
          ),
    endRow() {
      out.writeUtf8(index === 0 ? '{}\n' : '}\n');
      index = 0;
      return out.endRow();
    },
    takeChunk: () => out.takeChunk(),
    takeCopy: (into) => out.takeCopy(into),
    get size() {
      return out.size;
    },
  };
}
