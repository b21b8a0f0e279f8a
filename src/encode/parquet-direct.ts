/**
 * A flat column's chunk of one row group written straight from its values
 * (strings, or the numbers of integer, date, timestamp and decimal columns in
 * a Float64Array) into Parquet's pages: one dictionary page when a dictionary
 * pays, one data page (v2), the column chunk's metadata for the footer.
 * hyparquet-writer takes a JS value per cell and makes more per cell on the
 * way (a Uint8Array per string, a BigInt per INT64, arrays of levels and
 * indexes), which cost about as much CPU as making the values, most of it in
 * the collector; here a string is encoded once into the page and a number is
 * written as it is. Same physical and logical types, statistics and
 * dictionary rule as hyparquet-writer (a dictionary is kept when it and its
 * indexes are at most half the plain values), so the files read the same.
 */
import type { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { hyparquet } from './hyparquet-module.js';
import { DictionaryTable } from './parquet-dictionary.js';
import type { NumberOfBytes } from './parquet-number-bytes.js';
import { PageBuffer } from './parquet-page-buffer.js';

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];
export type ColumnChunk = ParquetWriter['row_groups'][number]['columns'][number];
type Codec = ParquetWriter['codec'];
type Compressors = ParquetWriter['compressors'];

/** How a column is written directly: its physical type, and for numbers how a value's text is read. */
export interface DirectEncoding {
  readonly physical: 'INT32' | 'INT64' | 'BYTE_ARRAY';
  /** INT32/INT64: the integer a value's text stands for, NaN when no double holds it exactly. */
  readonly number?: (text: string) => number;
  /** The same number from the text's bytes in its common forms (undefined: read the text with `number`). */
  readonly bytes?: NumberOfBytes;
  /** DECIMAL: statistics are given as unscaled bigints (hyparquet-writer scales a number). */
  readonly decimal?: boolean;
}

/** A column's values in one row group: the non-NULL ones, and which rows are NULL. */
export interface ColumnValues {
  /** The non-NULL values are the first `count` (the array may be longer: a thread's scratch array). */
  readonly values: readonly (string | null)[] | Float64Array;
  readonly count: number;
  /** 1 for a row with a value, 0 for NULL (undefined for a REQUIRED column). */
  readonly defined: Uint8Array | undefined;
  readonly rows: number;
  /** Characters of the values' text (UTF-16 code units): it sizes their plain encoding. */
  readonly chars: number;
}

export interface ChunkTarget {
  readonly writer: ByteWriter;
  readonly codec: Codec;
  readonly compressors: Compressors;
}

/** Values sampled to reject a dictionary early, as hyparquet-writer does. */
const DICTIONARY_SAMPLE = 1000;

/**
 * A thread's page buffer and dictionary indexes, reused column after column:
 * a page is compressed and copied into the writer before the next is made.
 */
const scratchPage = new PageBuffer(1 << 16);
let scratchIndexes = new Int32Array(0);
const scratchDictionary = new DictionaryTable();
const BYTE_ARRAY_PREFIX = 4;

type Value = string | number;

/**
 * A thread's writers for a data page's definition levels and dictionary
 * indexes, emptied for each page (its bytes are compressed or copied into the
 * chunk's writer before the next page is made): a new one per page was an
 * ArrayBuffer per column chunk, ~4 KiB for the indexes of 4,096 rows.
 */
const scratchWriters: Partial<Record<'levels' | 'indexes', ByteWriter>> = {};
function scratchWriter(use: 'levels' | 'indexes'): ByteWriter {
  scratchWriters[use] ??= new (hyparquet().ByteWriter)(1 << 12);
  const writer = scratchWriters[use];
  writer.index = 0;
  writer.offset = 0;
  return writer;
}

/** Plain bytes of a value (strings by their length: exact for ASCII, close enough to choose a dictionary). */
function plainSize(value: Value, physical: DirectEncoding['physical']): number {
  if (typeof value === 'string') return value.length + BYTE_ARRAY_PREFIX;
  return physical === 'INT32' ? 4 : 8;
}

/**
 * The dictionary and each value's index into it (the thread's scratch
 * table and array: written out before the next column), or undefined when the
 * dictionary and its indexes would be more than half the plain values.
 * `plainTotal` is the plain values' size, so that a column whose distinct
 * values alone pass that half stops there.
 */
