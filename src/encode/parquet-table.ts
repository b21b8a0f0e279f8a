/**
 * A table's rows as a Parquet file, streamed: rows are gathered into one row
 * group at a time (bounded by rows and by text bytes, so memory stays flat
 * whatever the table's size), the group is encoded by hyparquet-writer, and
 * its bytes are handed out before the next group is made. The footer
 * (schema, row group offsets, statistics) follows the last group.
 */
import { gzipSync } from 'node:zlib';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ValueSource } from '../generate/value-source.js';
import { displayName } from '../schema/names.js';
import type { TypeContext } from '../values/types/generator.js';
import { VERSION } from '../version.js';
import {
  type ParquetColumn,
  type ParquetValue,
  parquetColumn,
  parquetValueError,
} from './parquet-columns.js';
import type { RowRange } from './table-chunks.js';

export type ParquetCodec = 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED';

export interface ParquetTableOptions {
  readonly codec?: ParquetCodec;
  /** Most rows in one row group (default 65,536). */
  readonly rowGroupRows?: number;
  /** A row group ends once its values' text reaches this many bytes (default 32 MiB). */
  readonly rowGroupBytes?: number;
  readonly range?: RowRange;
  /** End the file after the row group that brings it to this many bytes (a chunk of `--chunk-size`). */
  readonly fileBytes?: number;
  /** Called at the end with the row after the file's last. */
  readonly onEnd?: (row: number) => void;
  readonly onRows?: (rows: number) => void;
}

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

const DEFAULT_GROUP_ROWS = 1 << 16;
const DEFAULT_GROUP_BYTES = 32 << 20;

/** A ByteWriter whose bytes are taken out after each row group (offsets keep counting the whole file). */
class DrainedWriter extends ByteWriter {
  take(): Buffer {
    const bytes = Buffer.from(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
    return bytes;
  }
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
  const written = source.writtenColumns(tableIndex);
  const names = written.map((c) => `${displayName(plan.table)}.${c.name}`);
  const fns = written.map((c) => c.fn);
  const writer = new DrainedWriter(1 << 20);
  const parquet = new ParquetWriter({
    writer,
    schema: schemaOf(columns),
    codec: options.codec ?? 'SNAPPY',
    compressors: { GZIP: (input: Uint8Array) => gzipSync(input) },
    createdBy: `datagen ${VERSION}`,
  });
  const start = options.range?.start ?? 0;
  const end = options.range?.end ?? plan.rows;
  const maxRows = options.rowGroupRows ?? DEFAULT_GROUP_ROWS;
  const maxBytes = options.rowGroupBytes ?? DEFAULT_GROUP_BYTES;
  const fileBytes = options.fileBytes ?? Number.POSITIVE_INFINITY;
  let row = start;
  let emitted = 0;
  while (row < end && emitted < fileBytes) {
    const data: ParquetValue[][] = fns.map(() => []);
    let bytes = 0;
    const groupStart = row;
    for (; row < end && row - groupStart < maxRows && bytes < maxBytes; row++) {
      for (let c = 0; c < fns.length; c++) {
        const text = fns[c]!(row);
        if (text === null) {
          data[c]!.push(null);
          continue;
        }
        bytes += text.length;
        try {
          data[c]!.push(columns[c]!.convert(text));
        } catch (error) {
          throw parquetValueError(names[c]!, text, error);
        }
      }
    }
    await parquet.write({
      columnData: written.map((c, i) => ({ name: c.name, data: data[i]! })),
      rowGroupSize: row - groupStart,
    });
    options.onRows?.(row - groupStart);
    const group = writer.take();
    emitted += group.length;
    yield group;
  }
  options.onEnd?.(row);
  await parquet.finish();
  yield writer.take();
}
