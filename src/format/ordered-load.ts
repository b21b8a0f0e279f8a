/**
 * Fill in place over `-j` connections where foreign keys join the tables
 * (parallel-load.ts keeps such tables together on one connection): each
 * table is loaded on a connection and in a transaction of its own, parents
 * before children. A table starts once every table it references has
 * committed, so its foreign keys stay in place and the server checks each
 * row against committed parents; tables that reference none start at once.
 * The tables of a foreign-key cycle (or a table referencing itself) go
 * together, the keys among them dropped and added back in their
 * transaction. A big table that no other references and that references
 * none is cut into row ranges, as parallel-load.ts cuts one.
 *
 * All or nothing, by undo (ordered-undo.ts): the committed tables are
 * emptied again, or with --append the rows the load wrote deleted. Sequences
 * are set once every table has committed. Used only without --truncate,
 * when the user may TRUNCATE every table, no user trigger fires (or
 * --disable-triggers), no event trigger is enabled and no table is in an
 * inheritance tree other than a partitioned table's (its tree loaded as one
 * unit: a COPY into its root); else parallel-load.ts's groups.
 */
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import type { RowRange } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import type { ConnectionOptions } from '../input/connection.js';
import type { Schema } from '../schema/model.js';
import { quoteQualified } from '../schema/quote.js';
import { databaseError } from './connection-failure.js';
import { cycles, dataLoadOrder } from './data-order.js';
import { type DataTable, sequenceSetStatements, sequencesPastTables } from './data-statements.js';
import type { DatabaseLoadOptions } from './database-load.js';
import {
  addForeignKeys,
  dropForeignKeys,
  type ForeignKeyDefinition,
  type LoadConnection,
} from './load-target.js';
import { noteOrderedUndo, type OrderedProgress, undoAfterFailure } from './ordered-undo.js';
import {
  furtherConnections,
  hasEventTriggers,
  PARALLEL_LOCK_TIMEOUT,
  SPLIT_MIN_ROWS,
} from './parallel-load.js';
import { copyTable } from './table-copy.js';
import { serialTableRows } from './table-rows.js';
import { switchUserTriggers, triggeredTables } from './trigger-switches.js';

/** One transaction of the load: a table (or a range of one), or the tables of a foreign-key cycle. */
export interface OrderedUnit {
  readonly tables: readonly DataTable[];
  /** Foreign keys among the unit's own tables: dropped while its rows go in, then added back (checked). */
  readonly inner: readonly ForeignKeyDefinition[];
  /** Its tables with user triggers, off while loading (--disable-triggers). */
  readonly triggered: readonly string[];
  /** The units (by index) that must commit before it starts: those holding its parents. */
  readonly after: readonly number[];
  readonly range?: RowRange;
  /** Its rows times columns plus the heaviest chain of units waiting on it: the longest chain starts first. */
  readonly priority: number;
}

/** The load's plan: its units, and every table's name (the undo's TRUNCATE). */
export interface OrderedLoad {
  readonly units: readonly OrderedUnit[];
  readonly names: readonly string[];
}

interface TableFacts {
  readonly oid: string;
  readonly ok: boolean;
}

/**
 * Whether the load may go table by table: each table truncatable, a plain
 * table in no inheritance tree or the root of a partition tree (its rows
 * routed into the partitions by the one COPY of its unit, the undo's
 * TRUNCATE taking them all: every partition truncatable too), and none
 * referenced from outside the load.
 */
async function tableFacts(client: pg.Client, names: readonly string[]): Promise<TableFacts[]> {
  return (
    await client.query<TableFacts>(
      `SELECT c.oid::text AS oid,
              CASE c.relkind
                WHEN 'r' THEN pg_catalog.has_table_privilege(c.oid, 'TRUNCATE')
                  AND NOT EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE c.oid IN (i.inhrelid, i.inhparent))
                WHEN 'p' THEN NOT c.relispartition
                  AND (SELECT pg_catalog.bool_and(pg_catalog.has_table_privilege(t.relid, 'TRUNCATE'))
                         FROM pg_catalog.pg_partition_tree(c.oid) t)
                ELSE false END
              AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint k
                               WHERE k.contype = 'f' AND k.conparentid = 0
                                 AND (k.confrelid = c.oid
                                   OR k.confrelid IN (SELECT t.relid FROM pg_catalog.pg_partition_tree(c.oid) t))
                                 AND k.conrelid <> ALL ($1::text[]::regclass[]::oid[])) AS ok
         FROM unnest($1::text[]) WITH ORDINALITY AS u(name, k) JOIN pg_catalog.pg_class c ON c.oid = u.name::regclass
        ORDER BY u.k`,
      [names],
    )
  ).rows;
}

/**
 * The units of a load table by table, in the order dataLoadOrder gives;
 * null where parallel-load.ts's groups load instead (see above), or where
 * no foreign key joins two of the tables.
 */
