/**
 * A row group's metadata (parquet.thrift's RowGroup struct, Thrift compact
 * protocol) encoded straight from its column chunks: the bytes
 * hyparquet-writer's `writeMetadata` writes for it, field by field in its
 * order, without its object of `field_N` keys per struct walked by
 * `Object.entries` and a regular expression, a TextEncoder per string and
 * BigInt arithmetic per offset (the footer was 4% of a Parquet run's CPU).
 * Statistics are made into bytes by hyparquet-writer's own
 * `unconvertStatistics`. A chunk with anything parquet-direct.ts does not
 * write (a file path, page index offsets, key-value metadata, bloom filter,
 * size or geospatial statistics, a nested column) or a group with sorting
 * columns gives undefined: parquet-footer.ts encodes it with
 * hyparquet-writer.
 */
import type { ParquetWriter } from 'hyparquet-writer';
import { hyparquet } from './hyparquet-module.js';

type RowGroup = ParquetWriter['row_groups'][number];
type ColumnChunk = RowGroup['columns'][number];
type ColumnMetaData = NonNullable<ColumnChunk['meta_data']>;
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

// Compact protocol types.
const TRUE = 1;
const FALSE = 2;
const I32 = 5;
const I64 = 6;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;

// parquet.thrift's enums, in their order (hyparquet's constants).
const TYPES = ['BOOLEAN', 'INT32', 'INT64', 'INT96', 'FLOAT', 'DOUBLE', 'BYTE_ARRAY', 'FIXED_LEN_BYTE_ARRAY'];
const ENCODINGS = [
  'PLAIN',
  'GROUP_VAR_INT',
  'PLAIN_DICTIONARY',
  'RLE',
  'BIT_PACKED',
  'DELTA_BINARY_PACKED',
  'DELTA_LENGTH_BYTE_ARRAY',
  'DELTA_BYTE_ARRAY',
  'RLE_DICTIONARY',
  'BYTE_STREAM_SPLIT',
];
const CODECS = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'];
const PAGE_TYPES = ['DATA_PAGE', 'INDEX_PAGE', 'DICTIONARY_PAGE', 'DATA_PAGE_V2'];

/** Bytes of one struct's encoding, growing; the last field id written per open struct. */
class ThriftBytes {
  private buffer = Buffer.allocUnsafe(1024);
  private at = 0;
  private lastField: number[] = [0];

  /** Empty again, its memory kept. */
  reset(): void {
    this.at = 0;
    this.lastField = [0];
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.at++] = value;
  }

  /** An unsigned varint of a safe integer. */
  varint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  i32(value: number): void {
    this.varint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  i64(value: bigint): void {
    if (value >= 0n && value < 0x10000000000000n) {
      this.varint(Number(value) * 2);
      return;
    }
    let v = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  binary(value: Uint8Array | string): void {
    const length = typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength;
    this.varint(length);
    this.ensure(length);
    if (typeof value === 'string') this.buffer.write(value, this.at, 'utf8');
    else this.buffer.set(value, this.at);
    this.at += length;
  }

  /** A field's header (its id as a delta from the struct's last one). */
  field(id: number, type: number): void {
    const last = this.lastField.length - 1;
    const delta = id - this.lastField[last]!;
    if (delta > 15 || delta <= 0) {
      this.byte(type);
      this.i32(id);
    } else this.byte((delta << 4) | type);
    this.lastField[last] = id;
  }

  listHeader(size: number, type: number): void {
    if (size > 14) {
      this.byte(0xf0 | type);
      this.varint(size);
    } else this.byte((size << 4) | type);
  }

  beginStruct(): void {
    this.lastField.push(0);
  }

  endStruct(): void {
    this.byte(0);
    this.lastField.pop();
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(0, this.at));
  }
}

/** The thread's encoder, emptied for each group (its bytes are copied out). */
const scratch = new ThriftBytes();

/** A value as hyparquet-writer types it (an integer number I32, a bigint I64, a string or bytes BINARY, a boolean); false for another. */
function scalarField(out: ThriftBytes, id: number, value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') out.field(id, value ? TRUE : FALSE);
  else if (typeof value === 'bigint') {
    out.field(id, I64);
    out.i64(value);
  } else if (typeof value === 'number' && Number.isInteger(value) && (value | 0) === value) {
    out.field(id, I32);
    out.i32(value);
  } else if (typeof value === 'string' || value instanceof Uint8Array) {
    out.field(id, BINARY);
    out.binary(value);
  } else return false;
  return true;
}

function i32List(out: ThriftBytes, id: number, values: readonly number[]): void {
  out.field(id, LIST);
  out.listHeader(values.length, I32);
  for (const value of values) out.i32(value);
}

