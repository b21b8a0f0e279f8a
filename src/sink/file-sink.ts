/**
 * Text outputs (plain script, COPY data) to a path or a stream. A regular
 * file is written under a temporary name beside the target and renamed only
 * on success, so a failed or interrupted run never leaves a file that looks
 * complete; a device, FIFO or `/dev/stdout` is streamed into directly (see
 * output-target.ts).
 */
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatagenError, ErrorCodes } from '../errors.js';
import { type OutputTarget, resolveOutputTarget } from './output-target.js';
import { describeSystemError, outputStreamError, systemCodeOf } from './system-error.js';
import { removeStaleTemporaries, temporaryPathFor, trackTemporary } from './temporary-files.js';

/** Turn a file-system error into a clear message about the path. */
export function ioError(error: unknown, path: string, doing: string): DatagenError {
  if (error instanceof DatagenError) return error;
  const code = systemCodeOf(error);
  const hint =
    code === 'ENOENT'
      ? existsSync(dirname(path))
        ? 'its directory takes no new files (a virtual file system such as /proc); choose another path'
        : 'the directory does not exist; create it or choose another path'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied; choose a writable path'
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? 'the disk is full; free space or write elsewhere'
          : code === 'EFBIG'
            ? 'file too large (a file size limit, ulimit -f, or the file system); write elsewhere'
            : code === 'EISDIR'
              ? 'that path is a directory; give a file name'
              : code === 'EPIPE'
                ? 'Broken pipe (the reader stopped)'
                : describeSystemError(error);
  return new DatagenError(
    ErrorCodes.IO,
    `cannot ${doing} ${path}: ${hint}`,
    { path, code },
    { cause: error, exitCode: 1 },
  );
}

/**
 * Stream chunks into `path` (a regular file through a temporary file; a
 * device or FIFO directly) or into a writable stream (e.g. stdout), with
 * backpressure. Returns the bytes written.
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
  if (typeof target === 'string') {
    const resolved = await resolveOutputTarget(target).catch((error: unknown) => {
      throw ioError(error, target, 'write');
    });
    return resolved.mode === 'stream'
      ? writeStream(counted(), resolved.stream).then(() => bytes)
      : writePath(counted(), target, resolved).then(() => bytes);
  }
  await writeStream(counted(), target);
  return bytes;
}

/** Into a caller's stream; stdout and stderr are not ended. */
async function writeStream(chunks: AsyncIterable<Uint8Array | string>, target: Writable): Promise<void> {
  try {
    await pipeline(chunks, target, { end: target !== process.stdout && target !== process.stderr });
  } catch (error) {
    throw systemCodeOf(error) === null ? error : outputStreamError(error);
  }
}

/** Into a path: a device or FIFO directly, a regular file through a temporary file renamed on success. */
async function writePath(
  chunks: AsyncIterable<Uint8Array | string>,
  target: string,
  resolved: Exclude<OutputTarget, { mode: 'stream' }>,
): Promise<void> {
  if (resolved.mode === 'directory') {
    throw ioError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), target, 'write');
  }
  if (resolved.mode === 'direct') {
    try {
      await pipeline(chunks, createWriteStream(resolved.path, { flags: 'w', highWaterMark: 1 << 20 }));
      return;
    } catch (error) {
      throw ioError(error, target, 'write');
    }
  }
  await removeStaleTemporaries(resolved.path);
  const temporary = temporaryPathFor(resolved.path);
  const tracked = trackTemporary(temporary);
  let stream: WriteStream | undefined;
  try {
    // Opened before the first row is made, so a signal from then on finds the file to remove.
    const handle = await open(temporary, 'wx');
    stream = handle.createWriteStream({ highWaterMark: 1 << 20 });
    await pipeline(chunks, stream);
    await rename(temporary, resolved.path);
  } catch (error) {
    stream?.destroy();
    await rm(temporary, { force: true });
    throw ioError(error, target, 'write');
  } finally {
    tracked.release();
  }
}
