/**
 * Maps a schema's DDL statements and the tables' data to TOC entries in
 * pg_dump's order, with pg_dump's dependencies (see statement-entries.ts):
 *
 *   ENCODING, STDSTRINGS, SEARCHPATH   (what every pg_dump archive starts with)
 *   DATABASE                           used by `pg_restore -C` only
 *   pre-data statements                in the order given
 *   TABLE DATA, one per data source    depends on its TABLE, first (that is how
 *                                      pg_restore pairs data with its table), except
 *                                      data loaded at or via a partition root (below)
 *   SEQUENCE SET and other data items  depend on their object
 *   post-data statements               in the order given
 *
 * `SET` statements are left out (pg_restore sets its own session state; an
 * entry reading a custom setting carries its SET: custom-settings.ts) and
 * `OWNER` statements folded away (the owner is on the created object's entry).
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { hasPathDependentExtension } from '../input/ddl/extension-search-path.js';
import type { QualifiedName, Schema, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';
import type { ArchiveEntry } from './archive-entry.js';
import { codeMayReference } from './code-references.js';
import { withCustomSettings } from './custom-settings.js';
import { createEntryIndex, type EntryDraft, type EntryIndex } from './entry-index.js';
import { tableStatements, triggersMayFireOnLoad } from './load-time-triggers.js';
import { withPublicationOwners } from './publication-owners.js';
import { withRenamedOwnersFirst } from './renamed-owners.js';
import { addStatementEntry, type StatementContext, searchPathPrefix } from './statement-entries.js';

/** One table's rows for a TABLE DATA entry. */
export interface TableDataSource {
  /** The table the entry belongs to: its tag, its TABLE dependency, what `pg_restore -t` matches. */
  readonly table: QualifiedName;
  /** Column names in payload order (unquoted). */
  readonly columns: readonly string[];
  /** COPY text rows without the final `\.` line. */
  readonly data: () => AsyncIterable<Uint8Array>;
  /**
   * Load via another table (pg_dump's `--load-via-partition-root`): the COPY
   * targets this table, usually the partition root, and PostgreSQL routes each
   * row to its partition.
   */
  readonly loadVia?: QualifiedName;
  /** Data-only archives: the tables whose data must be restored first (foreign-key parents), as TABLE DATA dependencies. */
  readonly after?: readonly QualifiedName[];
  /** The table whose rows these are, when not `table` (a partition's entry holds rows of its root): what `after` names. */
  readonly rowsOf?: QualifiedName;
}

/** A data-section item that is SQL, e.g. SEQUENCE SET. */
export interface DataStatement {
  readonly desc: string;
  readonly namespace: string | null;
  readonly tag: string;
  readonly owner?: string | null;
  readonly sql: string;
  /** The pre-data objects it needs, by desc, namespace and tag (e.g. its SEQUENCE). */
  readonly dependsOn: readonly {
    readonly desc: string;
    readonly namespace: string | null;
    readonly tag: string;
  }[];
}

export interface BuildArchiveEntriesOptions {
  /** A DATABASE entry with this name, which `pg_restore -C` creates and restores into. */
  readonly database?: { readonly name: string; readonly owner?: string | null };
  /** `SELECT pg_catalog.setval(…);` per sequence, as SEQUENCE SET entries after the table data. */
  readonly sequenceValues?: readonly {
    readonly sequence: QualifiedName;
    readonly sql: string;
    /** A table its `setval` reads the keys of: the entry waits for that table's data. */
    readonly readsTable?: QualifiedName;
  }[];
  /** Further data-section items, after the sequence values. */
  readonly dataStatements?: readonly DataStatement[];
  /**
   * pg_dump -a: only the data entries (TABLE DATA in the order given, each
   * after its parents' data; SEQUENCE SET), no DDL and no DATABASE entry, so
   * pg_restore sees an implied data-only restore (and --disable-triggers works).
   */
  readonly dataOnly?: boolean;
}

/** The entries pg_dump writes first; pg_restore reads the encoding and string mode from them. */
function specialEntries(): EntryDraft[] {
  const special = (dumpId: number, tag: string, defn: string): EntryDraft => ({
    dumpId,
    desc: tag,
    section: 'pre-data',
    namespace: null,
    tag,
    owner: null,
    defn,
    dropStmt: null,
    dependencies: [],
  });
  return [
    special(1, 'ENCODING', "SET client_encoding = 'UTF8';\n"),
    special(2, 'STDSTRINGS', "SET standard_conforming_strings = 'on';\n"),
    special(3, 'SEARCHPATH', "SELECT pg_catalog.set_config('search_path', '', false);\n"),
  ];
}

