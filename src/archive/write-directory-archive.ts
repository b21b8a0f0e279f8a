/**
 * Writes a pg_dump directory-format archive (`pg_dump -Fd`): `toc.dat` (the
 * custom format's header and TOC, with format byte 3 and a file name per
 * entry instead of an offset) and one `<dumpId>.dat` or `<dumpId>.dat.gz`
 * (a real gzip file) per data entry. The data files are independent, so
 * several are written at once, each also compressed on the shared pool.
 *
 * Everything is written into a temporary directory next to the target and
 * renamed into place at the end; the target may be missing or an empty
 * directory (as pg_dump allows).
 */

import { mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { removeStaleTemporaries, temporaryPathFor, trackTemporary } from '../sink/temporary-files.js';
import { resolveArchiveCompression } from './archive-compression.js';
import { type ArchiveDataSummary, type ArchiveSummary, COPY_TERMINATOR } from './archive-entry.js';
import { archiveIoError } from './archive-io-error.js';
import { openFileSink } from './archive-sink.js';
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

async function checkTarget(path: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    return; // missing: fine
  }
  const empty = isDirectory && (await readdir(path)).length === 0;
  if (!empty) throw archiveIoError(Object.assign(new Error('exists'), { code: 'EEXIST' }), path);
}

class StoppedError extends Error {}

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
  // An existing target (or a symlink to one) is replaced where it really is.
  const finalPath = await realpath(options.output).catch(() => resolve(options.output));
  await checkTarget(finalPath);
  await removeStaleTemporaries(finalPath);
  const tempPath = temporaryPathFor(finalPath);
  try {
    await mkdir(tempPath);
  } catch (error) {
    throw archiveIoError(error, options.output);
  }
  const tracked = trackTemporary(tempPath);
  const suffix = compression.compressed ? '.dat.gz' : '.dat';
  const dataIndexes = entries.flatMap((e, i) => (e.data === undefined ? [] : [i]));
  const data: (ArchiveDataSummary | undefined)[] = new Array(dataIndexes.length);
  const pool: DeflatePool | null = compression.compressed
    ? createDeflatePool(workers, options.budget, options.deflateThreads)
    : null;
  let failure: unknown = null;
  let bytes = 0;

  const writeDataFile = async (slot: number): Promise<void> => {
    const entry = entries[dataIndexes[slot]!]!;
    const file = `${entry.dumpId}${suffix}`;
    const sink = await openFileSink(join(tempPath, file), { sync, insideTemporary: true });
    try {
      for await (const event of streamPayloads([entry.data!], {
        wrapper: compression.compressed ? 'gzip' : 'none',
        pool,
        level: compression.level,
        chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
        maxInFlight: Math.min(workers, availableParallelism()) + 1,
        terminator: COPY_TERMINATOR,
        frameSize: 0,
      })) {
        if (failure !== null) throw new StoppedError('stopped');
        if (event.kind === 'bytes') await sink.write(event.bytes);
        else if (event.kind === 'end') {
          data[slot] = {
            dumpId: entry.dumpId,
            namespace: entry.namespace,
            tag: entry.tag,
            payloadBytes: event.payloadBytes,
            storedBytes: event.storedBytes,
            offset: null,
            file,
          };
        }
      }
      bytes += sink.position;
      await sink.commit();
    } catch (error) {
      await sink.abort();
      throw error;
    }
  };

  try {
    let next = 0;
    const concurrency = Math.max(1, Math.min(workers, dataIndexes.length));
    const loops = Array.from({ length: concurrency }, async () => {
      while (next < dataIndexes.length && failure === null) {
        const slot = next++;
        try {
          await writeDataFile(slot);
        } catch (error) {
          if (!(error instanceof StoppedError)) failure ??= error;
        }
      }
    });
    await Promise.all(loops);
    if (failure !== null) throw failure;

    const tocBytes = Buffer.concat([
      encodeArchiveHeader(header, ARCH_TAR, compression.level),
      encodeArchiveToc(entries, (entry) => ({
        kind: 'file',
        name: entry.data === undefined ? '' : `${entry.dumpId}.dat`,
      })),
    ]);
    const tocSink = await openFileSink(join(tempPath, 'toc.dat'), { sync, insideTemporary: true });
    try {
      await tocSink.write(tocBytes);
      await tocSink.commit();
    } catch (error) {
      await tocSink.abort();
      throw error;
    }
    bytes += tocBytes.length;
    try {
      await rename(tempPath, finalPath);
    } catch (error) {
      throw archiveIoError(error, options.output);
    }
  } catch (error) {
    await rm(tempPath, { recursive: true, force: true });
    throw error;
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
