/**
 * Where a `datagen` command writes and what environment it reads: the
 * process's own streams and environment for the command (main.ts), or a
 * caller's (run-main.ts' `runMain`: a test runs a command in its own process
 * and reads what it wrote, without starting a process for it).
 */

export interface CliIo {
  /** The data written to standard output (`-f -`), --json results, help, plans. */
  readonly stdout: NodeJS.WriteStream;
  /** Warnings, errors, progress. */
  readonly stderr: NodeJS.WriteStream;
  /** What the command reads of the environment itself (CI, TERM); the library reads the process's. */
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
