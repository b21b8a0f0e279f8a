/**
 * DDL files and `-d -j N` on a database without their tables, as `pg_restore
 * -j N` restores an archive: the pre-data DDL (types, tables, functions) on
 * one connection, the rows over N (parallel-load.ts: tables that share no
 * lock at once, a big table in row ranges), then the post-data over N: keys
 * and indexes built at once (the biggest gain of a parallel restore), the
 * serial statements between (index attachments, triggers, rules, comments,
 * privileges), the foreign keys at once (two that share a table never at
 * the same time, so no connection waits on another's lock), then what
 * follows them.
 *
 * All or nothing, by undo: the other connections can only see tables that
 * are committed, so the pre-data commits first, and the rows and each
 * post-data statement commit in turn. What the catalog shows was made since
 * the start is dropped again on any failure (created-objects.ts), and on a
 * signal too (through psql, the process ending); when the drop itself
 * fails, the error gives the statements that do it. Changes the DDL makes
 * to objects that were there before (a comment on the public schema) are
 * not undone.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import type { ConnectionOptions } from '../input/connection.js';
import type { DdlStatement, Schema } from '../schema/model.js';
import { quoteQualified } from '../schema/quote.js';
import { noteTargetState } from '../sink/temporary-files.js';
import {
  type CreatedObjects,
  createdSince,
  dropCreated,
  dropCreatedSync,
  dropScript,
  objectsBefore,
} from './created-objects.js';
import { dataLoadOrder } from './data-order.js';
import {
  type MissingRoles,
  refusedStatement,
  runSchemaStatements,
  type SchemaCreation,
} from './database-create.js';
import type { DatabaseLoadOptions } from './database-load.js';
import type { LoadConnection } from './load-target.js';
import { furtherConnections, type LoadUnit, loadInParallel, parallelUnits } from './parallel-load.js';
import { searchPathSwitch } from './search-path-switch.js';

/** Built at once over the connections, each on a table no other connection is building on. */
const AT_ONCE = new Set(['INDEX', 'CONSTRAINT']);
const FOREIGN_KEY = 'FK CONSTRAINT';

/**
 * The statements with what is part of their object folded in: an `ALTER
 * INDEX i ... SET STATISTICS` (or SET (...)) is part of i's own entry in an
 * archive, as pg_dump writes it; run by itself at once with the indexes, it
 * names no table the others wait on and could run before i existed. One
 * whose object no earlier statement here creates (or under another
 * search_path) is kept as it stands.
 */
const sameSearchPath = (a: DdlStatement, b: DdlStatement) =>
  a.searchPath.join('\0') === b.searchPath.join('\0');

function foldedIntoObjects(statements: readonly DdlStatement[]): DdlStatement[] {
  const out: DdlStatement[] = [];
  const creators = new Map<string, number>();
  const key = (desc: string, schema: string | null, name: string) => JSON.stringify([desc, schema, name]);
  for (const s of statements) {
    const object = s.mergeIntoObject === true ? s.object : undefined;
    const at = object == null ? undefined : creators.get(key(s.desc, object.schema, object.name));
    const creator = at === undefined ? undefined : out[at];
    if (creator !== undefined && at !== undefined && sameSearchPath(creator, s)) {
      out[at] = { ...creator, sql: creator.sql + s.sql };
      continue;
    }
    if (s.mergeIntoObject !== true) creators.set(key(s.desc, s.namespace, s.tag), out.length);
    out.push(s);
  }
  return out;
}

/** The post-data in pg_restore's passes: keys and indexes at once, what lies between, foreign keys at once, the rest. */
export function postDataPasses(all: readonly DdlStatement[]): DdlStatement[][] {
  const statements = foldedIntoObjects(all);
  const firstKey = statements.findIndex((s) => s.desc === FOREIGN_KEY);
  const before = (i: number) => firstKey < 0 || i < firstKey;
  const serial = (s: DdlStatement) => !AT_ONCE.has(s.desc) && s.desc !== FOREIGN_KEY;
  return [
    statements.filter((s) => AT_ONCE.has(s.desc)),
    statements.filter((s, i) => serial(s) && before(i)),
    statements.filter((s) => s.desc === FOREIGN_KEY),
    statements.filter((s, i) => serial(s) && !before(i)),
  ];
}

/**
 * Runs `statements` over the connections, each by itself (committed), the
 * largest table's first; a statement waits while another connection works
 * on one of its tables. The first refusal stops the rest.
 */
