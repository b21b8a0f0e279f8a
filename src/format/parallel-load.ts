/**
 * A direct load over up to `-j` connections, still all-or-nothing: every
 * connection holds its transaction open until all have done their work, then
 * all commit; a failure anywhere cancels the other COPYs and rolls every
 * transaction back.
 *
 * A transaction sees none of another's uncommitted rows, and the load's
 * steps lock what they change (dropping a foreign key locks both of its
 * tables, TRUNCATE a table and its inheritance children). So the tables are
 * cut into groups that share nothing: the tables joined by a foreign key
 * (either way, through tables not loaded too) or by inheritance or
 * partitioning go together, on one connection, which drops their foreign
 * keys, loads them and adds the keys back, as the one-connection load does.
 * Different groups load at once, the largest first. A table that is a group
 * alone and needs no such step (no foreign key, no --truncate, no triggers
 * switched off) is cut into row ranges loaded at once on several connections
 * (COPY's lock lets concurrent inserts in; its unique keys are distinct by
 * construction). No connection ever waits for a lock another one holds:
 * `lock_timeout` turns any wait that would (a duplicate key between two
 * connections) into an error instead of a load that never ends.
 *
 * One connection is used instead (the caller's load) where the groups cannot
 * be known to share nothing: user triggers that fire (they may write any
 * table), event triggers (they run on the load's ALTER TABLEs and may read
 * any table) and --unlogged-during-load. A schema created from DDL files
 * is created first (parallel-create.ts), then loaded here.
 */
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { loadTimePaths } from '../archive/load-time-triggers.js';
import type { RowRange } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import type { ConnectionOptions } from '../input/connection.js';
import type { Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { databaseError } from './connection-failure.js';
import { connectionRoom } from './connection-room.js';
import { dataLoadOrder } from './data-order.js';
import { type DataTable, sequenceSetStatements, sequencesPastTables } from './data-statements.js';
import type { DatabaseLoadOptions } from './database-load.js';
import {
  addForeignKeys,
  connectForLoad,
  dropForeignKeys,
  type ForeignKeyDefinition,
  foreignKeysOf,
  type LoadConnection,
} from './load-target.js';
import { type CopyShare, copyTable } from './table-copy.js';
import { serialTableRows } from './table-rows.js';
import { switchUserTriggers, triggeredTables } from './trigger-switches.js';

/** A table alone on no foreign key is cut into ranges from this many rows up. */
export const SPLIT_MIN_ROWS = 50_000;

/** How long a parallel load's statement may wait for a lock before the load fails (instead of waiting forever). */
export const PARALLEL_LOCK_TIMEOUT = '5min';

/** What one connection loads at a time: a group of tables (in FK order) with its foreign keys, or a range of one table. */
export interface LoadUnit {
  readonly tables: readonly DataTable[];
  readonly names: readonly string[];
  readonly foreignKeys: readonly ForeignKeyDefinition[];
  readonly triggered: readonly string[];
  readonly range?: RowRange;
  readonly weight: number;
}

interface Groups {
  /** A group id per relation oid (its own oid when alone). */
  readonly groupOf: (oid: string) => string;
  readonly oidOf: ReadonlyMap<string, string>;
  readonly tiedOids: ReadonlySet<string>;
}

/** Relations tied by a foreign key touching the tables, or by inheritance or partitioning, joined (union-find over oids). */
async function relationGroups(client: pg.Client, names: readonly string[]): Promise<Groups> {
  const oids = await client.query<{ name: string; oid: string }>(
    'SELECT n AS name, n::regclass::oid::text AS oid FROM unnest($1::text[]) AS n',
    [names],
  );
  const edges = await client.query<{ a: string; b: string }>(
    `SELECT conrelid::text AS a, confrelid::text AS b FROM pg_catalog.pg_constraint
      WHERE contype = 'f' AND (conrelid = ANY ($1::regclass[]) OR confrelid = ANY ($1::regclass[]))
     UNION SELECT inhrelid::text, inhparent::text FROM pg_catalog.pg_inherits`,
    [names],
  );
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    return root;
  };
  const tied = new Set<string>();
  for (const { a, b } of edges.rows) {
    tied.add(a);
    tied.add(b);
    const [ra, rb] = [find(a), find(b)];
    // Oids as text: the later one points at the earlier, whichever order the edges come in.
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  }
  return { groupOf: find, oidOf: new Map(oids.rows.map((r) => [r.name, r.oid])), tiedOids: tied };
}

/** Enabled event triggers that fire on DDL (the load's ALTER TABLE and TRUNCATE): any could read any table. */
export async function hasEventTriggers(client: pg.Client): Promise<boolean> {
  const r = await client.query<{ e: boolean }>(
    "SELECT EXISTS (SELECT FROM pg_catalog.pg_event_trigger WHERE evtenabled <> 'D') AS e",
  );
  return r.rows[0]?.e === true;
}

/**
 * The units of a parallel load, largest first; null when the load must stay
 * on one connection (see above) or has nothing to run at once.
 */
