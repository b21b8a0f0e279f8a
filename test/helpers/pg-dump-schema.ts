/**
 * The schema of a live database as `pg_dump --schema-only` writes it: the
 * reference the catalog reader (src/input/catalog) is compared with in
 * test/e2e/live-model.test.ts (it was datagen's live path before the reader).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { findClientProgram } from '../../src/input/client-programs.js';
import {
  type ConnectionOptions,
  describeConnection,
  libpqArguments,
  passwordInDbname,
} from '../../src/input/connection.js';

/** pg_dump's refusal of a newer server: both major versions. */
function serverVersionMismatch(stderr: string): { server: number; client: number } | undefined {
  const m = /server version mismatch[\s\S]*?server version: (\d+)[^;]*; pg_dump version: (\d+)/.exec(stderr);
  return m ? { server: Number(m[1]), client: Number(m[2]) } : undefined;
}

/** An installed pg_dump of at least `major` (the newest), other than `tried`. */
function installedPgDumpFor(major: number, tried: string): string | undefined {
  let versions: number[] = [];
  try {
    versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .map(Number)
      .filter((v) => v >= major)
      .sort((a, b) => b - a);
  } catch {
    return undefined;
  }
  for (const v of versions) {
    const path = join('/usr/lib/postgresql', String(v), 'bin', 'pg_dump');
    try {
      accessSync(path, constants.X_OK);
      if (path !== tried) return path;
    } catch {}
  }
  return undefined;
}

/** The DDL of the database's schema, as pg_dump --schema-only writes it, with a name for messages. */
export async function readSchemaWithPgDump(
  connection: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ file: string; text: string }> {
  const pgDump = findClientProgram('pg_dump', env);
  const where = describeConnection(connection, env);
  if (!pgDump) {
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `reading the schema of ${where} needs pg_dump, which was not found on PATH: install PostgreSQL's client programs (e.g. apt-get install postgresql-client) or give the schema as DDL files`,
      {},
      { exitCode: 1 },
    );
  }
  let password = connection.password ?? passwordInDbname(connection.dbname);
  let run = await runPgDump(pgDump, connection, password, env);
  const mismatch = serverVersionMismatch(run.stderr);
  // pg_dump must be at least the server's major version: another installed one may be (Debian keeps several).
  const newer = mismatch ? installedPgDumpFor(mismatch.server, pgDump) : undefined;
  if (newer) run = await runPgDump(newer, connection, password, env);
  else if (mismatch) {
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `cannot read the schema of ${where}: the server is PostgreSQL ${mismatch.server} and ${pgDump} is pg_dump ${mismatch.client}, which reads only servers up to its own version. Install PostgreSQL ${mismatch.server}'s client programs (e.g. apt-get install postgresql-client-${mismatch.server}) and put their bin directory first on PATH, or give the schema as a DDL file (pg_dump --schema-only from a newer pg_dump)`,
      { server: mismatch.server, client: mismatch.client },
      { exitCode: 1 },
    );
  }
  // libpq asks for a password only when the server wants one: so does datagen (psql's prompt), then tries again.
  if (
    run.status !== 0 &&
    password === undefined &&
    connection.askPassword &&
    /no password supplied/.test(run.stderr)
  ) {
    password = await connection.askPassword();
    run = await runPgDump(pgDump, connection, password, env);
  }
  const { status, stdout, stderr } = run;
  if (status !== 0) {
    const reason = stderr
      .split('\n')
      .map((l) => l.replace(/^pg_dump: (error: |detail: )?/, '').trim())
      .filter((l) => l !== '')
      .join('; ');
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `cannot read the schema of ${where}: ${reason || `pg_dump exited with status ${status}`}${/no password supplied/.test(reason) ? ': set PGPASSWORD, add a line to ~/.pgpass (or PGPASSFILE), or use -W to be asked' : ''}`,
      { status },
      { exitCode: 1 },
    );
  }
  return { file: `${where} (pg_dump --schema-only)`, text: stdout };
}

/** pg_dump --schema-only over the connection; its password, when known, through PGPASSWORD (never the command line). */
function runPgDump(
  pgDump: string,
  connection: ConnectionOptions,
  password: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const childEnv = { ...env, ...(password !== undefined ? { PGPASSWORD: password } : {}) };
  const args = ['--schema-only', '--encoding=UTF8', '--no-password', ...libpqArguments(connection)];
  return new Promise((resolve, reject) => {
    const child = spawn(pgDump, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        status: code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
