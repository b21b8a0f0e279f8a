/**
 * A load's connection to its target (the run's one session, or one of its
 * own), and what a load asks of and does to the target's tables: missing or
 * filled ones refused, foreign keys set aside, tables unlogged (user
 * triggers: trigger-switches.ts).
 */
import type pg from 'pg';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { type ConnectionOptions, connectClient, describeConnection } from '../input/connection.js';
import { type AppendBaseline, heldFromBaseline, planAppend } from '../plan/append-plan.js';
import type { ExistingParents, GenerationPlan } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import { quoteIdent } from '../schema/quote.js';
import { connectionError, databaseError } from './connection-failure.js';
import { absentTables } from './database-create.js';
import { readExistingParents, readHeldKeys } from './existing-keys.js';

export interface ForeignKeyDefinition {
  readonly table: string;
  readonly name: string;
  readonly definition: string;
}

/**
 * --append: the plan with its keys told what the target tables hold (read
 * over the run's connection before any row is made), or what they held
 * when an interrupted `--append --resume` began (`baseline`, from its state
 * record: no connection then).
 */
export async function readAppendPlan(
  plan: GenerationPlan,
  connection: ConnectionOptions,
  baseline?: AppendBaseline,
): Promise<GenerationPlan> {
  if (baseline !== undefined) return planAppend(plan, heldFromBaseline(plan, baseline));
  const { client, where, release } = await openLoadConnection(connection);
  try {
    return planAppend(plan, await readHeldKeys(client, plan));
  } catch (error) {
    throw databaseError(where, 'cannot read the keys already in', error);
  } finally {
    await release();
  }
}

/**
 * --append: the parent rows the target holds that new rows' foreign keys may
 * point at (see plan/existing-parents.ts), over the run's connection.
 */
export async function readTargetParents(
  schema: Schema,
  selected: ReadonlySet<string> | null,
  connection: ConnectionOptions,
): Promise<{ parents: Map<string, ExistingParents>; warnings: Warning[] }> {
  const { client, where, release } = await openLoadConnection(connection);
  try {
    return await readExistingParents(client, schema, selected);
  } catch (error) {
    throw databaseError(where, 'cannot read the parent keys already in', error);
  } finally {
    await release();
  }
}

/** A connection for loading: connected (or a clear error), its failures caught, the server's reason kept. */
export interface LoadConnection {
  readonly client: pg.Client;
  readonly where: string;
  /** The error to report: the server's own reason (57P01 terminated) beats the client's "Connection terminated". */
  reason(error: unknown): unknown;
  /**
   * `work`, or the connection's loss if that comes first (its error, or its
   * end). A connection the server ends (pg_terminate_backend) just as a COPY
   * starts can leave the COPY stream with neither an error nor an end:
   * nothing would be left to wait on, and the run would stop with its rows
   * neither loaded nor refused.
   */
  untilLost<T>(work: Promise<T>): Promise<T>;
  /** Done with it: ended, unless it is the run's session (holdTargetSession), which its holder ends. */
  release(): Promise<void>;
}

/** The time limits a loading session turns off (servers from 9.6 have them all). */
const SESSION_TIMEOUTS = ['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'];

/** maintenance_work_mem for a loading session (at least). */
export const LOAD_MAINTENANCE_WORK_MEM = '256MB';

/** The run's session per connection options: opened on first use, shared by every reader and the load. */
const sessions = new WeakMap<ConnectionOptions, { opening?: Promise<LoadConnection> | undefined }>();

/**
 * A run's one connection to its target: while held, every openLoadConnection
 * with these options (the existing-tables look, --append's parents and held
 * keys, the load itself) gets the same session, opened on first use, instead
 * of a connection each. Returns the release that ends it (a nested hold of
 * the same options, a --size sample run's, releases nothing).
 */
export function holdTargetSession(connection: ConnectionOptions): () => Promise<void> {
  if (sessions.has(connection)) return async () => undefined;
  const held: { opening?: Promise<LoadConnection> | undefined } = {};
  sessions.set(connection, held);
  return async () => {
    sessions.delete(connection);
    const opened = await held.opening?.catch(() => undefined);
    await opened?.client.end().catch(() => undefined);
  };
}

/** A loading connection: the run's session while one is held (holdTargetSession), else one of its own. */
export async function openLoadConnection(connection: ConnectionOptions): Promise<LoadConnection> {
  const held = sessions.get(connection);
  if (held === undefined) return connectForLoad(connection);
  held.opening ??= connectForLoad(connection);
  try {
    return { ...(await held.opening), release: async () => undefined };
  } catch (error) {
    // A connection that failed is no session: the next use tries again, and tells its own failure.
    held.opening = undefined;
    throw error;
  }
}

