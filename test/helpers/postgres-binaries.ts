/**
 * The system PostgreSQL binaries (initdb, pg_ctl, psql, pg_restore, …).
 */
import { join } from 'node:path';

export { findPostgresBinDir } from './throwaway-postgres.mjs';

export function pgBin(binDir: string, name: string): string {
  return join(binDir, name);
}
