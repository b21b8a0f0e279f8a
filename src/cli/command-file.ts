/**
 * A small file a command writes whole (init's starter configuration, the
 * plan `datagen plan -f` shows, merge-manifests' manifest): a new file under a temporary name renamed
 * into place, never over one; a device, FIFO or socket written into. Its
 * failure is one line with the fix, not Node's error text.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { describeSystemError, WRITE_HINTS, writeErrorExitCode } from '../sink/system-error.js';
import { writeNewOutput } from '../sink/temporary-files.js';

/** How a command words a failed write: the one-line message for the error's code, and the error's data. */
export interface WriteFailure {
  message(code: string | undefined, error: unknown): string;
  data: Record<string, unknown>;
}

/**
 * `text` written as the new file `file`; a file there already or a path of the wrong kind is the user's (exit 2), a
 * full disk or a permission the machine's (1). `failure` words it (init's and plan's `-f` words by default).
 */
export async function writeCommandFile(
  file: string,
  text: string,
  failure: WriteFailure = {
    message: (code, error) => `${file}: ${writeReason(code, error)}`,
    data: { file },
  },
): Promise<void> {
  try {
    await writeNewOutput(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatagenError(ErrorCodes.IO, failure.message(code, error), failure.data, {
      cause: error,
      exitCode: writeErrorExitCode(code),
    });
  }
}

/** The machine's reason a write failed, with generate's words where it has them (a full disk, a quota, a size limit). */
export function systemReason(code: string | undefined, error: unknown): string {
  return (code === undefined ? undefined : WRITE_HINTS[code]) ?? describeSystemError(error);
}

/** Why the file could not be written, as one line with the fix. */
function writeReason(code: string | undefined, error: unknown): string {
  if (code === 'EEXIST') return 'already exists; remove it or name another file with -f';
  if (code === 'ENOENT') return 'the directory does not exist; create it or name another file with -f';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory; name another file with -f';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; name a writable file with -f';
  if (code === 'EROFS') return 'the file system is read-only; name another file with -f';
  if (code === 'EISDIR') return 'it is a directory; name a file with -f';
  if (code === 'ENAMETOOLONG') return `${WRITE_HINTS.ENAMETOOLONG} with -f`;
  // A full disk, a quota, a file size limit: generate's words (it was Node's "No space left on device" alone).
  return systemReason(code, error);
}
