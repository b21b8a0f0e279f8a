/** Encoders: values in PostgreSQL text form → bytes of an output format. No I/O. */
export { ChunkBuffer, DEFAULT_CHUNK_SIZE } from './chunk-buffer.js';
export { releasable, releaseChunk } from './chunk-release.js';
export { createCopyRowWriter, escapeCopyText, writeCopyTextField } from './copy-text.js';
export { type CsvOptions, createCsvRowWriter, escapeCsvField } from './csv.js';
export {
  createJsonLineWriter,
  createJsonValueEncoder,
  type JsonValueEncoder,
  parseArrayText,
} from './json-line.js';
export { createDelimitedRowWriter, type RowWriter } from './row-writer.js';
export { createSqlLiteralEncoder, sqlLiteral, sqlValuesRow } from './sql-literal.js';