/** pg_dump's DATABASE entry (pg_restore -C runs it, then connects to the new database). */
function databaseEntry(dumpId: number, database: { name: string; owner?: string | null }): EntryDraft {
  const name = quoteIdent(database.name);
  return {
    dumpId,
    desc: 'DATABASE',
    section: 'pre-data',
    namespace: null,
    tag: database.name,
    owner: database.owner ?? null,
    defn: `CREATE DATABASE ${name} WITH TEMPLATE = template0 ENCODING = 'UTF8';\n`,
    dropStmt: `DROP DATABASE ${name};\n`,
    dependencies: [],
    catalogId: { tableoid: 1262, oid: 0 },
  };
}

/**
 * What pg_depend records without the DDL naming it where the object is made:
 * an owned sequence depends on its table, a partition or inheritance child on
 * its parents and their column defaults (pg_dump's entries show both, even
 * where the source created the sequence first or attached the partition later).
 */
function addOwnershipDependencies(schema: Schema, index: EntryIndex): void {
  const depend = (entry: EntryDraft | undefined, on: EntryDraft | undefined) => {
    if (entry === undefined || on === undefined || entry === on || entry.dependencies.includes(on.dumpId))
      return;
    entry.dependencies = [...entry.dependencies, on.dumpId];
  };
  for (const seq of schema.sequences) {
    if (seq.ownedBy !== null)
      depend(index.get('SEQUENCE', seq.schema, seq.name), index.table(seq.ownedBy.table));
  }
  const owners = new Map(schema.sequences.map((s) => [nameKey(s), s.ownedBy?.table]));
  for (const t of schema.tables) {
    const parents = t.partitionOf === null ? t.inherits : [t.partitionOf.parent, ...t.inherits];
    for (const parent of parents) {
      depend(index.table(t), index.table(parent));
      // Created after its parent, it takes the parent's column defaults: after their DEFAULT entries.
      for (const c of t.columns)
        depend(index.table(t), index.get('DEFAULT', parent.schema, `${parent.name} ${c.name}`));
    }
    // A default a partition took from its parent uses the parent's sequence.
    if (t.partitionOf === null) continue;
    for (const c of t.columns) {
      const owner = c.sequence === null ? undefined : owners.get(nameKey(c.sequence));
      if (c.sequence !== null && (owner === undefined || nameKey(owner) !== nameKey(t)))
        depend(index.table(t), index.get('SEQUENCE', c.sequence.schema, c.sequence.name));
    }
  }
}

/** The `COPY schema.table (cols) FROM stdin;` statement pg_dump writes (no column list for a table without columns: `()` is a syntax error). */
export function copyStatementFor(target: QualifiedName, columns: readonly string[]): string {
  const list = columns.length === 0 ? ' ' : ` (${columns.map(quoteIdent).join(', ')}) `;
  return `COPY ${quoteQualified(target)}${list}FROM stdin;\n`;
}

/**
 * Build the TOC entries for a schema and its data, numbered 1..N in TOC order.
 *
 * @example
 * buildArchiveEntries(schema, [{ table: { schema: 'public', name: 'author' }, columns: ['id', 'name'], data }])
 * // → ENCODING, STDSTRINGS, SEARCHPATH, TABLE public author, …, TABLE DATA public author, …, CONSTRAINT …
 */
