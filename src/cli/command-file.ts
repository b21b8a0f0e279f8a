/**
 * A small file a command writes whole (init's starter configuration, the
 * plan `datagen plan -f` shows): a new file under a temporary name renamed
 * into place, never over one; a device, FIFO or socket written into. Its
 * failure is one line with the fix, not Node's error text.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { describeSystemError, WRITE_HINTS, writeErrorExitCode } from '../sink/system-error.js';
import { writeNewOutput } from '../sink/temporary-files.js';

/** `text` written as the new file `file`; a file there already or a path of the wrong kind is the user's (exit 2), a full disk or a permission the machine's (1). */
export async function writeCommandFile(file: string, text: string): Promise<void> {
  try {
    await writeNewOutput(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatagenError(
      ErrorCodes.IO,
      `${file}: ${writeReason(code, error)}`,
      { file },
      { cause: error, exitCode: writeErrorExitCode(code) },
    );
  }
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
  return (code === undefined ? undefined : WRITE_HINTS[code]) ?? describeSystemError(error);
}
