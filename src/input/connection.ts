/**
 * A PostgreSQL connection as pg_dump and psql take it: `-d` (a database
 * name, a `postgresql://` URI or a `key=value` conninfo string), `-h`, `-p`,
 * `-U`, and the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE, PGSSLMODE, PGPASSFILE/~/.pgpass) for what they leave out.
 * The same options go to the `pg` client (loading) and to pg_dump (reading
 * a live schema), so both reach the same database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientConfig, Client as PgClient } from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';
import { passwordFromPassfile, serviceSettings } from './connection-files.js';

export interface ConnectionOptions {
  /** A database name, a `postgresql://` URI, or a `key=value …` conninfo string. */
  readonly dbname?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  /** A password known already (-W asked for it); else PGPASSWORD, the password file, or askPassword. */
  readonly password?: string;
  /** Called when the server asks for a password and none is known (a terminal prompt); absent: -w. */
  readonly askPassword?: () => Promise<string>;
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

/**
 * `postgresql://user:pw@host:port/db?sslmode=require` → its settings, in
 * conninfo's key names, read as libpq reads a URI (not as a web URL): the
 * host may be empty (`postgresql://ann@/shop?host=/tmp`, a socket
 * directory), percent-encoded (`%2Ftmp`) or an IPv6 address in brackets;
 * of several hosts (`h1:5432,h2:5433`) the first is taken.
 */
function parseUri(text: string): Map<string, string> {
  const shown = text.replace(/:[^:@/]*@/, ':***@');
  const invalid = (why: string) =>
    new DatagenError(
      ErrorCodes.BAD_OPTION,
      `invalid connection URI "${shown}": ${why}; expected postgresql://user@host:port/dbname`,
      {},
    );
  const m = /^postgres(?:ql)?:\/\/([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/is.exec(text);
  if (m === null) throw invalid('it does not start with postgresql://');
  const decode = (value: string): string => {
    try {
      return decodeURIComponent(value);
    } catch {
      throw invalid(`"${value}" is not percent-encoded correctly`);
    }
  };
  const pairs = new Map<string, string>();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') pairs.set(key, decode(value));
  };
  const authority = m[1] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userspec = authority.slice(0, at);
    const colon = userspec.indexOf(':');
    set('user', colon < 0 ? userspec : userspec.slice(0, colon));
    if (colon >= 0) set('password', userspec.slice(colon + 1));
  }
  const first = authority.slice(at + 1).split(',')[0] ?? '';
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(first);
  if (hostPort === null) throw invalid(`"${first}" is not host:port`);
  set('host', (hostPort[1] ?? '').replace(/^\[(.*)\]$/, '$1'));
  if (hostPort[2] !== undefined && !/^\d*$/.test(hostPort[2])) throw invalid(`invalid port "${hostPort[2]}"`);
  set('port', hostPort[2]);
  set('dbname', m[2]);
  for (const param of (m[3] ?? '').split('&')) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    if (eq < 0) throw invalid(`parameter "${param}" has no "="`);
    pairs.set(decode(param.slice(0, eq)).toLowerCase(), decode(param.slice(eq + 1)));
  }
  return pairs;
}

/** libpq's sslmode values (another value is refused, as libpq refuses it). */
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** A connection's settings, every source applied in libpq's order. */
export interface ResolvedConnection {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** From -W, the connection string, the service, PGPASSWORD or the password file. */
  readonly password: string | undefined;
  readonly sslmode: string;
}

/** The default socket directory when no host is given, as libpq (Debian's, else /tmp), or localhost. */
function defaultHost(port: number): string {
  for (const dir of ['/var/run/postgresql', '/tmp']) {
    if (existsSync(join(dir, `.s.PGSQL.${port}`))) return dir;
  }
  return 'localhost';
}

/**
 * -d (name, URI or conninfo), -h, -p, -U first; then the service
 * (`service=` or PGSERVICE, from pg_service.conf); then PGHOST, PGPORT,
 * PGUSER, PGDATABASE, PGSSLMODE; the password last from PGPASSWORD or the
 * password file.
 */
export function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConnection {
  const dbname = options.dbname ?? env.PGDATABASE;
  const given =
    dbname === undefined
      ? new Map<string, string>()
      : URI.test(dbname)
        ? parseUri(dbname)
        : isConninfo(dbname)
          ? parseConninfo(dbname)
          : new Map([['dbname', dbname]]);
  if (options.host !== undefined) given.set('host', options.host);
  if (options.port !== undefined) given.set('port', String(options.port));
  if (options.username !== undefined) given.set('user', options.username);
  const serviceName = given.get('service') ?? env.PGSERVICE;
  const service = serviceName === undefined ? new Map<string, string>() : serviceSettings(serviceName, env);
  const setting = (key: string, variable: string) => given.get(key) ?? service.get(key) ?? env[variable];
  /** Where a setting's value came from, for a message about it: the connection string, the service, or the variable. */
  const settingFrom = (key: string, variable: string): string =>
    given.has(key) ? '-d/--dbname' : service.has(key) ? `service ${serviceName}` : variable;
  const portText = setting('port', 'PGPORT') ?? '5432';
  const port = Number(portText);
  if (!/^\s*\d+\s*$/.test(portText) || !Number.isInteger(port) || port <= 0 || port > 65535) {
    // Where it was set: PGPORT=abc was told as a bare "invalid port number" the command line never had.
    const from = options.port !== undefined ? '--port' : settingFrom('port', 'PGPORT');
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `invalid port number "${portText}" (from ${from}): expected a whole number from 1 to 65535`,
      { from },
    );
  }
  const host = setting('host', 'PGHOST') ?? given.get('hostaddr') ?? defaultHost(port);
  const user = setting('user', 'PGUSER') ?? env.USER ?? env.LOGNAME ?? 'postgres';
  // The database defaults to the user's name, as in libpq.
  const database = given.get('dbname') ?? service.get('dbname') ?? user;
  const password =
    options.password ??
    given.get('password') ??
    service.get('password') ??
    env.PGPASSWORD ??
    passwordFromPassfile({ host, port, database, user }, env);
  const sslmode = setting('sslmode', 'PGSSLMODE') ?? 'prefer';
  if (!SSL_MODES.includes(sslmode)) {
    // A typo (`sslmode=requir`, `verify_full`) connected without SSL, or without checking the certificate.
    const from = settingFrom('sslmode', 'PGSSLMODE');
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `invalid sslmode value "${sslmode}" (from ${from}): expected ${SSL_MODES.join(', ')}`,
      { from },
    );
  }
  return { host, port, database, user, password, sslmode };
}

