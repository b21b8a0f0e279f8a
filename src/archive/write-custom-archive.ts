/**
 * Writes a pg_dump custom-format archive (`pg_dump -Fc`): header, TOC, then
 * one data block per entry with data, in TOC order.
 *
 * To a file path: the TOC is written with "position not set" placeholders,
 * the blocks are streamed while their positions are recorded, then the TOC is
 * rewritten in place with the real positions (offsets are fixed width, so it
 * keeps its length), exactly as pg_dump does; `pg_restore -j` needs them. To a
 * stream: the placeholders stay, which pg_restore reads serially (`-f`, `-d`).
 */
import { availableParallelism } from 'node:os';
import { resolveArchiveCompression } from './archive-compression.js';
import {
  type ArchiveCompression,
  type ArchiveDataSummary,
  type ArchiveEntry,
  type ArchiveHeader,
  type ArchiveSummary,
  COPY_TERMINATOR,
} from './archive-entry.js';
import { createStreamSink, openFileSink } from './archive-sink.js';
import { createByteWriter, K_OFFSET_POS_NOT_SET, K_OFFSET_POS_SET } from './byte-writer.js';
import { createDeflatePool, type DeflateThreads } from './deflate-pool.js';
import {
  ARCH_CUSTOM,
  checkArchiveEntries,
  encodeArchiveHeader,
  encodeArchiveToc,
  NO_DATA_OFFSET,
  type TocExtra,
} from './encode-archive-toc.js';
import { streamPayloads } from './payload-stream.js';
import type { ThreadBudget } from './thread-budget.js';

export interface WriteArchiveOptions {
  /** In TOC order (see buildArchiveEntries). */
  readonly entries: readonly ArchiveEntry[];
  readonly header: ArchiveHeader;
  readonly compression: ArchiveCompression;
  /** Compression threads; default: every core (`os.availableParallelism()`). Output does not depend on it. */
  readonly workers?: number;
  /** Worker jobs the whole run may have at once (shared with row generation); none: only `workers` caps compression. */
  readonly budget?: ThreadBudget;
  /** Threads that compress instead of the deflate pool's own (the run's generation workers, which hold the budget's tokens). */
  readonly deflateThreads?: DeflateThreads;
  /** fsync before the final rename (default true). */
  readonly sync?: boolean;
  /** Uncompressed bytes compressed as one piece (default 1 MiB). Part of the output's identity. */
  readonly chunkSize?: number;
}

export interface WriteCustomArchiveOptions extends WriteArchiveOptions {
  /** A file path (seekable: real offsets), or a stream such as process.stdout (offsets not set; not ended). */
  readonly output: string | NodeJS.WritableStream;
}

const BLK_DATA = 1;
/** Length of each chunk in a data block; pg_restore keeps one buffer of the largest. */
const FRAME_SIZE = 64 * 1024;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/** Defaults shared with the directory writer. */
export function resolveWorkers(workers: number | undefined): number {
  const n = workers ?? availableParallelism();
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`workers must be a positive integer, got ${n}`);
  return n;
}

function intBytes(value: number): Uint8Array {
  const w = createByteWriter(8);
  w.int(value);
  return w.view().slice();
}

/**
 * Write a custom-format archive (version 1.14) that pg_restore 12 and later
 * read, restore in parallel (`-j`, when written to a file) and list (`-l`).
 *
 * @example
 * await writeCustomArchive({ entries, header: { dbname: 'shop', createdAt: new Date(0),
 *   remoteVersion: '15.0', pgDumpVersion: '15.0' }, compression: { method: 'gzip', level: 6 },
 *   output: 'shop.dump' });
 */
export async function writeCustomArchive(options: WriteCustomArchiveOptions): Promise<ArchiveSummary> {
  const { entries, header } = options;
  const compression = resolveArchiveCompression(options.compression);
  checkArchiveEntries(entries);
  const workers = resolveWorkers(options.workers);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const dataEntries = entries.filter((e) => e.data !== undefined);
  const positions = new Map<number, number>();
  const headerBytes = encodeArchiveHeader(header, ARCH_CUSTOM, compression.level);
  const encodeToc = (withPositions: boolean): Uint8Array =>
    encodeArchiveToc(
      entries,
      (entry): TocExtra => {
        if (entry.data === undefined) return NO_DATA_OFFSET;
        const position = positions.get(entry.dumpId);
        return withPositions && position !== undefined
          ? { kind: 'offset', flag: K_OFFSET_POS_SET, position }
          : { kind: 'offset', flag: K_OFFSET_POS_NOT_SET, position: 0 };
      },
      header.encode,
    );

  const output = options.output;
  const sink =
    typeof output === 'string'
      ? await openFileSink(output, { sync: options.sync ?? true })
      : createStreamSink(output);
  const pool = compression.compressed
    ? createDeflatePool(workers, options.budget, options.deflateThreads)
    : null;
  const data: ArchiveDataSummary[] = [];
  let payloadBytes = 0;
  try {
    await sink.write(headerBytes);
    const placeholderToc = encodeToc(false);
    await sink.write(placeholderToc);
    const payloads = dataEntries.map((e) => e.data!);
    let blockStart = 0;
    for await (const event of streamPayloads(payloads, {
      wrapper: compression.compressed ? 'zlib' : 'none',
      pool,
      level: compression.level,
      ...(compression.memLevel === undefined ? {} : { memLevel: compression.memLevel }),
      chunkSize,
      // Counted from the cores that can compress at once, not `-j` (more threads than cores is no faster):
      // one chunk per compressing thread and two waiting. Twice that (6 at -j 2) held 1 MiB inputs and their
      // outputs for no speed (the template at --size 30MB -F c -j 2: peak RSS 212-218 -> 205-212 MiB).
      maxInFlight: Math.min(workers, availableParallelism()) + 2,
      terminator: COPY_TERMINATOR,
      frameSize: FRAME_SIZE,
    })) {
      if (event.kind === 'start') {
        const entry = dataEntries[event.index]!;
        blockStart = sink.position;
        positions.set(entry.dumpId, blockStart);
        const w = createByteWriter(8);
        w.byte(BLK_DATA);
        w.int(entry.dumpId);
        await sink.write(w.view().slice());
      } else if (event.kind === 'bytes') {
        await sink.write(event.bytes); // already cut into length-prefixed chunks
      } else {
        await sink.write(intBytes(0)); // end of this block's chunks
        const entry = dataEntries[event.index]!;
        payloadBytes += event.payloadBytes;
        data.push({
          dumpId: entry.dumpId,
          namespace: entry.namespace,
          tag: entry.tag,
          payloadBytes: event.payloadBytes,
          storedBytes: event.storedBytes,
          offset: sink.seekable ? blockStart : null,
          file: null,
        });
      }
    }
    if (sink.seekable && dataEntries.length > 0) {
      const finalToc = encodeToc(true);
      if (finalToc.length !== placeholderToc.length)
        throw new Error('internal: TOC length changed when patching');
      await sink.patch(finalToc, headerBytes.length);
    }
    const bytes = sink.position;
    await sink.commit();
    return {
      format: 'custom',
      path: typeof output === 'string' ? output : null,
      bytes,
      tocEntries: entries.length,
      payloadBytes,
      data,
    };
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    await pool?.close();
  }
}