async function runAtOnce(
  lanes: readonly LoadConnection[],
  statements: readonly DdlStatement[],
  where: string,
  weight: (s: DdlStatement) => number,
): Promise<void> {
  const pending = [...statements].sort((a, b) => weight(b) - weight(a));
  const busy = new Set<string>();
  let failure: DatagenError | null = null;
  let waiting: (() => void)[] = [];
  const changed = () => new Promise<void>((resolve) => waiting.push(resolve));
  const notify = () => {
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const tablesOf = (s: DdlStatement) => s.tables.map(quoteQualified);
  const lane = async (loading: LoadConnection) => {
    const paths = searchPathSwitch(false);
    while (failure === null && pending.length > 0) {
      const i = pending.findIndex((s) => tablesOf(s).every((t) => !busy.has(t)));
      if (i < 0) {
        await changed();
        continue;
      }
      const statement = pending.splice(i, 1)[0] as DdlStatement;
      const tables = tablesOf(statement);
      for (const t of tables) busy.add(t);
      try {
        const setPath = paths.before(statement);
        if (setPath !== '') await loading.client.query(setPath);
        await loading.untilLost(loading.client.query(statement.sql));
      } catch (error) {
        failure ??= refusedStatement(where, statement, loading.reason(error), 'nothing was kept');
      } finally {
        for (const t of tables) busy.delete(t);
        notify();
      }
    }
  };
  await Promise.all(lanes.map(lane));
  if (failure !== null) throw failure;
}

/** Statements that must run in order, on the first connection, in a transaction (a role the database lacks is left out). */
async function runInOrder(
  first: LoadConnection,
  statements: readonly DdlStatement[],
  missing: MissingRoles | undefined,
): Promise<void> {
  if (statements.length === 0) return;
  await first.client.query('BEGIN');
  try {
    await runSchemaStatements(first.client, first.where, statements, missing);
    await first.client.query('COMMIT');
  } catch (error) {
    await first.client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The post-data over up to `connections` connections (the first is the run's). */
async function buildPostData(
  first: LoadConnection,
  connection: ConnectionOptions,
  statements: readonly DdlStatement[],
  connections: number,
  missing: MissingRoles | undefined,
  weight: (s: DdlStatement) => number,
): Promise<void> {
  const [keys, between, foreignKeys, after] = postDataPasses(statements) as [
    DdlStatement[],
    DdlStatement[],
    DdlStatement[],
    DdlStatement[],
  ];
  const wanted = Math.min(connections, Math.max(keys.length, foreignKeys.length)) - 1;
  // As many as the rows' load may take, a refused one left out: its warning is the rows' load's, not said twice.
  const lanes = [first, ...(await furtherConnections(first, connection, wanted, {}))];
  try {
    await runAtOnce(lanes, keys, first.where, weight);
    await runInOrder(first, between, missing);
    await runAtOnce(lanes, foreignKeys, first.where, weight);
    await runInOrder(first, after, missing);
  } finally {
    for (const lane of lanes.slice(1)) await lane.release();
  }
}

/** What is left when the undo fails, and how to finish it. */
function undoFailed(error: unknown, undoError: unknown, created: CreatedObjects): DatagenError {
  const message = error instanceof Error ? error.message : String(error);
  return new DatagenError(
    ErrorCodes.DATABASE,
    `${message}; and the schema created before the rows (committed first so that -j connections could load it) could not be dropped again (${(undoError as Error).message ?? String(undoError)}): drop it with: ${dropScript(created).replace(/\n/g, ' ')}`,
    { sqlstate: (error as { code?: string }).code },
    { cause: error, exitCode: 1 },
  );
}

/** The tables' rows (times columns) by quoted name: the post-data's largest tables go first. */
function tableWeights(source: ValueSource): (s: DdlStatement) => number {
  const rows = new Map<string, number>();
  for (const t of dataLoadOrder(source.plan).tables)
    rows.set(
      quoteQualified(t.table),
      (source.plan.tables[t.index]?.rows ?? 0) * Math.max(1, t.columns.length),
    );
  return (s) => s.tables.reduce((n, t) => n + (rows.get(quoteQualified(t)) ?? 0), 0);
}

/** The whole plan as one unit, for a load parallelUnits keeps on one connection. */
function oneUnit(source: ValueSource): LoadUnit[] {
  const tables = dataLoadOrder(source.plan).tables;
  return [
    { tables, names: tables.map((t) => quoteQualified(t.table)), foreignKeys: [], triggered: [], weight: 1 },
  ];
}

/**
 * Creates the schema and loads it over `connections` connections; returns
 * the COPY bytes sent. `first` is the run's session, outside a transaction.
 */
export async function createInParallel(
  schema: Schema,
  source: ValueSource,
  first: LoadConnection,
  connection: ConnectionOptions,
  create: SchemaCreation,
  connections: number,
  options: DatabaseLoadOptions,
  missing: MissingRoles | undefined,
  replaces?: { release(): void },
): Promise<number> {
  const { client } = first;
  const before = await objectsBefore(client);
  await runInOrder(first, create.preData, missing);
  let created: CreatedObjects = { drops: [], tables: [] };
  // Said (and done) on a signal, in place of the caller's note: what was made since `before` (the post-data's
  // own objects too) listed and dropped through psql, the load's own backends ended first.
  const noted = noteTargetState(() =>
    dropCreatedSync(connection, before)
      ? 'the schema created before the rows (committed first so that -j connections could load it) was dropped again'
      : `the schema created before the rows (committed first so that -j connections could load it) is left, without all its rows: drop it with: ${dropScript(created).replace(/\n/g, ' ')}`,
  );
  replaces?.release();
  try {
    created = await createdSince(client, before);
    const units = (await parallelUnits(client, source, connections, options)) ?? oneUnit(source);
    const bytes = await loadInParallel(schema, source, first, connection, units, connections, options);
    await buildPostData(first, connection, create.postData, connections, missing, tableWeights(source));
    return bytes;
  } catch (error) {
    try {
      // Listed again: post-data objects of their own (a publication, an event trigger) made since the first
      // list; the first list where the catalog cannot be read now (a lost connection), if it has anything.
      const earlier = created;
      created = await createdSince(client, before).catch((listError: unknown) => {
        if (earlier.drops.length === 0) throw listError;
        return earlier;
      });
      await dropCreated(client, created);
    } catch (undoError) {
      throw undoFailed(error, undoError, created);
    }
    throw error;
  } finally {
    noted.release();
  }
}