export async function orderedUnits(
  client: pg.Client,
  source: ValueSource,
  connections: number,
  options: DatabaseLoadOptions,
): Promise<OrderedLoad | null> {
  if (connections < 2 || options.truncate || options.unloggedDuringLoad) return null;
  const tables = dataLoadOrder(source.plan).tables;
  const names = tables.map((t) => quoteQualified(t.table));
  if (names.length < 2) return null;
  const triggered = await triggeredTables(client, names);
  if ((triggered.length > 0 && !options.disableTriggers) || (await hasEventTriggers(client))) return null;
  const facts = await tableFacts(client, names);
  if (facts.length !== names.length || facts.some((f) => !f.ok)) return null;
  const at = new Map(facts.map((f, i) => [f.oid, i]));
  const fks = (
    await client.query<ForeignKeyDefinition & { child: string; parent: string }>(
      `SELECT conrelid::text AS child, confrelid::text AS parent, conrelid::regclass::text AS table,
              conname AS name, pg_catalog.pg_get_constraintdef(oid) AS definition
         FROM pg_catalog.pg_constraint
        WHERE contype = 'f' AND conparentid = 0 AND conrelid = ANY ($1::oid[]) AND confrelid = ANY ($1::oid[])`,
      [facts.map((f) => f.oid)],
    )
  ).rows.map((fk) => ({ ...fk, child: at.get(fk.child) as number, parent: at.get(fk.parent) as number }));
  if (fks.length === 0) return null;
  const parents = new Map(names.map((_, i) => [i, new Set<number>()]));
  for (const fk of fks) if (fk.child !== fk.parent) parents.get(fk.child)?.add(fk.parent);
  const unitOf = names.map((_, i) => i);
  const members = new Map<number, number[]>();
  for (const cycle of cycles(parents)) for (const i of cycle) unitOf[i] = cycle[0] as number;
  for (const [i, u] of unitOf.entries()) members.set(u, [...(members.get(u) ?? []), i]);
  const keys = [...members.keys()];
  const index = new Map(keys.map((k, u) => [k, u]));
  const unitIndex = (table: number) => index.get(unitOf[table] as number) as number;
  const triggeredOids = new Set(
    (
      await client.query<{ oid: string }>('SELECT unnest($1::text[])::regclass::oid::text AS oid', [
        triggered,
      ])
    ).rows.map((r) => r.oid),
  );
  const weight = (i: number) =>
    (source.plan.tables[tables[i]?.index ?? -1]?.rows ?? 0) * Math.max(1, tables[i]?.columns.length ?? 1);
  const drafts = keys.map((k) => {
    const own = members.get(k) as number[];
    return {
      tables: own.map((i) => tables[i] as DataTable),
      inner: fks.filter(
        (fk) => unitIndex(fk.child) === index.get(k) && unitIndex(fk.parent) === index.get(k),
      ),
      triggered: own.filter((i) => triggeredOids.has(facts[i]?.oid ?? '')).map((i) => names[i] as string),
      after: [
        ...new Set(
          fks.filter((fk) => unitIndex(fk.child) === index.get(k)).map((fk) => unitIndex(fk.parent)),
        ),
      ].filter((u) => u !== index.get(k)),
      weight: own.reduce((n, i) => n + weight(i), 0),
    };
  });
  return { units: withRanges(withPriorities(drafts), source, connections), names };
}

type Draft = Omit<OrderedUnit, 'priority' | 'range'> & { readonly weight: number };

/** Each unit's priority: its weight plus the heaviest chain of units that wait on it. */
function withPriorities(drafts: readonly Draft[]): OrderedUnit[] {
  const priority = new Map<number, number>();
  const of = (u: number): number => {
    const known = priority.get(u);
    if (known !== undefined) return known;
    let chain = 0;
    drafts.forEach((d, v) => {
      if (d.after.includes(u)) chain = Math.max(chain, of(v));
    });
    const p = (drafts[u]?.weight ?? 0) + chain;
    priority.set(u, p);
    return p;
  };
  return drafts.map(({ weight: _w, ...d }, u) => ({ ...d, priority: of(u) }));
}

/** A big table alone (no foreign key among the load's tables either way, no triggers switched) as row ranges. */
function withRanges(units: readonly OrderedUnit[], source: ValueSource, connections: number): OrderedUnit[] {
  const waitedOn = new Set(units.flatMap((u) => u.after));
  return units.flatMap((unit, u) => {
    const [table] = unit.tables;
    const rows = source.plan.tables[table?.index ?? -1]?.rows ?? 0;
    const alone = unit.tables.length === 1 && unit.after.length === 0 && !waitedOn.has(u);
    if (!alone || unit.inner.length > 0 || unit.triggered.length > 0 || rows < SPLIT_MIN_ROWS) return [unit];
    return Array.from({ length: connections }, (_, k) => ({
      ...unit,
      range: { start: Math.floor((rows * k) / connections), end: Math.floor((rows * (k + 1)) / connections) },
      priority: unit.priority / connections,
    }));
  });
}

