/**
 * The two files libpq reads that the `pg` client does not (or only with a
 * deprecation warning): the password file (PGPASSFILE, else ~/.pgpass) and
 * the connection service file (PGSERVICEFILE, else ~/.pg_service.conf, then
 * PGSYSCONFDIR/pg_service.conf). pg_dump and psql read them themselves.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DatagenError, ErrorCodes } from '../errors.js';

export interface PassfileKey {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME ?? homedir();
}

/** `a\:b:c` → ['a:b', 'c'] (the password file's escaping). */
function passfileFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) current += line[++i];
    else if (ch === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/**
 * The password for a connection from the password file, as libpq finds it:
 * the first line whose host, port, database and user match (`*` matches
 * anything; a Unix socket matches `localhost`). A file readable by group or
 * others is ignored, as libpq ignores it.
 */
export function passwordFromPassfile(
  key: PassfileKey,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const file = env.PGPASSFILE ?? join(home(env), '.pgpass');
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile() || (stat.mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const host = key.host.startsWith('/') ? 'localhost' : key.host;
  const wanted = [host, String(key.port), key.database, key.user];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = passfileFields(line);
    if (fields.length < 5) continue;
    if (wanted.every((w, i) => fields[i] === '*' || fields[i] === w)) return fields[4];
  }
  return undefined;
}

/** `[name]` sections of a service file → their key=value settings. */
function readServiceFile(file: string): Map<string, Map<string, string>> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const services = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      services.set(section[1] as string, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return services;
}

/**
 * The settings of a connection service (`service=name` or PGSERVICE), from
 * the user's service file first, then the system one; an unknown service is
 * an error, as in libpq.
 */
export function serviceSettings(name: string, env: NodeJS.ProcessEnv = process.env): Map<string, string> {
  const files = [
    env.PGSERVICEFILE ?? join(home(env), '.pg_service.conf'),
    join(env.PGSYSCONFDIR ?? '/etc/postgresql-common', 'pg_service.conf'),
  ];
  for (const file of files) {
    const settings = readServiceFile(file)?.get(name);
    if (settings) return settings;
  }
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `definition of service "${name}" not found (looked in ${files.join(' and ')}): add a [${name}] section there, or check PGSERVICE`,
    { service: name },
  );
}
