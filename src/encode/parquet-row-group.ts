/**
 * One row group of a table's Parquet file, column by column: a column's
 * values are made when its chunk is written (every value is a pure function
 * of its row) and dropped after it, so memory is one column of one group.
 * Flat columns of text, integer, date, timestamp and decimal types are
 * written by parquet-direct.ts; any other column (arrays, json, uuid,
 * booleans, floats, bytea, wide decimals), or a group whose numbers a double
 * cannot hold exactly, goes through hyparquet-writer's column writer with the
 * converted values. A group is encoded on its own, its offsets counted from
 * its first byte (`encodeRowGroup`: on the calling thread or a generation
 * worker), then placed in the file, its metadata joining the writer's row
 * groups for the footer as hyparquet-writer's own `write` does
 * (`appendRowGroup`).
 */
import type { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { schemaPathResolver } from 'hyparquet-writer/src/schema.js';
import type { ColumnWrite } from '../generate/column-writes.js';
import type { ValueFn } from '../generate/value-source.js';
import { ChunkBuffer } from './chunk-buffer.js';
import { hyparquet } from './hyparquet-module.js';
import { type ParquetColumn, type ParquetValue, parquetValueError } from './parquet-columns.js';
import {
  type ChunkTarget,
  type ColumnChunk,
  type ColumnValues,
  type DirectEncoding,
  writeDirectChunk,
} from './parquet-direct.js';
import type { ParquetFooter } from './parquet-footer.js';

export interface GroupColumn {
  /** The column's name in the file's schema. */
  readonly name: string;
  /** schema.table.column, for errors. */
  readonly where: string;
  readonly column: ParquetColumn;
  readonly fn: ValueFn;
  /** Its values' text written as bytes (the same text as `fn`'s), when its generator can. */
  readonly write?: ColumnWrite;
}

/** hyparquet-writer's page size (its default): its pages for the columns it writes. */
const PAGE_SIZE = 1 << 20;

type SchemaTree = ReturnType<ReturnType<typeof schemaPathResolver>>[number];

/** The schema nodes from the root to the column's leaf (a LIST has one leaf, its element). */
function leafPath(parquet: ParquetWriter, name: string): SchemaTree[] {
  const path = hyparquet().schemaPathResolver(parquet.schema)([name]);
  for (let node = path.at(-1); node !== undefined && node.children.length > 0; node = node.children[0]) {
    path.push(node.children[0]!);
  }
  return path;
}

/**
 * A thread's scratch arrays, reused column after column and group after
 * group (a column's values are written out before the next column's are
 * made): no array per column to collect.
 */
const scratch = {
  texts: [] as (string | null)[],
  text: new ChunkBuffer(256),
  numbers: new Float64Array(0),
  defined: new Uint8Array(0),
};

/** The values of rows [start, start + rows) as text (the thread's scratch array, `rows` long). */
function texts(fn: ValueFn, start: number, rows: number): (string | null)[] {
  const out = scratch.texts;
  if (out.length !== rows) out.length = rows;
  for (let i = 0; i < rows; i++) out[i] = fn(start + i);
  return out;
}

function scratchArrays(rows: number): { numbers: Float64Array; defined: Uint8Array } {
  if (scratch.numbers.length < rows) {
    scratch.numbers = new Float64Array(rows);
    scratch.defined = new Uint8Array(rows);
  }
  return { numbers: scratch.numbers, defined: scratch.defined.subarray(0, rows) };
}

/** A value a Parquet type cannot hold (the direct writer leaves its column to hyparquet-writer). */
function unwritable(number: number, direct: DirectEncoding): boolean {
  return !Number.isSafeInteger(number) || (direct.physical === 'INT32' && (number | 0) !== number);
}

/**
 * A number column's values of rows [start, start + rows) from its generator's
 * bytes (no string per value), or undefined where the texts path must decide
 * (a NULL in a REQUIRED column, a number no double holds).
 */
function writtenNumbers(
  group: GroupColumn,
  write: ColumnWrite,
  direct: DirectEncoding,
  start: number,
  rows: number,
): ColumnValues | undefined {
  const optional = group.column.elements[0]?.repetition_type !== 'REQUIRED';
  const { numbers, defined } = scratchArrays(rows);
  const out = scratch.text;
  const read = direct.bytes!;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    out.pos = 0;
    if (!write(out, start + i)) {
      if (!optional) return undefined;
      defined[i] = 0;
      continue;
    }
    defined[i] = 1;
    let number = read(out.buf, out.pos);
    if (number === undefined) {
      const text = out.buf.toString('utf8', 0, out.pos);
      try {
        number = direct.number!(text);
      } catch (error) {
        throw parquetValueError(group.where, text, error);
      }
    }
    if (unwritable(number, direct)) return undefined;
    numbers[count++] = number;
  }
  return { values: numbers, count, defined: optional ? defined : undefined, rows, chars: 0 };
}

