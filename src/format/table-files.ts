/**
 * `--format csv|jsonl|parquet`: one file per table (a partitioned table's
 * rows in its root's file) in a directory, named `schema.table.csv`,
 * `.jsonl` or `.parquet` (`.gz` or `.zst` added when compressed with gzip or zstd):
 *
 * - CSV: a header row of the column names, then RFC 4180 rows as
 *   `COPY ... (FORMAT csv, HEADER)` reads them (NULL is an empty unquoted
 *   field, an empty string is `""`);
 * - JSON Lines: one object per row with typed values (json-line.ts);
 * - Parquet: a schema mapped from the column types, row groups of bounded
 *   size, Snappy by default, or gzip or zstd (parquet-columns.ts, parquet-table.ts).
 *
 * With a shard K of N, each table's file holds only its K-th contiguous row
 * range, so N machines together write the single run: for CSV (header in
 * shard 1 only) and JSON Lines the files of shards 1..N concatenated are the
 * single run's file byte for byte; for Parquet they hold the same rows.
 * Chunks of a shard are named apart (`public.orders.s0003.0001.csv`), and
 * the shards' manifests merge into one (manifest-merge.ts).
 */
import { escapeCsvField } from '../encode/csv.js';
import { PARQUET_GROUP_BYTES, type ParquetCodec, parquetTableChunks } from '../encode/parquet-table.js';
import type { RowWriter } from '../encode/row-writer.js';
import { CHUNK_BYTES, type RowRange } from '../encode/table-chunks.js';
import { ZSTD_DEFAULT_LEVEL } from '../encode/zstd.js';
import type { ValueSource } from '../generate/value-source.js';
import type { Table } from '../schema/model.js';
import { quoteQualified } from '../schema/quote.js';
import { type KeptFiles, type OutputFile, type WrittenFile, writeDirectory } from '../sink/directory-sink.js';
import type { TypeContext } from '../values/types/generator.js';
import { dataTables } from './data-statements.js';
import { type FileRowsRequest, limitedRowChunks, pieceFiles } from './file-rows.js';
import { completedFiles, MANIFEST_FILE, manifestHeader, manifestText } from './manifest.js';
import type { OutputEncoding } from './output-encoding.js';
import { type ParquetGroupJobs, type TableRows, tableRowWriter } from './table-rows.js';

export type TableFileFormat = 'csv' | 'jsonl' | 'parquet';

/** How table files are compressed: gzip or zstd (CSV and JSON Lines files, or Parquet's codec), Snappy (Parquet), or none. */
export interface TableFileCompression {
  readonly method: 'none' | 'gzip' | 'zstd' | 'snappy';
  /** gzip level 1-9 (default 6), zstd level 1-22 (default 3). */
  readonly level?: number;
}

export interface TableFilesOptions {
  readonly format: TableFileFormat;
  /** Default: none for CSV and JSON Lines, Snappy for Parquet. */
  readonly compression?: TableFileCompression;
  /** Type lookup for domains (JSON values and Parquet types follow a domain to its base type). */
  readonly types?: TypeContext;
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
  /** Only shard `index` of `count` (1-based): each table's rows in `shardRange`. */
  readonly shard?: Shard;
  /** Split each table into numbered chunk files of about this many bytes (before compression), at row boundaries. */
  readonly chunkSize?: number;
  /** Keep the complete files of an interrupted run of the same command (its temporary directory) and write the rest. */
  readonly resume?: boolean;
  /** Other settings that shape the bytes (the null rate), recorded in the manifest. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** CSV and JSON Lines rows from here (the generation pool: blocks made on its workers); default: made on this thread. */
  readonly tableRows?: TableRows;
  /** Parquet's row groups from here (the generation pool's workers); default: made on this thread. */
  readonly groupJobs?: ParquetGroupJobs;
  /** -E: CSV files in this encoding (default UTF-8, as made). */
  readonly encoding?: OutputEncoding;
  /** -j: Parquet files of this many tables written at once (default 1). */
  readonly workers?: number;
  /** With resume: the directory holds the manifest of this very run, so it is complete and kept as it is. */
  readonly onCompleteAlready?: () => void;
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
}

