/**
 * Per-test-file access to the throwaway server: a fresh database, a `pg`
 * client, and the real psql / pg_restore run against it.
 */
import { type ExecFileSyncOptions, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { adminStatement } from './admin-session.js';
import { exited, runProcess, spawnCli } from './cli-process.js';
import { turns } from './in-turn.js';
import { pgBin } from './postgres-binaries.js';

export interface TestDatabase {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  readonly connectionString: string;
  /** Run a query and return its rows. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Run the real psql with ON_ERROR_STOP on a file; throws with psql's stderr on failure. */
  psqlFile(file: string): string;
  /** psqlFile without blocking the worker (runProcess): other tests of the file run meanwhile. */
  psqlFileAsync(file: string): Promise<string>;
  /** Run a PostgreSQL client binary (psql, pg_restore, pg_dump, …) with this database's connection env. */
  run(bin: string, args: string[], options?: ExecFileSyncOptions): string;
  /** run without blocking the worker (runProcess); throws with the binary's stderr on failure. */
  runAsync(bin: string, args: string[], input?: string | Buffer): Promise<string>;
  /** Like run, but returns status and output instead of throwing. */
  tryRun(
    bin: string,
    args: string[],
    input?: Buffer,
  ): { status: number | null; stdout: string; stderr: string };
  /** A second fresh database on the same server (a copy of `template`: the run's empty template unless given). */
  createSibling(template?: string): Promise<TestDatabase>;
  /** Ends its session and its siblings', and drops them (dropLater); `keep`: this database stays. */
  close(options?: { readonly keep?: boolean }): Promise<void>;
}

/**
 * How a test database is made from template0: by copying its files (`STRATEGY FILE_COPY`, the only way
 * before PostgreSQL 15) where the server has the option. 15's default (WAL_LOG) writes each of template0's
 * ~7.5 MB through the WAL; a run makes thousands of databases, and copying the files took about 40% less of
 * the server's CPU per database (30 made in a row: 137-212 ticks against 81-144), the checkpoint it asks for
 * included (the throwaway server runs with fsync off).
 */
function copyStrategy(serverVersion: number): string {
  return serverVersion >= 150000 ? ' STRATEGY FILE_COPY' : '';
}

type Server = ReturnType<typeof inject<'pg'>>;

/** This worker's drops, one after another (one session more per worker at most). */
const dropInTurn = turns();

/**
 * Drops the database `name` after the drops queued before it, without the caller waiting: a run made
 * thousands of databases and kept them all (~250,000 files in the data directory). A dropped database's
 * pages are discarded, not written by the next checkpoint: 12 databases of 100,000 rows made and dropped
 * cost the server 6.8-7.0 s of CPU, made and kept 7.8-8.4 s (the drops' own checkpoints included), the
 * same wall time. A database a session still uses is left as before (no FORCE: no test's session ended).
 */
function dropLater(server: Server, name: string): void {
  void dropInTurn(async () => {
    try {
      await adminStatement(server, 'drop', `DROP DATABASE IF EXISTS ${name}`);
    } catch {
      // In use, or the run's server stopping: the database stays, as every database did before.
    }
  });
}

/** A fresh database, a copy of `template` (the run's template, database-template.ts: empty). */
export async function createTestDatabase(prefix = 'dg', template?: string): Promise<TestDatabase> {
  const server = inject('pg');
  template ??= inject('databaseTemplate');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminStatement(
    server,
    'create',
    `CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8'${copyStrategy(server.version)}`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: server.host,
    PGPORT: String(server.port),
    PGUSER: server.user,
    PGDATABASE: name,
  };
  // Connected on the first query: a file's own database is often only the parent of its siblings (loaded by
  // psql, restored by pg_restore), and each session started a backend, its first in a new database reading
  // the catalog into its caches (~50 ms of the server's CPU on a loaded machine).
  let session: Promise<pg.Client> | undefined;
  const client = (): Promise<pg.Client> => {
    session ??= (async () => {
      const c = new pg.Client({ host: server.host, port: server.port, user: server.user, database: name });
      await c.connect();
      return c;
    })();
    return session;
  };
  const inTurn = turns();
  const siblings: TestDatabase[] = [];
  const run = (bin: string, args: string[], options?: ExecFileSyncOptions): string =>
    execFileSync(pgBin(server.binDir, bin), args, {
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...options,
    }) as string;
  const runAsync = async (bin: string, args: string[], input?: string | Buffer): Promise<string> => {
    const result = await runProcess(pgBin(server.binDir, bin), args, {
      env,
      ...(input === undefined ? {} : { input }),
    });
    if (result.status !== 0)
      throw new Error(`${bin} ${args.join(' ')} failed (status ${result.status}):\n${result.stderr}`);
    return result.stdout;
  };
  return {
    name,
    env,
    connectionString: `postgresql://${server.user}@${server.host}:${server.port}/${name}`,
    async query(sql, params) {
      // One query at a time on the session, in call order: concurrent cases of a file (the corpus loops) share it.
      return (await inTurn(async () => (await client()).query(sql, params))).rows;
    },
    psqlFile(file) {
      const result = spawnSync(
        pgBin(server.binDir, 'psql'),
        ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', name, '-f', file],
        { env, encoding: 'utf8', maxBuffer: 1 << 30 },
      );
      if (result.status !== 0) throw new Error(`psql failed (status ${result.status}):\n${result.stderr}`);
      return result.stdout;
    },
    psqlFileAsync: (file) => runAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', name, '-f', file]),
    run,
    runAsync,
    tryRun(bin, args, input) {
      const result = spawnSync(pgBin(server.binDir, bin), args, {
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        ...(input === undefined ? {} : { input }),
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    async createSibling(template) {
      const sibling = await createTestDatabase(prefix, template);
      siblings.push(sibling);
      return sibling;
    },
    async close(options) {
      if (session !== undefined) await (await session.catch(() => null))?.end().catch(() => {});
      for (const s of siblings.splice(0)) await s.close();
      if (options?.keep !== true) dropLater(server, name);
    },
  };
}

/**
 * The test file's database: made before its tests (beforeAll) and closed
 * after them (afterAll). What it returns forwards to that database, so it
 * reads as one from the file's first line.
 */
export function useTestDatabase(prefix: string): TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(prefix);
  });
  afterAll(async () => db?.close());
  return forwardingDatabase(() => db, `the ${prefix} test database is made in beforeAll; use it in a test`);
}

/** A TestDatabase that forwards to the one `current` gives when used; `missing` is the error while there is none. */
export function forwardingDatabase(current: () => TestDatabase | undefined, missing: string): TestDatabase {
  const now = (): TestDatabase => {
    const db = current();
    if (db === undefined) throw new Error(missing);
    return db;
  };
  return {
    get name() {
      return now().name;
    },
    get env() {
      return now().env;
    },
    get connectionString() {
      return now().connectionString;
    },
    query: (sql, params) => now().query(sql, params),
    psqlFile: (file) => now().psqlFile(file),
    psqlFileAsync: (file) => now().psqlFileAsync(file),
    run: (bin, args, options) => now().run(bin, args, options),
    runAsync: (bin, args, input) => now().runAsync(bin, args, input),
    tryRun: (bin, args, input) => now().tryRun(bin, args, input),
    createSibling: (template) => now().createSibling(template),
    close: (options) => now().close(options),
  };
}

/** A fresh database beside `db` with these statements run in it, in order (a schema, the rows already there). */
export async function siblingWith(db: TestDatabase, ...statements: string[]): Promise<TestDatabase> {
  const target = await db.createSibling();
  for (const sql of statements) await target.query(sql);
  return target;
}

/**
 * Runs `ddl` on `db` in a transaction rolled back after, expecting the server to refuse it with `message`:
 * a refusal test's proof that PostgreSQL refuses the shape too.
 */
export async function expectServerRefuses(db: TestDatabase, ddl: string, message: string): Promise<void> {
  await db.query('BEGIN');
  try {
    await expect(db.query(ddl), ddl).rejects.toThrow(message);
  } finally {
    await db.query('ROLLBACK');
  }
}

/** One number per question, from a query returning a single row of integers. */
export async function queryNumbers(target: TestDatabase, sql: string): Promise<Record<string, number>> {
  const [row] = await target.query<Record<string, string>>(sql);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** Wait until `count` of datagen's sessions on `target` are inside COPY (pg_stat_activity); their pids (fewer on time-out). */
async function copyingBackends(target: TestDatabase, count: number, timeoutMs = 60_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let pids: number[] = [];
  while (pids.length < count && Date.now() < deadline) {
    const rows = await target.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'datagen' AND datname = $1 AND query LIKE 'COPY%'",
      [target.name],
    );
    pids = rows.map((r) => r.pid);
    if (pids.length < count) await new Promise((r) => setTimeout(r, 20));
  }
  return pids;
}

/**
 * `datagen generate DDL -d target -j 2` over enough rows that both connections are inside COPY when `signal`
 * reaches it: the backends that were copying (two, unless the wait timed out) and how the process ended.
 */
export async function interruptWhileCopying(
  target: TestDatabase,
  ddl: string,
  signal: NodeJS.Signals,
): Promise<{ copying: number[]; result: Awaited<ReturnType<typeof exited>> }> {
  const child = spawnCli(['generate', ddl, '-d', target.connectionString, '-j', '2', '-r', '400000', '-q']);
  const done = exited(child, 120_000);
  const copying = await copyingBackends(target, 2);
  child.kill(signal);
  return { copying, result: await done };
}
