/**
 * `--format custom|directory|tar`: the plan's data as pg_dump archives. Builds
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
  type TableDataSource,
  type ThreadBudget,
  writeCustomArchive,
  writeDirectoryArchive,
  writeTarArchive,
} from '../archive/index.js';
import type { ValueSource } from '../generate/value-source.js';
import type { Schema } from '../schema/model.js';
import { dataTables, sequenceSetStatements } from './data-statements.js';
import { partitionRouter } from './partition-data.js';
import { serialTableRows, type TableRows } from './table-rows.js';

export interface ArchiveOutputOptions {
  readonly format: 'custom' | 'directory' | 'tar';
  readonly compression: ArchiveCompression;
  readonly header: ArchiveHeader;
  /** A path (file for custom and tar, directory for directory), or a stream for custom and tar. */
  readonly output: string | NodeJS.WritableStream;
  readonly workers?: number;
  /** Worker jobs the run may have at once, shared by compression and row generation. */
  readonly budget?: ThreadBudget;
  /** pg_dump -s: the DDL entries only, no TABLE DATA or SEQUENCE SET. */
  readonly schemaOnly?: boolean;
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
  /** Where COPY rows come from (default: generated on this thread). */
  readonly tableRows?: TableRows;
}

/** The archive's TOC entries, with data producers that generate rows when the writer pulls them. */
export function archiveEntries(
  schema: Schema,
  source: ValueSource,
  onRows?: (tableIndex: number, rows: number, bytes: number) => void,
  database?: string,
  tableRows: TableRows = serialTableRows(source),
  schemaOnly = false,
): ArchiveEntry[] {
  const tableData = (schemaOnly ? [] : dataTables(source)).flatMap(
    ({ index, table, columns }): TableDataSource[] => {
      const router = partitionRouter(source, index);
      const counted = (rows: boolean) =>
        onRows === undefined ? {} : { onRows: (n: number, b: number) => onRows(index, rows ? n : 0, b) };
      if (router === null)
        return [{ table, columns, data: () => tableRows({ tableIndex: index, ...counted(true) }) }];
      // One entry per partition, as pg_dump writes them; the root's rows are counted once, by the first, each partition's bytes by itself.
      return router.partitions.map((partition, p) => ({
        table: partition,
        columns,
        data: () => tableRows({ tableIndex: index, partition: p, ...counted(p === 0) }),
      }));
    },
  );
  return buildArchiveEntries(schema, tableData, {
    sequenceValues: schemaOnly ? [] : sequenceSetStatements(schema, source.plan),
    ...(database === undefined ? {} : { database: { name: database } }),
  });
}

export async function writeArchive(
  schema: Schema,
  source: ValueSource,
  options: ArchiveOutputOptions,
): Promise<{ summary: ArchiveSummary; listing: string }> {
  const entries = archiveEntries(
    schema,
    source,
    options.onRows,
    options.header.dbname,
    options.tableRows,
    options.schemaOnly === true,
  );
  const common = {
    entries,
    header: options.header,
    compression: options.compression,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.budget === undefined ? {} : { budget: options.budget }),
  };
  const summary =
    options.format === 'custom'
      ? await writeCustomArchive({ ...common, output: options.output })
      : options.format === 'tar'
        ? await writeTarArchive({ ...common, output: options.output })
        : await writeDirectoryArchive({ ...common, output: options.output as string });
  const listing = formatArchiveListing(entries, options.header, {
    format: options.format,
    compression: options.compression,
  });
  return { summary, listing };
}
