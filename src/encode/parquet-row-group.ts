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
import type { ValueFn } from '../generate/value-source.js';
import { hyparquet } from './hyparquet-module.js';
import { type ParquetColumn, type ParquetValue, parquetValueError } from './parquet-columns.js';
import { type ChunkTarget, type ColumnChunk, type ColumnValues, writeDirectChunk } from './parquet-direct.js';

export interface GroupColumn {
  /** The column's name in the file's schema. */
  readonly name: string;
  /** schema.table.column, for errors. */
  readonly where: string;
  readonly column: ParquetColumn;
  readonly fn: ValueFn;
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

/** The values of rows [start, start + rows) as text, and how many of their characters there are. */
function texts(fn: ValueFn, start: number, rows: number): { texts: (string | null)[]; chars: number } {
  const out = new Array<string | null>(rows);
  let chars = 0;
  for (let i = 0; i < rows; i++) {
    const text = fn(start + i);
    out[i] = text;
    if (text !== null) chars += text.length;
  }
  return { texts: out, chars };
}

/** The values as parquet-direct.ts writes them, or undefined when the column is left to hyparquet-writer. */
function directValues(group: GroupColumn, values: readonly (string | null)[]): ColumnValues | undefined {
  const direct = group.column.direct;
  if (direct === undefined) return undefined;
  const optional = group.column.elements[0]?.repetition_type !== 'REQUIRED';
  const rows = values.length;
  const defined = optional ? new Uint8Array(rows) : undefined;
  const present: string[] = [];
  let chars = 0;
  for (let i = 0; i < rows; i++) {
    const text = values[i]!;
    if (text === null) {
      if (!optional) return undefined; // hyparquet-writer refuses it with its own error
      continue;
    }
    if (defined !== undefined) defined[i] = 1;
    present.push(text);
    chars += text.length;
  }
  if (direct.number === undefined) return { values: present, defined, rows, chars };
  const numbers = new Float64Array(present.length);
  for (let i = 0; i < present.length; i++) {
    let number: number;
    try {
      number = direct.number(present[i]!);
    } catch (error) {
      throw parquetValueError(group.where, present[i]!, error);
    }
    if (!Number.isSafeInteger(number) || (direct.physical === 'INT32' && (number | 0) !== number))
      return undefined;
    numbers[i] = number;
  }
  return { values: numbers, defined, rows, chars };
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
  /** Characters of the values' text: it sizes the next group. */
  readonly chars: number;
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
  let chars = 0;
  for (const group of groupColumns) {
    const made = texts(group.fn, start, rows);
    chars += made.chars;
    const direct = directValues(group, made.texts);
    if (direct !== undefined) {
      chunks.push(writeDirectChunk(target, group.column.elements[0]!, group.column.direct!, direct));
      continue;
    }
    const result = writerChunk(parquet, group, made.texts);
    chunks.push(result.chunk);
    indexes.push(result);
  }
  const bytes = new Uint8Array(writer.getBuffer());
  writer.index = 0;
  writer.offset = 0;
  return { bytes, chunks, indexes, rows, chars };
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

/** The encoded group as `parquet`'s next row group, at its writer's offset (its offsets moved there). */
export function appendRowGroup(parquet: ParquetWriter, group: EncodedGroup): void {
  const writer = parquet.writer as ByteWriter;
  const by = BigInt(writer.offset);
  for (const chunk of group.chunks) {
    chunk.file_offset += by;
    const meta = chunk.meta_data;
    if (meta === undefined) continue;
    shareRepeatedParts(parquet, meta);
    meta.data_page_offset += by;
    if (meta.dictionary_page_offset !== undefined) meta.dictionary_page_offset += by;
  }
  for (const index of group.indexes)
    for (const page of index.offsetIndex?.page_locations ?? []) page.offset += by;
  writer.appendBytes(group.bytes);
  let totalBytes = 0n;
  for (const chunk of group.chunks) totalBytes += chunk.meta_data?.total_uncompressed_size ?? 0n;
  parquet.pendingIndexes.push(...group.indexes);
  parquet.num_rows += BigInt(group.rows);
  parquet.row_groups.push({
    columns: group.chunks,
    total_byte_size: totalBytes,
    num_rows: BigInt(group.rows),
    total_compressed_size: BigInt(group.bytes.length),
  });
}
