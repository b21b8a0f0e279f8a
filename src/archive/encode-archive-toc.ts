/**
 * The archive header and table of contents, byte for byte as pg_dump writes
 * them for archive version 1.14 (WriteHead and WriteToc in
 * pg_backup_archiver.c). The custom format ends each entry with a data offset,
 * the directory format's toc.dat with a file name.
 */
import type { ArchiveEntry, ArchiveHeader, ArchiveSection } from './archive-entry.js';
import { createByteWriter, K_OFFSET_NO_DATA, type OffsetFlag } from './byte-writer.js';

/** K_VERS_1_14: the newest version every pg_restore from 12 to 18 reads. */
export const ARCHIVE_VERSION = { major: 1, minor: 14, rev: 0 } as const;

/** pg_dump's ArchiveFormat codes. A directory archive's toc.dat says archTar (3), not archDirectory. */
export const ARCH_CUSTOM = 1;
export const ARCH_TAR = 3;

const SECTION_CODES: Record<ArchiveSection, number> = {
  none: 1,
  'pre-data': 2,
  data: 3,
  'post-data': 4,
};

/**
 * The header: magic, version, sizes, format, compression level, creation time
 * (UTC `struct tm`), database name and version strings.
 *
 * `compressionLevel` is 1.14's int field: 0 for none, 1..9 for zlib.
 */
export function encodeArchiveHeader(
  header: ArchiveHeader,
  format: number,
  compressionLevel: number,
): Uint8Array {
  const w = createByteWriter(256, header.encode);
  w.bytes(new TextEncoder().encode('PGDMP'));
  w.byte(ARCHIVE_VERSION.major);
  w.byte(ARCHIVE_VERSION.minor);
  w.byte(ARCHIVE_VERSION.rev);
  w.byte(4); // intSize
  w.byte(8); // offSize
  w.byte(format);
  w.int(compressionLevel);
  const t = header.createdAt;
  if (Number.isNaN(t.getTime())) throw new RangeError('archive header: createdAt is an invalid Date');
  w.int(t.getUTCSeconds());
  w.int(t.getUTCMinutes());
  w.int(t.getUTCHours());
  w.int(t.getUTCDate());
  w.int(t.getUTCMonth()); // tm_mon is 0-based
  w.int(t.getUTCFullYear() - 1900);
  w.int(0); // tm_isdst: the fields are UTC
  w.str(header.dbname);
  w.str(header.remoteVersion);
  w.str(header.pgDumpVersion);
  return w.view().slice();
}

/** Where an entry's data is: the custom format's offset field, or the directory format's file name. */
export type TocExtra =
  | { readonly kind: 'offset'; readonly flag: OffsetFlag; readonly position: number }
  | { readonly kind: 'file'; readonly name: string };

/**
 * The TOC: tocCount, then each entry's fields in 1.14 order, ending with the
 * format-specific `extra` (see TocExtra).
 */
export function encodeArchiveToc(
  entries: readonly ArchiveEntry[],
  extra: (entry: ArchiveEntry, index: number) => TocExtra,
  encode?: (text: string) => Uint8Array,
): Uint8Array {
  const w = createByteWriter(64 * 1024, encode);
  w.int(entries.length);
  entries.forEach((entry, index) => {
    w.int(entry.dumpId);
    w.int(entry.data === undefined ? 0 : 1); // hadDumper
    w.str(String(entry.catalogId?.tableoid ?? 0));
    w.str(String(entry.catalogId?.oid ?? 0));
    w.str(entry.tag);
    w.str(entry.desc);
    w.int(SECTION_CODES[entry.section]);
    w.str(entry.defn);
    w.str(entry.dropStmt);
    w.str(entry.copyStmt ?? null);
    w.str(entry.namespace);
    w.str(entry.tablespace ?? null);
    w.str(entry.tableam ?? null);
    w.str(entry.owner);
    w.str('false'); // withOids: readers strcmp it with "true", so never NULL
    for (const dep of entry.dependencies) w.str(String(dep));
    w.str(null); // end of the dependency list
    const e = extra(entry, index);
    if (e.kind === 'offset') w.offset(e.flag, e.position);
    else w.str(e.name);
  });
  return w.view().slice();
}

/** The extra field of an entry without data in the custom format. */
export const NO_DATA_OFFSET: TocExtra = { kind: 'offset', flag: K_OFFSET_NO_DATA, position: 0 };

/**
 * Check what pg_restore would reject or silently misread: dumpIds must be
 * positive integers and unique.
 */
export function checkArchiveEntries(entries: readonly ArchiveEntry[]): void {
  const seen = new Set<number>();
  for (const e of entries) {
    if (!Number.isInteger(e.dumpId) || e.dumpId <= 0) {
      throw new RangeError(
        `archive entry ${e.desc} ${e.tag}: dumpId must be a positive integer, got ${e.dumpId}`,
      );
    }
    if (seen.has(e.dumpId))
      throw new RangeError(`archive entry ${e.desc} ${e.tag}: duplicate dumpId ${e.dumpId}`);
    seen.add(e.dumpId);
  }
}
