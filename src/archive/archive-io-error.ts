/**
 * Turns a Node file-system error into a DatagenError a user can act on: what
 * could not be written, why, and what to do about it.
 */
import { DatagenError, ErrorCodes } from '../errors.js';

export interface ArchiveIoErrorData {
  readonly path: string;
  /** The system error code (ENOENT, ENOSPC, …) when there was one. */
  readonly systemCode: string | null;
}

function systemCodeOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

const REASONS: Record<string, string> = {
  ENOENT: 'the directory does not exist; create it first or choose another output path',
  ENOTDIR: 'a part of the path is not a directory; choose another output path',
  EACCES: 'permission denied; choose a directory you can write to',
  EPERM: 'permission denied; choose a directory you can write to',
  EROFS: 'the file system is read-only; choose another output path',
  ENOSPC: 'no space left on the device; free some space or write somewhere else',
  EDQUOT: 'disk quota exceeded; free some space or write somewhere else',
  ELOOP:
    'too many levels of symbolic links (a link that leads back to itself?); fix the link or choose another path',
  EISDIR:
    'it is a directory (or ends in /); give a file name (-F c and -F t write one file, -F d a directory)',
  EEXIST: 'it already exists and is not an empty directory; remove it or choose another path',
  ENOTEMPTY: 'it already exists and is not an empty directory; remove it or choose another path',
  EPIPE: 'the reading end of the pipe was closed',
};

/** Wrap `error` (from writing `path`) in a DatagenError with code IO; DatagenErrors pass through. */
export function archiveIoError(error: unknown, path: string): DatagenError<ArchiveIoErrorData> {
  if (error instanceof DatagenError) return error as DatagenError<ArchiveIoErrorData>;
  const systemCode = systemCodeOf(error);
  const reason =
    (systemCode !== null ? REASONS[systemCode] : undefined) ??
    (error instanceof Error ? error.message : String(error));
  return new DatagenError(
    ErrorCodes.IO,
    `cannot write the archive to "${path}": ${reason}${systemCode !== null ? ` (${systemCode})` : ''}`,
    { path, systemCode },
    { cause: error, exitCode: 1 },
  );
}