/** A name part safe in a file name: `/`, `%` and control characters percent-encoded, no leading dot. */
function fileNamePart(text: string): string {
  const safe = text.replace(
    /[%/\\\u0000-\u001f\u007f]/g,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
  return safe.startsWith('.') ? `%2E${safe.slice(1)}` : safe;
}

/** The compression a CSV or JSON Lines file gets on its way to disk (Parquet compresses inside the file). */
function fileCompression(options: TableFilesOptions): { method: 'gzip' | 'zstd'; level: number } | undefined {
  const c = options.compression;
  if (options.format === 'parquet' || c === undefined) return undefined;
  if (c.method === 'gzip') return { method: 'gzip', level: c.level ?? 6 };
  if (c.method === 'zstd') return { method: 'zstd', level: c.level ?? ZSTD_DEFAULT_LEVEL };
  return undefined;
}

const SUFFIXES = { gzip: '.gz', zstd: '.zst' } as const;

/**
 * `public.orders.csv`, `sales.order items.jsonl.gz`, `public.orders.0002.csv.zst`;
 * a chunk of shard K (`--shard K/N --chunk-size`): `public.orders.s0003.0002.csv`,
 * so the chunks of all shards can share one directory, listed in row order.
 * `compression` also takes the boolean earlier versions took (`true`: gzip),
 * so library callers written for them keep working.
 *
 * @example
 * tableFileName(orders, 'csv', 'zstd', 2) // 'public.orders.0002.csv.zst'
 * tableFileName(orders, 'jsonl', true) // 'public.orders.jsonl.gz'
 */
export function tableFileName(
  table: Table,
  format: TableFileFormat,
  compression: 'gzip' | 'zstd' | boolean | undefined,
  chunk?: number,
  shard?: Shard,
): string {
  const method = compression === true ? 'gzip' : compression === false ? undefined : compression;
  const shardPart =
    chunk === undefined || shard === undefined
      ? ''
      : `.s${String(shard.index).padStart(Math.max(4, String(shard.count).length), '0')}`;
  const number = chunk === undefined ? '' : `.${String(chunk).padStart(4, '0')}`;
  const suffix = method === undefined ? '' : SUFFIXES[method];
  // A dot in the schema is encoded too, so the first dot ends it: a."b.c" and "a.b".c get different files.
  const schema = fileNamePart(table.schema).replaceAll('.', '%2E');
  return `${schema}.${fileNamePart(table.name)}${shardPart}${number}.${format}${suffix}`;
}

function parquetCodec(compression: TableFileCompression | undefined): ParquetCodec {
  if (compression === undefined || compression.method === 'snappy') return 'SNAPPY';
  if (compression.method === 'zstd') return 'ZSTD';
  return compression.method === 'gzip' ? 'GZIP' : 'UNCOMPRESSED';
}

/** One file of a table (a CSV file's header first, when it has one). */
interface ChunkRequest extends FileRowsRequest {
  readonly header: boolean;
}

/** One file's bytes in `format`; CSV and JSON Lines rows from `pieces` when given (the generation pool's). */
function fileChunks(
  source: ValueSource,
  index: number,
  options: TableFilesOptions,
  request: ChunkRequest,
  pieces: ReturnType<typeof pieceFiles> | undefined,
): AsyncIterable<Uint8Array> {
  const plan = source.plan.tables[index]!;
  const columns = plan.columns.filter((c) => c.written).map((c) => c.column);
  if (options.format === 'parquet') {
    const limited = Number.isFinite(request.limit);
    const codec = {
      codec: parquetCodec(options.compression),
      ...(options.compression?.level === undefined ? {} : { level: options.compression.level }),
    };
    const groupJobs = options.groupJobs?.(index, request.range, codec);
    return parquetTableChunks(source, index, options.types, {
      ...codec,
      ...(groupJobs === undefined ? {} : { groupJobs }),
      range: request.range,
      onEnd: request.onEnd,
      // Row groups no bigger than a chunk, so chunks come near their size.
      ...(limited
        ? { fileBytes: request.limit, rowGroupBytes: Math.min(PARQUET_GROUP_BYTES, request.limit) }
        : {}),
      ...(request.onRows === undefined ? {} : { onRows: request.onRows }),
    });
  }
  const header =
    options.format === 'csv' && request.header
      ? Buffer.from(`${columns.map((c) => escapeCsvField(c.name)).join(',')}\n`)
      : undefined;
  const prefix = header?.length ?? 0;
  const rows =
    pieces === undefined
      ? asAsync(limitedRowChunks(source, index, rowWriter(source, index, options), request, prefix))
      : pieces(request, prefix);
  if (header === undefined) return rows;
  return (async function* () {
    yield header;
    yield* rows;
  })();
}

/** A CSV or JSON Lines writer of a table's rows. */
function rowWriter(source: ValueSource, index: number, options: TableFilesOptions): RowWriter {
  const encoding = options.format === 'jsonl' ? 'jsonl' : 'csv';
  return tableRowWriter(source, index, encoding, CHUNK_BYTES, options.types);
}

async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * A table's files: one (`schema.table.csv`), or with `chunkSize` numbered
 * chunks (`schema.table.0001.csv`) each ending at the first row boundary
 * where it reaches the size. A chunk an interrupted run already wrote
 * (`kept`) is kept and the next starts after its rows.
 */
function* tableOutputFiles(
  source: ValueSource,
  index: number,
  table: Table,
  options: TableFilesOptions,
  kept: KeptFiles,
): Generator<OutputFile> {
  const compression = fileCompression(options)?.method;
  const range = shardRange(source.plan.tables[index]?.rows ?? 0, options.shard);
  const chunked = options.chunkSize !== undefined;
  const onRows = options.onRows ? (n: number, b: number) => options.onRows?.(index, n, b) : undefined;
  // CSV and JSON Lines rows from the generation pool, when there is one.
  const pieces =
    options.tableRows === undefined || options.format === 'parquet'
      ? undefined
      : pieceFiles(source, index, {
          tableRows: options.tableRows,
          encoding: options.format,
          writer: () => rowWriter(source, index, options),
        });
  let start = range.start;
  for (let n = 1; n === 1 || start < range.end; n++) {
    const name = tableFileName(table, options.format, compression, chunked ? n : undefined, options.shard);
    const previous = kept.get(name);
    const from = start;
    let end = range.end;
    const request: ChunkRequest = {
      range: { start: from, end: range.end },
      limit: options.chunkSize ?? Number.POSITIVE_INFINITY,
      // Every chunk is a complete CSV file with its header; shards after the first have none (they concatenate).
      header: chunked || (options.shard?.index ?? 1) === 1,
      onRows,
      onEnd: (row) => {
        end = row;
      },
    };
    const { encoding } = options;
    const chunks = () => fileChunks(source, index, options, request, pieces);
    yield {
      name,
      chunks: encoding === undefined ? chunks : () => encoding.rows(chunks(), quoteQualified(table)),
      rows: () => end - from,
    };
    if (previous !== undefined) {
      onRows?.(previous.rows, previous.bytes);
      end = from + previous.rows;
    }
    start = end;
  }
}

/**
 * Tables whose files are written at once: Parquet's, up to `workers` (each
 * file's row groups, sized from its own rows, are the same bytes whichever
 * thread makes them and whatever else is written beside them); CSV and
 * JSON Lines one table after another (their bytes are the pool's blocks,
 * which every table shares).
 */
function filesAtOnce(options: TableFilesOptions): number {
  return options.format === 'parquet' ? Math.max(1, options.workers ?? 1) : 1;
}

/** Write every table's files into the directory `target`; returns the files, in table order. */
export async function writeTableFiles(
  source: ValueSource,
  target: string,
  options: TableFilesOptions,
): Promise<TableFile[]> {
  const compression = fileCompression(options);
  const tables = dataTables(source);
  const owners = new Map<string, { schema: string; table: string }>();
  const header = manifestHeader(source, options);
  const written = await writeDirectory(
    target,
    (kept) =>
      tables.map(({ index, table }) =>
        (function* () {
          for (const file of tableOutputFiles(source, index, table, options, kept)) {
            owners.set(file.name, { schema: table.schema, table: table.name });
            yield file;
          }
        })(),
      ),
    {
      ...(compression === undefined ? {} : { compression }),
      identity: JSON.stringify(header),
      resume: options.resume === true,
      concurrency: filesAtOnce(options),
      last: {
        name: MANIFEST_FILE,
        text: (files) => manifestText(header, files, owners),
        complete: (text) => {
          const files = completedFiles(header, text, owners);
          if (files !== undefined) options.onCompleteAlready?.();
          return files;
        },
      },
    },
  );
  return written.map((file) => ({ ...file, ...owners.get(file.name)! }));
}
