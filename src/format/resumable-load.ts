/**
 * `--resume` for a direct load: a large load that can be interrupted (a
 * SIGKILL, a lost connection) and continued without duplicating a row.
 *
 * Instead of one transaction for everything, each load unit commits alone: a
 * table, or the tables of a foreign-key cycle together. Units go parents
 * first (format/data-order.ts); inside a unit's transaction its tables'
 * foreign keys are dropped and added back after the rows (PostgreSQL checks
 * every reference then, to the tables loaded before or in the unit), and
 * user triggers fire (format/load-triggers.ts) or, with --disable-triggers,
 * are off. All-or-nothing therefore holds per unit, not for
 * the whole load, and no foreign key is ever missing from a committed state.
 *
 * What is done lives in the database itself: units go in a fixed order, and
 * the record names the unit being loaded with its tables' rows before it, so
 * the units before it committed, and it did when one of its tables holds
 * more (rows that triggers of earlier units wrote into it are not its own). The small state record (a JSON file) only
 * says which run it is (seed, reference time, rows and keys of every table:
 * the continued rows must come from the same plan so their foreign keys meet
 * the rows already loaded) and that the tables were checked or emptied, so
 * a continued run neither refuses nor truncates them. It is removed when the
 * load completes.
 *
 * With `--append` the tables hold rows before the load, so the record also
 * keeps the append baseline: each table's row count when the load began (a
 * unit committed when its tables hold more) and the keys the plan was told
 * they held (the maximum of a counting-up key, the tuples of others), so the
 * continued run makes the same plan from them instead of reading keys that
 * now include its own committed rows. The record grows with the non-integer
 * keys held (their text up to `MAX_EXACT_HELD` per table, past it 8 bytes
 * of fingerprint each, in base64).
 */

import { rmSync } from 'node:fs';
import { counted, DatagenError, ErrorCodes } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import type { ConnectionOptions } from '../input/connection.js';
import { appendBaseline } from '../plan/append-plan.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import { quoteQualified } from '../schema/quote.js';
import { noteTargetState } from '../sink/temporary-files.js';
import { databaseError } from './connection-failure.js';
import { dataLoadOrder } from './data-order.js';
import type { DataTable } from './data-statements.js';
import { sequenceSetStatements, sequencesPastTables } from './data-statements.js';
import type { DatabaseLoadOptions } from './database-load.js';
import { loadError, prepareFiringTriggers } from './firing-triggers.js';
import { type LoadState, loadRunIdentity, planParents, readState, writeState } from './load-state.js';
import {
  addForeignKeys,
  dropForeignKeys,
  filledTables,
  foreignKeysOf,
  type LoadConnection,
  openLoadConnection,
  refuseFilledTables,
  refuseMissingTables,
} from './load-target.js';
import type { TriggerContext } from './load-triggers.js';
import { refuseReadOnly } from './read-only-target.js';
import { copyTable } from './table-copy.js';
import { serialTableRows } from './table-rows.js';
import { switchUserTriggers, triggeredTables } from './trigger-switches.js';

/** What a failed unit leaves (a trigger's failure says it instead of the general advice). */
const RESUMABLE_KEPT =
  'the failing table’s rows were rolled back, the tables loaded before it are kept (run the same command with --resume to continue)';

export interface ResumableLoadOptions extends DatabaseLoadOptions {
  /** The state record's path. */
  readonly statePath: string;
}

/** Units of work in load order: single tables, and each foreign-key cycle's tables together (after the last one's parents). */
export function loadUnits(plan: GenerationPlan): DataTable[][] {
  const order = dataLoadOrder(plan);
  const cycleOf = new Map(order.cycles.flatMap((cycle, c) => cycle.map((i) => [i, c] as const)));
  const seen = new Map<number, number>();
  const units: DataTable[][] = [];
  for (const table of order.tables) {
    const c = cycleOf.get(table.index);
    if (c === undefined) {
      units.push([table]);
      continue;
    }
    const members = order.cycles[c] ?? [];
    seen.set(c, (seen.get(c) ?? 0) + 1);
    // The cycle goes where its last table stands: every member's parents outside it are loaded by then.
    if (seen.get(c) === members.length) units.push(order.tables.filter((t) => cycleOf.get(t.index) === c));
  }
  return units;
}

/** Rows per table (quoted qualified names). */
async function rowCounts(
  client: LoadConnection['client'],
  names: readonly string[],
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const name of names) {
    rows[name] = Number((await client.query(`SELECT count(*) AS n FROM ${name}`)).rows[0]?.n ?? 0);
  }
  return rows;
}

