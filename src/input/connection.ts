/**
 * A PostgreSQL connection as pg_dump and psql take it: `-d` (a database
 * name, a `postgresql://` URI or a `key=value` conninfo string), `-h`, `-p`,
 * `-U`, and the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE, PGSSLMODE, PGPASSFILE/~/.pgpass) for what they leave out.
 * The same options go to the `pg` client (loading) and to pg_dump (reading
 * a live schema), so both reach the same database.
 */
import type { ClientConfig } from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';

export interface ConnectionOptions {
  /** A database name, a `postgresql://` URI, or a `key=value …` conninfo string. */
  readonly dbname?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
}

const URI = /^postgres(ql)?:\/\//i;

/** `host=/tmp port=5433 dbname='my db'` → its pairs (libpq's conninfo syntax: single quotes, backslash escapes). */
export function parseConninfo(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const re = /\s*([A-Za-z_]+)\s*=\s*('((?:[^'\\]|\\.)*)'|(?:[^\s\\]|\\.)+)/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) {
      throw new DatagenError(
        ErrorCodes.BAD_OPTION,
        `invalid connection string "${text}" at character ${at + 1}: expected key=value (e.g. "host=localhost dbname=app")`,
        { dbname: text },
      );
    }
    const raw = m[3] ?? m[2] ?? '';
    pairs.set((m[1] as string).toLowerCase(), raw.replace(/\\(.)/g, '$1'));
    at = re.lastIndex;
  }
  return pairs;
}

function isConninfo(dbname: string): boolean {
  return !URI.test(dbname) && /^\s*[A-Za-z_]+\s*=/.test(dbname);
}

/** The `pg` client's configuration; unset fields fall back to the PG* environment, as libpq does. */
export function clientConfig(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const config: ClientConfig = {};
  const dbname = options.dbname ?? env.PGDATABASE;
  if (dbname !== undefined && URI.test(dbname)) config.connectionString = dbname;
  else if (dbname !== undefined && isConninfo(dbname)) {
    const pairs = parseConninfo(dbname);
    const host = pairs.get('host') ?? pairs.get('hostaddr');
    if (host !== undefined) config.host = host;
    const port = pairs.get('port');
    if (port !== undefined) config.port = Number(port);
    const database = pairs.get('dbname');
    if (database !== undefined) config.database = database;
    const user = pairs.get('user');
    if (user !== undefined) config.user = user;
    const password = pairs.get('password');
    if (password !== undefined) config.password = password;
    const sslmode = pairs.get('sslmode');
    if (sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full') {
      config.ssl = { rejectUnauthorized: sslmode !== 'require' };
    }
  } else if (dbname !== undefined) config.database = dbname;
  if (options.host !== undefined) config.host = options.host;
  if (options.port !== undefined) config.port = options.port;
  if (options.username !== undefined) config.user = options.username;
  if (options.password !== undefined) config.password = options.password;
  const sslmode = env.PGSSLMODE;
  if (
    config.ssl === undefined &&
    (sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full')
  ) {
    config.ssl = { rejectUnauthorized: sslmode !== 'require' };
  }
  // The database defaults to the user's name, as in libpq.
  config.user ??= env.PGUSER ?? env.USER ?? env.LOGNAME;
  if (config.connectionString === undefined) config.database ??= env.PGDATABASE ?? config.user;
  return config;
}

/** The same connection as libpq client arguments (pg_dump, psql); the environment carries the rest. */
export function libpqArguments(options: ConnectionOptions): string[] {
  const args: string[] = [];
  if (options.dbname !== undefined) args.push('--dbname', options.dbname);
  if (options.host !== undefined) args.push('--host', options.host);
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.username !== undefined) args.push('--username', options.username);
  return args;
}

/** How to name the database in messages: never with its password. */
export function describeConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  const config = clientConfig(options, env);
  if (config.connectionString !== undefined) return config.connectionString.replace(/:[^:@/]*@/, ':***@');
  const host = config.host ?? env.PGHOST ?? 'localhost';
  const port = config.port ?? env.PGPORT ?? 5432;
  return `database "${config.database}" on ${host}:${port} as ${config.user}`;
}
