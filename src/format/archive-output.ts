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
  type DeflateThreads,
  formatArchiveListing,
  type TableDataSource,
  type ThreadBudget,
  writeCustomArchive,
  writeDirectoryArchive,
  writeTarArchive,
} from '../archive/index.js';
import type { ValueSource } from '../generate/value-source.js';
import type { QualifiedName, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';
import { dataLoadOrder } from './data-order.js';
import { dataTables, sequenceSetStatements } from './data-statements.js';
import type { OutputEncoding } from './output-encoding.js';
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
  /** Threads that compress instead of the deflate pool's own: the run's generation workers. */
  readonly deflateThreads?: DeflateThreads;
  /** pg_dump -s: the DDL entries only, no TABLE DATA or SEQUENCE SET. */
  readonly schemaOnly?: boolean;
  /** pg_dump -a: the TABLE DATA (foreign-key order) and SEQUENCE SET entries only. */
  readonly dataOnly?: boolean;
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
  /** Where COPY rows come from (default: generated on this thread). */
  readonly tableRows?: TableRows;
  /** pg_dump -E: the archive in this encoding (default UTF8, as made). */
  readonly encoding?: OutputEncoding;
}

/** What an archive holds: everything (default), only the DDL (pg_dump -s) or only the data (pg_dump -a). */
export type ArchiveContent = 'all' | 'schema' | 'data';

/** The archive's TOC entries, with data producers that generate rows when the writer pulls them. */
export function archiveEntries(
  schema: Schema,
  source: ValueSource,
  onRows?: (tableIndex: number, rows: number, bytes: number) => void,
  database?: string,
  tableRows: TableRows = serialTableRows(source),
  content: ArchiveContent = 'all',
): ArchiveEntry[] {
  // A data-only archive restores into tables that have their foreign keys: parents' data first, as pg_dump -a.
  const tables =
    content === 'schema' ? [] : content === 'data' ? dataLoadOrder(source.plan).tables : dataTables(source);
  const parents = content === 'data' ? parentTables(source) : undefined;
  const tableData = tables.flatMap(({ index, table, columns }): TableDataSource[] => {
    const router = partitionRouter(source, index);
    const counted = (rows: boolean) =>
      onRows === undefined ? {} : { onRows: (n: number, b: number) => onRows(index, rows ? n : 0, b) };
    const after = parents === undefined ? {} : { after: parents(index) };
    if (router === null)
      return [{ table, columns, ...after, data: () => tableRows({ tableIndex: index, ...counted(true) }) }];
    // One entry per partition, as pg_dump writes them; the root's rows are counted once, by the first, each partition's bytes by itself.
    return router.partitions.map((partition, p) => ({
      table: partition,
      columns,
      rowsOf: table,
      ...after,
      data: () => tableRows({ tableIndex: index, partition: p, ...counted(p === 0) }),
    }));
  });
  return buildArchiveEntries(schema, tableData, {
    sequenceValues: content === 'schema' ? [] : sequenceSetStatements(schema, source),
    ...(database === undefined ? {} : { database: { name: database } }),
    dataOnly: content === 'data',
  });
}

/** The tables a table's foreign keys (and its partitions') reference, itself left out. */
function parentTables(source: ValueSource): (tableIndex: number) => QualifiedName[] {
  const rootOf = (t: Table): Table => source.plan.tables.find((p) => p.table === t)?.filledThrough ?? t;
  return (tableIndex) => {
    const table = source.plan.tables[tableIndex]?.table;
    if (table === undefined) return [];
    const own = source.plan.tables
      .filter((t) => t.table === table || t.filledThrough === table)
      .flatMap((t) => t.table.foreignKeys.map((fk) => fk.references));
    return own
      .filter((r) => nameKey(r) !== nameKey(table))
      .map((r) => {
        const parent = source.plan.tables.find((t) => nameKey(t.table) === nameKey(r))?.table;
        return parent === undefined ? r : rootOf(parent);
      });
  };
}

/**
 * The entries in `encoding` (pg_dump -E): the ENCODING entry says it, every string is checked to be held
 * (an error naming the entry before anything is written), and the rows are fitted to it.
 */
function encodedEntries(entries: readonly ArchiveEntry[], encoding: OutputEncoding): ArchiveEntry[] {
  return entries.map((entry) => {
    const said =
      entry.desc === 'ENCODING' ? { ...entry, defn: `SET client_encoding = '${encoding.name}';\n` } : entry;
    const name = `${said.namespace === null ? '' : `${quoteIdent(said.namespace)}.`}${quoteIdent(said.tag)}`;
    const { tag, namespace, owner, defn, dropStmt, copyStmt, tablespace, tableam, data } = said;
    for (const text of [tag, namespace, owner, defn, dropStmt, copyStmt, tablespace, tableam])
      if (text)
        encoding.text(text, `the ${said.desc} ${tag}${namespace === null ? '' : ` in schema ${namespace}`}`);
    return data === undefined ? said : { ...said, data: () => encoding.rows(data(), name) };
  });
}

export async function writeArchive(
  schema: Schema,
  source: ValueSource,
  options: ArchiveOutputOptions,
): Promise<{ summary: ArchiveSummary; listing: string }> {
  const { encoding } = options;
  const made = archiveEntries(
    schema,
    source,
    options.onRows,
    options.header.dbname,
    options.tableRows,
    options.schemaOnly === true ? 'schema' : options.dataOnly === true ? 'data' : 'all',
  );
  const entries = encoding === undefined ? made : encodedEntries(made, encoding);
  const header =
    encoding === undefined
      ? options.header
      : { ...options.header, encode: (text: string) => encoding.text(text, 'the archive header') };
  const common = {
    entries,
    header,
    compression: options.compression,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.deflateThreads === undefined ? {} : { deflateThreads: options.deflateThreads }),
  };
  const summary =
    options.format === 'custom'
      ? await writeCustomArchive({ ...common, output: options.output })
      : options.format === 'tar'
        ? await writeTarArchive({ ...common, output: options.output })
        : await writeDirectoryArchive({ ...common, output: options.output as string });
  const listing = formatArchiveListing(entries, header, {
    format: options.format,
    compression: options.compression,
  });
  return { summary, listing };
}
