/**
 * A load's failures as one line each: the server's or the system's reason
 * with what to do about it (libpq's wording where it has one), and a missing
 * database's nearest names on its server.
 */
import type pg from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';
import { type ConnectionOptions, connectClient, resolveConnection } from '../input/connection.js';
import { editDistance } from '../plan/row-counts.js';

interface Failure {
  readonly message?: string;
  readonly code?: string;
  readonly hostname?: string;
  /** The socket file a local connection tried (a system error's). */
  readonly address?: string;
  /** A missing database's nearest names on its server (nearestDatabases). */
  readonly nearest?: readonly string[];
}

/** What to do about a privilege the load lacks on its tables (privilege-hint.ts names other objects). */
export const NO_PRIVILEGE_REMEDY =
  "connect as the tables' owner, or grant this user USAGE on their schemas and SELECT, INSERT (and TRUNCATE with --truncate) on them";

/**
 * A statement a time limit cut (57014 `canceling statement due to statement timeout`, 55P03 `... lock timeout`):
 * a load turns off the role's and database's limits, never one PGOPTIONS asks for, so that is the one to lift.
 * Another cancel (57014 `... due to user request`) is an administrator's.
 */
export function timeLimitRemedy(e: { message?: string }): string {
  return /timeout/i.test(e.message ?? '')
    ? "a time limit PGOPTIONS sets cut it (a load turns off the role's and database's, not the one PGOPTIONS asks for): leave statement_timeout and lock_timeout out of PGOPTIONS, or set them to 0, and run again"
    : 'someone cancelled it (pg_cancel_backend); run again';
}

/** pg's words when sslmode require (or verify-*) meets a server without SSL (libpq's own: "server does not support SSL"). */
const NO_SSL = /does not support SSL/i;

/** pg's words when the server answers the connection's first message (the SSL request, the startup) as no PostgreSQL server does. */
const NOT_POSTGRES =
  /^(There was an error establishing an SSL connection|Connection terminated unexpectedly)$/;

/**
 * Failures a SQLSTATE alone does not tell apart, by the server's words: a table with FORCE ROW LEVEL SECURITY
 * (0A000: its owner's COPY is refused; its rows need not meet the policies any more than a restore's), and
 * ALTER TABLE on a table of another owner (42501: setting the foreign keys and triggers aside needs the owner,
 * which grants on the tables do not give).
 */
const BY_MESSAGE: readonly (readonly [RegExp, string])[] = [
  [/^COPY FROM not supported with row-level security/, 'RLS_COPY'],
  [/^must be owner of /, 'NOT_OWNER'],
];

/** What to do about the common failures, by SQLSTATE or system error code (libpq's wording where it has one). */
const REMEDIES: Record<string, (e: Failure) => string> = {
  ENOTFOUND: (e) =>
    `could not translate host name "${e.hostname ?? ''}" to address: check -h/--host (PGHOST)`,
  EAI_AGAIN: (e) =>
    `could not translate host name "${e.hostname ?? ''}" to address: check -h/--host (PGHOST)`,
  ECONNREFUSED: () =>
    'connection refused: is the server running on that host and accepting TCP/IP connections? Check -h and -p',
  ENOENT: (e) =>
    `no server socket ${e.address === undefined ? 'there' : `"${e.address}"`}: is the server running locally? Check -h (the socket directory) and -p`,
  ETIMEDOUT: () => 'the connection timed out: check -h, -p and any firewall between',
  ECONNRESET: () => 'the connection was lost (reset by the server or the network); nothing was kept',
  EPIPE: () => 'the connection was lost (closed by the server or the network); nothing was kept',
  '57P01': (e) => `${e.message} (the connection was terminated by the server); nothing was kept`,
  '28P01': (e) => `${e.message}: check the password (PGPASSWORD, ~/.pgpass, or -W to be asked)`,
  '3D000': (e) =>
    `${e.message}${e.nearest?.length ? ` (the nearest there: ${e.nearest.map((n) => `"${n}"`).join(', ')})` : ''}: create it first (createdb), or check -d/--dbname`,
  NO_SSL: () =>
    'the server does not support SSL, but SSL was required (sslmode require, verify-ca or verify-full): turn ssl on in the server, or connect with sslmode=prefer or disable (PGSSLMODE, or ?sslmode= in -d)',
  NOT_POSTGRES: () =>
    'what answers there is not a PostgreSQL server, or it closed the connection before it was made (another service on that port, a proxy?): check -h and -p',
  '42501': (e) => `${e.message}: ${NO_PRIVILEGE_REMEDY}`,
  '57014': (e) => `${e.message}: ${timeLimitRemedy(e)}`,
  '55P03': (e) => `${e.message}: ${timeLimitRemedy(e)}`,
  RLS_COPY: () =>
    "the table has FORCE ROW LEVEL SECURITY, and COPY cannot load it as its owner: connect as a superuser or a role with BYPASSRLS (as pg_restore's loads run), or ALTER TABLE ... NO FORCE ROW LEVEL SECURITY for the load",
  NOT_OWNER: (e) =>
    `${e.message}: the load sets the tables' foreign keys and triggers aside while rows go in, which needs their owner (grants on the tables do not give it): connect as the owner, a role it is granted to (GRANT owner TO this user), or a superuser`,
};

