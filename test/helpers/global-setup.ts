/**
 * Vitest global setup: starts one throwaway PostgreSQL server for the run
 * (see throwaway-postgres.mjs) and stops it at the end. Each test file makes
 * its own database with `createTestDatabase()` (see database.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './throwaway-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { host: string; port: number; user: string; binDir: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('pg', { host: server.host, port: server.port, user: server.user, binDir: server.binDir });
  return () => server.stop();
}
