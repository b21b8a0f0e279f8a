/**
 * Writes a pg_dump directory-format archive (`pg_dump -Fd`): `toc.dat` (the
 * custom format's header and TOC, with format byte 3 and a file name per
 * entry instead of an offset) and one `<dumpId>.dat` or `<dumpId>.dat.gz`
 * (a real gzip file) per data entry, written in turn from one payload
 * stream compressed on the shared pool (its read-ahead crossing into the
 * next file).
 *
 * Everything is written into a temporary directory next to the target and
 * renamed into place at the end; the target may be missing or an empty
 * directory (as pg_dump allows).
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DatagenError, ErrorCodes } from '../errors.js';
import { directoryTargetPath, keepPermissions, pathKind } from '../sink/output-target.js';
import { removeStaleTemporaries, temporaryPathFor, trackTemporary } from '../sink/temporary-files.js';
import { resolveArchiveCompression } from './archive-compression.js';
import {
  type ArchiveDataSummary,
  type ArchiveEntry,
  type ArchiveSummary,
  COPY_TERMINATOR,
} from './archive-entry.js';
import { type ArchiveIoErrorData, archiveIoError } from './archive-io-error.js';
import { type ArchiveSink, openFileSink } from './archive-sink.js';
import { createDeflatePool, type DeflatePool } from './deflate-pool.js';
import {
  ARCH_TAR,
  checkArchiveEntries,
  encodeArchiveHeader,
  encodeArchiveToc,
} from './encode-archive-toc.js';
import { streamPayloads } from './payload-stream.js';
import { DEFAULT_CHUNK_SIZE, resolveWorkers, type WriteArchiveOptions } from './write-custom-archive.js';

export interface WriteDirectoryArchiveOptions extends WriteArchiveOptions {
  /** The archive directory: must not exist, or be empty. */
  readonly output: string;
}

