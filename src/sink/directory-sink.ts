/**
 * A set of files (one per table for `-F csv|jsonl|parquet`) into a
 * directory: everything is written into a temporary directory beside the
 * target and renamed into place when complete, so an interrupted run never
 * leaves a directory that looks complete. The target may be missing or an
 * empty directory (as for pg_dump's directory format). Each file's bytes are
 * counted and hashed (SHA-256) on the way out; gzip or zstd, when asked, is
 * applied here, as the last step before the disk.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { zstdFrames } from '../encode/zstd.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import { fileWritable, ioError } from './file-sink.js';
import { directoryTargetPath, keepPermissions, pathKind } from './output-target.js';
import { inLanes } from './parallel-lanes.js';
import { adoptInterrupted, keepRecorded, openProgress, type Progress } from './resume-directory.js';
import { runDifferences } from './run-differences.js';
import { sha256 } from './sha256.js';
import { systemCodeOf } from './system-error.js';
import { removeStaleTemporaries, temporaryPathFor, trackTemporary } from './temporary-files.js';

export interface OutputFile {
  /** The file's name inside the directory (no separators). */
  readonly name: string;
  /** Its bytes, produced when the file is written. */
  readonly chunks: () => AsyncIterable<Uint8Array>;
  /** Rows in the file, asked once its chunks are written. */
  readonly rows?: () => number;
}

export interface WrittenFile {
  readonly name: string;
  /** Rows in the file (0 when not counted). */
  readonly rows: number;
  /** Bytes on disk (after gzip or zstd, when applied). */
  readonly bytes: number;
  /** SHA-256 of the bytes on disk, hex. */
  readonly sha256: string;
}

/** Files an interrupted run wrote completely (from its progress record, each checked on disk), by name. */
export type KeptFiles = ReadonlyMap<string, WrittenFile>;

export interface DirectoryOptions {
  /** Compress every file (gzip 1-9, zstd 1-22); the names get `.gz` or `.zst` from the caller. */
  readonly compression?: { readonly method: 'gzip' | 'zstd'; readonly level: number };
  /**
   * What makes the output what it is (format, seed, options, row counts), as
   * one JSON line: the progress record's first line, which `resume` matches.
   */
  readonly identity?: string;
  /** Take over the temporary directory of an interrupted run with the same identity, keeping its complete files. */
  readonly resume?: boolean;
  /** The last file, written when all others are (by temporary name and rename): the manifest. */
  readonly last?: {
    readonly name: string;
    readonly text: (written: readonly WrittenFile[]) => string;
    /**
     * With `resume`, a target holding this last file already: the files it
     * lists when a run of the same identity wrote it (undefined otherwise).
     * Those files all there at their size, the target is complete and kept.
     */
    readonly complete?: (text: string) => readonly WrittenFile[] | undefined;
  };
}

/** With `resume`: the files of a target a run of the same identity completed (all there at their size), else undefined. */
async function completedTarget(path: string, options: DirectoryOptions): Promise<WrittenFile[] | undefined> {
  const last = options.last;
  if (options.resume !== true || last?.complete === undefined) return undefined;
  let files: readonly WrittenFile[] | undefined;
  try {
    files = last.complete(await readFile(join(path, last.name), 'utf8'));
  } catch {
    return undefined; // no last file, or not one this run reads
  }
  if (files === undefined) return undefined;
  for (const file of files) {
    const size = await stat(join(path, file.name)).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1,
    );
    if (size !== file.bytes) return undefined;
  }
  return [...files];
}

/** Why `--resume` does not keep the run completed in a directory: what its last file (the manifest) says differs. */
async function otherRunThere(file: string, last: string, identity: string | undefined): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const differences = identity === undefined ? [] : runDifferences(text, identity, ['files']);
  return differences.length > 0
    ? ` (its ${last} says a run with other settings completed there: ${differences.join('; ')}; --resume continues only the same command)`
    : ` (its ${last} says a run with other settings or another schema completed there, or a file it lists was changed: datagen verify tells which; --resume continues only the same command)`;
}

async function checkTarget(
  path: string,
  given: string,
  last: string | undefined,
  resume: boolean,
  identity?: string,
): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return; // missing: made by the rename
  }
  if (!info.isDirectory()) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--file ${given}: this format writes one file per table into a directory, and ${given} is ${pathKind(info)}; give a new or empty directory`,
      { path: given },
    );
  }
  const names = await readdir(path);
  if (names.length > 0) {
    const complete =
      last === undefined || !names.includes(last)
        ? ''
        : resume
          ? await otherRunThere(join(path, last), last, identity)
          : ` (its ${last} says a run completed there)`;
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--file ${given}: the directory is not empty${complete}; give a new or empty directory (nothing is overwritten)`,
      { path: given },
    );
  }
}

