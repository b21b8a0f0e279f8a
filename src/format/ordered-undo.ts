/**
 * The undo of an ordered load (ordered-load.ts): its units commit one by
 * one, so a failure anywhere (or a signal) cannot roll the committed ones
 * back. Their tables are emptied again (TRUNCATE: they were empty before,
 * and no table outside the load references them), or with --append the rows
 * the load's transactions wrote are deleted, told by their xmin (the rows
 * there before stay); on a signal the same through psql, the load's own
 * backends ended first. --truncate is not undone this way: its TRUNCATE
 * holds its tables until it commits, and once committed the rows it took
 * cannot be brought back (parallel-load.ts's groups load it).
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ConnectionOptions } from '../input/connection.js';
import { quoteLiteral } from '../schema/quote.js';
import { noteTargetState } from '../sink/temporary-files.js';
import { psqlSync } from './created-objects.js';
import type { LoadConnection } from './load-target.js';

/** What an ordered load has done so far, as its undo needs it. */
export interface OrderedProgress {
  /** Units committed. */
  committed: number;
  /** The load's backends (ended first on a signal). */
  pids: readonly (number | undefined)[];
  /** Every unit's transaction id as xmin shows it (32 bits), committed or not: a rolled-back one left no rows. */
  readonly xids: string[];
}

/**
 * The statement that undoes the committed units: the tables emptied, or
 * with --append the rows of the load's transactions deleted, in one
 * statement so that the foreign keys among them are checked once every
 * table's rows are gone.
 */
function undoStatement(names: readonly string[], append: boolean, progress: OrderedProgress): string {
  if (!append) return `TRUNCATE ${names.join(', ')}`;
  const mine = `ARRAY[${progress.xids.map(quoteLiteral).join(', ')}]::text[]`;
  const deletes = names.map((n, i) => `d${i} AS (DELETE FROM ${n} WHERE xmin::text = ANY (${mine}))`);
  return `WITH ${deletes.join(', ')} SELECT`;
}

/** Said (and done) on a signal until released: the committed units undone through psql. */
export function noteOrderedUndo(
  connection: ConnectionOptions,
  where: string,
  names: readonly string[],
  append: boolean,
  progress: OrderedProgress,
): { release(): void } {
  const undone = append ? 'had the rows they added deleted again' : 'were emptied again';
  return noteTargetState(() => {
    const { committed, pids } = progress;
    if (committed === 0)
      return `the load into ${where} is rolled back (its transactions end with the connections): nothing was loaded`;
    const undo = undoStatement(names, append, progress);
    const parts = committed === 1 ? 'the 1 part' : `the ${committed} parts`;
    const done = psqlSync(connection, [
      "SET lock_timeout = '30s';",
      `SELECT pg_catalog.pg_terminate_backend(p) FROM unnest(ARRAY[${pids.join(', ')}]::int[]) AS p;`,
      `${undo};`,
    ]);
    return done
      ? `${parts} of the load committed (each table on a connection of its own, parents first) ${undone}`
      : `${parts} of the load committed are left with their rows: ${append ? 'delete them' : 'empty them'} with: ${undo};`;
  });
}

/** The undo after a failure; should it fail, the error says how to finish it. */
export async function undoAfterFailure(
  first: LoadConnection,
  names: readonly string[],
  append: boolean,
  progress: OrderedProgress,
  failure: DatagenError,
): Promise<void> {
  const undo = undoStatement(names, append, progress);
  try {
    await first.client.query(undo);
  } catch (undoError) {
    const [undone, how] = append
      ? ['have their rows deleted again', 'delete them']
      : ['be emptied again', 'empty them'];
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `${failure.message}; and the tables committed before it (each on a connection of its own) could not ${undone} (${(undoError as Error).message ?? String(undoError)}): ${how} with: ${undo};`,
      failure.data,
      { cause: failure, exitCode: 1 },
    );
  }
}