/** Whether a unit committed: its tables hold rows (more than when an --append load began). */
async function committed(
  client: LoadConnection['client'],
  names: readonly string[],
  unit: number,
  state: LoadState,
): Promise<boolean> {
  if (state.loading !== undefined) {
    if (unit !== state.loading.unit) return unit < state.loading.unit;
    const now = await rowCounts(client, names);
    return names.some((name) => (now[name] ?? 0) > (state.loading?.rows[name] ?? 0));
  }
  const before = state.append?.rows;
  if (before === undefined) return (await filledTables(client, names)).length > 0;
  const now = await rowCounts(client, names);
  return names.some((name) => (now[name] ?? 0) > (before[name] ?? 0));
}

/**
 * One process at a time loads a run: two would both find a table empty and
 * both load it. A session advisory lock on the run's identity, which the
 * server drops with the session; a killed run's session may take a moment to
 * end, so the lock is tried for a few seconds.
 */
async function lockRun(client: LoadConnection['client'], run: string, where: string): Promise<void> {
  const key = BigInt.asIntN(64, BigInt(`0x${run.slice(0, 16)}`)).toString();
  for (let tries = 0; tries < 25; tries++) {
    const r = await client.query<{ ok: boolean }>(
      'SELECT pg_catalog.pg_try_advisory_lock($1::bigint) AS ok',
      [key],
    );
    if (r.rows[0]?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new DatagenError(
    ErrorCodes.DATABASE,
    `${where}: another datagen process is loading this run (its advisory lock is held): wait for it to end, or stop it, then run the same command with --resume`,
    {},
    { exitCode: 1 },
  );
}

/** Loads the plan unit by unit, continuing an interrupted run of the same command; returns the COPY bytes sent. */
export async function loadResumably(
  schema: Schema,
  source: ValueSource,
  connection: ConnectionOptions,
  options: ResumableLoadOptions,
): Promise<number> {
  const run = loadRunIdentity(source.plan);
  readState(options.statePath); // a file that is no load state: refused before connecting
  const loading = await openLoadConnection(connection);
  await refuseReadOnly(loading);
  const { client, where, reason } = loading;
  const previous = await claimRun(loading, run, options.statePath);
  const tableRows = options.tableRows ?? serialTableRows(source);
  let bytes = 0;
  let step = 'cannot load into';
  let firing: TriggerContext | undefined;
  let done = 0;
  let total = 0;
  // A signal ends the process: the unit being loaded is rolled back when the connection closes, those before stay.
  const noted = noteTargetState(
    () =>
      `the load into ${where} stopped with ${done} of ${counted(total, 'table')} committed (those being loaded when it stopped are rolled back): run the same command with --resume to continue`,
  );
  try {
    const units = loadUnits(source.plan);
    total = units.flat().length;
    const names = units.flat().map((t) => quoteQualified(t.table));
    step = 'cannot find the tables in';
    await refuseMissingTables(client, where, names, 'resume');
    const tables = await tableOids(client, names);
    if (previous?.tables !== undefined && previous.tables !== tables)
      throw new DatagenError(
        ErrorCodes.BAD_OPTION,
        `${options.statePath} records a load into ${where} whose tables (or database) were dropped and made again since: the rows it records as loaded are gone; remove the file and run without --resume`,
        { path: options.statePath },
      );
    let state = previous;
    const continued = previous !== undefined;
    if (state === undefined) {
      step = options.truncate ? 'cannot empty the tables of' : 'cannot read';
      state = await startState(loading, run, names, tables, source, options);
    }
    if (!options.disableTriggers) {
      // Its sequences stay set ahead after a failure: a continued run makes the same keys.
      firing = (
        await prepareFiringTriggers(client, schema, source, RESUMABLE_KEPT, (at) => {
          step = at;
        })
      ).context;
    }
    for (const [u, unit] of units.entries()) {
      const unitNames = unit.map((t) => quoteQualified(t.table));
      step = 'cannot read';
      // Committed by the interrupted run (units go in a fixed order; see LoadState.loading).
      if (continued && (await committed(client, unitNames, u, state))) {
        done += unit.length;
        continue;
      }
      state = { ...state, loading: { unit: u, rows: await rowCounts(client, unitNames) } };
      writeState(options.statePath, state);
      bytes += await loadUnit(
        loading,
        unit,
        unitNames,
        (s) => {
          step = s;
        },
        tableRows,
        options,
        firing,
      );
      done += unit.length;
    }
    step = 'cannot set the sequences of';
    const sequences =
      options.append || (firing?.triggers.length ?? 0) > 0
        ? sequencesPastTables(schema, source.plan)
        : sequenceSetStatements(schema, source);
    for (const s of sequences) await client.query(s.sql);
    rmSync(options.statePath, { force: true });
    return bytes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // datagen's own refusals say what to do already, and so does a trigger's failure.
    if (error instanceof DatagenError) throw error;
    throw resumableLoadError(loadError(where, step, reason(error), firing), error);
  } finally {
    noted.release();
    await loading.release();
  }
}

/**
 * The run's lock taken and its state record read under it (a run that held
 * the lock may have finished, and removed the record, meanwhile): a record
 * of another load is refused. The connection is ended on a refusal.
 */
async function claimRun(
  loading: LoadConnection,
  run: string,
  statePath: string,
): Promise<LoadState | undefined> {
  const { client, where, reason } = loading;
  try {
    await lockRun(client, run, where);
  } catch (error) {
    await loading.release();
    throw error instanceof DatagenError
      ? error
      : databaseError(where, 'cannot lock the load in', reason(error));
  }
  const previous = readState(statePath);
  if (previous !== undefined && (previous.run !== run || previous.database !== where)) {
    await loading.release();
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `${statePath} records another load (${previous.database === where ? 'other seed, rows, tables or reference time' : `into ${previous.database}`}): continue it with the same command and --resume, or remove the file to start again`,
      { path: statePath },
    );
  }
  return previous;
}

/** The oids of the tables `names` (quoted qualified), in order: which tables these are, not only what they are called. */
async function tableOids(client: LoadConnection['client'], names: readonly string[]): Promise<string> {
  const r = await client.query<{ oids: string | null }>(
    "SELECT string_agg(n::regclass::oid::text, ',' ORDER BY i) AS oids FROM unnest($1::text[]) WITH ORDINALITY AS u (n, i)",
    [names],
  );
  return r.rows[0]?.oids ?? '';
}

/** A first run's state record, written: the tables emptied (--truncate) or refused when filled, and with --append the baseline. */
async function startState(
  loading: LoadConnection,
  run: string,
  names: readonly string[],
  tables: string,
  source: ValueSource,
  options: ResumableLoadOptions,
): Promise<LoadState> {
  const { client, where } = loading;
  if (options.truncate && names.length > 0) await client.query(`TRUNCATE ${names.join(', ')}`);
  else if (!options.append) await refuseFilledTables(client, where, names);
  const append = options.append
    ? {
        append: {
          rows: await rowCounts(client, names),
          held: appendBaseline(source.plan),
          parents: planParents(source.plan),
        },
      }
    : {};
  const state: LoadState = { datagenLoadState: 1, run, database: where, tables, ...append };
  writeState(options.statePath, state);
  return state;
}

/** A failed unit's error, saying that the units committed before are kept and how to continue. */
function resumableLoadError(failed: DatagenError, cause: unknown): DatagenError {
  if (failed.message.includes(RESUMABLE_KEPT)) return failed;
  return new DatagenError(
    failed.code,
    `${failed.message}; the tables loaded before are kept: run the same command with --resume to continue`,
    failed.data,
    { cause, exitCode: failed.exitCode },
  );
}

/** One unit in one transaction: its own foreign keys and user triggers set aside inside it. */
async function loadUnit(
  connection: LoadConnection,
  unit: readonly DataTable[],
  names: readonly string[],
  setStep: (step: string) => void,
  tableRows: NonNullable<DatabaseLoadOptions['tableRows']>,
  options: DatabaseLoadOptions,
  firing: TriggerContext | undefined,
): Promise<number> {
  const { client } = connection;
  let bytes = 0;
  await client.query('BEGIN');
  setStep('cannot set aside the foreign keys and triggers of');
  // Its tables' foreign keys are checked once, when added back, not row by row (the tables they reference
  // are loaded already or are in the unit; the tables referencing it are empty).
  const fks = await foreignKeysOf(client, names, 'on');
  await dropForeignKeys(client, fks);
  const triggered = options.disableTriggers ? await triggeredTables(client, names) : [];
  const states = await switchUserTriggers(client, triggered, false);
  for (const table of unit) {
    setStep(`cannot copy rows into ${quoteQualified(table.table)} of`);
    firing?.loaded.push(table.table);
    bytes += await copyTable(connection, table, tableRows, options);
  }
  setStep('the foreign keys do not hold in');
  await addForeignKeys(client, fks);
  setStep('cannot enable the triggers again in');
  await switchUserTriggers(client, triggered, true, states);
  setStep('cannot commit to');
  await client.query('COMMIT');
  return bytes;
}
