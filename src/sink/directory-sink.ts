/**
 * A set of files (one per table for `-F csv|jsonl|parquet`) into a
 * directory: everything is written into a temporary directory beside the
 * target and renamed into place when complete, so an interrupted run never
 * leaves a directory that looks complete. The target may be missing or an
 * empty directory (as for pg_dump's directory format). Each file's bytes are
 * counted and hashed (SHA-256) on the way out; gzip, when asked, is applied
 * here, as the last step before the disk.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { DatagenError, ErrorCodes } from '../errors.js';
import { ioError } from './file-sink.js';
import { removeStaleTemporaries, temporaryPathFor, trackTemporary } from './temporary-files.js';

export interface OutputFile {
  /** The file's name inside the directory (no separators). */
  readonly name: string;
  /** Its bytes, produced when the file is written. */
  readonly chunks: () => AsyncIterable<Uint8Array>;
}

export interface WrittenFile {
  readonly name: string;
  /** Bytes on disk (after gzip, when applied). */
  readonly bytes: number;
  /** SHA-256 of the bytes on disk, hex. */
  readonly sha256: string;
}

export interface DirectoryOptions {
  /** gzip every file at this level (1-9); the names get `.gz` from the caller. */
  readonly gzipLevel?: number;
}

async function checkTarget(path: string, given: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    return; // missing: made by the rename
  }
  if (!isDirectory) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--file ${given}: this format writes one file per table into a directory, and ${given} is a file; give a new or empty directory`,
      { path: given },
    );
  }
  if ((await readdir(path)).length > 0) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--file ${given}: the directory is not empty; give a new or empty directory (nothing is overwritten)`,
      { path: given },
    );
  }
}

/** A pass-through that counts and hashes what goes to disk. */
function measure(): { transform: Transform; result: () => { bytes: number; sha256: string } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}

async function writeOne(
  directory: string,
  file: OutputFile,
  options: DirectoryOptions,
): Promise<WrittenFile> {
  const measured = measure();
  const out = createWriteStream(join(directory, file.name), { flags: 'wx', highWaterMark: 1 << 20 });
  if (options.gzipLevel === undefined) {
    await pipeline(file.chunks(), measured.transform, out);
  } else {
    await pipeline(file.chunks(), createGzip({ level: options.gzipLevel }), measured.transform, out);
  }
  return { name: file.name, ...measured.result() };
}

/**
 * Write `files` into the directory `target` (missing or empty), one after
 * another, through a temporary directory renamed into place at the end.
 * Returns what was written, in order.
 */
export async function writeDirectory(
  target: string,
  files: readonly OutputFile[],
  options: DirectoryOptions = {},
): Promise<WrittenFile[]> {
  // An existing target (or a symlink to one) is replaced where it really is.
  const finalPath = await realpath(target).catch(() => resolve(target));
  await checkTarget(finalPath, target);
  await removeStaleTemporaries(finalPath);
  const temporary = temporaryPathFor(finalPath);
  try {
    await mkdir(temporary);
  } catch (error) {
    throw ioError(error, target, 'write');
  }
  const tracked = trackTemporary(temporary);
  try {
    const written: WrittenFile[] = [];
    for (const file of files) written.push(await writeOne(temporary, file, options));
    await rename(temporary, finalPath);
    return written;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw ioError(error, target, 'write');
  } finally {
    tracked.release();
  }
}