export function databaseError(where: string, doing: string, error: unknown): DatagenError {
  if (error instanceof DatagenError) return error;
  const e = error as Failure & { detail?: string; hint?: string };
  const byMessage = BY_MESSAGE.find(([words]) => words.test(e.message ?? ''))?.[1];
  // The server's hint for RLS_COPY is to use INSERT, which a load does not choose.
  const hint = byMessage === 'RLS_COPY' ? undefined : e.hint;
  const detail = [e.detail, hint].filter((x) => x !== undefined && x !== '').join(' ');
  const key = byMessage ?? e.code ?? (NO_SSL.test(e.message ?? '') ? 'NO_SSL' : undefined);
  const remedy = key === undefined ? undefined : REMEDIES[key];
  const text = remedy ? remedy(e) : (e.message ?? String(error));
  return new DatagenError(
    ErrorCodes.DATABASE,
    `${doing} ${where}: ${text}${detail ? ` (${detail})` : ''}`,
    { sqlstate: e.code },
    { cause: error, exitCode: 1 },
  );
}

/** A failed connection as one line: a missing database (3D000) with the nearest names its server has. */
export async function connectionError(
  connection: ConnectionOptions,
  where: string,
  error: unknown,
): Promise<DatagenError> {
  const missing = (error as Failure).code === '3D000';
  // pg's words when what answers is no PostgreSQL server (a web server on that port; the SSL request answered with "HTTP/1.1 400").
  if (NOT_POSTGRES.test((error as Failure).message ?? ''))
    return databaseError(
      where,
      'cannot connect to',
      Object.assign(error as object, { code: 'NOT_POSTGRES' }),
    );
  const nearest = missing ? await nearestDatabases(connection) : [];
  return databaseError(where, 'cannot connect to', Object.assign(error as object, { nearest }));
}

/**
 * The databases on the server whose names are nearest to the one that is
 * missing (a typo: shop_tset for shop_test), read over a connection to the
 * `postgres` database (else template1) with the same settings; none when
 * neither lets this user in.
 */
async function nearestDatabases(connection: ConnectionOptions): Promise<string[]> {
  const { askPassword: _never, ...quiet } = connection;
  const missing = resolveConnection(connection).database;
  for (const database of ['postgres', 'template1']) {
    let client: pg.Client | undefined;
    try {
      client = await connectClient(quiet, process.env, database);
      const { rows } = await client.query<{ name: string }>(
        'SELECT datname AS name FROM pg_catalog.pg_database WHERE datallowconn AND NOT datistemplate',
      );
      const near = (name: string) => editDistance(missing.toLowerCase(), name.toLowerCase());
      const limit = Math.max(2, Math.floor(missing.length / 3));
      return rows
        .map((r) => r.name)
        .filter((name) => near(name) <= limit)
        .sort((a, b) => near(a) - near(b) || (a < b ? -1 : 1))
        .slice(0, 3);
    } catch {
      // Not let in there either: no names to offer.
    } finally {
      await client?.end().catch(() => undefined);
    }
  }
  return [];
}
