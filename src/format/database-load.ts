/**
 * Rows straight into a live PostgreSQL database over the COPY protocol, in
 * one transaction: either every table is filled, or (an error, Ctrl-C, a
 * violated constraint) the database is left exactly as it was.
 *
 * The tables must exist (the schema is the database's own, or the DDL files
 * describe it). Inside the transaction, without needing a superuser: the
 * foreign keys on the target tables are dropped and added back after the
 * data (so load order and FK cycles do not matter, and PostgreSQL re-checks
 * every reference), and sequences are set past the keys. User triggers fire
 * (parents loaded before children, sequences set ahead of the generated keys
 * first, a failure explained as the trigger's: load-triggers.ts), or with
 * --disable-triggers are off while loading (a partitioned table's
 * partitions' too), as pg_restore --disable-triggers.
 */

import type pg from 'pg';
import { loadTimePaths } from '../archive/load-time-triggers.js';
import type { Warning } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import type { ConnectionOptions } from '../input/connection.js';
import type { Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { noteTargetState } from '../sink/temporary-files.js';
import { dataLoadOrder } from './data-order.js';
import { dataTables, sequenceSetStatements, sequencesPastTables } from './data-statements.js';
import {
  absentTables,
  type MissingRoles,
  missingRolesWarning,
  runSchemaStatements,
  type SchemaCreation,
} from './database-create.js';
import { loadError, prepareFiringTriggers } from './firing-triggers.js';
import {
  addForeignKeys,
  dropForeignKeys,
  type ForeignKeyDefinition,
  firePendingTriggers,
  foreignKeysOf,
  type LoadConnection,
  openLoadConnection,
  refuseFilledTables,
  refuseMissingTables,
  unloggableTables,
} from './load-target.js';
import type { TriggerContext } from './load-triggers.js';
import { loadWay } from './load-way.js';
import { loadInOrder, orderedUnits } from './ordered-load.js';
import { createInParallel } from './parallel-create.js';
import { loadInParallel, parallelUnits } from './parallel-load.js';
import { withPrivilegeHint } from './privilege-hint.js';
import { refuseReadOnly } from './read-only-target.js';
import { copyTable } from './table-copy.js';
import { serialTableRows, type TableRows } from './table-rows.js';
import { refuseOtherColumns } from './target-columns.js';
import { tableMakingTriggers, tablesMadeWarning, tablesNow } from './trigger-made-tables.js';
import { switchUserTriggers, triggeredTables } from './trigger-switches.js';
import { truncateTables } from './truncate-tables.js';

export interface DatabaseLoadOptions {
  /** Empty the target tables first (TRUNCATE, in the same transaction). */
  readonly truncate?: boolean;
  /** Add to tables that already hold rows (the plan's keys avoid theirs: see readAppendPlan). */
  readonly append?: boolean;
  /**
   * User triggers off while loading (the tables' and their partitions'), as
   * pg_restore --disable-triggers; without it they fire (load-triggers.ts).
   */
  readonly disableTriggers?: boolean;
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
  /** How the load goes (one transaction, groups or table by table over -j connections), once it is chosen: `-v`. */
  readonly onLoadWay?: (line: string) => void;
  /** Where COPY rows come from (default: generated on this thread). */
  readonly tableRows?: TableRows;
  /**
   * The tables are UNLOGGED while their rows go in and made LOGGED again
   * before the foreign keys are added back (unloggableTables: tables a kept
   * foreign key or a publication holds stay as they are).
   */
  readonly unloggedDuringLoad?: boolean;
  /**
   * Creating the schema: an ownership or privilege statement naming a role
   * the database lacks is left out and told here (without it, refused).
   */
  readonly onWarning?: (warning: Warning) => void;
  /**
   * The schema's DDL: when the database has none of the tables, they are
   * created (around the data, in the same transaction) instead of refused.
   */
  readonly createWith?: SchemaCreation;
  /**
   * Up to this many connections (-j; default 1): tables that share nothing
   * load at once, each connection's transaction open until all are done
   * (parallel-load.ts).
   */
  readonly connections?: number;
}

/** What a load sets aside while the rows go in: foreign keys dropped, user triggers disabled, tables unlogged. */
interface SetAside {
  readonly fks: readonly ForeignKeyDefinition[];
  readonly triggered: readonly string[];
  /** What puts back the triggers that were not simply enabled (load-target.ts `switchUserTriggers`). */
  readonly triggerStates: readonly string[];
  readonly unlogged: readonly string[];
}

/** Drop the tables' foreign keys (re-added after the rows, so the server checks each), and as asked disable triggers and unlog. */
async function setAside(
  client: pg.Client,
  names: readonly string[],
  options: DatabaseLoadOptions,
  at: (step: string) => void,
): Promise<SetAside> {
  at('cannot set aside the foreign keys and triggers of');
  const fks = await foreignKeysOf(client, names);
  await dropForeignKeys(client, fks);
  const triggered = options.disableTriggers ? await triggeredTables(client, names) : [];
  const triggerStates = await switchUserTriggers(client, triggered, false);
  at('cannot make the tables unlogged in');
  const unlogged = options.unloggedDuringLoad ? await unloggableTables(client, names) : [];
  for (const t of unlogged) await client.query(`ALTER TABLE ${t} SET UNLOGGED`);
  return { fks, triggered, triggerStates, unlogged };
}

/** Undo setAside once the rows are in: logged again, the foreign keys added back (checked), triggers on. */
async function putBack(client: pg.Client, aside: SetAside, at: (step: string) => void): Promise<void> {
  at('cannot make the tables logged again in');
  if (aside.unlogged.length > 0) await firePendingTriggers(client);
  for (const t of aside.unlogged) await client.query(`ALTER TABLE ${t} SET LOGGED`);
  at('the foreign keys do not hold in');
  await addForeignKeys(client, aside.fks);
  at('cannot enable the triggers again in');
  await switchUserTriggers(client, aside.triggered, true, aside.triggerStates);
}

/** The one warning naming the roles the schema's statements needed and the database lacks, if any. */
function warnMissingRoles(missing: MissingRoles | undefined, options: DatabaseLoadOptions): void {
  const warning = missing === undefined ? null : missingRolesWarning(missing);
  if (warning !== null) options.onWarning?.(warning);
}

/** Where a load is, for its failure's message and undo: the step running, the triggers that fire, the sequences to put back. */
interface LoadProgress {
  step: string;
  firing?: TriggerContext | undefined;
  undo: string[];
}

/** Load every table of the plan into the database; returns the COPY bytes sent. */
export async function loadIntoDatabase(
  schema: Schema,
  source: ValueSource,
  connection: ConnectionOptions,
  options: DatabaseLoadOptions = {},
): Promise<number> {
  const loading = await openLoadConnection(connection);
  await refuseReadOnly(loading);
  const { client, where, reason } = loading;
  const progress: LoadProgress = { step: 'cannot load into', undo: [] };
  const tableRows = options.tableRows ?? serialTableRows(source);
  const missing: MissingRoles | undefined =
    options.onWarning === undefined ? undefined : { roles: new Map() };
  // A signal ends the process: the server rolls the open transaction back when the connection closes.
  const noted = noteTargetState(
    () =>
      `the load into ${where} is rolled back (its transaction ends with the connection): nothing was loaded${progress.undo.length > 0 ? ', but the sequences set ahead for its triggers stay ahead' : ''}`,
  );
  try {
    const tables = dataTables(source);
    const names = tables.map((t) => quoteQualified(t.table));
    progress.step = 'cannot find the tables in';
    const create = options.createWith;
    const creating = create !== undefined && (await absentTables(client, names)).length === names.length;
    if (!creating) await refuseMissingTables(client, where, names, create !== undefined && 'create');
    if (!creating && create !== undefined) await refuseOtherColumns(client, where, tables);
    const connections = options.connections ?? 1;
    const say = (line: string) => options.onLoadWay?.(`${where}: ${line}`);
    if (creating && connections > 1 && !options.unloggedDuringLoad) {
      say(loadWay('create', connections, options));
      progress.step = 'cannot create the schema and load it in';
      const opts = { ...options, tableRows };
      const bytes = await createInParallel(
        schema,
        source,
        loading,
        connection,
        create,
        connections,
        opts,
        missing,
        noted,
      );
      warnMissingRoles(missing, options);
      return bytes;
    }
    const ordered = creating ? null : await orderedUnits(client, source, connections, options);
    if (ordered !== null) {
      say(loadWay('ordered', connections, options));
      progress.step = 'cannot read';
      if (!options.append) await refuseFilledTables(client, where, names);
      const opts = { ...options, tableRows };
      return await loadInOrder(schema, source, loading, connection, ordered, connections, opts, noted);
    }
    const units = creating ? null : await parallelUnits(client, source, connections, options);
    if (units !== null) {
      say(loadWay('parts', connections, options, units.length));
      if (!options.truncate && !options.append) {
        progress.step = 'cannot read';
        await refuseFilledTables(client, where, names);
      }
      return await loadInParallel(schema, source, loading, connection, units, connections, {
        ...options,
        tableRows,
      });
    }
    say(loadWay('one', connections, options));
    const bytes = await loadInOneTransaction(
      schema,
      source,
      loading,
      creating ? create : undefined,
      { ...options, tableRows },
      missing,
      progress,
    );
    warnMissingRoles(missing, options);
    return bytes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    for (const sql of progress.undo) await client.query(sql).catch(() => undefined);
    throw await withPrivilegeHint(client, loadError(where, progress.step, reason(error), progress.firing));
  } finally {
    noted.release();
    await loading.release();
  }
}

/**
 * The load on one connection, in one transaction: the schema created first
 * when `creating`, the tables emptied (--truncate) or refused when they hold
 * rows (unless --append), foreign keys (and as asked triggers) set aside, the
 * rows, the sequences, everything put back, the post-data DDL, the commit.
 * `progress` tells the caller's undo where it stopped.
 */
async function loadInOneTransaction(
  schema: Schema,
  source: ValueSource,
  loading: LoadConnection,
  creating: SchemaCreation | undefined,
  options: DatabaseLoadOptions & { readonly tableRows: TableRows },
  missing: MissingRoles | undefined,
  progress: LoadProgress,
): Promise<number> {
  const { client, where } = loading;
  const tables = dataTables(source);
  const names = tables.map((t) => quoteQualified(t.table));
  let bytes = 0;
  await client.query('BEGIN');
  if (creating) {
    progress.step = 'cannot create the schema in';
    await runSchemaStatements(client, where, creating.preData, missing);
  }
  if (options.truncate) {
    progress.step = 'cannot empty the tables of';
    await truncateTables(client, names);
  } else if (!options.append) {
    progress.step = 'cannot read';
    await refuseFilledTables(client, where, names);
  }
  const aside = await setAside(client, names, options, (at) => {
    progress.step = at;
  });
  if (!options.disableTriggers) {
    ({ context: progress.firing, undo: progress.undo } = await prepareFiringTriggers(
      client,
      schema,
      source,
      'nothing was loaded',
      (at) => {
        progress.step = at;
      },
    ));
  }
  const firing = progress.firing;
  const fired = firing !== undefined && firing.triggers.length > 0;
  const making = firing === undefined ? [] : tableMakingTriggers(firing);
  const before = making.length > 0 ? await tablesNow(client) : null;
  // Rows a trigger may see load under their table's path, as a script's and an archive's (load-time-triggers.ts).
  const tablePaths = creating ? loadTimePaths(schema) : null;
  // Triggers that fire may read the rows' parents (a counter kept on them): parents first, as pg_restore's order.
  for (const table of fired ? dataLoadOrder(source.plan).tables : tables) {
    progress.step = `cannot copy rows into ${quoteQualified(table.table)} of`;
    firing?.loaded.push(table.table);
    const path = tablePaths?.get(nameKey(table.table));
    if (path !== undefined) await client.query(path);
    bytes += await copyTable(loading, table, options.tableRows, options);
  }
  const made = before === null ? null : tablesMadeWarning(making, before, await tablesNow(client));
  progress.step = 'cannot set the sequences of';
  // Past every key, the triggers' rows' too.
  const sequences =
    options.append || fired
      ? sequencesPastTables(schema, source.plan)
      : sequenceSetStatements(schema, source);
  for (const s of sequences) await client.query(s.sql);
  await putBack(client, aside, (at) => {
    progress.step = at;
  });
  if (creating) {
    progress.step = 'cannot build the keys, indexes and foreign keys in';
    await runSchemaStatements(client, where, creating.postData, missing);
  }
  progress.step = 'cannot commit to';
  await client.query('COMMIT');
  if (made !== null) options.onWarning?.(made);
  return bytes;
}