/**
 * The values as parquet-direct.ts writes them (the non-NULL ones moved to
 * the front of `values`, the thread's scratch array), or undefined when the
 * column is left to hyparquet-writer.
 */
function directValues(group: GroupColumn, values: (string | null)[]): ColumnValues | undefined {
  const direct = group.column.direct;
  if (direct === undefined) return undefined;
  const optional = group.column.elements[0]?.repetition_type !== 'REQUIRED';
  const rows = values.length;
  const { numbers, defined } = scratchArrays(rows);
  let count = 0;
  let chars = 0;
  for (let i = 0; i < rows; i++) {
    const text = values[i]!;
    if (text === null) {
      if (!optional) return undefined; // hyparquet-writer refuses it with its own error
      defined[i] = 0;
      continue;
    }
    defined[i] = 1;
    values[count++] = text;
    chars += text.length;
  }
  const present = optional ? defined : undefined;
  if (direct.number === undefined) return { values, count, defined: present, rows, chars };
  for (let i = 0; i < count; i++) {
    let number: number;
    try {
      number = direct.number(values[i]!);
    } catch (error) {
      throw parquetValueError(group.where, values[i]!, error);
    }
    if (unwritable(number, direct)) return undefined;
    numbers[i] = number;
  }
  return { values: numbers, count, defined: present, rows, chars };
}

/** The column's chunk by hyparquet-writer, from its converted values. */
function writerChunk(
  parquet: ParquetWriter,
  group: GroupColumn,
  values: readonly (string | null)[],
): PageIndexes {
  const converted = new Array<ParquetValue>(values.length);
  for (let i = 0; i < values.length; i++) {
    const text = values[i]!;
    try {
      converted[i] = text === null ? null : group.column.convert(text);
    } catch (error) {
      throw parquetValueError(group.where, text ?? '', error);
    }
  }
  const path = leafPath(parquet, group.name);
  const schemaPath = path.map((node) => node.element);
  const { writeColumn, encodeNestedValues } = hyparquet();
  const result = writeColumn({
    writer: parquet.writer,
    column: {
      columnName: schemaPath
        .slice(1)
        .map((s) => s.name)
        .join('.'),
      element: schemaPath[schemaPath.length - 1]!,
      schemaPath,
      codec: parquet.codec,
      compressors: parquet.compressors as Parameters<typeof writeColumn>[0]['column']['compressors'],
      stats: parquet.statistics,
      ...(parquet.statisticsTruncateLength === undefined
        ? {}
        : { statisticsTruncateLength: parquet.statisticsTruncateLength }),
      pageSize: PAGE_SIZE,
      columnIndex: false,
      offsetIndex: true,
    },
    pageData: encodeNestedValues(path, converted),
  });
  return result;
}

/** hyparquet-writer's page indexes of a column it wrote (written after the last group). */
type PageIndexes = ParquetWriter['pendingIndexes'][number];

/**
 * A row group's column chunks, encoded apart from its file (on any thread:
 * every field is a structured clone): their bytes and metadata with offsets
 * counted from the group's first byte, placed in the file by `appendRowGroup`.
 */
export interface EncodedGroup {
  readonly bytes: Uint8Array;
  readonly chunks: ColumnChunk[];
  /** The page indexes of the chunks hyparquet-writer wrote (each `chunk` one of `chunks`). */
  readonly indexes: PageIndexes[];
  readonly rows: number;
}

/**
 * Rows [start, start + rows) of the columns as a row group of `parquet`'s
 * schema, codec and compressors, written into its writer from offset 0 (the
 * writer is a scratch one, emptied here).
 */
