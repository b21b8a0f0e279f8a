/**
 * A directory of the run's own under the system's temporary directory
 * (`TMPDIR`, else /tmp): the schema read from standard input as an archive
 * for pg_restore, `--size`'s measuring runs of a directory format, a tar
 * archive's spooled data. One that cannot be made (TMPDIR missing, not
 * writable, full) is one line naming TMPDIR and what to do, not Node's
 * `ENOENT: ... mkdtemp` with a stack as an internal error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatagenError, ErrorCodes } from '../errors.js';

/** Node's phrases for the codes a directory that cannot be made gets. */
const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'it is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** A new directory `PREFIX-XXXXXX` under the temporary directory, for `what` (`--size's measuring runs`). */
export async function scratchDirectory(prefix: string, what: string): Promise<string> {
  const parent = tmpdir();
  try {
    return await mkdtemp(join(parent, `${prefix}-`));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? (WHY[code] ?? code) : String(error);
    throw new DatagenError(
      ErrorCodes.IO,
      `cannot make a temporary directory in ${parent} for ${what}: ${why}; set TMPDIR to a writable directory`,
      { path: parent, ...(typeof code === 'string' ? { code } : {}) },
      { cause: error, exitCode: 1 },
    );
  }
}

/** Until released, what a signal removes (sink/temporary-files.ts' trackTemporary, set there: a layer above). */
let track: (path: string) => { release(): void } = () => ({ release() {} });

/** Set by sink/temporary-files.ts, so a scratch directory is removed on SIGINT/SIGTERM/SIGHUP as a temporary is. */
export function trackScratchDirectoriesWith(tracker: (path: string) => { release(): void }): void {
  track = tracker;
}

/**
 * `use` given a scratch directory (see scratchDirectory), removed after it, on a failure too, and on a signal
 * meanwhile (`--size`'s measuring runs stopped by Ctrl-C left `datagen-size-XXXXXX` in TMPDIR).
 */
export async function withScratchDirectory<T>(
  prefix: string,
  what: string,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await scratchDirectory(prefix, what);
  const tracked = track(dir);
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    tracked.release();
  }
}