/** The statistics struct: fields 1-9 of `unconvertStatistics`, in order; false for a value of another kind. */
function statisticsStruct(out: ThriftBytes, fields: Record<string, unknown>): boolean {
  out.beginStruct();
  for (let id = 1; id <= 9; id++) if (!scalarField(out, id, fields[`field_${id}`])) return false;
  out.endStruct();
  return true;
}

/** Fields parquet-direct.ts never sets: their presence sends the group to hyparquet-writer. */
function unusual(chunk: ColumnChunk, meta: ColumnMetaData): boolean {
  return (
    chunk.file_path !== undefined ||
    chunk.offset_index_offset !== undefined ||
    chunk.offset_index_length !== undefined ||
    chunk.column_index_offset !== undefined ||
    chunk.column_index_length !== undefined ||
    chunk.encrypted_column_metadata !== undefined ||
    meta.key_value_metadata !== undefined ||
    meta.index_page_offset !== undefined ||
    meta.bloom_filter_offset !== undefined ||
    meta.bloom_filter_length !== undefined ||
    meta.size_statistics !== undefined ||
    meta.geospatial_statistics !== undefined ||
    meta.encodings.length === 0 ||
    meta.path_in_schema.length !== 1 ||
    (meta.encoding_stats !== undefined && meta.encoding_stats.length === 0)
  );
}

/** ColumnMetaData's fields 1-13; false where the chunk is left to hyparquet-writer. */
function metaDataStruct(
  out: ThriftBytes,
  meta: ColumnMetaData,
  element: SchemaElement,
  truncateLength: number | undefined,
): boolean {
  out.beginStruct();
  out.field(1, I32);
  out.i32(TYPES.indexOf(meta.type));
  i32List(
    out,
    2,
    meta.encodings.map((e) => ENCODINGS.indexOf(e)),
  );
  out.field(3, LIST);
  out.listHeader(meta.path_in_schema.length, BINARY);
  for (const name of meta.path_in_schema) out.binary(name);
  out.field(4, I32);
  out.i32(CODECS.indexOf(meta.codec));
  if (
    !scalarField(out, 5, meta.num_values) ||
    !scalarField(out, 6, meta.total_uncompressed_size) ||
    !scalarField(out, 7, meta.total_compressed_size) ||
    !scalarField(out, 9, meta.data_page_offset) ||
    !scalarField(out, 11, meta.dictionary_page_offset)
  )
    return false;
  if (meta.statistics !== undefined) {
    const fields = hyparquet().unconvertStatistics(meta.statistics, element, truncateLength);
    out.field(12, STRUCT);
    if (!statisticsStruct(out, fields as Record<string, unknown>)) return false;
  }
  if (meta.encoding_stats !== undefined) {
    out.field(13, LIST);
    out.listHeader(meta.encoding_stats.length, STRUCT);
    for (const stat of meta.encoding_stats) {
      out.beginStruct();
      out.field(1, I32);
      out.i32(PAGE_TYPES.indexOf(stat.page_type));
      out.field(2, I32);
      out.i32(ENCODINGS.indexOf(stat.encoding));
      if (!scalarField(out, 3, stat.count)) return false;
      out.endStruct();
    }
  }
  out.endStruct();
  return true;
}

/**
 * The RowGroup struct's bytes (its fields and the struct's end), as an
 * element of the file metadata's `row_groups` list; undefined for a group
 * hyparquet-writer must encode. `elementOf` gives a top-level column's
 * schema element by name.
 */
export function rowGroupThrift(
  group: RowGroup,
  elementOf: (name: string) => SchemaElement | undefined,
  truncateLength: number | undefined,
): Uint8Array | undefined {
  if (group.sorting_columns !== undefined || group.columns.length === 0) return undefined;
  const out = scratch;
  out.reset();
  out.field(1, LIST);
  out.listHeader(group.columns.length, STRUCT);
  for (const chunk of group.columns) {
    const meta = chunk.meta_data;
    if (meta === undefined || unusual(chunk, meta)) return undefined;
    const element = elementOf(meta.path_in_schema[0]!);
    if (element === undefined) return undefined;
    out.beginStruct();
    if (!scalarField(out, 2, chunk.file_offset)) return undefined;
    out.field(3, STRUCT);
    if (!metaDataStruct(out, meta, element, truncateLength)) return undefined;
    out.endStruct();
  }
  if (
    !scalarField(out, 2, group.total_byte_size) ||
    !scalarField(out, 3, group.num_rows) ||
    !scalarField(out, 5, group.file_offset) ||
    !scalarField(out, 6, group.total_compressed_size)
  )
    return undefined;
  out.endStruct();
  return out.bytes();
}
