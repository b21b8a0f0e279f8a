/**
 * Vitest global setup: starts one throwaway PostgreSQL server for the run
 * (see throwaway-postgres.mjs) and stops it at the end. Each test file makes
 * its own database with `createTestDatabase()` (see database.ts).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './throwaway-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { host: string; port: number; user: string; binDir: string };
    /** The run's directory for test files (tempDir() makes its directories there); removed at the end. */
    tmpRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const tmpRoot = mkdtempSync(join(tmpdir(), 'datagen-run-'));
  // Traversable as /tmp is: a test may open its own directory to the server's OS user.
  chmodSync(tmpRoot, 0o755);
  project.provide('pg', { host: server.host, port: server.port, user: server.user, binDir: server.binDir });
  project.provide('tmpRoot', tmpRoot);
  return async () => {
    try {
      await server.stop();
    } finally {
      rmSync(tmpRoot, { recursive: true, force: true });
    }
  };
}
