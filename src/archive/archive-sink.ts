/**
 * Where archive bytes go: a file written under a temporary name and renamed
 * into place on success (so a failed run never leaves a half archive under
 * the final name), or a caller's stream (a pipe: not seekable, so the TOC's
 * offsets cannot be patched). Writes are coalesced into large buffers; a
 * write promise resolves only once the bytes are accepted, which is the
 * backpressure that slows compression down when the disk is slower.
 */
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { releaseChunk } from '../encode/chunk-release.js';
import { keepPermissions, type OutputTarget, resolveOutputTarget } from '../sink/output-target.js';
import { outputStreamError } from '../sink/system-error.js';
import { removeStaleTemporaries, temporaryPathFor, trackTemporary } from '../sink/temporary-files.js';
import { archiveIoError } from './archive-io-error.js';

export interface ArchiveSink {
  /** True when earlier bytes can be overwritten in place (a regular file). */
  readonly seekable: boolean;
  /** Bytes accepted so far: the position of the next byte. */
  readonly position: number;
  write(bytes: Uint8Array): Promise<void>;
  /** Overwrite bytes already written (seekable sinks only). */
  patch(bytes: Uint8Array, position: number): Promise<void>;
  /** Flush, sync and move into place. */
  commit(): Promise<void>;
  /** Give up: close and remove whatever was written under the temporary name. */
  abort(): Promise<void>;
}

const FLUSH_AT = 1024 * 1024;

export interface FileSinkOptions {
  /** fsync before the rename. */
  readonly sync: boolean;
  /** `path` is a new file inside a temporary directory of ours: write it in place. */
  readonly insideTemporary?: boolean;
}

/**
 * Open `path` for an archive. A regular file (new or existing) is written to
 * a temporary name and renamed on commit; a device or FIFO (`/dev/stdout`, a
 * named pipe) is written directly and is not seekable; a symlink is followed
 * (see sink/output-target.ts).
 */
export async function openFileSink(path: string, options: FileSinkOptions): Promise<ArchiveSink> {
  let target: OutputTarget;
  try {
    target = options.insideTemporary ? { mode: 'replace', path } : await resolveOutputTarget(path);
  } catch (error) {
    throw archiveIoError(error, path);
  }
  if (target.mode === 'directory') {
    throw archiveIoError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), path);
  }
  if (target.mode === 'stream') return createStreamSink(target.stream);
  const direct = target.mode === 'direct';
  const inPlace = direct || options.insideTemporary === true;
  if (!inPlace) await removeStaleTemporaries(target.path);
  const writePath = inPlace ? target.path : temporaryPathFor(target.path);
  const tracked = inPlace ? null : trackTemporary(writePath);
  let handle: FileHandle;
  try {
    handle = await open(writePath, direct ? 'w' : 'wx');
  } catch (error) {
    tracked?.release();
    throw archiveIoError(error, path);
  }
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let flushedTo = 0;
  let closed = false;

  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const buffers = pending;
    const size = pendingBytes;
    pending = [];
    pendingBytes = 0;
    try {
      let written = 0;
      while (written < size) {
        const rest = written === 0 ? buffers : [Buffer.concat(buffers).subarray(written)];
        const result = await handle.writev(rest, direct ? undefined : flushedTo + written);
        if (result.bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
        written += result.bytesWritten;
      }
      flushedTo += size;
    } catch (error) {
      throw archiveIoError(error, path);
    }
    for (const bytes of buffers) releaseChunk(bytes); // written: their maker may reuse them (chunk-release.ts)
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };

  return {
    seekable: !direct,
    get position() {
      return flushedTo + pendingBytes;
    },
    async write(bytes) {
      if (bytes.length === 0) return;
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= FLUSH_AT) await flush();
    },
    async patch(bytes, position) {
      if (direct) throw new Error('archive sink: cannot patch a non-seekable output');
      await flush();
      try {
        await handle.write(bytes, 0, bytes.length, position);
      } catch (error) {
        throw archiveIoError(error, path);
      }
    },
    async commit() {
      await flush();
      try {
        if (options.sync && !direct) await handle.datasync();
        await close();
        if (!inPlace) {
          await keepPermissions(target.path, writePath);
          await rename(writePath, target.path);
        }
        tracked?.release();
      } catch (error) {
        throw archiveIoError(error, path);
      }
    },
    async abort() {
      try {
        await close();
      } catch {
        // Already failing; the original error is the one to report.
      }
      if (!direct) await unlink(writePath).catch(() => undefined);
      tracked?.release();
    },
  };
}

/** A sink over a caller's writable stream (e.g. process.stdout). The stream is not ended. */
export function createStreamSink(stream: NodeJS.WritableStream): ArchiveSink {
  let position = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let failure: unknown = null;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  stream.on('error', onError);

  const flush = async (): Promise<void> => {
    if (failure !== null) throw outputStreamError(failure);
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await new Promise<void>((resolveWrite, rejectWrite) => {
      stream.write(data, (error) => {
        if (error) rejectWrite(outputStreamError(error));
        else resolveWrite();
      });
    }).catch((error: unknown) => {
      throw outputStreamError(failure ?? error);
    });
  };

  return {
    seekable: false,
    get position() {
      return position;
    },
    async write(bytes) {
      if (bytes.length === 0) return;
      pending.push(bytes);
      pendingBytes += bytes.length;
      position += bytes.length;
      if (pendingBytes >= FLUSH_AT) await flush();
    },
    async patch() {
      throw new Error('archive sink: cannot patch a stream');
    },
    async commit() {
      await flush();
      stream.off('error', onError);
    },
    async abort() {
      stream.off('error', onError);
    },
  };
}