export async function parallelUnits(
  client: pg.Client,
  source: ValueSource,
  connections: number,
  options: DatabaseLoadOptions,
): Promise<LoadUnit[] | null> {
  if (connections < 2 || options.unloggedDuringLoad) return null;
  const ordered = dataLoadOrder(source.plan).tables;
  const names = ordered.map((t) => quoteQualified(t.table));
  if (names.length === 0) return null;
  const triggered = await triggeredTables(client, names);
  if ((triggered.length > 0 && !options.disableTriggers) || (await hasEventTriggers(client))) return null;
  const groups = await relationGroups(client, names);
  const fks = await foreignKeysOf(client, names);
  const fkOids = await client.query<{ name: string; oid: string }>(
    'SELECT n AS name, n::regclass::oid::text AS oid FROM unnest($1::text[]) AS n',
    [[...new Set([...fks.map((f) => f.table), ...triggered])]],
  );
  const groupOfName = (name: string) => {
    const oid = groups.oidOf.get(name) ?? fkOids.rows.find((r) => r.name === name)?.oid ?? name;
    return groups.groupOf(oid);
  };
  const byGroup = new Map<string, { tables: DataTable[]; names: string[] }>();
  ordered.forEach((table, i) => {
    const name = names[i] as string;
    const g = groupOfName(name);
    const entry = byGroup.get(g) ?? { tables: [], names: [] };
    entry.tables.push(table);
    entry.names.push(name);
    byGroup.set(g, entry);
  });
  const rowsOf = (t: DataTable) => (source.plan.tables[t.index]?.rows ?? 0) * Math.max(1, t.columns.length);
  const units: LoadUnit[] = [];
  for (const [g, entry] of byGroup) {
    const foreignKeys = fks.filter((f) => groupOfName(f.table) === g);
    const switched = triggered.filter((t) => groupOfName(t) === g);
    const weight = entry.tables.reduce((n, t) => n + rowsOf(t), 0);
    const lone = entry.tables[0] as DataTable;
    const rows = source.plan.tables[lone.index]?.rows ?? 0;
    const alone =
      entry.tables.length === 1 &&
      !groups.tiedOids.has(groups.oidOf.get(entry.names[0] as string) ?? '') &&
      foreignKeys.length === 0 &&
      switched.length === 0 &&
      !options.truncate;
    if (alone && rows >= SPLIT_MIN_ROWS) {
      for (let k = 0; k < connections; k++) {
        const range = {
          start: Math.floor((rows * k) / connections),
          end: Math.floor((rows * (k + 1)) / connections),
        };
        units.push({ ...entry, foreignKeys, triggered: switched, range, weight: weight / connections });
      }
    } else units.push({ ...entry, foreignKeys, triggered: switched, weight });
  }
  if (units.length < 2) return null;
  return units.sort((a, b) => b.weight - a.weight);
}

/** One connection's part: its transaction, the units it took, where it is. */
interface Lane {
  readonly loading: LoadConnection;
  readonly loaded: DataTable[];
  begun: boolean;
  step: string;
}

async function loadUnit(
  lane: Lane,
  unit: LoadUnit,
  source: ValueSource,
  options: DatabaseLoadOptions,
  signal: AbortSignal,
  tablePaths: ReadonlyMap<string, string>,
): Promise<number> {
  const { client } = lane.loading;
  if (!lane.begun) {
    lane.step = 'cannot load into';
    await client.query('BEGIN');
    lane.begun = true;
    await client.query(`SET LOCAL lock_timeout = '${PARALLEL_LOCK_TIMEOUT}'`);
  }
  if (options.truncate) {
    lane.step = 'cannot empty the tables of';
    await client.query(`TRUNCATE ${unit.names.join(', ')}`);
  }
  lane.step = 'cannot set aside the foreign keys and triggers of';
  await dropForeignKeys(client, unit.foreignKeys);
  const states = await switchUserTriggers(client, unit.triggered, false);
  let bytes = 0;
  const tableRows = options.tableRows ?? serialTableRows(source);
  const share: CopyShare = { signal, ...(unit.range ? { range: unit.range } : {}) };
  for (const table of unit.tables) {
    lane.step = `cannot copy rows into ${quoteQualified(table.table)} of`;
    const path = tablePaths.get(nameKey(table.table));
    if (path !== undefined) await client.query(path);
    bytes += await copyTable(lane.loading, table, tableRows, options, share);
    lane.loaded.push(table);
  }
  lane.step = 'the foreign keys do not hold in';
  await addForeignKeys(client, unit.foreignKeys);
  lane.step = 'cannot enable the triggers again in';
  await switchUserTriggers(client, unit.triggered, true, states);
  return bytes;
}

/**
 * The sequences set past the keys, one connection after another (the other
 * connections idle, holding their locks): a statement that reads its
 * table's keys (--append) runs on the connection that loaded it and sees
 * those rows, and two never race on a sequence they share.
 */
