/**
 * A table's rows as a Parquet file, streamed: one row group at a time
 * (bounded by rows and by text bytes), and inside a group one column chunk at
 * a time: hyparquet-writer asks for a column's values when it encodes that
 * column, so they are made then (every value is a pure function of its row)
 * and dropped once its chunk is written. Memory is one column of one group,
 * whatever the table's width or size. Groups are small (4,096 rows, about
 * 1 MiB of text) so that a column's values die young in V8's heap instead of
 * piling up in the old generation: a whole group of 65,536 rows of converted
 * values (a JS object per cell) peaked at 528 MiB RSS for 200 MB of
 * ecommerce, column by column at 65,536 rows 399 MiB, at 4,096 rows 201 MiB,
 * for 3% more bytes than 65,536-row groups. A file's groups all have the
 * same rows (fewer where its rows' text passes 1 MiB, from a probe of rows
 * spread over the file), so they are known before any is made and the
 * generation workers take them ahead. The group's bytes are handed out
 * before the next group is made; the footer (schema, row group offsets,
 * statistics) follows the last group.
 */
import { gzipSync } from 'node:zlib';
import type { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ValueFn, ValueSource } from '../generate/value-source.js';
import { displayColumn } from '../schema/names.js';
import type { TypeContext } from '../values/types/generator.js';
import { VERSION } from '../version.js';
import { type HyparquetParts, loadHyparquet } from './hyparquet-module.js';
import { type ParquetColumn, parquetColumn } from './parquet-columns.js';
import { ParquetFooter } from './parquet-footer.js';
import { type EncodedGroup, encodeRowGroup, type GroupColumn, placeRowGroup } from './parquet-row-group.js';
import { snappyCompress } from './snappy.js';
import type { RowRange } from './table-chunks.js';
import { loadZstd, ZSTD_DEFAULT_LEVEL } from './zstd.js';

export type ParquetCodec = 'SNAPPY' | 'GZIP' | 'ZSTD' | 'UNCOMPRESSED';

export interface ParquetTableOptions extends ParquetCodecOptions {
  /** Most rows in one row group (default 4,096). */
  readonly rowGroupRows?: number;
  /** Rows per row group so that its values' text is about this many bytes (default 1 MiB), from the text per row of rows spread over the file. */
  readonly rowGroupBytes?: number;
  readonly range?: RowRange;
  /** End the file after the row group that brings it to this many bytes (a chunk of `--chunk-size`). */
  readonly fileBytes?: number;
  /** Called at the end with the row after the file's last. */
  readonly onEnd?: (row: number) => void;
  readonly onRows?: (rows: number, bytes: number) => void;
  /** Row groups encoded on the generation pool's workers (the same bytes as made here). */
  readonly groupJobs?: GroupJobs;
}

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

const DEFAULT_GROUP_ROWS = 1 << 12;
/** Text bytes a row group is sized to by default. */
export const PARQUET_GROUP_BYTES = 1 << 20;
/** Rows whose text sizes the first row group. */
const PROBE_ROWS = 256;

/** A ByteWriter whose bytes are taken out after each row group (offsets keep counting the whole file). */
interface DrainedWriter extends ByteWriter {
  take(): Buffer;
}

/**
 * hyparquet-writer, loaded when a Parquet file is written (a run of another
 * format keeps its ~10 MiB of code out of its memory), and its drained writer.
 */