/** The `pg` client's configuration for one attempt (`ssl` decided by the caller for sslmode prefer). */
export function clientConfig(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
  useSsl?: boolean,
): ClientConfig {
  const r = resolveConnection(options, env);
  const socket = r.host.startsWith('/');
  const ssl = useSsl ?? (!socket && ['require', 'verify-ca', 'verify-full'].includes(r.sslmode));
  const where = describeConnection(options, env);
  return {
    application_name: 'datagen',
    host: r.host,
    port: r.port,
    database: r.database,
    user: r.user,
    ssl: ssl ? { rejectUnauthorized: r.sslmode === 'verify-ca' || r.sslmode === 'verify-full' } : false,
    // Asked only when the server wants a password; a prompt (psql's behaviour on a terminal) when allowed.
    password: async () => {
      if (r.password !== undefined) return r.password;
      if (options.askPassword) return options.askPassword();
      throw new DatagenError(
        ErrorCodes.DATABASE,
        `cannot connect to ${where}: the server asks for a password and none was given: set PGPASSWORD, add a line to ~/.pgpass (or PGPASSFILE), or use -W to be asked`,
        {},
        { exitCode: 1 },
      );
    },
  };
}

/**
 * A connected `pg` client. sslmode prefer (libpq's default) tries SSL over
 * TCP first and falls back to a plain connection when the server has none.
 * `otherDatabase`: the same server, user and password, another database.
 */
export async function connectClient(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
  otherDatabase?: string,
): Promise<PgClient> {
  // Loaded on first use (~13 MiB of memory): a run that writes files never needs it.
  const { default: pg } = await import('pg');
  const r = resolveConnection(options, env);
  const attempts = r.sslmode === 'prefer' && !r.host.startsWith('/') ? [true, false] : [undefined];
  let failure: unknown;
  for (const useSsl of attempts) {
    const config = clientConfig(options, env, useSsl);
    const client = new pg.Client(
      otherDatabase === undefined ? config : { ...config, database: otherDatabase },
    );
    try {
      await client.connect();
      return client;
    } catch (error) {
      failure = error;
      await client.end().catch(() => undefined);
      if (!/does not support SSL/i.test((error as Error).message ?? '')) break;
    }
  }
  throw failure;
}

/** The connection string without its password (which goes to a child through PGPASSWORD, never its command line, where ps shows it). */
export function withoutPassword(dbname: string): string {
  if (URI.test(dbname)) {
    try {
      const url = new URL(dbname);
      url.password = '';
      url.searchParams.delete('password');
      return url.toString();
    } catch {
      return dbname;
    }
  }
  if (!isConninfo(dbname)) return dbname;
  const pairs = parseConninfo(dbname);
  pairs.delete('password');
  return [...pairs].map(([k, v]) => `${k}='${v.replace(/[\\']/g, '\\$&')}'`).join(' ');
}

/** The password the connection string itself carries, if any. */
export function passwordInDbname(dbname: string | undefined): string | undefined {
  if (dbname === undefined) return undefined;
  if (URI.test(dbname)) return parseUri(dbname).get('password');
  return isConninfo(dbname) ? parseConninfo(dbname).get('password') : undefined;
}

/** The same connection as libpq client arguments (pg_dump, psql); the environment carries the rest. */
export function libpqArguments(options: ConnectionOptions): string[] {
  const args: string[] = [];
  if (options.dbname !== undefined) args.push('--dbname', withoutPassword(options.dbname));
  if (options.host !== undefined) args.push('--host', options.host);
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.username !== undefined) args.push('--username', options.username);
  return args;
}

/** How to name the database in messages: never with its password. */
export function describeConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  const dbname = options.dbname ?? env.PGDATABASE;
  if (dbname !== undefined && URI.test(dbname)) return dbname.replace(/:[^:@/]*@/, ':***@');
  const r = resolveConnection(options, { ...env, PGPASSFILE: '/dev/null' });
  const host = r.host.startsWith('/') ? `socket ${r.host}` : r.host;
  return `database "${r.database}" on ${host}:${r.port} as ${r.user}`;
}