async function setSequences(lanes: readonly Lane[], schema: Schema, source: ValueSource, append: boolean) {
  const sequences = append ? sequencesPastTables(schema, source.plan) : sequenceSetStatements(schema, source);
  for (const lane of lanes) {
    if (!lane.begun) continue;
    lane.step = 'cannot set the sequences of';
    const mine = new Set(lane.loaded.map((t) => t.index));
    // Without --append the statements read no table: the first connection sets them all.
    for (const s of sequences)
      if (append ? mine.has(s.tableIndex) : lane === lanes[0]) await lane.loading.client.query(s.sql);
  }
}

/**
 * The units dealt to `lanes` connections, each (largest first) to the one
 * with the least work so far: the same split for the same plan, so a range
 * of a table is never dealt twice to one connection.
 */
function assignUnits(units: readonly LoadUnit[], lanes: number): LoadUnit[][] {
  const shares: LoadUnit[][] = Array.from({ length: lanes }, () => []);
  const work = new Array<number>(lanes).fill(0);
  for (const unit of units) {
    const least = work.indexOf(Math.min(...work));
    (shares[least] as LoadUnit[]).push(unit);
    work[least] = (work[least] as number) + unit.weight;
  }
  return shares;
}

/**
 * A parallel load's connections after the first: at most half the server's
 * free connections (connection-room.ts), and one the server refuses (too
 * many connections) leaves fewer; either with a warning, not a failure.
 */
export async function furtherConnections(
  first: LoadConnection,
  connection: ConnectionOptions,
  count: number,
  options: DatabaseLoadOptions,
): Promise<LoadConnection[]> {
  const room = await connectionRoom(first.client, count);
  const opened = await Promise.allSettled(
    Array.from({ length: room.count }, () => connectForLoad(connection)),
  );
  const extra = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const refused = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  const reason =
    refused !== undefined
      ? `${String((refused.reason as Error).message ?? refused.reason)}; raise the server's max_connections or the role's CONNECTION LIMIT, or give a smaller -j`
      : room.reason;
  if (reason !== undefined)
    options.onWarning?.({
      code: 'FEWER_CONNECTIONS',
      where: first.where,
      message: `loading over ${extra.length + 1} connection${extra.length === 0 ? '' : 's'} instead of ${count + 1}: ${reason}`,
    });
  return extra;
}

/**
 * Loads the units over `connections` connections (the first is `first`, the
 * run's session, already checked: tables there, none filled unless asked);
 * returns the COPY bytes sent. Either every transaction commits or, on a
 * failure anywhere, every one rolls back.
 */
export async function loadInParallel(
  schema: Schema,
  source: ValueSource,
  first: LoadConnection,
  connection: ConnectionOptions,
  units: readonly LoadUnit[],
  connections: number,
  options: DatabaseLoadOptions,
): Promise<number> {
  const extra = await furtherConnections(first, connection, Math.min(connections, units.length) - 1, options);
  // Rows a trigger may see load under their table's path, as a script's and an archive's (load-time-triggers.ts).
  const tablePaths = loadTimePaths(schema);
  const lanes: Lane[] = [first, ...extra].map((loading) => ({
    loading,
    loaded: [],
    begun: false,
    step: 'cannot load into',
  }));
  const shares = assignUnits(units, lanes.length);
  const abort = new AbortController();
  // Every lane's COPY listens on it: more than Node's default of 10 is no leak.
  setMaxListeners(lanes.length + 1, abort.signal);
  let failure: { lane: Lane | null; error: unknown } | null = null;
  let bytes = 0;
  const fail = (lane: Lane | null, error: unknown) => {
    failure ??= { lane, error };
    abort.abort(new Error('another connection of the load failed'));
  };
  const run = async (lane: Lane, mine: readonly LoadUnit[]) => {
    try {
      for (const unit of mine) {
        if (failure !== null) return;
        bytes += await loadUnit(lane, unit, source, options, abort.signal, tablePaths);
      }
    } catch (error) {
      fail(lane, lane.loading.reason(error));
    }
  };
  try {
    await Promise.all(lanes.map((lane, i) => run(lane, shares[i] ?? [])));
    if (failure === null) {
      try {
        await setSequences(lanes, schema, source, options.append === true);
        // Every connection's work is done: the commits follow each other, the first connection's last.
        for (const lane of [...lanes.slice(1), lanes[0] as Lane]) {
          if (!lane.begun) continue;
          lane.step = 'cannot commit to';
          await lane.loading.client.query('COMMIT');
          lane.begun = false;
        }
      } catch (error) {
        fail(lanes.find((l) => l.begun) ?? null, error);
      }
    }
    if (failure !== null) {
      const { lane, error } = failure as { lane: Lane | null; error: unknown };
      for (const l of lanes) if (l.begun) await l.loading.client.query('ROLLBACK').catch(() => undefined);
      throw databaseError(first.where, lane?.step ?? 'cannot load into', error);
    }
    return bytes;
  } finally {
    for (const lane of lanes.slice(1)) await lane.loading.release();
  }
}