function dictionaryOf(
  values: ArrayLike<Value | null>,
  count: number,
  physical: DirectEncoding['physical'],
  plainTotal: number,
): { dictionary: Value[]; indexes: Int32Array } | undefined {
  if (count === 0) return undefined;
  const sample = Math.min(count, DICTIONARY_SAMPLE);
  const table = scratchDictionary;
  table.reset(sample);
  let sampleDistinct = 0;
  let sampleTotal = 0;
  for (let i = 0; i < sample; i++) {
    const value = values[sample === 1 ? 0 : Math.floor((i * (count - 1)) / (sample - 1))]!;
    const size = plainSize(value, physical);
    sampleTotal += size;
    if (table.indexOf(value) < 0) sampleDistinct += size;
  }
  if (sampleDistinct / sampleTotal > 0.9) return undefined;
  table.reset(count);
  const dictionary = table.values;
  if (scratchIndexes.length < count) scratchIndexes = new Int32Array(count);
  const indexes = scratchIndexes.subarray(0, count);
  let distinctSize = 0;
  for (let i = 0; i < count; i++) {
    const value = values[i]!;
    let index = table.indexOf(value);
    if (index < 0) {
      index = -1 - index;
      distinctSize += plainSize(value, physical);
      if (2 * distinctSize > plainTotal) return undefined;
    }
    indexes[i] = index;
  }
  const indexSize = Math.ceil((count * bitWidthOf(dictionary.length)) / 8);
  return 2 * (distinctSize + indexSize) > plainTotal ? undefined : { dictionary, indexes };
}

function bitWidthOf(distinct: number): number {
  return Math.ceil(Math.log2(distinct));
}

/**
 * UTF-8 byte order of two strings (Parquet's order for BYTE_ARRAY bounds):
 * UTF-16 code unit order but for surrogates, which stand for code points
 * above every other unit.
 */
export function utf8Order(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === length) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  const rank = (unit: number) => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit);
  return rank(x) - rank(y);
}

/**
 * Smallest and largest of the values, in Parquet's order for the type;
 * `ascii` says every string is ASCII, where JavaScript's own order is that order.
 */
function bounds(
  values: ArrayLike<Value | null>,
  count: number,
  ascii: boolean,
): { min: Value | undefined; max: Value | undefined } {
  if (count === 0) return { min: undefined, max: undefined };
  let min = values[0]!;
  let max = min;
  if (typeof min === 'number') {
    for (let i = 1; i < count; i++) {
      const v = values[i] as number;
      if (v < (min as number)) min = v;
      else if (v > (max as number)) max = v;
    }
    return { min, max };
  }
  if (ascii) {
    for (let i = 1; i < count; i++) {
      const v = values[i] as string;
      if (v < (min as string)) min = v;
      else if (v > (max as string)) max = v;
    }
    return { min, max };
  }
  for (let i = 1; i < count; i++) {
    const v = values[i] as string;
    if (utf8Order(v, min as string) < 0) min = v;
    else if (utf8Order(v, max as string) > 0) max = v;
  }
  return { min, max };
}

/** The values' plain encoding, and whether they are all ASCII (numbers are). */
function plainValues(
  values: ArrayLike<Value | null>,
  count: number,
  physical: DirectEncoding['physical'],
): { bytes: Uint8Array; ascii: boolean } {
  const page = scratchPage;
  page.reset();
  if (physical === 'BYTE_ARRAY') for (let i = 0; i < count; i++) page.byteArray(values[i] as string);
  else if (physical === 'INT32') for (let i = 0; i < count; i++) page.int32(values[i] as number);
  else for (let i = 0; i < count; i++) page.int64(values[i] as number);
  return { bytes: page.bytes(), ascii: page.ascii };
}

function compress(target: ChunkTarget, bytes: Uint8Array): Uint8Array {
  return target.compressors[target.codec]?.(bytes) ?? bytes;
}

/** The dictionary page; its uncompressed size with its header. */
function writeDictionaryPage(
  target: ChunkTarget,
  dictionary: Value[],
  physical: DirectEncoding['physical'],
): number {
  const plain = plainValues(dictionary, dictionary.length, physical).bytes;
  const compressed = compress(target, plain);
  const start = target.writer.offset;
  hyparquet().writePageHeader(target.writer, {
    type: 'DICTIONARY_PAGE',
    uncompressed_page_size: plain.length,
    compressed_page_size: compressed.length,
    dictionary_page_header: { num_values: dictionary.length, encoding: 'PLAIN' },
  });
  const header = target.writer.offset - start;
  target.writer.appendBytes(compressed);
  return header + plain.length;
}

