/**
 * The data model of a pg_dump archive: TOC entries, the header, the
 * compression choice and what a writer reports back. Plain data, shared by the
 * custom (`-Fc`) and directory (`-Fd`) writers and the listing.
 */

/** pg_dump's `teSection`. `none` is what pg_dump gives COMMENT/ACL entries. */
export type ArchiveSection = 'pre-data' | 'data' | 'post-data' | 'none';

/** One TOC entry, shaped as pg_dump's `ArchiveEntry()` takes it. */
export interface ArchiveEntry {
  /** Positive and unique; pg_restore sizes arrays by the largest, so keep them dense (1..N). */
  readonly dumpId: number;
  /** pg_dump's exact description keyword: `TABLE`, `TABLE DATA`, `FK CONSTRAINT`, … */
  readonly desc: string;
  readonly section: ArchiveSection;
  /** Schema name, unquoted; null for objects outside a schema (SCHEMA, EXTENSION, the special entries). */
  readonly namespace: string | null;
  /** Object name, unquoted (`table conname` for constraints, as pg_dump does). */
  readonly tag: string;
  /** Role name; with a dropStmt, pg_restore emits `ALTER … OWNER TO` it. */
  readonly owner: string | null;
  /** null = no tablespace handling; "" = the database default (pg_dump's choice for tables and indexes). */
  readonly tablespace?: string | null;
  /** "heap" for ordinary tables, null for everything else. */
  readonly tableam?: string | null;
  /** The SQL that creates the object (each statement ending in `;\n`); null for TABLE DATA. */
  readonly defn: string | null;
  /** The SQL `--clean` runs; null when the object cannot be dropped on its own. */
  readonly dropStmt: string | null;
  /** For TABLE DATA: `COPY schema.table (cols) FROM stdin;\n`. */
  readonly copyStmt?: string | null;
  /** dumpIds this entry needs. For TABLE DATA the first one must be its TABLE. */
  readonly dependencies: readonly number[];
  /** Shown by `pg_restore -l` only; pg_dump puts the catalog and object OIDs here. Defaults to 0 0. */
  readonly catalogId?: { readonly tableoid: number; readonly oid: number };
  /**
   * The data payload (TABLE DATA): COPY text rows, without the final `\.` line
   * (the writer appends pg_dump's terminator). Called once, consumed once.
   */
  readonly data?: () => AsyncIterable<Uint8Array>;
}

/** What the archive header says about where it came from. All display-only for pg_restore. */
export interface ArchiveHeader {
  readonly dbname: string;
  /** Written as UTC `struct tm` fields; pass a fixed date for byte-identical archives. */
  readonly createdAt: Date;
  /** "Dumped from database version", e.g. `15.18`. */
  readonly remoteVersion: string;
  /** "Dumped by pg_dump version", e.g. `15.18`. */
  readonly pgDumpVersion: string;
  /** The header's and TOC's strings as bytes in the archive's encoding (pg_dump -E; default UTF-8). */
  readonly encode?: (text: string) => Uint8Array;
}

/**
 * Compression of the data blocks. `gzip` is a zlib stream in the custom
 * format and real gzip files in the directory format; level 0 means no
 * compression (as `pg_dump -Z 0`). lz4 and zstd need archive 1.15+
 * (pg_restore 16+) and are rejected for now.
 */
export interface ArchiveCompression {
  readonly method: 'none' | 'gzip' | 'lz4' | 'zstd';
  /** 0..9 for gzip; ignored for none. */
  readonly level: number;
  /**
   * zlib's memLevel (1..9) for gzip; absent: zlib's default, 8. Part of the
   * archive's bytes: 9 from generator version 23 (its level 1 deflate ~8%
   * less CPU, docs/benchmarks.md session 29).
   */
  readonly memLevel?: number;
}

export type ArchiveOutputFormat = 'custom' | 'directory' | 'tar';

/** What a writer did, for progress lines and tests. */
export interface ArchiveSummary {
  readonly format: ArchiveOutputFormat;
  /** The final path (file or directory), or null when written to a stream. */
  readonly path: string | null;
  /** Bytes written: the archive file, or toc.dat plus every data file. */
  readonly bytes: number;
  readonly tocEntries: number;
  /** Uncompressed COPY payload bytes over all data entries (terminators included). */
  readonly payloadBytes: number;
  readonly data: readonly ArchiveDataSummary[];
}

export interface ArchiveDataSummary {
  readonly dumpId: number;
  readonly namespace: string | null;
  readonly tag: string;
  /** Uncompressed payload bytes, terminator included. */
  readonly payloadBytes: number;
  /** Bytes as stored (compressed stream, without the custom format's chunk framing). */
  readonly storedBytes: number;
  /** Custom format: absolute position of the data block (null when written to a stream). */
  readonly offset: number | null;
  /** Directory format: the data file's name. */
  readonly file: string | null;
}

/** pg_dump's terminator after the COPY rows: `\.` and two empty lines. */
export const COPY_TERMINATOR: Uint8Array = new Uint8Array([0x5c, 0x2e, 0x0a, 0x0a, 0x0a]);
