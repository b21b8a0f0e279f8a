/**
 * `--format custom|directory`: the plan's data as pg_dump archives. Builds
 * the TOC from the schema's statements, one TABLE DATA entry per table that
 * gets rows (a partitioned table's rows load through its root), and the
 * SEQUENCE SET entries; the archive writers do the bytes.
 */
import {
  type ArchiveCompression,
  type ArchiveEntry,
  type ArchiveHeader,
  type ArchiveSummary,
  buildArchiveEntries,
  formatArchiveListing,
  writeCustomArchive,
  writeDirectoryArchive,
} from '../archive/index.js';
import { copyTextChunks } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import type { Schema } from '../schema/model.js';
import { dataTables, sequenceSetStatements } from './data-statements.js';

export interface ArchiveOutputOptions {
  readonly format: 'custom' | 'directory';
  readonly compression: ArchiveCompression;
  readonly header: ArchiveHeader;
  /** A path (file for custom, directory for directory), or a stream for custom. */
  readonly output: string | NodeJS.WritableStream;
  readonly workers?: number;
  readonly onRows?: (tableIndex: number, rows: number) => void;
}

/** The archive's TOC entries, with data producers that generate rows when the writer pulls them. */
export function archiveEntries(
  schema: Schema,
  source: ValueSource,
  onRows?: (tableIndex: number, rows: number) => void,
): ArchiveEntry[] {
  const tableData = dataTables(source).map(({ index, table, columns }) => ({
    table,
    columns,
    data: () => copyTextChunks(source, index, undefined, onRows ? (n) => onRows(index, n) : undefined),
  }));
  return buildArchiveEntries(schema, tableData, {
    sequenceValues: sequenceSetStatements(schema, source.plan),
  });
}

export async function writeArchive(
  schema: Schema,
  source: ValueSource,
  options: ArchiveOutputOptions,
): Promise<{ summary: ArchiveSummary; listing: string }> {
  const entries = archiveEntries(schema, source, options.onRows);
  const common = {
    entries,
    header: options.header,
    compression: options.compression,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  };
  const summary =
    options.format === 'custom'
      ? await writeCustomArchive({ ...common, output: options.output })
      : await writeDirectoryArchive({ ...common, output: options.output as string });
  const listing = formatArchiveListing(entries, options.header, {
    format: options.format,
    compression: options.compression,
  });
  return { summary, listing };
}