/** The data page (v2: levels uncompressed, then the values compressed); its uncompressed size with its header. */
function writeDataPage(
  target: ChunkTarget,
  column: ColumnValues,
  encoded: Uint8Array,
  encoding: 'PLAIN' | 'RLE_DICTIONARY',
): number {
  const { writePageHeader, writeRleBitPackedHybrid } = hyparquet();
  const levels = scratchWriter('levels');
  const levelBytes = column.defined === undefined ? 0 : writeRleBitPackedHybrid(levels, column.defined, 1);
  const compressed = compress(target, encoded);
  const start = target.writer.offset;
  writePageHeader(target.writer, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: levelBytes + encoded.length,
    compressed_page_size: levelBytes + compressed.length,
    data_page_header_v2: {
      num_values: column.rows,
      num_nulls: column.rows - column.count,
      num_rows: column.rows,
      encoding,
      definition_levels_byte_length: levelBytes,
      repetition_levels_byte_length: 0,
      is_compressed: true,
    },
  });
  const header = target.writer.offset - start;
  target.writer.appendBytes(levels.getBytes());
  target.writer.appendBytes(compressed);
  return header + levelBytes + encoded.length;
}

function indexPage(indexes: Int32Array, distinct: number): Uint8Array {
  const { writeRleBitPackedHybrid } = hyparquet();
  const page = scratchWriter('indexes');
  const bitWidth = bitWidthOf(distinct);
  page.appendUint8(bitWidth);
  writeRleBitPackedHybrid(page, indexes, bitWidth);
  return page.getBytes();
}

/** The column chunk of `column` (a flat column of `element`) written at the writer's offset. */
export function writeDirectChunk(
  target: ChunkTarget,
  element: SchemaElement,
  encoding: DirectEncoding,
  column: ColumnValues,
): ColumnChunk {
  const { physical } = encoding;
  const start = target.writer.offset;
  const { count } = column;
  const plainTotal =
    physical === 'BYTE_ARRAY'
      ? column.chars + count * BYTE_ARRAY_PREFIX
      : count * (physical === 'INT32' ? 4 : 8);
  const dictionary = dictionaryOf(column.values, count, physical, plainTotal);
  let uncompressed = 0;
  let dictionaryOffset: bigint | undefined;
  if (dictionary !== undefined) {
    dictionaryOffset = BigInt(start);
    uncompressed += writeDictionaryPage(target, dictionary.dictionary, physical);
  }
  const dataOffset = BigInt(target.writer.offset);
  const pageEncoding = dictionary === undefined ? 'PLAIN' : 'RLE_DICTIONARY';
  const plain = dictionary === undefined ? plainValues(column.values, count, physical) : undefined;
  const encoded = plain?.bytes ?? indexPage(dictionary!.indexes, dictionary!.dictionary.length);
  const { min, max } =
    dictionary === undefined
      ? bounds(column.values, count, plain?.ascii ?? false)
      : bounds(dictionary.dictionary, dictionary.dictionary.length, false);
  uncompressed += writeDataPage(target, column, encoded, pageEncoding);
  const bound = (value: Value) =>
    encoding.decimal === true && typeof value === 'number' ? BigInt(value) : value;
  return {
    meta_data: {
      type: physical,
      encodings: dictionary === undefined ? ['PLAIN'] : ['PLAIN', 'RLE_DICTIONARY'],
      path_in_schema: [element.name],
      codec: target.codec,
      num_values: BigInt(column.rows),
      total_compressed_size: BigInt(target.writer.offset - start),
      total_uncompressed_size: BigInt(uncompressed),
      data_page_offset: dataOffset,
      ...(dictionaryOffset === undefined ? {} : { dictionary_page_offset: dictionaryOffset }),
      statistics: {
        ...(min === undefined || max === undefined ? {} : { min_value: bound(min), max_value: bound(max) }),
        null_count: BigInt(column.rows - count),
      },
      encoding_stats: [
        ...(dictionary === undefined
          ? []
          : [{ page_type: 'DICTIONARY_PAGE', encoding: 'PLAIN', count: 1 } as const]),
        { page_type: 'DATA_PAGE_V2', encoding: pageEncoding, count: 1 },
      ],
    },
    file_offset: BigInt(start),
  };
}