/** A loading connection of its own (never the run's session): a parallel load's further connections. */
export async function connectForLoad(connection: ConnectionOptions): Promise<LoadConnection> {
  const where = describeConnection(connection);
  let client: pg.Client | undefined;
  try {
    client = await connectClient(connection);
    // No time limit the role or database sets cuts the load (a long COPY, a wait for a lock, the transaction idle
    // while rows are made): off as pg_restore sets them, in one message (SET statements, not startup options,
    // which PgBouncer refuses); one PGOPTIONS sets stays as set.
    const off = SESSION_TIMEOUTS.filter(
      (name) => !new RegExp(`\\b${name}\\s*=`).test(process.env.PGOPTIONS ?? ''),
    );
    if (off.length > 0) await underRoleTimeout(client, off.map((name) => `SET ${name} = 0;`).join(' '));
    // A bulk session, as pg_restore's users set it: the commit does not wait for the WAL flush (a crash right
    // after it may lose the load, never leave half of it: the transaction is atomic either way).
    await client.query('SET synchronous_commit = off');
    // Index builds and the foreign keys' validation after the data, as pg_restore's docs advise: more memory
    // than the 64MB default (raised only; a server set higher keeps its value).
    await client.query(
      `SELECT set_config('maintenance_work_mem', '${LOAD_MAINTENANCE_WORK_MEM}', false)
       WHERE pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes('${LOAD_MAINTENANCE_WORK_MEM}')`,
    );
  } catch (error) {
    // Connected, then a setting refused (PGOPTIONS' statement_timeout=1 cancels it): the open socket kept the
    // process alive after its error was told, a hang with nothing running.
    await client?.end().catch(() => undefined);
    throw await connectionError(connection, where, error);
  }
  const connected = client;
  const release = () => connected.end().catch(() => undefined);
  return { client: connected, where, ...connectionLoss(connected), release };
}

/**
 * Run `sql` (the SETs that lift the role's time limits) under those limits:
 * a role's `statement_timeout` of a few milliseconds can cancel the SET
 * itself on a new backend of a loaded server (its catalog caches still cold),
 * so a cancel (57014) is tried again, the caches then warm; the SETs of a
 * cancelled message are rolled back together, so trying again is safe.
 */
async function underRoleTimeout(client: pg.Client, sql: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '57014' || attempt === 5) throw error;
    }
  }
}

/**
 * The one watch on a loading connection's loss: its first error kept (a
 * connection lost mid-load is reported by the statement that was running;
 * without a listener the client's 'error' event would end the process with
 * a stack trace), and work raced against an error or end that comes while
 * it runs.
 */
function connectionLoss(client: pg.Client): Pick<LoadConnection, 'reason' | 'untilLost'> {
  let lost: unknown;
  const waiting = new Set<(error: unknown) => void>();
  client.on('error', (error) => {
    lost ??= error;
    for (const fail of [...waiting]) fail(error);
  });
  client.on('end', () => {
    for (const fail of [...waiting]) fail(new Error('the connection was closed during COPY'));
  });
  return {
    reason: (error) => ((lost as { code?: string } | undefined)?.code === '57P01' ? lost : error),
    async untilLost(work) {
      let fail = (_error: unknown): void => undefined;
      const loss = new Promise<never>((_, reject) => {
        fail = reject;
        waiting.add(fail);
      });
      try {
        return await Promise.race([work, loss]);
      } catch (error) {
        if (!LOST.test(`${(error as { code?: string }).code} ${(error as Error).message}`)) throw error;
        // The socket's reset (or a write's EPIPE) can be read just before the server's own reason (57P01,
        // "terminating connection due to administrator command"), which the COPY then gets: a short wait for it.
        const later = await Promise.race([
          work.then(
            () => undefined,
            (e: unknown) => e,
          ),
          new Promise((resolve) => setTimeout(resolve, LOSS_GRACE_MS)),
        ]);
        throw [later, lost].find((e) => (e as { code?: string } | undefined)?.code === '57P01') ?? error;
      } finally {
        waiting.delete(fail);
      }
    },
  };
}

/** A connection lost under a statement, as the socket or pg tells it (not the server's reason). */
const LOST = /^(ECONNRESET|EPIPE) |Connection terminated|the connection was closed during COPY/;

/** How long a lost connection's statement waits for the server's reason to follow. */
const LOSS_GRACE_MS = 250;

