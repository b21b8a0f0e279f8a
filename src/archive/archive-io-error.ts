/**
 * Turns a Node file-system error into a DatagenError a user can act on: what
 * could not be written, why, and what to do about it.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { systemCodeOf, WRITE_HINTS, writeErrorExitCode } from '../sink/system-error.js';

export interface ArchiveIoErrorData {
  readonly path: string;
  /** The system error code (ENOENT, ENOSPC, …) when there was one. */
  readonly systemCode: string | null;
}

/** An archive's own advice where the format matters; every other code, the sink's (WRITE_HINTS). */
const ARCHIVE_HINTS: Readonly<Record<string, string>> = {
  EISDIR:
    'it is a directory (or ends in /); give a file name (-F c and -F t write one file, -F d a directory)',
};

/** Wrap `error` (from writing `path`) in a DatagenError with code IO; DatagenErrors pass through. */
export function archiveIoError(error: unknown, path: string): DatagenError<ArchiveIoErrorData> {
  if (error instanceof DatagenError) return error as DatagenError<ArchiveIoErrorData>;
  const systemCode = systemCodeOf(error);
  const reason =
    (systemCode !== null ? (ARCHIVE_HINTS[systemCode] ?? WRITE_HINTS[systemCode]) : undefined) ??
    (error instanceof Error ? error.message : String(error));
  return new DatagenError(
    ErrorCodes.IO,
    `cannot write the archive to "${path}": ${reason}${systemCode !== null ? ` (${systemCode})` : ''}`,
    { path, systemCode },
    { cause: error, exitCode: writeErrorExitCode(systemCode) },
  );
}
