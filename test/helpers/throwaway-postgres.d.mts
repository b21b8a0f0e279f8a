/** Types of throwaway-postgres.mjs (plain JavaScript so benchmarks run it without a build). */

/** $PG_BINDIR, `pg_config --bindir`, then the newest /usr/lib/postgresql/N/bin with initdb and pg_ctl. */
export function findPostgresBinDir(): string;

export interface ThrowawayPostgres {
  readonly binDir: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Run a client binary (psql, pg_restore, pg_dump) against the server; resolves with its stdout. */
  run(bin: string, args: readonly string[]): Promise<string>;
  createDatabase(name: string): Promise<string>;
  /** Stop the server and remove its directory. */
  stop(): Promise<void>;
}

export function startPostgres(options?: {
  readonly settings?: readonly string[];
  /** Server binaries (initdb, pg_ctl, postgres) other than the system's. */
  readonly binDir?: string;
  /** Environment for those binaries (LD_LIBRARY_PATH). */
  readonly env?: NodeJS.ProcessEnv;
}): Promise<ThrowawayPostgres>;