export function buildArchiveEntries(
  schema: Schema,
  tableData: readonly TableDataSource[],
  options: BuildArchiveEntriesOptions = {},
): ArchiveEntry[] {
  const entries: EntryDraft[] = specialEntries();
  const dataOnly = options.dataOnly === true;
  if (options.database !== undefined && !dataOnly)
    entries.push(databaseEntry(entries.length + 1, options.database));
  const index = createEntryIndex();
  const tablesByName = new Map<string, Table>(schema.tables.map((t) => [nameKey(t), t]));
  const partitionsOf = new Map<string, Table[]>();
  for (const t of schema.tables) {
    if (t.partitionOf === null) continue;
    const list = partitionsOf.get(nameKey(t.partitionOf.parent)) ?? [];
    list.push(t);
    partitionsOf.set(nameKey(t.partitionOf.parent), list);
  }
  const add = (entry: Omit<EntryDraft, 'dumpId'>): EntryDraft => {
    const full: EntryDraft = { ...entry, dumpId: entries.length + 1 };
    entries.push(full);
    index.add(full);
    return full;
  };
  const routedData = new Map<string, EntryDraft[]>();
  const { statements, ...renamedOwners } = withRenamedOwnersFirst(
    withPublicationOwners(withCustomSettings(schema.statements)).filter(
      (s) =>
        !dataOnly &&
        s.desc !== 'SET' &&
        (s.desc !== 'OWNER' || s.renamedLater === true) &&
        !(s.desc === 'SCHEMA' && s.tag === 'public'),
    ),
  );
  const ctx: StatementContext = {
    index,
    tablesByName,
    partitionsOf,
    routedData,
    postByTable: new Map(),
    aclPass: { barrier: null, since: new Map() },
    entries,
    add,
    renamedOwners,
  };
  for (const s of statements) if (s.section === 'pre-data') addStatementEntry(ctx, s);
  addOwnershipDependencies(schema, index);

  if (dataOnly) addDataOnlyEntries(ctx, schema, tableData);
  else addTableDataEntries(ctx, schema, tableData);
  addDataStatementEntries(ctx, schema, options);
  for (const s of statements) if (s.section === 'post-data') addStatementEntry(ctx, s);
  return entries;
}

/**
 * A data source's COPY statement; where the schema has an extension whose SQL
 * functions need its schema on the path (input/ddl/extension-search-path.ts)
 * or triggers that may fire as the rows load (load-time-triggers.ts), led by
 * the path its CREATE TABLE runs with, since pg_restore runs each entry under
 * the empty SEARCHPATH one.
 */
function copyStatements(schema: Schema): (source: TableDataSource) => string {
  const paths = new Map<string, string>();
  if (hasPathDependentExtension(schema.extensions) || triggersMayFireOnLoad(schema))
    for (const [key, s] of tableStatements(schema)) paths.set(key, searchPathPrefix(s));
  return (source) => {
    const target = source.loadVia ?? source.table;
    return `${paths.get(nameKey(target)) ?? ''}${copyStatementFor(target, source.columns)}`;
  };
}

/** One TABLE DATA entry per data source, after the pre-data. */
function addTableDataEntries(
  ctx: StatementContext,
  schema: Schema,
  tableData: readonly TableDataSource[],
): void {
  const { index, tablesByName, routedData, add } = ctx;
  const copyOf = copyStatements(schema);
  const tableEntry = (t: QualifiedName) => index.table(t);
  const namedByEarlyKeys = new Set(
    schema.statements
      .filter((s) => s.section === 'pre-data' && s.desc === 'FK CONSTRAINT')
      .flatMap((s) => s.tables.map(nameKey)),
  );
  const referencedByCode = codeMayReference(schema);
  // Triggers firing as the rows load may write one table from several tables' COPYs: under pg_restore -j
  // their upserts deadlocked (Kong's sync_tags() at version 29). Each data entry then waits for the one before.
  const serial = triggersMayFireOnLoad(schema);
  let previous: number | undefined;
  for (const source of tableData) {
    const table = tableEntry(source.table);
    if (table === undefined) {
      throw new DatagenError(
        ErrorCodes.UNKNOWN_TABLE,
        `table data for ${displayName(source.table)}: the schema has no CREATE TABLE statement for it`,
        { table: source.table },
      );
    }
    // pg_restore -j (before 16, and whenever this entry's TABLE is its first dependency) wraps the COPY in
    // `TRUNCATE ONLY <tag>`, which fails on a partitioned table and, when rows are routed through a root, could
    // empty a partition another entry already loaded. Data loaded at or via a partition root therefore lists no
    // TABLE dependency (pre-data is restored before any data anyway); post-data items still wait for it.
    // So does data of a table a pre-data foreign key names (one made before a DO block that alters its table
    // unseen, SORMAS'): PostgreSQL refuses to TRUNCATE a table a foreign key references, and the COPY is lost.
    // A pre-data DO block kept as written may make such a key too (code-references.ts).
    const routed =
      source.loadVia !== undefined ||
      (tablesByName.get(nameKey(source.table))?.partitionBy ?? null) !== null ||
      namedByEarlyKeys.has(nameKey(source.table)) ||
      referencedByCode(source.table);
    const entry = add({
      desc: 'TABLE DATA',
      section: 'data',
      namespace: source.table.schema,
      tag: source.table.name,
      owner: table.owner,
      defn: null,
      dropStmt: null,
      copyStmt: copyOf(source),
      dependencies: [
        ...(routed ? [] : [table.dumpId]),
        ...(serial && previous !== undefined ? [previous] : []),
      ],
      catalogId: { tableoid: 0, oid: 0 },
      data: source.data,
    });
    previous = entry.dumpId;
    // Post-data items on the table wait for rows routed into it (pg_restore -j cannot pair them itself).
    if (routed) {
      for (const t of source.loadVia === undefined ? [source.table] : [source.table, source.loadVia]) {
        const list = routedData.get(nameKey(t)) ?? [];
        list.push(entry);
        routedData.set(nameKey(t), list);
      }
    }
  }
}

