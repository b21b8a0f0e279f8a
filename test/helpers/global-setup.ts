/**
 * Vitest global setup: starts one throwaway PostgreSQL server for the run
 * (see throwaway-postgres.mjs) and stops it at the end. Each test file makes
 * its own database with `createTestDatabase()` (see database.ts), a copy of the run's template
 * (database-template.ts); a load of
 * DDL that creates PostGIS starts from the run's PostGIS template instead of
 * installing it again (postgis-template.ts).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeDatabaseTemplate } from './database-template.js';
import { makePostgisTemplate } from './postgis-template.js';
import { serverCpuSeconds } from './server-cpu.js';
import { startPostgres } from './throwaway-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `version`: the server's server_version_num (150000 for 15.0). */
    pg: { host: string; port: number; user: string; binDir: string; version: number };
    /** The run's directory for test files (tempDir() makes its directories there); removed at the end. */
    tmpRoot: string;
    /** The database a test database copies (database-template.ts): template0 with the relation cache's init file. */
    databaseTemplate: string;
    /** A database holding PostGIS to copy (CREATE DATABASE ... TEMPLATE), or null where PostGIS is not installed. */
    postgisTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // No autovacuum: a run makes thousands of short-lived databases its workers would visit and analyze
  // after each load, and no test reads what it would leave (statistics, visibility maps).
  const server = await startPostgres({ settings: ['autovacuum=off'] });
  const tmpRoot = mkdtempSync(join(tmpdir(), 'datagen-run-'));
  // Traversable as /tmp is: a test may open its own directory to the server's OS user.
  chmodSync(tmpRoot, 0o755);
  const [version, postgisTemplate, databaseTemplate] = await Promise.all([
    server.run('psql', ['-X', '-At', '-c', 'SHOW server_version_num']).then((v) => Number(v.trim())),
    makePostgisTemplate(server),
    makeDatabaseTemplate(server),
  ]);
  project.provide('pg', {
    host: server.host,
    port: server.port,
    user: server.user,
    binDir: server.binDir,
    version,
  });
  project.provide('tmpRoot', tmpRoot);
  project.provide('postgisTemplate', postgisTemplate);
  project.provide('databaseTemplate', databaseTemplate);
  return async () => {
    const cpuLog = process.env.DATAGEN_TEST_SERVER_CPU;
    if (cpuLog) {
      const sql = "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'";
      const checkpointer = (await server.run('psql', ['-X', '-At', '-c', sql])).trim();
      const postmaster = readFileSync(`/proc/${checkpointer}/status`, 'utf8').match(/^PPid:\s+(\d+)/m)?.[1];
      if (postmaster !== undefined)
        appendFileSync(cpuLog, `server CPU ${serverCpuSeconds(postmaster).toFixed(2)} s\n`);
    }
    try {
      await server.stop();
    } finally {
      removeInBackground(tmpRoot);
    }
  };
}

/**
 * The run's temporary root (the server's data directory: every test file's database, ~250,000 files after a
 * full run) removed by a detached `rm -rf` the run does not wait for: Node's rmSync took three minutes of the
 * run's end to unlink them. Where no `rm` can be started, it is removed here as before.
 */
function removeInBackground(dir: string): void {
  try {
    spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' })
      .on('error', () => rmSync(dir, { recursive: true, force: true }))
      .unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
