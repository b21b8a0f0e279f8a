/**
 * Output files are written under a temporary name beside the target and
 * renamed only on success, so a failed or interrupted run never leaves a
 * file that looks complete.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatagenError, ErrorCodes } from '../errors.js';

/** `.name.datagen-<pid>-<n>.tmp` in the target's directory (same filesystem, so rename is atomic). */
let counter = 0;
export function temporaryPathFor(path: string): string {
  counter++;
  return join(dirname(path), `.${basename(path)}.datagen-${process.pid}-${counter}.tmp`);
}

/** Turn a file-system error into a clear message about the path. */
export function ioError(error: unknown, path: string, doing: string): DatagenError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const hint =
    code === 'ENOENT'
      ? 'the directory does not exist; create it or choose another path'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied; choose a writable path'
        : code === 'ENOSPC'
          ? 'the disk is full; free space or write elsewhere'
          : code === 'EISDIR'
            ? 'that path is a directory; give a file name'
            : ((error as Error | undefined)?.message ?? String(error));
  return new DatagenError(
    ErrorCodes.IO,
    `cannot ${doing} ${path}: ${hint}`,
    { path, code },
    { cause: error, exitCode: 1 },
  );
}

/**
 * Stream chunks into `path` (through a temporary file) or into a writable
 * stream (e.g. stdout), with backpressure. Returns the bytes written.
 */
export async function writeOutput(
  chunks: AsyncIterable<Uint8Array | string>,
  target: string | Writable,
): Promise<number> {
  let bytes = 0;
  async function* counted() {
    for await (const chunk of chunks) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      yield chunk;
    }
  }
  if (typeof target !== 'string') {
    await pipeline(counted(), target, { end: target !== process.stdout });
    return bytes;
  }
  const temporary = temporaryPathFor(target);
  let stream: WriteStream | undefined;
  try {
    stream = createWriteStream(temporary, { flags: 'wx', highWaterMark: 1 << 20 });
    await pipeline(counted(), stream);
    await rename(temporary, target);
    return bytes;
  } catch (error) {
    stream?.destroy();
    await rm(temporary, { force: true });
    if (error instanceof DatagenError) throw error;
    throw ioError(error, target, 'write');
  }
}