async function loadWriter(): Promise<{ module: HyparquetParts; writer: DrainedWriter }> {
  const module = await loadHyparquet();
  const writer = new module.ByteWriter(1 << 20) as DrainedWriter;
  writer.take = function take(this: ByteWriter): Buffer {
    const bytes = Buffer.from(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
    return bytes;
  };
  return { module, writer };
}

/** The Parquet columns of a table's written columns, in order. */
export function parquetColumns(source: ValueSource, tableIndex: number, ctx?: TypeContext): ParquetColumn[] {
  const plan = source.plan.tables[tableIndex];
  if (!plan) return [];
  return plan.columns
    .filter((c) => c.written)
    .map((c) => parquetColumn(c.column.name, c.column.type, c.column.notNull, ctx));
}

function schemaOf(columns: readonly ParquetColumn[]): SchemaElement[] {
  return [{ name: 'schema', num_children: columns.length }, ...columns.flatMap((c) => c.elements)];
}

/** Text characters of rows [from, to) of a table, over all its written columns. */
function textBytes(fns: readonly ValueFn[], from: number, to: number): number {
  let bytes = 0;
  for (let row = from; row < to; row++) for (const fn of fns) bytes += fn(row)?.length ?? 0;
  return bytes;
}

/** What a group is compressed with: the same on every thread that encodes the table's groups. */
export interface ParquetCodecOptions {
  readonly codec?: ParquetCodec;
  /** The codec's level (gzip 1-9, zstd 1-22); default gzip 6, zstd 3. */
  readonly level?: number;
}

/** Rows [start, start + rows) of a table as an encoded row group (parquet-row-group.ts). */
export type GroupEncoder = (start: number, rows: number) => EncodedGroup;

/**
 * A table's row groups encoded apart from its file, with a scratch writer of
 * the file's schema and codec: the calling thread's groups and a generation
 * worker's are the same bytes.
 */
export async function parquetGroupEncoder(
  source: ValueSource,
  tableIndex: number,
  ctx: TypeContext | undefined,
  options: ParquetCodecOptions,
): Promise<GroupEncoder> {
  const plan = source.plan.tables[tableIndex];
  if (!plan) throw new Error(`no table ${tableIndex} in the plan`);
  const columns = parquetColumns(source, tableIndex, ctx);
  const groupColumns: GroupColumn[] = source.writtenColumns(tableIndex).map((c, i) => ({
    name: c.name,
    where: `${displayColumn(plan.table, c.name)}`,
    column: columns[i]!,
    fn: c.fn,
    ...(c.write === undefined ? {} : { write: c.write }),
  }));
  const { module, writer } = await loadWriter();
  const parquet = await createParquetWriter(module, writer, columns, options);
  return (start, rows) => encodeRowGroup(parquet, groupColumns, start, rows);
}

/** Group encoders a thread keeps: the tables written at once (-j on the cores there are) with room to spare. */
const KEPT_ENCODERS = 4;

/**
 * A thread's group encoders by table and codec, made on first use; the last
 * `KEPT_ENCODERS` used kept (tables are written a few at once, their groups
 * interleaved on the workers; each holds a scratch writer as big as its group).
 */
export function groupEncoders(
  source: ValueSource,
  ctx: TypeContext | undefined,
): (tableIndex: number, options: ParquetCodecOptions) => Promise<GroupEncoder> {
  // In the order last used, the oldest first.
  const kept = new Map<string, Promise<GroupEncoder>>();
  return (tableIndex, options) => {
    const key = `${tableIndex} ${options.codec ?? ''} ${options.level ?? ''}`;
    const encoder = kept.get(key) ?? parquetGroupEncoder(source, tableIndex, ctx, options);
    kept.delete(key);
    kept.set(key, encoder);
    if (kept.size > KEPT_ENCODERS) kept.delete(kept.keys().next().value as string);
    return encoder;
  };
}

/**
 * Row groups encoded on other threads (the generation pool's workers) for
 * one file's stream: queued in row order, taken back by the calling thread
 * while it waits.
 */
export interface GroupJobs {
  /** Groups queued or running at most. */
  readonly maxInFlight: number;
  /** Queue rows [start, start + rows) as a group. */
  submit(start: number, rows: number): Promise<EncodedGroup>;
  /** Encode the last queued group no worker has taken with `encode`, here; false when there is none. */
  encodeHere(encode: GroupEncoder): boolean;
  /** Drop the groups not started. */
  drop(): void;
}

/** Groups of `rows` rows each (the last one shorter) of rows [row, end), made here. */
function* serialGroups(
  encode: GroupEncoder,
  row: number,
  end: number,
  rows: number,
): Generator<EncodedGroup> {
  for (let at = row; at < end; at += rows) yield encode(at, Math.min(rows, end - at));
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Groups of `rows` rows each of rows [row, end) from `jobs`, in order: every
 * group's rows are known before any is made, so the workers take groups
 * ahead whatever their size; this thread encodes one while the group to
 * hand on next is not back.
 */
async function* pooledGroups(
  jobs: GroupJobs,
  encode: GroupEncoder,
  row: number,
  end: number,
  rows: number,
): AsyncGenerator<EncodedGroup> {
  const inFlight: { readonly group: Promise<EncodedGroup>; done: boolean }[] = [];
  let next = row;
  try {
    while (inFlight.length > 0 || next < end) {
      while (inFlight.length < jobs.maxInFlight && next < end) {
        const count = Math.min(rows, end - next);
        const job = { group: jobs.submit(next, count), done: false };
        // Awaited below; one dropped leaves no unhandled rejection.
        job.group.then(
          () => (job.done = true),
          () => (job.done = true),
        );
        inFlight.push(job);
        next += count;
      }
      const head = inFlight.shift()!;
      while (!head.done && jobs.encodeHere(encode)) await nextTurn();
      yield await head.group;
    }
  } finally {
    jobs.drop();
  }
}

/**
 * Text characters per row of a table's rows [start, end), from `PROBE_ROWS`
 * rows spread evenly over them (a table whose text grows along its rows is
 * sized by all of them, not by its first).
 */
function probedTextPerRow(fns: readonly ValueFn[], start: number, end: number): number {
  const count = Math.min(PROBE_ROWS, end - start);
  if (count <= 0) return 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const row = start + Math.floor((i * (end - start)) / count);
    bytes += textBytes(fns, row, row + 1);
  }
  return bytes / count;
}

/** The Parquet file of rows [start, end) of a table, as chunks (one or more per row group, then the footer). */
export async function* parquetTableChunks(
  source: ValueSource,
  tableIndex: number,
  ctx: TypeContext | undefined,
  options: ParquetTableOptions = {},
): AsyncGenerator<Buffer> {
  const plan = source.plan.tables[tableIndex];
  if (!plan) return;
  const columns = parquetColumns(source, tableIndex, ctx);
  const fns = source.writtenColumns(tableIndex).map((c) => c.fn);
  const encode = await parquetGroupEncoder(source, tableIndex, ctx, options);
  const { module, writer } = await loadWriter();
  const parquet = await createParquetWriter(module, writer, columns, options);
  const start = options.range?.start ?? 0;
  const end = options.range?.end ?? plan.rows;
  const maxRows = options.rowGroupRows ?? DEFAULT_GROUP_ROWS;
  const maxBytes = options.rowGroupBytes ?? PARQUET_GROUP_BYTES;
  const fileBytes = options.fileBytes ?? Number.POSITIVE_INFINITY;
  // Every group of the file has the same rows (the last fewer), sized from the text per row of a probe:
  // the workers can take any group ahead, and -j changes no byte.
  const perRow = probedTextPerRow(fns, start, end);
  const rows = Math.max(1, Math.min(maxRows, Math.floor(maxBytes / Math.max(1, perRow))));
  const groups =
    options.groupJobs !== undefined
      ? pooledGroups(options.groupJobs, encode, start, end, rows)
      : serialGroups(encode, start, end, rows);
  const footer = new ParquetFooter(parquet);
  let row = start;
  let emitted = 0;
  for await (const group of groups) {
    // What the writer holds first (the file's magic), then the group's bytes as they came: no copy of them.
    const head = writer.take();
    placeRowGroup(parquet, group, footer);
    row += group.rows;
    const bytes = Buffer.from(group.bytes.buffer, group.bytes.byteOffset, group.bytes.byteLength);
    options.onRows?.(group.rows, head.length + bytes.length);
    emitted += head.length + bytes.length;
    if (head.length > 0) yield head;
    yield bytes;
    if (emitted >= fileBytes) break;
  }
  options.onEnd?.(row);
  footer.finish();
  yield writer.take();
}

async function createParquetWriter(
  module: HyparquetParts,
  writer: ByteWriter,
  columns: readonly ParquetColumn[],
  options: ParquetCodecOptions,
): Promise<ParquetWriter> {
  const zstd = options.codec === 'ZSTD' ? await loadZstd() : undefined;
  const zstdLevel = options.level ?? ZSTD_DEFAULT_LEVEL;
  return new module.ParquetWriter({
    writer,
    schema: schemaOf(columns),
    codec: options.codec ?? 'SNAPPY',
    compressors: {
      SNAPPY: snappyCompress,
      GZIP: (input: Uint8Array) => gzipSync(input, { level: options.level ?? 6 }),
      ...(zstd === undefined ? {} : { ZSTD: (input: Uint8Array) => zstd.compress(input, zstdLevel) }),
    },
    createdBy: `datagen ${VERSION}`,
  });
}
