/**
 * The rows of a CSV or JSON Lines file (table-files.ts): made here row by
 * row (`limitedRowChunks`), or taken as encoded pieces from a `TableRows`
 * (the generation pool's blocks, made on its workers) and cut into files at
 * the same row as made here. A table's files share one stream of pieces:
 * where a file ends inside a piece, that piece's rows are made again here,
 * row by row, up to the row that brings the file to its size; the rest of
 * them start the next file (made here too), then the pieces go on. The bytes
 * are those of the rows made here for any piece size or number of workers.
 */
import type { RowWriter } from '../encode/row-writer.js';
import { type RowRange, wholeRowWriter, writerColumns } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import type { RowEncoding, TableRows } from './table-rows.js';

/** One file of a table: rows from `start` up to `end`, ended early at `limit` bytes (before compression). */
export interface FileRowsRequest {
  readonly range: RowRange;
  readonly limit: number;
  readonly onRows: ((rows: number, bytes: number) => void) | undefined;
  /** Called once the file's rows are written, with the row after its last. */
  readonly onEnd: (row: number) => void;
}

/**
 * Rows of `range` through `writer` until the bytes (with `prefix` bytes
 * before them) reach `limit` at a row boundary, in chunks of whole rows.
 */
export function* limitedRowChunks(
  source: ValueSource,
  index: number,
  writer: RowWriter,
  request: FileRowsRequest,
  prefix: number,
): Generator<Buffer> {
  const write = wholeRowWriter(
    writer,
    writerColumns(source, index, writer),
    request.range.end - request.range.start,
  );
  let bytes = prefix;
  let pending = 0;
  let row = request.range.start;
  while (row < request.range.end) {
    const full = write(row);
    row++;
    pending++;
    if (bytes + writer.size >= request.limit) break;
    if (full) {
      bytes += writer.size;
      const chunk = writer.takeChunk();
      request.onRows?.(pending, chunk.length);
      pending = 0;
      yield chunk;
    }
  }
  const last = writer.size > 0 ? writer.takeChunk() : null;
  if (pending > 0) request.onRows?.(pending, last?.length ?? 0);
  if (last !== null) yield last;
  request.onEnd(row);
}

/** A table's encoded rows from some row on, shared by its files in turn. */
interface PieceStream {
  /** The first row not yet in a file. */
  row: number;
  /** Rows [row, carry) of a piece a file ended in, to be made again (none when carry <= row). */
  carry: number;
  /** Rows of the pieces told (`onRows`: before each is handed out) and not yet taken. */
  readonly told: { rows: number };
  readonly pieces: AsyncIterator<Uint8Array>;
}

/** Where a table's pieces come from, and how a writer is made for the rows made here. */
export interface PieceSource {
  readonly tableRows: TableRows;
  readonly encoding: RowEncoding;
  readonly writer: () => RowWriter;
}

/**
 * A table's files' rows from `from.tableRows`, one file after another (each
 * file's `chunks` asked for once the one before is written): a file that
 * starts where the last one ended goes on with its stream, any other (after
 * files a resumed run kept) starts a new one.
 */
export function pieceFiles(
  source: ValueSource,
  index: number,
  from: PieceSource,
): (request: FileRowsRequest, prefix: number) => AsyncGenerator<Uint8Array> {
  let stream: PieceStream | null = null;
  const streamAt = (range: RowRange): PieceStream => {
    if (stream !== null && stream.row === range.start) return stream;
    void stream?.pieces.return?.();
    const told = { rows: 0 };
    const pieces = from.tableRows({
      tableIndex: index,
      range,
      encoding: from.encoding,
      onRows: (rows) => {
        told.rows += rows;
      },
    });
    stream = { row: range.start, carry: range.start, told, pieces: pieces[Symbol.asyncIterator]() };
    return stream;
  };
  return (request, prefix) => fileFromPieces(source, index, from, streamAt(request.range), request, prefix);
}

async function* fileFromPieces(
  source: ValueSource,
  index: number,
  from: PieceSource,
  stream: PieceStream,
  request: FileRowsRequest,
  prefix: number,
): AsyncGenerator<Uint8Array> {
  let bytes = prefix;
  // At least one row in a file, as made here (a header as big as the limit is followed by one).
  for (let first = true; first || bytes < request.limit; first = false) {
    const start = stream.row;
    let end = stream.carry;
    if (end <= start) {
      const next = await stream.pieces.next();
      if (next.done === true) break;
      end = start + stream.told.rows;
      stream.told.rows = 0;
      if (bytes + next.value.length < request.limit) {
        bytes += next.value.length;
        stream.row = end;
        request.onRows?.(end - start, next.value.length);
        yield next.value;
        continue;
      }
    }
    // The file ends in these rows (or they are what the last one left): made here, up to the row that fills it.
    let stop = end;
    const rows: FileRowsRequest = {
      range: { start, end },
      limit: request.limit,
      onRows: request.onRows,
      onEnd: (row) => {
        stop = row;
      },
    };
    for (const chunk of limitedRowChunks(source, index, from.writer(), rows, bytes)) {
      bytes += chunk.length;
      yield chunk;
    }
    stream.row = stop;
    stream.carry = end;
  }
  request.onEnd(stream.row);
}
