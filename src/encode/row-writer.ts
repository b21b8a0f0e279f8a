/**
 * The contract every row writer (COPY text, CSV, JSON Lines) keeps, and the
 * mechanics shared by the delimited ones: a separator between fields, a
 * newline ending each row, whole rows handed out in chunks.
 */
import type { ColumnWrite } from '../generate/column-writes.js';
import { ChunkBuffer, DEFAULT_CHUNK_SIZE } from './chunk-buffer.js';

export interface RowWriter {
  /** Append the next field of the current row (`null` for SQL NULL). */
  field(value: string | null): void;
  /**
   * `field` for a value of a type whose text never holds a character the
   * format escapes (numbers, dates, times, booleans, uuids: see
   * values/types/escape-free.ts); a writer may skip its scan.
   */
  plainField(value: string | null): void;
  /** End the current row; true when a chunk's worth of complete rows is buffered. */
  endRow(): boolean;
  /**
   * A whole row at once, each column's value function called at `row` in
   * turn, then ended (`plain[c]`: as `plainField`); true when a chunk's worth
   * of complete rows is buffered. The same bytes as `field`/`plainField` and
   * `endRow`, written without a call per field (the COPY writer's hot path);
   * a column with `writes[c]` writes its bytes itself (no string made).
   */
  writeRow?(
    fns: readonly ((row: number) => string | null)[],
    plain: readonly boolean[],
    row: number,
    writes?: readonly (ColumnWrite | undefined)[],
  ): boolean;
  /**
   * `writeRow` compiled for one table's columns (the same arguments but the
   * row, the same bytes), for a run of many rows; undefined where the writer
   * has no compiled form.
   */
  compileRow?(
    fns: readonly ((row: number) => string | null)[],
    plain: readonly boolean[],
    writes?: readonly (ColumnWrite | undefined)[],
  ): ((row: number) => boolean) | undefined;
  /**
   * `plainField`, `writeRow`'s `plain` and its byte writers are for columns
   * plain by their type only (`WrittenColumn.plainType`): CSV quotes a
   * comma, a quote or an edge space, which a dictionary's plain text may hold.
   */
  readonly plainByType?: boolean;
  /**
   * With `plainByType`: a column plain to COPY text but not by its type (a
   * generator's escape-free text) gets its byte writer in `writeRow` too, and
   * the writer checks the bytes written (CSV: the field quoted from its text
   * when they hold a character CSV quotes).
   */
  readonly checksWrites?: boolean;
  /** Complete rows written since the last call (possibly empty), as a Buffer the caller owns. */
  takeChunk(): Buffer;
  /**
   * Complete rows written since the last call, copied into an exactly sized
   * array (`into(length)`'s when given: e.g. a view of a reused buffer); the
   * writer's buffer is reused.
   */
  takeCopy(into?: (length: number) => Uint8Array): Uint8Array;
  /** Bytes of complete rows buffered. */
  readonly size: number;
}

/** A whole row into `out` (the arguments of `RowWriter.writeRow`), ended; true when a chunk's worth of rows is buffered. */
export type WholeRowWriter = (
  out: ChunkBuffer,
  fns: readonly ((row: number) => string | null)[],
  plain: readonly boolean[],
  row: number,
  writes?: readonly (ColumnWrite | undefined)[],
) => boolean;

/** `WholeRowWriter` compiled for one table's columns (see `RowWriter.compileRow`). */
export type WholeRowCompiler = (
  out: ChunkBuffer,
  fns: readonly ((row: number) => string | null)[],
  plain: readonly boolean[],
  writes?: readonly (ColumnWrite | undefined)[],
) => ((row: number) => boolean) | undefined;

/**
 * A row writer whose fields are joined by one ASCII `delimiter` byte and
 * whose rows end in `\n`; `writeField` appends one field's bytes (escaped or
 * quoted as its format requires, NULL included); `writeWholeRow`, when
 * given, a whole row's (the same bytes, fewer calls), and `compileWholeRow`
 * the same compiled for a table; `plainByType` as `RowWriter.plainByType`.
 */
export function createDelimitedRowWriter(
  delimiter: number,
  writeField: (out: ChunkBuffer, value: string | null) => void,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
  writePlainField: (out: ChunkBuffer, value: string | null) => void = writeField,
  writeWholeRow?: WholeRowWriter,
  plainByType = false,
  checksWrites = false,
  compileWholeRow?: WholeRowCompiler,
): RowWriter {
  const out = new ChunkBuffer(chunkSize);
  let first = true;
  const whole: Pick<RowWriter, 'writeRow'> =
    writeWholeRow === undefined
      ? {}
      : { writeRow: (fns, plain, row, writes) => writeWholeRow(out, fns, plain, row, writes) };
  const compiled: Pick<RowWriter, 'compileRow'> =
    compileWholeRow === undefined
      ? {}
      : { compileRow: (fns, plain, writes) => compileWholeRow(out, fns, plain, writes) };
  return {
    ...whole,
    ...compiled,
    plainByType,
    checksWrites,
    field(value) {
      if (!first) out.byte(delimiter);
      first = false;
      writeField(out, value);
    },
    plainField(value) {
      if (!first) out.byte(delimiter);
      first = false;
      writePlainField(out, value);
    },
    endRow() {
      out.byte(10);
      first = true;
      return out.endRow();
    },
    takeChunk: () => out.takeChunk(),
    takeCopy: (into) => out.takeCopy(into),
    get size() {
      return out.size;
    },
  };
}
