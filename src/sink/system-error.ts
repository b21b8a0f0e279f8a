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