/** Refuses tables the database does not have (one query at a time: a pg client runs them in turn anyway). */
export async function refuseMissingTables(
  client: pg.Client,
  where: string,
  names: readonly string[],
  fromDdl: false | 'create' | 'resume' = false,
): Promise<void> {
  const missing = await absentTables(client, names);
  if (missing.length > 0) {
    // With DDL files the schema is created when none of its tables is there; some of them is a mix to refuse.
    // --resume commits table by table into tables that are there: it creates none (its created schema would be
    // committed before the rows, triggers and keys in place, not as pg_restore makes it).
    const remedy =
      fromDdl === 'resume'
        ? `--resume loads table by table into tables the database has and does not create them: create the schema first (psql -d DB -f schema.sql), then run this command again, or leave out --resume to create the schema and load it in one transaction`
        : fromDdl === 'create'
          ? `it has ${names.length - missing.length} of the schema's tables but not these: load into a database that has all of them, or into an empty one (datagen then creates the schema)`
          : 'create the schema there first (e.g. psql -f schema.sql, or give the DDL files: datagen creates the schema in a database that has none of its tables), or leave out --dbname to write a script that creates it';
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `${where} has no table ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}: ${remedy}`,
      { missing },
      { exitCode: 1 },
    );
  }
}

/** The tables (of `names`) that hold rows. */
export async function filledTables(client: pg.Client, names: readonly string[]): Promise<string[]> {
  const filled: string[] = [];
  for (const name of names) {
    if ((await client.query(`SELECT EXISTS (SELECT FROM ${name}) AS e`)).rows[0]?.e) filled.push(name);
  }
  return filled;
}

/** Refuses tables that hold rows, naming the options that would take them. */
export async function refuseFilledTables(
  client: pg.Client,
  where: string,
  names: readonly string[],
): Promise<void> {
  const filled = await filledTables(client, names);
  if (filled.length > 0) {
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `${where}: ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ` (and ${filled.length - 5} more)` : ''} already hold rows; generated keys would collide with them. Add --append to add rows past theirs, --truncate to empty the tables first (in the same transaction), or load into an empty database`,
      { filled },
      { exitCode: 1 },
    );
  }
}

/** The foreign keys on (or on and into) these tables (as `regclass` texts), with their definitions to add them back. */
export async function foreignKeysOf(
  client: pg.Client,
  names: readonly string[],
  which: 'on or into' | 'on' = 'on or into',
): Promise<ForeignKeyDefinition[]> {
  const touches =
    which === 'on'
      ? 'c.conrelid = ANY ($1::regclass[])'
      : '(c.conrelid = ANY ($1::regclass[]) OR c.confrelid = ANY ($1::regclass[]))';
  return (
    await client.query<ForeignKeyDefinition>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.contype = 'f' AND ${touches} AND c.conparentid = 0`,
      [names],
    )
  ).rows;
}

/** Drop the foreign keys while rows go in; `addForeignKeys` puts them back, so the server checks every reference once. */
export async function dropForeignKeys(
  client: pg.Client,
  fks: readonly ForeignKeyDefinition[],
): Promise<void> {
  for (const fk of fks) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
}

/**
 * The foreign keys `dropForeignKeys` dropped, added back with their definitions (validated over every row).
 * The deferred triggers the rows fired (a DEFERRABLE key to a parent outside the load, a `CONSTRAINT TRIGGER
 * ... INITIALLY DEFERRED` as OpenSlides' on every table) run first, as they would at commit: PostgreSQL
 * refuses an ALTER TABLE of a table with trigger events pending.
 */
export async function addForeignKeys(client: pg.Client, fks: readonly ForeignKeyDefinition[]): Promise<void> {
  if (fks.length > 0) await firePendingTriggers(client);
  for (const fk of fks)
    await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`);
}

/** The transaction's deferred trigger events fired now (SET CONSTRAINTS ALL IMMEDIATE), so an ALTER TABLE may follow. */
export async function firePendingTriggers(client: pg.Client): Promise<void> {
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
}

/**
 * --unlogged-during-load: the target tables (and their partitions) that can
 * be made UNLOGGED while their rows go in: permanent plain tables that no
 * foreign key still joins to another table (the load's own are dropped by
 * then: a logged table may not reference an unlogged one) and that are in no
 * publication (PostgreSQL refuses both). In a stable order.
 */
export async function unloggableTables(client: pg.Client, names: readonly string[]): Promise<string[]> {
  const rows = (
    await client.query<{ table: string }>(
      `SELECT c.oid::regclass::text AS table
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relpersistence = 'p'
          AND (c.oid = ANY ($1::regclass[])
            OR c.oid IN (SELECT p.relid FROM unnest($1::regclass[]) AS t(name), pg_partition_tree(t.name) AS p))
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                           WHERE k.contype = 'f' AND k.conrelid <> k.confrelid
                             AND (k.conrelid = c.oid OR k.confrelid = c.oid))
          AND NOT EXISTS (SELECT 1 FROM pg_publication_tables p
                           WHERE p.schemaname = n.nspname AND p.tablename = c.relname)
        ORDER BY 1`,
      [names],
    )
  ).rows;
  return rows.map((r) => r.table);
}

/** One table's rows over COPY; returns the bytes sent. */
