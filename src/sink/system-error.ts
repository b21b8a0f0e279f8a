/**
 * System errors (EPIPE, ENOSPC, …) as the short phrases C tools print
 * (strerror), and the one message for a failed write to an output stream.
 */
import { DatagenError, ErrorCodes } from '../errors.js';

const STRERROR: Record<string, string> = {
  EPIPE: 'Broken pipe',
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  EFBIG: 'File too large',
  EIO: 'Input/output error',
  EBADF: 'Bad file descriptor',
  ECONNRESET: 'Connection reset by peer',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  ENXIO: 'No such device or address',
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
};

/**
 * What to tell a user whose output path could not be written, by system error code: the one table
 * file-sink.ts (scripts, COPY files) and archive/archive-io-error.ts (archives) both read.
 */
export const WRITE_HINTS: Readonly<Record<string, string>> = {
  ENOENT: 'the directory does not exist; create it or choose another path',
  EACCES: 'permission denied; choose a writable path',
  EPERM: 'permission denied; choose a writable path',
  EROFS: 'the file system is read-only; choose another path',
  ENOTDIR: 'a part of the path is a file, not a directory; choose another path',
  ENOSPC: 'the disk is full; free space or write elsewhere',
  EDQUOT: 'the disk quota is used up; free space or write elsewhere',
  EFBIG: 'file too large (a file size limit, ulimit -f, or the file system); write elsewhere',
  EISDIR: 'that path is a directory (or ends in /); give a file name',
  EEXIST: 'it already exists and is not an empty directory; remove it or choose another path',
  ENOTEMPTY: 'it already exists and is not an empty directory; remove it or choose another path',
  ELOOP:
    'too many levels of symbolic links (a link that leads back to itself?); fix the link or choose another path',
  EPIPE: 'Broken pipe (the reader stopped)',
  ENAMETOOLONG:
    'the name is too long (most file systems take at most 255 bytes in a name, 4096 in a path); choose a shorter one',
};

/**
 * Codes that say `-f` names a path of the wrong kind (a directory for a one-file format, a non-empty
 * directory for -F d, a file there already for init and merge-manifests, a name past 255 bytes): a usage
 * mistake, exit 2 as table files' non-empty directory is, not an I/O error. Every other code is the
 * environment's (exit 1), on every command that writes a file.
 */
export function writeErrorExitCode(code: string | null | undefined): 1 | 2 {
  return code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENAMETOOLONG' ? 2 : 1;
}

/** The system error code (`EPIPE`) of an error, if it has one. */
export function systemCodeOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/** `Broken pipe` for EPIPE; the error's own message for codes without a phrase. */
export function describeSystemError(error: unknown): string {
  const code = systemCodeOf(error);
  return (
    (code !== null ? STRERROR[code] : undefined) ?? (error instanceof Error ? error.message : String(error))
  );
}

/** A failed write to stdout or another stream: `could not write to output: Broken pipe` (exit 1, as pg_dump). */
export function outputStreamError(error: unknown): DatagenError {
  if (error instanceof DatagenError) return error;
  return new DatagenError(
    ErrorCodes.IO,
    `could not write to output: ${describeSystemError(error)}`,
    { systemCode: systemCodeOf(error) },
    { cause: error, exitCode: 1 },
  );
}
