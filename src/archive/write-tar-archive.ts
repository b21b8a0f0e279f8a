/**
 * Writes a pg_dump tar-format archive (`pg_dump -Ft`): a tar file whose
 * members are, in this order (pg_backup_tar.c, _CloseArchive):
 *
 *   toc.dat        the header (format byte 3, archTar) and the TOC, with a
 *                  file name per data entry, as in the directory format
 *   NNNN.dat       each TABLE DATA entry's COPY text, in TOC order (pg_restore
 *                  reads the file front to back and refuses data out of order)
 *   restore.sql    a psql script of the whole archive whose COPY statements
 *                  read `$$PATH$$/NNNN.dat` (for users who untar by hand)
 *
 * then two zero blocks. The tar format is never compressed (pg_dump refuses
 * `-Ft -Z`). A member's size goes in its header, before its bytes: on a
 * file the header is written first and patched when the member ends; on a
 * pipe each member is first spooled to a temporary file, as pg_dump does.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatagenError, ErrorCodes } from '../errors.js';
import { scratchDirectory } from '../input/scratch-directory.js';
import { trackTemporary } from '../sink/temporary-files.js';
import { resolveArchiveCompression } from './archive-compression.js';
import {
  type ArchiveDataSummary,
  type ArchiveEntry,
  type ArchiveSummary,
  COPY_TERMINATOR,
} from './archive-entry.js';
import { type ArchiveSink, createStreamSink, openFileSink } from './archive-sink.js';
import {
  ARCH_TAR,
  checkArchiveEntries,
  encodeArchiveHeader,
  encodeArchiveToc,
} from './encode-archive-toc.js';
import { streamPayloads } from './payload-stream.js';
import { TAR_BLOCK_SIZE, TAR_TRAILER, tarHeader, tarPadding } from './tar-member.js';
import { DEFAULT_CHUNK_SIZE, type WriteCustomArchiveOptions } from './write-custom-archive.js';

export type WriteTarArchiveOptions = WriteCustomArchiveOptions;

const SPECIAL = new Set(['ENCODING', 'STDSTRINGS', 'SEARCHPATH']);

const dataFile = (entry: ArchiveEntry): string => `${entry.dumpId}.dat`;

/** Refuse compression: pg_dump's tar format has none. */
function checkUncompressed(options: WriteTarArchiveOptions): void {
  if (resolveArchiveCompression(options.compression).compressed) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      'the tar format is not compressed (pg_dump refuses -Ft with -Z too): use --compress none, or the custom or directory format',
      { compression: options.compression },
    );
  }
}

/**
 * The script pg_dump puts in restore.sql: the archive as a plain script,
 * each COPY reading its extracted data file.
 */
export function tarRestoreScript(entries: readonly ArchiveEntry[]): string {
  const parts = [
    '--\n-- NOTE:\n--\n-- File paths need to be edited. Search for $$PATH$$ and\n' +
      '-- replace it with the path to the directory containing\n-- the extracted data files.\n--\n\n',
  ];
  for (const e of entries) {
    if (SPECIAL.has(e.desc)) {
      parts.push(e.defn ?? '');
      continue;
    }
    if (e.desc === 'DATABASE') continue; // restored only with -C, into a database of its own
    const kind = e.data === undefined ? '' : 'Data for ';
    const schema = e.namespace ?? '-';
    parts.push(
      `\n--\n-- ${kind}Name: ${e.tag}; Type: ${e.desc}; Schema: ${schema}; Owner: ${e.owner ?? '-'}\n--\n\n`,
    );
    if (e.data !== undefined && e.copyStmt)
      parts.push(e.copyStmt.replace(/FROM stdin;\n$/, () => `FROM '$$PATH$$/${dataFile(e)}';\n`));
    else parts.push(e.defn ?? '');
  }
  return parts.join('');
}

