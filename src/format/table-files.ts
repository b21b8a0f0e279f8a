/**
 * `--format csv|jsonl|parquet`: one file per table (a partitioned table's
 * rows in its root's file) in a directory, named `schema.table.csv`,
 * `.jsonl` or `.parquet` (`.gz` added when gzipped):
 *
 * - CSV: a header row of the column names, then RFC 4180 rows as
 *   `COPY ... (FORMAT csv, HEADER)` reads them (NULL is an empty unquoted
 *   field, an empty string is `""`);
 * - JSON Lines: one object per row with typed values (json-line.ts);
 * - Parquet: a schema mapped from the column types, row groups of bounded
 *   size, Snappy by default (parquet-columns.ts, parquet-table.ts).
 *
 * With a shard K of N, each table's file holds only its K-th contiguous row
 * range, so N machines together write the single run: for CSV (header in
 * shard 1 only) and JSON Lines the files of shards 1..N concatenated are the
 * single run's file byte for byte; for Parquet they hold the same rows.
 */
import { createCsvRowWriter, escapeCsvField } from '../encode/csv.js';
import { createJsonLineWriter } from '../encode/json-line.js';
import { type ParquetCodec, parquetTableChunks } from '../encode/parquet-table.js';
import { CHUNK_BYTES, type RowRange, rowChunks } from '../encode/table-chunks.js';
import type { TypeContext } from '../generate/types/generator.js';
import type { ValueSource } from '../generate/value-source.js';
import type { Table } from '../schema/model.js';
import { type OutputFile, type WrittenFile, writeDirectory } from '../sink/directory-sink.js';
import { dataTables } from './data-statements.js';

export type TableFileFormat = 'csv' | 'jsonl' | 'parquet';

/** How table files are compressed: gzip (CSV, JSON Lines, or Parquet's GZIP codec), Snappy (Parquet), or none. */
export interface TableFileCompression {
  readonly method: 'none' | 'gzip' | 'snappy';
  /** gzip level 1-9. */
  readonly level?: number;
}

export interface TableFilesOptions {
  readonly format: TableFileFormat;
  /** Default: none for CSV and JSON Lines, Snappy for Parquet. */
  readonly compression?: TableFileCompression;
  /** Type lookup for domains (JSON values and Parquet types follow a domain to its base type). */
  readonly types?: TypeContext;
  readonly onRows?: (tableIndex: number, rows: number) => void;
  /** Only shard `index` of `count` (1-based): each table's rows in `shardRange`. */
  readonly shard?: Shard;
}

export interface Shard {
  /** 1..count */
  readonly index: number;
  readonly count: number;
}

/**
 * Shard `index` of `count` of a table of `rows` rows: a contiguous range, the
 * ranges of shards 1..count in order covering [0, rows) exactly once.
 *
 * @example
 * shardRange(10, { index: 2, count: 3 }) // { start: 3, end: 6 }
 */
export function shardRange(rows: number, shard: Shard | undefined): RowRange {
  if (shard === undefined) return { start: 0, end: rows };
  const at = (k: number) => Math.floor((rows * k) / shard.count);
  return { start: at(shard.index - 1), end: at(shard.index) };
}

export interface TableFile extends WrittenFile {
  readonly schema: string;
  readonly table: string;
  readonly rows: number;
}

/** A name part safe in a file name: `/`, `%` and control characters percent-encoded, no leading dot. */
function fileNamePart(text: string): string {
  const safe = text.replace(
    /[%/\\\u0000-\u001f\u007f]/g,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
  return safe.startsWith('.') ? `%2E${safe.slice(1)}` : safe;
}

/** `public.orders.csv`, `sales.order items.jsonl.gz`. */
export function tableFileName(table: Table, format: TableFileFormat, gzip: boolean): string {
  return `${fileNamePart(table.schema)}.${fileNamePart(table.name)}.${format}${gzip ? '.gz' : ''}`;
}

function parquetCodec(compression: TableFileCompression | undefined): ParquetCodec {
  if (compression === undefined || compression.method === 'snappy') return 'SNAPPY';
  return compression.method === 'gzip' ? 'GZIP' : 'UNCOMPRESSED';
}

/** The table's bytes in `format`. */
function tableChunks(
  source: ValueSource,
  index: number,
  options: TableFilesOptions,
  onRows: ((rows: number) => void) | undefined,
): AsyncIterable<Uint8Array> {
  const plan = source.plan.tables[index]!;
  const columns = plan.columns.filter((c) => c.written).map((c) => c.column);
  const range = shardRange(plan.rows, options.shard);
  if (options.format === 'parquet') {
    return parquetTableChunks(source, index, options.types, {
      codec: parquetCodec(options.compression),
      range,
      ...(onRows === undefined ? {} : { onRows }),
    });
  }
  if (options.format === 'jsonl') {
    const writer = createJsonLineWriter(columns, {
      chunkSize: CHUNK_BYTES,
      ...(options.types === undefined ? {} : { ctx: options.types }),
    });
    return rowChunks(source, index, writer, range, onRows);
  }
  const header = `${columns.map((c) => escapeCsvField(c.name)).join(',')}\n`;
  const rows = rowChunks(source, index, createCsvRowWriter({ chunkSize: CHUNK_BYTES }), range, onRows);
  // Only the first shard has the header row, so shards 1..N concatenated are the single run's file.
  const withHeader = (options.shard?.index ?? 1) === 1;
  return (async function* () {
    if (withHeader) yield Buffer.from(header);
    yield* rows;
  })();
}

/** Write every table's file into the directory `target`; returns the files, in table order. */
export async function writeTableFiles(
  source: ValueSource,
  target: string,
  options: TableFilesOptions,
): Promise<TableFile[]> {
  const gzip = options.format !== 'parquet' && options.compression?.method === 'gzip';
  const tables = dataTables(source);
  const files: OutputFile[] = tables.map(({ index, table }) => ({
    name: tableFileName(table, options.format, gzip),
    chunks: () => {
      const onRows = options.onRows ? (n: number) => options.onRows?.(index, n) : undefined;
      return tableChunks(source, index, options, onRows);
    },
  }));
  const written = await writeDirectory(
    target,
    files,
    gzip ? { gzipLevel: options.compression?.level ?? 6 } : {},
  );
  return written.map((file, i) => {
    const { index, table } = tables[i]!;
    const range = shardRange(source.plan.tables[index]?.rows ?? 0, options.shard);
    return { ...file, schema: table.schema, table: table.name, rows: range.end - range.start };
  });
}