/** A pass-through that counts and hashes what goes to disk. */
function measure(): { transform: Transform; result: () => { bytes: number; sha256: string } } {
  const hash = sha256();
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
  signal: AbortSignal,
): Promise<WrittenFile> {
  const measured = measure();
  const path = join(directory, file.name);
  const compression = options.compression;
  if (compression === undefined) {
    // Each chunk handed back to its maker once written (file-sink.ts): no buffer per chunk.
    const handle = await open(path, 'w');
    try {
      await pipeline(file.chunks(), measured.transform, fileWritable(handle), { signal });
    } finally {
      await handle.close();
    }
    return { name: file.name, rows: file.rows?.() ?? 0, ...measured.result() };
  }
  // 'w': a file an interrupted run left half-written (never recorded) is written again.
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  if (compression.method === 'zstd') {
    await pipeline(zstdFrames(file.chunks(), compression.level), measured.transform, out, { signal });
  } else {
    await pipeline(file.chunks(), createGzip({ level: compression.level }), measured.transform, out, {
      signal,
    });
  }
  return { name: file.name, rows: file.rows?.() ?? 0, ...measured.result() };
}

/** A failure after complete files were recorded (a full disk): said with where they are kept and how to go on. */
function keptForResume(failure: DatagenError, temporary: string, files: number): DatagenError {
  return new DatagenError(
    failure.code,
    `${failure.message}; the ${files} complete file${files === 1 ? ' is' : 's are'} kept in ${temporary}: run the same command with --resume to continue (without it, the next run removes them)`,
    { ...failure.data, kept: temporary, files },
    { cause: failure.cause ?? failure, exitCode: failure.exitCode },
  );
}

/** Write `text` as `name` in `directory` by a temporary name and a rename. */
async function writeLast(directory: string, name: string, text: string): Promise<void> {
  const temporary = join(directory, `.${name}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, join(directory, name));
}

/**
 * Write the files `produce` yields into the directory `target` (missing or
 * empty) through a temporary directory renamed into place at the end.
 * `produce` yields lanes: each a sequence of files written one after
 * another (a table's chunks: the next one starts where the last ended),
 * `concurrency` lanes at once (default 1: every file in turn); after a
 * failure no file starts and the files being written are stopped. `produce`
 * is given the files an interrupted run already wrote (with `resume`), and a
 * file it yields under one of those names is kept as it is. Returns what was
 * written, in the lanes' order (with `resume`, a target the same run
 * completed is kept as it is: its files).
 */
export async function writeDirectory(
  target: string,
  produce: (kept: KeptFiles) => Iterable<Iterable<OutputFile>>,
  options: DirectoryOptions & { readonly concurrency?: number } = {},
): Promise<WrittenFile[]> {
  // An existing target (or a symlink to one) is replaced where it really is.
  const finalPath = await directoryTargetPath(target).catch((error: unknown) => {
    throw ioError(error, target, 'write');
  });
  const completed = await completedTarget(finalPath, options);
  if (completed !== undefined) return completed;
  await checkTarget(finalPath, target, options.last?.name, options.resume === true, options.identity);
  const temporary = temporaryPathFor(finalPath);
  const kept =
    options.resume === true && options.identity !== undefined
      ? await adoptInterrupted(finalPath, options.identity, temporary)
      : new Map<string, WrittenFile>();
  await removeStaleTemporaries(finalPath);
  if (kept.size === 0) {
    try {
      await mkdir(temporary);
    } catch (error) {
      throw ioError(error, target, 'write', finalPath);
    }
  }
  // A signal keeps the complete files for --resume when a progress record names them.
  const tracked = trackTemporary(temporary, { resumable: options.identity !== undefined });
  let progress: Progress | undefined;
  try {
    progress = await openProgress(temporary, options.identity, kept);
    const record = progress.record;
    const written = await inLanes(produce(kept), options.concurrency ?? 1, async (file, signal) => {
      const previous = kept.get(file.name);
      if (previous !== undefined) return previous;
      const done = await writeOne(temporary, file, options, signal);
      await record(done);
      return done;
    });
    // The last file before the record goes: a full disk here still leaves a run --resume completes.
    if (options.last) await writeLast(temporary, options.last.name, options.last.text(written));
    await progress.remove();
    await keepPermissions(finalPath, temporary);
    await rename(temporary, finalPath);
    return written;
  } catch (error) {
    const failure = ioError(error, target, 'write');
    // An I/O failure (a full disk: the system's error code) keeps the complete files; any other failure none.
    const system = systemCodeOf(error) !== null;
    if (system && failure instanceof DatagenError && (await keepRecorded(temporary, progress)))
      throw keptForResume(failure, temporary, progress?.recorded.size ?? 0);
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw failure;
  } finally {
    tracked.release();
  }
}
