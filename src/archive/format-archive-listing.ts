/**
 * The listing `pg_restore -l` (version 12–15) prints for an archive, so users
 * can see what is inside without pg_restore. The creation time is shown in
 * UTC (pg_restore shows it in its own time zone).
 */
import { resolveArchiveCompression } from './archive-compression.js';
import type {
  ArchiveCompression,
  ArchiveEntry,
  ArchiveHeader,
  ArchiveOutputFormat,
} from './archive-entry.js';
import { ARCHIVE_VERSION } from './encode-archive-toc.js';

/** Entries pg_restore reads for itself and lists only with -v. */
const SPECIAL_DESCS = new Set(['ENCODING', 'STDSTRINGS', 'SEARCHPATH', 'DATABASE']);

// pg_restore's sanitize_line: one line per entry, whatever the names hold.
function sanitize(value: string | null, hyphenWhenEmpty: boolean): string {
  if (value === null || value === '') return hyphenWhenEmpty ? '-' : '';
  return value.replace(/[\r\n]/g, ' ');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Render the listing.
 *
 * @example
 * formatArchiveListing(entries, header, { format: 'custom', compression: { method: 'none', level: 0 } })
 * // ";\n; Archive created at 2026-01-02 03:04:05 UTC\n;     dbname: shop\n…\n5; 1259 0 TABLE public author postgres\n…"
 */
export function formatArchiveListing(
  entries: readonly ArchiveEntry[],
  header: ArchiveHeader,
  options: { readonly format: ArchiveOutputFormat; readonly compression: ArchiveCompression },
): string {
  const t = header.createdAt;
  const created =
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} UTC`;
  const { level } = resolveArchiveCompression(options.compression);
  const lines = [
    ';',
    `; Archive created at ${created}`,
    `;     dbname: ${sanitize(header.dbname, false)}`,
    `;     TOC Entries: ${entries.length}`,
    `;     Compression: ${level}`,
    `;     Dump Version: ${ARCHIVE_VERSION.major}.${ARCHIVE_VERSION.minor}-${ARCHIVE_VERSION.rev}`,
    `;     Format: ${options.format.toUpperCase()}`,
    ';     Integer: 4 bytes',
    ';     Offset: 8 bytes',
    `;     Dumped from database version: ${header.remoteVersion}`,
    `;     Dumped by pg_dump version: ${header.pgDumpVersion}`,
    ';',
    ';',
    '; Selected TOC Entries:',
    ';',
  ];
  for (const e of entries) {
    if (SPECIAL_DESCS.has(e.desc)) continue;
    lines.push(
      `${e.dumpId}; ${e.catalogId?.tableoid ?? 0} ${e.catalogId?.oid ?? 0} ${e.desc} ` +
        `${sanitize(e.namespace, true)} ${sanitize(e.tag, false)} ${sanitize(e.owner, false)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