export function encodeRowGroup(
  parquet: ParquetWriter,
  groupColumns: readonly GroupColumn[],
  start: number,
  rows: number,
): EncodedGroup {
  const writer = parquet.writer as ByteWriter;
  writer.index = 0;
  writer.offset = 0;
  const target: ChunkTarget = { writer, codec: parquet.codec, compressors: parquet.compressors };
  const chunks: ColumnChunk[] = [];
  const indexes: PageIndexes[] = [];
  for (const group of groupColumns) {
    const direct = group.column.direct;
    const written =
      direct?.bytes !== undefined && group.write !== undefined
        ? writtenNumbers(group, group.write, direct, start, rows)
        : undefined;
    const values = written ?? directValues(group, texts(group.fn, start, rows));
    if (values !== undefined) {
      chunks.push(writeDirectChunk(target, group.column.elements[0]!, direct!, values));
      continue;
    }
    const result = writerChunk(parquet, group, texts(group.fn, start, rows));
    chunks.push(result.chunk);
    indexes.push(result);
  }
  // Copied out of the scratch writer into shared memory: a group made on a worker is posted, not
  // transferred (a transfer's detach costs the thread's row writers their optimised code: chunk-release.ts).
  const bytes = new Uint8Array(new SharedArrayBuffer(writer.index));
  bytes.set(writer.getBytes());
  writer.index = 0;
  writer.offset = 0;
  return { bytes, chunks, indexes, rows };
}

/** A file's metadata parts that repeat from group to group, kept once (by their JSON). */
const sharedParts = new WeakMap<ParquetWriter, Map<string, unknown>>();

/**
 * The chunk's repeating metadata (type, codec, encodings, path, encoding
 * statistics) replaced by the file's one copy of it: the footer keeps every
 * group's chunks until the file ends, and a group made on a worker comes
 * back with its own copy of each (~1 KiB a chunk: 49 MiB for the 48,000
 * chunks of about 1 GB of ecommerce, 23 MiB shared).
 */
function shareRepeatedParts(parquet: ParquetWriter, meta: NonNullable<ColumnChunk['meta_data']>): void {
  let parts = sharedParts.get(parquet);
  if (parts === undefined) {
    parts = new Map();
    sharedParts.set(parquet, parts);
  }
  const shared = <T>(value: T): T => {
    const key = JSON.stringify(value);
    const kept = parts.get(key);
    if (kept !== undefined) return kept as T;
    parts.set(key, value);
    return value;
  };
  meta.type = shared(meta.type);
  meta.codec = shared(meta.codec);
  meta.encodings = shared(meta.encodings);
  meta.path_in_schema = shared(meta.path_in_schema);
  if (meta.encoding_stats !== undefined) meta.encoding_stats = shared(meta.encoding_stats);
}

/**
 * The encoded group as `parquet`'s next row group, at its writer's offset
 * (its offsets moved there), its bytes left to the caller to write there
 * (the writer's offset counts them): its metadata to `footer`
 * (parquet-footer.ts), else to the writer's row groups (for its own `finish`).
 */
export function placeRowGroup(parquet: ParquetWriter, group: EncodedGroup, footer?: ParquetFooter): void {
  const writer = parquet.writer as ByteWriter;
  const by = BigInt(writer.offset);
  for (const chunk of group.chunks) {
    chunk.file_offset += by;
    const meta = chunk.meta_data;
    if (meta === undefined) continue;
    if (footer === undefined || group.indexes.length > 0) shareRepeatedParts(parquet, meta);
    meta.data_page_offset += by;
    if (meta.dictionary_page_offset !== undefined) meta.dictionary_page_offset += by;
  }
  for (const index of group.indexes)
    for (const page of index.offsetIndex?.page_locations ?? []) page.offset += by;
  writer.offset += group.bytes.length;
  let totalBytes = 0n;
  for (const chunk of group.chunks) totalBytes += chunk.meta_data?.total_uncompressed_size ?? 0n;
  parquet.pendingIndexes.push(...group.indexes);
  parquet.num_rows += BigInt(group.rows);
  const rowGroup = {
    columns: group.chunks,
    total_byte_size: totalBytes,
    num_rows: BigInt(group.rows),
    total_compressed_size: BigInt(group.bytes.length),
  };
  if (footer === undefined) parquet.row_groups.push(rowGroup);
  else footer.add(rowGroup, group.indexes.length > 0);
}

/** `placeRowGroup`, the group's bytes appended to the writer. */
export function appendRowGroup(parquet: ParquetWriter, group: EncodedGroup, footer?: ParquetFooter): void {
  const writer = parquet.writer as ByteWriter;
  const at = writer.offset;
  placeRowGroup(parquet, group, footer);
  writer.offset = at;
  writer.appendBytes(group.bytes);
}
