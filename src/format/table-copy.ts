/**
 * One table's rows into a database over COPY FROM STDIN, streamed from the
 * generator with backpressure (never a table held): the whole table, or a
 * parallel load's range of it, cancelled (CopyFail) when another connection
 * of the load fails.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyStatementFor } from '../archive/build-archive-entries.js';
import type { RowRange } from '../encode/table-chunks.js';
import type { Warning } from '../errors.js';
import { quoteQualified } from '../schema/quote.js';
import type { DataTable } from './data-statements.js';
import type { LoadConnection } from './load-target.js';
import type { TableRows } from './table-rows.js';
import { type ReplacedCharacters, replacedMessage, textFitterFor } from './target-encoding.js';

/** A share of a parallel load: only rows [start, end) of the table, and the signal that another connection failed. */
export interface CopyShare {
  readonly range?: RowRange;
  readonly signal?: AbortSignal;
}

/** What a copy reports: rows made, and a warning (characters the database's encoding lacks: target-encoding.ts). */
export interface CopyReports {
  readonly onRows?: ((tableIndex: number, rows: number, bytes: number) => void) | undefined;
  readonly onWarning?: ((warning: Warning) => void) | undefined;
}

export async function copyTable(
  connection: LoadConnection,
  table: DataTable,
  tableRows: TableRows,
  { onRows, onWarning }: CopyReports,
  share: CopyShare = {},
): Promise<number> {
  const { client } = connection;
  const { range, signal } = share;
  let bytes = 0;
  const fitter = await textFitterFor(client);
  const replaced: ReplacedCharacters = new Map();
  // Loaded on first use: a run that writes files never needs the COPY stream (nor pg, see connectClient).
  const { from: copyFrom } = await import('pg-copy-streams');
  signal?.throwIfAborted();
  const stream = client.query(copyFrom(copyStatementFor(table.table, table.columns).replace(/;\n$/, '')));
  const counted = onRows ? { onRows: (n: number, b: number) => onRows(table.index, n, b) } : {};
  async function* chunks() {
    for await (const chunk of tableRows({
      tableIndex: table.index,
      ...counted,
      ...(range ? { range } : {}),
    })) {
      bytes += chunk.byteLength;
      yield fitter === undefined ? chunk : fitter.fit(chunk, replaced);
      // Rows made on this thread arrive as microtasks: without a turn of the event loop the socket would get
      // nothing while a run of chunks is made, and the server would wait (generation and COPY would add up).
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
    if (fitter !== undefined) yield fitter.end(replaced);
  }
  const rows = Readable.from(chunks());
  // Another connection failed: this COPY ends now (CopyFail), not when its rows are all made.
  const stop = () => rows.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await connection.untilLost(pipeline(rows, stream));
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (fitter !== undefined && replaced.size > 0) {
    const name = quoteQualified(table.table);
    onWarning?.({
      code: 'CHARACTERS_REPLACED',
      where: name,
      message: replacedMessage(name, connection.where, fitter.encoding, replaced),
    });
  }
  return bytes;
}