/** One unit in its own transaction on `loading`; returns the COPY bytes sent. */
async function loadUnit(
  loading: LoadConnection,
  unit: OrderedUnit,
  source: ValueSource,
  options: DatabaseLoadOptions,
  signal: AbortSignal,
  at: (step: string) => void,
  started: (xid: string) => void,
): Promise<number> {
  const { client } = loading;
  const tableRows = options.tableRows ?? serialTableRows(source);
  at('cannot load into');
  await client.query('BEGIN');
  try {
    // Its transaction's id as the rows' xmin shows it (32 bits): --append's undo deletes the rows it wrote.
    const xid = await client.query<{ xid: string }>(
      'SELECT (pg_catalog.txid_current() % 4294967296)::text AS xid',
    );
    started(xid.rows[0]?.xid as string);
    await client.query(`SET LOCAL lock_timeout = '${PARALLEL_LOCK_TIMEOUT}'`);
    at('cannot set aside the foreign keys and triggers of');
    await dropForeignKeys(client, unit.inner);
    const states = await switchUserTriggers(client, unit.triggered, false);
    let bytes = 0;
    for (const table of unit.tables) {
      at(`cannot copy rows into ${quoteQualified(table.table)} of`);
      bytes += await copyTable(loading, table, tableRows, options, {
        signal,
        ...(unit.range ? { range: unit.range } : {}),
      });
    }
    at('the foreign keys do not hold in');
    await addForeignKeys(client, unit.inner);
    at('cannot enable the triggers again in');
    await switchUserTriggers(client, unit.triggered, true, states);
    at('cannot commit to');
    await client.query('COMMIT');
    return bytes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Loads `load` over up to `connections` connections (the first is the
 * run's session, its tables checked empty unless --append); returns the
 * COPY bytes sent. On a failure or a signal the committed units are undone
 * (ordered-undo.ts), in place of the caller's note (`replaces`).
 */
export async function loadInOrder(
  schema: Schema,
  source: ValueSource,
  first: LoadConnection,
  connection: ConnectionOptions,
  load: OrderedLoad,
  connections: number,
  options: DatabaseLoadOptions,
  replaces?: { release(): void },
): Promise<number> {
  const { units, names } = load;
  const progress: OrderedProgress = { committed: 0, pids: [], xids: [] };
  const append = options.append === true;
  const noted = noteOrderedUndo(connection, first.where, names, append, progress);
  replaces?.release();
  let extra: LoadConnection[] = [];
  const state = units.map(() => 'waiting' as 'waiting' | 'running' | 'committed');
  const abort = new AbortController();
  let failure: { step: string; error: unknown } | null = null;
  let bytes = 0;
  const waiting: (() => void)[] = [];
  const changed = () => new Promise<void>((resolve) => waiting.push(resolve));
  const notify = () => {
    for (const wake of waiting.splice(0)) wake();
  };
  const next = () =>
    units
      .map((u, i) => ({ u, i }))
      .filter(({ u, i }) => state[i] === 'waiting' && u.after.every((a) => state[a] === 'committed'))
      .sort((a, b) => b.u.priority - a.u.priority || a.i - b.i)[0]?.i;
  const lane = async (loading: LoadConnection) => {
    while (failure === null && state.includes('waiting')) {
      const i = next();
      if (i === undefined) {
        await changed();
        continue;
      }
      state[i] = 'running';
      let step = 'cannot load into';
      try {
        const at = (s: string) => {
          step = s;
        };
        const started = (xid: string) => progress.xids.push(xid);
        bytes += await loadUnit(loading, units[i] as OrderedUnit, source, options, abort.signal, at, started);
        state[i] = 'committed';
        progress.committed++;
      } catch (error) {
        failure ??= { step, error: loading.reason(error) };
        abort.abort(new Error('another connection of the load failed'));
      } finally {
        notify();
      }
    }
    notify();
  };
  try {
    extra = await furtherConnections(first, connection, Math.min(connections, units.length) - 1, options);
    const lanes = [first, ...extra];
    // Every lane's COPY listens on it: more than Node's default of 10 is no leak.
    setMaxListeners(lanes.length + 1, abort.signal);
    progress.pids = await Promise.all(
      lanes.map(
        async (l) => (await l.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid,
      ),
    );
    await Promise.all(lanes.map(lane));
    if (failure === null) {
      try {
        // --append: past the keys the tables hold now, theirs before the load too.
        const sequences = options.append
          ? sequencesPastTables(schema, source.plan)
          : sequenceSetStatements(schema, source);
        for (const s of sequences) await first.client.query(s.sql);
      } catch (error) {
        failure = { step: 'cannot set the sequences of', error: first.reason(error) };
      }
    }
    if (failure === null) return bytes;
    const { step, error } = failure as { step: string; error: unknown };
    if (progress.committed > 0)
      await undoAfterFailure(first, names, append, progress, databaseError(first.where, step, error));
    throw databaseError(first.where, step, error);
  } finally {
    noted.release();
    for (const l of extra) await l.release();
  }
}