/** One member: header, bytes, padding. Returns the member's content size. */
async function writeMember(
  sink: ArchiveSink,
  name: string,
  mtime: Date,
  bytes: AsyncIterable<Uint8Array> | Uint8Array,
  spoolDir: () => Promise<string>,
): Promise<number> {
  if (bytes instanceof Uint8Array) {
    await sink.write(tarHeader(name, bytes.length, mtime));
    await sink.write(bytes);
    await sink.write(tarPadding(bytes.length));
    return bytes.length;
  }
  if (sink.seekable) {
    const at = sink.position;
    await sink.write(new Uint8Array(TAR_BLOCK_SIZE));
    let size = 0;
    for await (const chunk of bytes) {
      await sink.write(chunk);
      size += chunk.length;
    }
    await sink.patch(tarHeader(name, size, mtime), at);
    await sink.write(tarPadding(size));
    return size;
  }
  // A pipe: the size must come first, so the member goes through a temporary file.
  const path = join(await spoolDir(), name);
  const spool = await openFileSink(path, { sync: false, insideTemporary: true });
  let size = 0;
  try {
    for await (const chunk of bytes) {
      await spool.write(chunk);
      size += chunk.length;
    }
    await spool.commit();
  } catch (error) {
    await spool.abort();
    throw error;
  }
  await sink.write(tarHeader(name, size, mtime));
  for await (const chunk of createReadStream(path)) await sink.write(chunk as Buffer);
  await rm(path, { force: true });
  await sink.write(tarPadding(size));
  return size;
}

/** A payload followed by pg_dump's `\.` terminator, in fresh chunks (the producer reuses its buffer). */
async function* payloadWithTerminator(
  data: () => AsyncIterable<Uint8Array>,
  chunkSize: number,
): AsyncIterable<Uint8Array> {
  for await (const event of streamPayloads([data], {
    wrapper: 'none',
    pool: null,
    level: 0,
    chunkSize,
    maxInFlight: 2,
    terminator: COPY_TERMINATOR,
    frameSize: 0,
  })) {
    if (event.kind === 'bytes') yield event.bytes;
  }
}

/**
 * Write a tar-format archive (toc.dat version 1.14) that pg_restore 12 and
 * later read and list (pg_restore restores tar archives serially: no `-j`).
 */
export async function writeTarArchive(options: WriteTarArchiveOptions): Promise<ArchiveSummary> {
  const { entries, header } = options;
  checkUncompressed(options);
  checkArchiveEntries(entries);
  const output = options.output;
  const sink =
    typeof output === 'string'
      ? await openFileSink(output, { sync: options.sync ?? true })
      : createStreamSink(output);
  let spool: { dir: string; tracked: { release(): void } } | null = null;
  const spoolDir = async () => {
    if (spool === null) {
      const dir = await scratchDirectory('datagen-tar', "the tar archive's spooled data");
      spool = { dir, tracked: trackTemporary(dir) };
    }
    return spool.dir;
  };
  const mtime = header.createdAt;
  const data: ArchiveDataSummary[] = [];
  try {
    const toc = Buffer.concat([
      encodeArchiveHeader(header, ARCH_TAR, 0),
      encodeArchiveToc(
        entries,
        (entry) => ({
          kind: 'file',
          name: entry.data === undefined ? '' : dataFile(entry),
        }),
        header.encode,
      ),
    ]);
    await writeMember(sink, 'toc.dat', mtime, toc, spoolDir);
    for (const entry of entries) {
      if (entry.data === undefined) continue;
      const bytes = payloadWithTerminator(entry.data, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
      const size = await writeMember(sink, dataFile(entry), mtime, bytes, spoolDir);
      const payloadBytes = size - COPY_TERMINATOR.length;
      data.push({
        dumpId: entry.dumpId,
        namespace: entry.namespace,
        tag: entry.tag,
        payloadBytes,
        storedBytes: size,
        offset: null,
        file: dataFile(entry),
      });
    }
    await writeMember(
      sink,
      'restore.sql',
      mtime,
      (header.encode ?? ((text: string) => Buffer.from(text, 'utf8')))(tarRestoreScript(entries)),
      spoolDir,
    );
    await sink.write(TAR_TRAILER);
    const bytes = sink.position;
    await sink.commit();
    return {
      format: 'tar',
      path: typeof output === 'string' ? output : null,
      bytes,
      tocEntries: entries.length,
      payloadBytes: data.reduce((sum, d) => sum + d.payloadBytes, 0),
      data,
    };
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    const s = spool as { dir: string; tracked: { release(): void } } | null;
    if (s !== null) {
      await rm(s.dir, { recursive: true, force: true });
      s.tracked.release();
    }
  }
}