/** The target missing or empty, else an error naming it as the user wrote it (`given`). */
async function checkTarget(path: string, given: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return; // missing: fine
  }
  // A file or a device (`-f /dev/sdb`): not "remove it", which would be wrong advice for a device.
  if (!info.isDirectory())
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--file ${given}: the directory format writes a directory (toc.dat and a file per table), and ${given} is ${pathKind(info)}; give a new or empty directory (for one file, use -F c or -F t)`,
      { path: given },
    );
  const empty = (await readdir(path)).length === 0;
  if (!empty) throw archiveIoError(Object.assign(new Error('exists'), { code: 'EEXIST' }), given);
}

/**
 * A failure writing a file in the temporary directory (a full disk at 8.dat.gz) told of the directory the
 * user gave: its temporary name (.out.datagen-123-ab.tmp/8.dat.gz) is removed by then and means nothing to them.
 */
export function givenDirectory(error: unknown, tempPath: string, output: string): unknown {
  if (!(error instanceof DatagenError) || error.code !== ErrorCodes.IO) return error;
  const { path } = error.data as Partial<ArchiveIoErrorData>;
  if (typeof path !== 'string' || !path.startsWith(tempPath)) return error;
  return archiveIoError(error.cause ?? error, output);
}

/**
 * Write a directory-format archive (toc.dat version 1.14) that pg_restore 12
 * and later read, restore in parallel and list.
 */
export async function writeDirectoryArchive(options: WriteDirectoryArchiveOptions): Promise<ArchiveSummary> {
  const { entries, header } = options;
  const compression = resolveArchiveCompression(options.compression);
  checkArchiveEntries(entries);
  const workers = resolveWorkers(options.workers);
  const sync = options.sync ?? true;
  const { finalPath, tempPath } = await makeTemporaryDirectory(options.output);
  const tracked = trackTemporary(tempPath);
  const dataIndexes = entries.flatMap((e, i) => (e.data === undefined ? [] : [i]));
  const data: (ArchiveDataSummary | undefined)[] = new Array(dataIndexes.length);
  const pool: DeflatePool | null = compression.compressed
    ? createDeflatePool(workers, options.budget, options.deflateThreads)
    : null;
  const files: DataFiles = {
    tempPath,
    sync,
    pool,
    level: compression.level,
    ...(compression.memLevel === undefined ? {} : { memLevel: compression.memLevel }),
    compressed: compression.compressed,
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    workers,
  };
  let bytes = 0;
  try {
    const written = await writeDataFiles(
      files,
      dataIndexes.map((i) => entries[i]!),
    );
    written.forEach((w, slot) => {
      data[slot] = w.summary;
      bytes += w.bytes;
    });
    const tocBytes = Buffer.concat([
      encodeArchiveHeader(header, ARCH_TAR, compression.level),
      encodeArchiveToc(
        entries,
        (entry) => ({
          kind: 'file',
          name: entry.data === undefined ? '' : `${entry.dumpId}.dat`,
        }),
        header.encode,
      ),
    ]);
    await writeWholeFile(join(tempPath, 'toc.dat'), tocBytes, sync);
    bytes += tocBytes.length;
    try {
      await keepPermissions(finalPath, tempPath);
      await rename(tempPath, finalPath);
    } catch (error) {
      throw archiveIoError(error, options.output);
    }
  } catch (error) {
    await rm(tempPath, { recursive: true, force: true });
    throw givenDirectory(error, tempPath, options.output);
  } finally {
    tracked.release();
    await pool?.close();
  }
  return {
    format: 'directory',
    path: options.output,
    bytes,
    tocEntries: entries.length,
    payloadBytes: data.reduce((sum, d) => sum + (d?.payloadBytes ?? 0), 0),
    data: data.filter((d): d is ArchiveDataSummary => d !== undefined),
  };
}

/**
 * The target checked (missing or empty; an existing one, or a symlink to
 * one, is replaced where it really is), stale temporaries removed, and the
 * temporary directory the archive is written into made next to it.
 */
async function makeTemporaryDirectory(output: string): Promise<{ finalPath: string; tempPath: string }> {
  const finalPath = await directoryTargetPath(output).catch((error: unknown) => {
    throw archiveIoError(error, output);
  });
  await checkTarget(finalPath, output);
  await removeStaleTemporaries(finalPath);
  const tempPath = temporaryPathFor(finalPath);
  try {
    // 0700 as pg_dump -Fd makes it (an existing empty target keeps its own mode: keepPermissions).
    await mkdir(tempPath, { mode: 0o700 });
  } catch (error) {
    throw archiveIoError(error, output);
  }
  return { finalPath, tempPath };
}

/** How the data files are written: where, synced or not, compressed on which pool. */
interface DataFiles {
  readonly tempPath: string;
  readonly sync: boolean;
  readonly pool: DeflatePool | null;
  readonly level: number;
  readonly memLevel?: number;
  readonly compressed: boolean;
  readonly chunkSize: number;
  readonly workers: number;
}

/** Written files being synced and closed at once while the next is written. */
const FILES_CLOSING = 4;

/**
 * Every data entry's `<dumpId>.dat[.gz]`, in order, from one payload stream
 * (as the custom format's): its read-ahead and compression carry on into the
 * next entry while a file is written, and a file's sync and close overlap the
 * next one's writing. One file written at a time, not one per thread: two
 * tables' blocks and chunks in flight at -j 2 held more at the peak (the
 * ecommerce template at 300 MB, -j 2: 201.5 -> 194 MiB peak RSS). Each file's bytes are its
 * own payload's, so they do not depend on how many are written at once.
 */
async function writeDataFiles(
  files: DataFiles,
  entries: readonly ArchiveEntry[],
): Promise<{ summary: ArchiveDataSummary; bytes: number }[]> {
  const written: { summary: ArchiveDataSummary; bytes: number }[] = [];
  const closing: Promise<void>[] = [];
  let sink: ArchiveSink | null = null;
  let file = '';
  try {
    for await (const event of streamPayloads(
      entries.map((e) => e.data!),
      {
        wrapper: files.compressed ? 'gzip' : 'none',
        pool: files.pool,
        level: files.level,
        ...(files.memLevel === undefined ? {} : { memLevel: files.memLevel }),
        chunkSize: files.chunkSize,
        // As the custom format's: a chunk per compressing thread and two waiting.
        maxInFlight: Math.min(files.workers, availableParallelism()) + 2,
        terminator: COPY_TERMINATOR,
        frameSize: 0,
      },
    )) {
      if (event.kind === 'start') {
        file = `${entries[event.index]!.dumpId}${files.compressed ? '.dat.gz' : '.dat'}`;
        sink = await openFileSink(join(files.tempPath, file), { sync: files.sync, insideTemporary: true });
      } else if (event.kind === 'bytes') await sink!.write(event.bytes);
      else {
        const entry = entries[event.index]!;
        const done = sink!;
        sink = null;
        written.push({
          summary: {
            dumpId: entry.dumpId,
            namespace: entry.namespace,
            tag: entry.tag,
            payloadBytes: event.payloadBytes,
            storedBytes: event.storedBytes,
            offset: null,
            file,
          },
          bytes: done.position,
        });
        // Synced and closed while the next files are written (a few at once: thousands of small tables
        // keep no more files open); a failure is thrown here or below.
        const commit = done.commit().catch(async (error: unknown) => {
          await done.abort();
          throw error;
        });
        commit.catch(() => undefined);
        closing.push(commit);
        if (closing.length > FILES_CLOSING) await closing.shift();
      }
    }
  } catch (error) {
    await sink?.abort();
    await Promise.allSettled(closing);
    throw error;
  }
  await Promise.all(closing);
  return written;
}

/** A file written whole into the temporary directory (removed again if it fails). */
async function writeWholeFile(path: string, bytes: Uint8Array, sync: boolean): Promise<void> {
  const sink = await openFileSink(path, { sync, insideTemporary: true });
  try {
    await sink.write(bytes);
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