/**
 * Data-only TABLE DATA entries: no TABLE entry to depend on, so each depends
 * on the data entries of its foreign-key parents (pg_dump -a does the same,
 * so pg_restore -j keeps parents first); the owner is the table's.
 */
function addDataOnlyEntries(
  ctx: StatementContext,
  schema: Schema,
  tableData: readonly TableDataSource[],
): void {
  const owners = new Map(
    schema.statements
      .filter((s) => s.desc === 'TABLE' && s.namespace !== null)
      .map((s) => [nameKey({ schema: s.namespace ?? '', name: s.tag }), s.owner]),
  );
  const copyOf = copyStatements(schema);
  // A partitioned table's rows may be several entries (one per partition): a child waits for all of them.
  const dataOf = new Map<string, number[]>();
  for (const source of tableData) {
    const entry = ctx.add({
      desc: 'TABLE DATA',
      section: 'data',
      namespace: source.table.schema,
      tag: source.table.name,
      owner: owners.get(nameKey(source.table)) ?? null,
      defn: null,
      dropStmt: null,
      copyStmt: copyOf(source),
      dependencies: (source.after ?? []).flatMap((t) => dataOf.get(nameKey(t)) ?? []),
      catalogId: { tableoid: 0, oid: 0 },
      data: source.data,
    });
    const holder = nameKey(source.rowsOf ?? source.table);
    dataOf.set(holder, [...(dataOf.get(holder) ?? []), entry.dumpId]);
  }
}

/** SEQUENCE SET and the other data-section items, after the table data. */
function addDataStatementEntries(
  ctx: StatementContext,
  schema: Schema,
  options: BuildArchiveEntriesOptions,
): void {
  const { index, add } = ctx;
  const tableEntry = (t: QualifiedName) => index.table(t);
  const dataStatements: DataStatement[] = [
    ...(options.sequenceValues ?? []).map(
      ({ sequence, sql, readsTable }): DataStatement => ({
        desc: 'SEQUENCE SET',
        namespace: sequence.schema,
        tag: sequence.name,
        sql,
        dependsOn: [
          { desc: 'SEQUENCE', namespace: sequence.schema, tag: sequence.name },
          ...(readsTable === undefined
            ? []
            : [{ desc: 'TABLE DATA', namespace: readsTable.schema, tag: readsTable.name }]),
        ],
      }),
    ),
    ...(options.dataStatements ?? []),
  ];
  for (const d of dataStatements) {
    const targets = d.dependsOn.flatMap((dep) => index.get(dep.desc, dep.namespace, dep.tag) ?? []);
    if (targets.length === 0 && d.desc === 'SEQUENCE SET' && d.namespace !== null) {
      // An identity or serial sequence without its own entry: depend on the table that owns it.
      const owner = schema.tables.find((t) =>
        t.columns.some((c) => c.sequence?.schema === d.namespace && c.sequence.name === d.tag),
      );
      const ownerEntry = owner === undefined ? undefined : tableEntry(owner);
      if (ownerEntry !== undefined) targets.push(ownerEntry);
    }
    add({
      desc: d.desc,
      section: 'data',
      namespace: d.namespace,
      tag: d.tag,
      owner: d.owner ?? targets[0]?.owner ?? null,
      defn: d.sql,
      dropStmt: null,
      dependencies: targets.map((t) => t.dumpId),
    });
  }
}
