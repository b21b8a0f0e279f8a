/**
 * Text outputs (plain script, COPY data) to a path or a stream. A regular
 * file is written under a temporary name beside the target and renamed only
 * on success, so a failed or interrupted run never leaves a file that looks
 * complete; a device, FIFO or `/dev/stdout` is streamed into directly (see
 * output-target.ts).
 */
import { existsSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { releaseChunk } from '../encode/chunk-release.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import { keepPermissions, type OutputTarget, resolveOutputTarget } from './output-target.js';
import {
  describeSystemError,
  outputStreamError,
  systemCodeOf,
  WRITE_HINTS,
  writeErrorExitCode,
} from './system-error.js';
import {
  noteTargetState,
  removeStaleTemporaries,
  temporaryPathFor,
  trackTemporary,
} from './temporary-files.js';

/**
 * Turn a file-system error into a clear message about the path (`written`: the file a symlink at `path`
 * leads to, whose directory is the one that must exist).
 */
export function ioError(error: unknown, path: string, doing: string, written = path): Error {
  if (error instanceof DatagenError) return error;
  const code = systemCodeOf(error);
  // Not the file system's: an error of the rows being made (a RangeError, a TypeError) reaches the caller as
  // itself, an internal error to report, not "cannot write FILE: Maximum call stack size exceeded".
  if (
    code === null &&
    (error instanceof RangeError || error instanceof TypeError || error instanceof ReferenceError)
  )
    return error;
  const hint =
    code === 'ENOENT'
      ? existsSync(dirname(written))
        ? 'its directory takes no new files (a virtual file system such as /proc); choose another path'
        : `the directory does not exist${written === resolve(path) ? '' : ` (it is a symlink to ${written})`}; create it or choose another path`
      : ((code === null ? undefined : WRITE_HINTS[code]) ?? describeSystemError(error));
  return new DatagenError(
    ErrorCodes.IO,
    `cannot ${doing} ${path}: ${hint}`,
    { path, code },
    { cause: error, exitCode: writeErrorExitCode(code) },
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
  const name = target === process.stdout ? 'standard output' : 'the output stream';
  const noted = noteTargetState(() => `what was written to ${name} is cut short`);
  try {
    await pipeline(chunks, target, { end: target !== process.stdout && target !== process.stderr });
  } catch (error) {
    throw systemCodeOf(error) === null ? error : outputStreamError(error);
  } finally {
    noted.release();
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
    const noted = noteTargetState(() => `what was written to ${target} is cut short`);
    let handle: FileHandle | undefined;
    try {
      // Through fileWritable, as a regular file: each block handed back once written. A write stream kept
      // none, so every block of a generation worker was a new buffer waiting for a collection on this
      // thread (examples/shop.sql's plain script to /dev/null at 20M rows: tens of MiB at the peak).
      handle = await open(resolved.path, 'w');
      await pipeline(chunks, fileWritable(handle));
      await handle.close();
      handle = undefined;
      return;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      throw ioError(error, target, 'write');
    } finally {
      noted.release();
    }
  }
  await removeStaleTemporaries(resolved.path);
  const temporary = temporaryPathFor(resolved.path);
  const tracked = trackTemporary(temporary);
  let handle: FileHandle | undefined;
  try {
    // Opened before the first row is made, so a signal from then on finds the file to remove.
    handle = await open(temporary, 'wx');
    await pipeline(chunks, fileWritable(handle));
    await handle.close();
    handle = undefined;
    await keepPermissions(resolved.path, temporary);
    await rename(temporary, resolved.path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Removing it can fail as creating it did (ENOTDIR, EROFS): the first error is the one to report.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw ioError(error, target, 'write', resolved.path);
  } finally {
    tracked.release();
  }
}

/**
 * Into an open file: the chunks buffered meanwhile (up to 1 MiB) in one
 * writev, each chunk handed back to its maker (chunk-release.ts) once written.
 */
export function fileWritable(handle: FileHandle): Writable {
  return new Writable({
    highWaterMark: 1 << 20,
    writev(chunks, callback) {
      const buffers = chunks.map((c) => c.chunk as Buffer);
      writeAll(handle, buffers).then(() => {
        for (const buffer of buffers) releaseChunk(buffer);
        callback();
      }, callback);
    },
  });
}

/** All of `buffers`, in order (a writev may write less than asked). */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    let written = (await handle.writev(rest)).bytesWritten;
    while (rest.length > 0 && written >= (rest[0] as Buffer).length) {
      written -= (rest[0] as Buffer).length;
      rest = rest.slice(1);
    }
    if (written > 0) rest = [(rest[0] as Buffer).subarray(written), ...rest.slice(1)];
  }
}
