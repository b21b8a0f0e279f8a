/**
 * `-f` naming a schema file the run reads (the same path, a symlink or a
 * hard link to it): writing the output there would replace the user's
 * schema with generated data. Refused before anything is read or written.
 */
import { statSync } from 'node:fs';
import { DatagenError, ErrorCodes } from '../errors.js';

function identity(path: string): string | null {
  try {
    const s = statSync(path);
    return s.isFile() ? `${s.dev}:${s.ino}` : null;
  } catch {
    return null; // not there (yet): nothing to overwrite
  }
}

export function refuseOutputOverInput(schemaFiles: readonly string[], output: string | undefined): void {
  if (output === undefined || output === '-') return;
  const target = identity(output);
  if (target === null) return;
  const input = schemaFiles.find((f) => f !== '-' && identity(f) === target);
  if (input === undefined) return;
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `--file ${output} is the schema file ${input} this run reads: writing there would replace the schema with generated data; choose another output path`,
    { output, input },
  );
}
