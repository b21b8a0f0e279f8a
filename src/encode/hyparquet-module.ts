/**
 * hyparquet-writer's parts this project calls, imported when a Parquet file
 * is first written (`loadHyparquet`, from parquet-table.ts's writer set-up):
 * a run of another format, and every generation worker of it, does not
 * compile the package (~40 ms of CPU per thread measured importing it). The
 * encoders (parquet-direct.ts, parquet-row-group.ts) stay synchronous and
 * read the parts through `hyparquet()`.
 */
import type { ByteWriter } from 'hyparquet-writer';

export interface HyparquetParts {
  readonly ParquetWriter: typeof import('hyparquet-writer').ParquetWriter;
  readonly ByteWriter: typeof ByteWriter;
  readonly writePageHeader: typeof import('hyparquet-writer/src/datapage.js').writePageHeader;
  readonly writeRleBitPackedHybrid: typeof import('hyparquet-writer/src/encoding.js').writeRleBitPackedHybrid;
  readonly writeColumn: typeof import('hyparquet-writer/src/column.js').writeColumn;
  readonly encodeNestedValues: typeof import('hyparquet-writer/src/dremel.js').encodeNestedValues;
  readonly schemaPathResolver: typeof import('hyparquet-writer/src/schema.js').schemaPathResolver;
  readonly writeMetadata: typeof import('hyparquet-writer/src/metadata.js').writeMetadata;
  readonly writeIndexes: typeof import('hyparquet-writer/src/indexes.js').writeIndexes;
  readonly writeBlooms: typeof import('hyparquet-writer/src/bloom.js').writeBlooms;
  readonly unconvertStatistics: typeof import('hyparquet-writer/src/unconvert.js').unconvertStatistics;
}

let parts: HyparquetParts | undefined;
let loading: Promise<HyparquetParts> | undefined;

/** The package's parts, imported on the first call (once per thread). */
export function loadHyparquet(): Promise<HyparquetParts> {
  loading ??= Promise.all([
    import('hyparquet-writer'),
    import('hyparquet-writer/src/datapage.js'),
    import('hyparquet-writer/src/encoding.js'),
    import('hyparquet-writer/src/column.js'),
    import('hyparquet-writer/src/dremel.js'),
    import('hyparquet-writer/src/schema.js'),
    import('hyparquet-writer/src/metadata.js'),
    import('hyparquet-writer/src/indexes.js'),
    import('hyparquet-writer/src/bloom.js'),
    import('hyparquet-writer/src/unconvert.js'),
  ]).then(([main, datapage, encoding, column, dremel, schema, metadata, indexes, bloom, unconvert]) => {
    parts = {
      ParquetWriter: main.ParquetWriter,
      ByteWriter: main.ByteWriter,
      writePageHeader: datapage.writePageHeader,
      writeRleBitPackedHybrid: encoding.writeRleBitPackedHybrid,
      writeColumn: column.writeColumn,
      encodeNestedValues: dremel.encodeNestedValues,
      schemaPathResolver: schema.schemaPathResolver,
      writeMetadata: metadata.writeMetadata,
      writeIndexes: indexes.writeIndexes,
      writeBlooms: bloom.writeBlooms,
      unconvertStatistics: unconvert.unconvertStatistics,
    };
    return parts;
  });
  return loading;
}

/** The parts `loadHyparquet` imported; a Parquet encoder runs only after its writer was set up, which loads them. */
export function hyparquet(): HyparquetParts {
  if (parts === undefined) throw new Error('hyparquet-writer used before loadHyparquet()');
  return parts;
}
