/**
 * How a direct load goes, in words for `-v` (database-load.ts chooses): the
 * schema created and loaded as pg_restore -j does (parallel-create.ts),
 * table by table (ordered-load.ts), parts held open until all are done
 * (parallel-load.ts), or one transaction.
 */
import type { DatabaseLoadOptions } from './database-load.js';

export type LoadWay = 'create' | 'ordered' | 'parts' | 'one';

export function loadWay(way: LoadWay, connections: number, options: DatabaseLoadOptions, parts = 0): string {
  const over = `loading over up to ${connections} connections`;
  switch (way) {
    case 'create':
      return `creating the schema, then loading and building its keys over up to ${connections} connections (as pg_restore -j; undone on a failure)`;
    case 'ordered':
      return `${over}, table by table (each table commits in its own transaction, parents first; a failure ${options.append ? 'deletes the rows the load added' : 'empties the committed tables again'})`;
    case 'parts':
      return `${over}, ${parts} parts (tables joined by foreign keys together), each in a transaction held open until all are done, then committed one after another${options.truncate ? ' (--truncate: each part emptied in its transaction, so not table by table)' : ''}`;
    case 'one':
      return `loading in one transaction over one connection${connections > 1 ? ` (-j ${connections}: the tables cannot be split among connections here)` : ''}`;
  }
}
