/**
 * Rows straight into a live PostgreSQL database over the COPY protocol, in
 * one transaction: either every table is filled, or (an error, Ctrl-C, a
 * violated constraint) the database is left exactly as it was.
 *
 * The tables must exist (the schema is the database's own, or the DDL files
 * describe it). Inside the transaction, as pg_restore --disable-triggers
 * would but without needing a superuser: the foreign keys on the target
 * tables are dropped and added back after the data (so load order and FK
 * cycles do not matter, and PostgreSQL re-checks every reference), user
 * triggers are disabled while loading, and sequences are set past the keys.
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatementFor } from '../archive/build-archive-entries.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import { type ConnectionOptions, connectClient, describeConnection } from '../input/connection.js';
import type { Schema } from '../schema/model.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';
import { dataTables, sequenceSetStatements } from './data-statements.js';
import { serialTableRows, type TableRows } from './table-rows.js';

export interface DatabaseLoadOptions {
  /** Empty the target tables first (TRUNCATE, in the same transaction). */
  readonly truncate?: boolean;
  readonly onRows?: (tableIndex: number, rows: number) => void;
  /** Where COPY rows come from (default: generated on this thread). */
  readonly tableRows?: TableRows;
}

interface ForeignKeyDefinition {
  readonly table: string;
  readonly name: string;
  readonly definition: string;
}

/** What to do about the common failures, by SQLSTATE or system error code (libpq's wording where it has one). */
const REMEDIES: Record<string, (e: { message?: string; hostname?: string }) => string> = {
  ENOTFOUND: (e) =>
    `could not translate host name "${e.hostname ?? ''}" to address: check -h/--host (PGHOST)`,
  EAI_AGAIN: (e) =>
    `could not translate host name "${e.hostname ?? ''}" to address: check -h/--host (PGHOST)`,
  ECONNREFUSED: () =>
    'connection refused: is the server running on that host and accepting TCP/IP connections? Check -h and -p',
  ENOENT: () =>
    'no server socket there: is the server running locally? Check -h (the socket directory) and -p',
  ETIMEDOUT: () => 'the connection timed out: check -h, -p and any firewall between',
  ECONNRESET: () => 'the connection was lost (reset by the server or the network); nothing was kept',
  '57P01': (e) => `${e.message} (the connection was terminated by the server); nothing was kept`,
  '28P01': (e) => `${e.message}: check the password (PGPASSWORD, ~/.pgpass, or -W to be asked)`,
  '3D000': (e) => `${e.message}: create it first (createdb), or check -d/--dbname`,
  '42501': (e) =>
    `${e.message}: connect as the tables' owner, or grant this user USAGE on their schemas and SELECT, INSERT (and TRUNCATE with --truncate) on them`,
};

function databaseError(where: string, doing: string, error: unknown): DatagenError {
  if (error instanceof DatagenError) return error;
  const e = error as { message?: string; code?: string; detail?: string; hint?: string; hostname?: string };
  const detail = [e.detail, e.hint].filter((x) => x !== undefined && x !== '').join(' ');
  const remedy = e.code === undefined ? undefined : REMEDIES[e.code];
  const text = remedy ? remedy(e) : (e.message ?? String(error));
  return new DatagenError(
    ErrorCodes.DATABASE,
    `${doing} ${where}: ${text}${detail ? ` (${detail})` : ''}`,
    { sqlstate: e.code },
    { cause: error, exitCode: 1 },
  );
}

/** Load every table of the plan into the database; returns the COPY bytes sent. */
export async function loadIntoDatabase(
  schema: Schema,
  source: ValueSource,
  connection: ConnectionOptions,
  options: DatabaseLoadOptions = {},
): Promise<number> {
  const where = describeConnection(connection);
  let client: pg.Client;
  try {
    client = await connectClient(connection);
  } catch (error) {
    throw databaseError(where, 'cannot connect to', error);
  }
  // A connection lost mid-load is reported by the statement that was running; without a listener the client's
  // 'error' event would end the process with a stack trace.
  let lost: unknown;
  client.on('error', (error) => {
    lost ??= error;
  });
  let bytes = 0;
  let step = 'cannot load into';
  const tableRows = options.tableRows ?? serialTableRows(source);
  try {
    const tables = dataTables(source);
    const names = tables.map((t) => quoteQualified(t.table));
    step = 'cannot find the tables in';
    const missing: string[] = [];
    // One query at a time: a pg client runs them in turn anyway.
    for (const name of names) {
      if (!(await client.query('SELECT to_regclass($1) AS r', [name])).rows[0]?.r) missing.push(name);
    }
    if (missing.length > 0) {
      throw new DatagenError(
        ErrorCodes.DATABASE,
        `${where} has no table ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}: create the schema there first (e.g. psql -f schema.sql), or leave out --dbname to write a script that creates it`,
        { missing },
        { exitCode: 1 },
      );
    }
    await client.query('BEGIN');
    if (options.truncate) {
      step = 'cannot empty the tables of';
      if (names.length > 0) await client.query(`TRUNCATE ${names.join(', ')}`);
    } else {
      step = 'cannot read';
      const filled: string[] = [];
      for (const name of names) {
        if ((await client.query(`SELECT EXISTS (SELECT FROM ${name}) AS e`)).rows[0]?.e) filled.push(name);
      }
      if (filled.length > 0) {
        throw new DatagenError(
          ErrorCodes.DATABASE,
          `${where}: ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ` (and ${filled.length - 5} more)` : ''} already hold rows; generated keys would collide with them. Add --truncate to empty the tables first (in the same transaction), or load into an empty database`,
          { filled },
          { exitCode: 1 },
        );
      }
    }
    step = 'cannot set aside the foreign keys and triggers of';
    const fks = (
      await client.query<ForeignKeyDefinition>(
        `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
           FROM pg_constraint c
          WHERE c.contype = 'f' AND (c.conrelid = ANY ($1::regclass[]) OR c.confrelid = ANY ($1::regclass[]))
            AND c.conparentid = 0`,
        [names],
      )
    ).rows;
    for (const fk of fks)
      await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
    const triggered = (
      await client.query<{ table: string }>(
        `SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger
          WHERE NOT tgisinternal AND tgrelid = ANY ($1::regclass[])`,
        [names],
      )
    ).rows;
    for (const t of triggered) await client.query(`ALTER TABLE ${t.table} DISABLE TRIGGER USER`);

    for (const { index, table, columns } of tables) {
      step = `cannot copy rows into ${quoteQualified(table)} of`;
      const stream = client.query(copyFrom(copyStatementFor(table, columns).replace(/;\n$/, '')));
      const onRows = options.onRows ? (n: number) => options.onRows?.(index, n) : undefined;
      async function* counted() {
        for await (const chunk of tableRows({
          tableIndex: index,
          ...(onRows === undefined ? {} : { onRows }),
        })) {
          bytes += chunk.byteLength;
          yield chunk;
        }
      }
      await pipeline(Readable.from(counted()), stream);
    }
    step = 'cannot set the sequences of';
    for (const s of sequenceSetStatements(schema, source.plan)) await client.query(s.sql);
    step = 'the foreign keys do not hold in';
    for (const fk of fks) {
      await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`);
    }
    step = 'cannot enable the triggers again in';
    for (const t of triggered) await client.query(`ALTER TABLE ${t.table} ENABLE TRIGGER USER`);
    step = 'cannot commit to';
    await client.query('COMMIT');
    return bytes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // The server's own reason (57P01 terminated) is more useful than the client's "Connection terminated".
    throw databaseError(
      where,
      step,
      (lost as { code?: string } | undefined)?.code === '57P01' ? lost : error,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
