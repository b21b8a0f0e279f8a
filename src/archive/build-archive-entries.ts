/**
 * Maps a schema's DDL statements and the tables' data to TOC entries in
 * pg_dump's order, with the dependencies `pg_restore -j` schedules by:
 *
 *   ENCODING, STDSTRINGS, SEARCHPATH   (what every pg_dump archive starts with)
 *   pre-data statements                each depends on the previous one: pg_restore
 *                                      runs pre-data serially in TOC order anyway
 *   TABLE DATA, one per data source    depends on its TABLE, first (that is how
 *                                      pg_restore pairs data with its table), except
 *                                      data loaded at or via a partition root (below)
 *   SEQUENCE SET and other data items  depend on their object
 *   post-data statements               depend on the TABLE and TABLE DATA of every
 *                                      table they touch; an FK also on the key it
 *                                      references; a comment or other follow-up
 *                                      also on earlier post-data items of its tables
 *
 * `SET` statements are left out (pg_restore sets its own session state) and
 * `OWNER` statements folded away (the owner is on the created object's entry).
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { DdlStatement, QualifiedName, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../schema/quote.js';
import type { ArchiveEntry, ArchiveSection } from './archive-entry.js';
import { catalogOidFor, dropStatementFor, splitTableTag } from './drop-statement.js';

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
  /** `SELECT pg_catalog.setval(…);` per sequence, as SEQUENCE SET entries after the table data. */
  readonly sequenceValues?: readonly { readonly sequence: QualifiedName; readonly sql: string }[];
  /** Further data-section items, after the sequence values. */
  readonly dataStatements?: readonly DataStatement[];
}

/** The entries pg_dump writes first; pg_restore reads the encoding and string mode from them. */
function specialEntries(): ArchiveEntry[] {
  const special = (dumpId: number, tag: string, defn: string): ArchiveEntry => ({
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

const lookupKey = (desc: string, namespace: string | null, tag: string): string =>
  `${desc}\u0000${namespace ?? ''}\u0000${tag}`;

// Not RULE: a view's real definition after pg_dump's placeholder (CREATE OR REPLACE VIEW ... GROUP BY a
// primary key) is a RULE entry that needs the keys of the tables it reads.
const INDEPENDENT_POST_DATA = new Set(['INDEX', 'CONSTRAINT', 'CHECK CONSTRAINT', 'TRIGGER', 'POLICY']);

/** The `COPY schema.table (cols) FROM stdin;` statement pg_dump writes. */
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
  const entries: ArchiveEntry[] = specialEntries();
  const byKey = new Map<string, ArchiveEntry>();
  const tablesByName = new Map<string, Table>(schema.tables.map((t) => [nameKey(t), t]));
  const add = (entry: Omit<ArchiveEntry, 'dumpId'>): ArchiveEntry => {
    const full: ArchiveEntry = { ...entry, dumpId: entries.length + 1 };
    entries.push(full);
    byKey.set(lookupKey(full.desc, full.namespace, full.tag), full);
    return full;
  };
  const tableEntry = (t: QualifiedName): ArchiveEntry | undefined =>
    byKey.get(lookupKey('TABLE', t.schema, t.name)) ??
    byKey.get(lookupKey('FOREIGN TABLE', t.schema, t.name));

  const statements = schema.statements.filter(
    (s) => s.desc !== 'SET' && s.desc !== 'OWNER' && !(s.desc === 'SCHEMA' && s.tag === 'public'),
  );

  // Pre-data, in the order given.
  let previous: ArchiveEntry | null = null;
  for (const s of statements) {
    if (s.section !== 'pre-data') continue;
    const dependencies: number[] = [];
    const commentTarget =
      s.desc === 'COMMENT' && s.tables.length === 1 && /^(TABLE|COLUMN) /.test(s.tag)
        ? tableEntry(s.tables[0]!)
        : undefined;
    if (commentTarget !== undefined) dependencies.push(commentTarget.dumpId);
    else {
      const schemaEntry =
        s.namespace === null ? undefined : byKey.get(lookupKey('SCHEMA', null, s.namespace));
      if (schemaEntry !== undefined && s.desc !== 'SCHEMA') dependencies.push(schemaEntry.dumpId);
      if (previous !== null && !dependencies.includes(previous.dumpId)) dependencies.push(previous.dumpId);
    }
    previous = add(statementEntry(s, 'pre-data', dependencies, tablesByName));
  }

  // Table data.
  const dataByTable = new Map<string, ArchiveEntry[]>();
  for (const source of tableData) {
    const table = tableEntry(source.table);
    if (table === undefined) {
      throw new DatagenError(
        ErrorCodes.UNKNOWN_TABLE,
        `table data for ${source.table.schema}.${source.table.name}: the schema has no CREATE TABLE statement for it`,
        { table: source.table },
      );
    }
    // pg_restore -j (before 16, and whenever this entry's TABLE is its first dependency) wraps the COPY in
    // `TRUNCATE ONLY <tag>`, which fails on a partitioned table and, when rows are routed through a root, could
    // empty a partition another entry already loaded. Data loaded at or via a partition root therefore lists no
    // TABLE dependency (pre-data is restored before any data anyway); post-data items still wait for it.
    const routed =
      source.loadVia !== undefined || (tablesByName.get(nameKey(source.table))?.partitionBy ?? null) !== null;
    const entry = add({
      desc: 'TABLE DATA',
      section: 'data',
      namespace: source.table.schema,
      tag: source.table.name,
      owner: table.owner,
      defn: null,
      dropStmt: null,
      copyStmt: copyStatementFor(source.loadVia ?? source.table, source.columns),
      dependencies: routed ? [] : [table.dumpId],
      catalogId: { tableoid: 0, oid: 0 },
      data: source.data,
    });
    // Post-data items on the table wait for its data, and for rows routed into it.
    for (const t of source.loadVia === undefined ? [source.table] : [source.table, source.loadVia]) {
      const list = dataByTable.get(nameKey(t)) ?? [];
      list.push(entry);
      dataByTable.set(nameKey(t), list);
    }
  }

  // Sequence values and other data items.
  const dataStatements: DataStatement[] = [
    ...(options.sequenceValues ?? []).map(
      ({ sequence, sql }): DataStatement => ({
        desc: 'SEQUENCE SET',
        namespace: sequence.schema,
        tag: sequence.name,
        sql,
        dependsOn: [{ desc: 'SEQUENCE', namespace: sequence.schema, tag: sequence.name }],
      }),
    ),
    ...(options.dataStatements ?? []),
  ];
  for (const d of dataStatements) {
    const targets = d.dependsOn.flatMap(
      (dep) => byKey.get(lookupKey(dep.desc, dep.namespace, dep.tag)) ?? [],
    );
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

  // Post-data.
  const postByTable = new Map<string, ArchiveEntry[]>();
  let previousPost: ArchiveEntry | null = null;
  for (const s of statements) {
    if (s.section !== 'post-data') continue;
    const dependencies = new Set<number>();
    for (const t of s.tables) {
      const te = tableEntry(t);
      if (te !== undefined) dependencies.add(te.dumpId);
      for (const d of dataByTable.get(nameKey(t)) ?? []) dependencies.add(d.dumpId);
    }
    if (s.desc === 'FK CONSTRAINT') {
      for (const key of referencedKeyEntries(s, tablesByName, byKey, postByTable))
        dependencies.add(key.dumpId);
    } else if (!INDEPENDENT_POST_DATA.has(s.desc)) {
      // A comment on an index, an ALTER … CLUSTER ON: must follow what it refers to.
      if (s.tables.length === 0 && previousPost !== null) dependencies.add(previousPost.dumpId);
      for (const t of s.tables) for (const e of postByTable.get(nameKey(t)) ?? []) dependencies.add(e.dumpId);
    }
    const entry = add(statementEntry(s, 'post-data', [...dependencies], tablesByName));
    for (const t of s.tables) {
      const list = postByTable.get(nameKey(t)) ?? [];
      list.push(entry);
      postByTable.set(nameKey(t), list);
    }
    previousPost = entry;
  }
  return entries;
}

function statementEntry(
  s: DdlStatement,
  section: ArchiveSection,
  dependencies: number[],
  tablesByName: ReadonlyMap<string, Table>,
): Omit<ArchiveEntry, 'dumpId'> {
  const isTable = s.desc === 'TABLE';
  const partitioned =
    isTable &&
    s.namespace !== null &&
    tablesByName.get(nameKey({ schema: s.namespace, name: s.tag }))?.partitionBy;
  return {
    desc: s.desc,
    section,
    namespace: s.namespace,
    tag: s.tag,
    owner: s.owner,
    // pg_dump: "" (the default tablespace) for tables, indexes and index-backed constraints.
    tablespace: isTable || s.desc === 'INDEX' || s.desc === 'CONSTRAINT' ? '' : null,
    tableam: isTable && !partitioned ? 'heap' : null,
    defn: searchPathPrefix(s) + s.sql,
    dropStmt: dropStatementFor(s),
    dependencies,
    catalogId: { tableoid: catalogOidFor(s.desc), oid: 0 },
  };
}

/**
 * pg_restore runs every entry with an empty search_path (the SEARCHPATH
 * entry), as pg_dump's fully qualified DDL expects. A statement from
 * hand-written DDL may name things unqualified, so it first sets the path it
 * had in the source (each entry for itself: `pg_restore -j`, `-L` and `-t`
 * run entries apart from their neighbours).
 */
function searchPathPrefix(s: DdlStatement): string {
  const path = s.searchPath.filter((p) => p !== '');
  if (path.length === 0) return '';
  const value = path.map((p) => (p === '$user' ? '"$user"' : quoteIdent(p))).join(', ');
  return `SELECT pg_catalog.set_config('search_path', ${quoteLiteral(value)}, false);\n`;
}

/** The PRIMARY KEY / UNIQUE entry an FK references; every key entry of that table if it cannot be pinned down. */
function referencedKeyEntries(
  s: DdlStatement,
  tablesByName: ReadonlyMap<string, Table>,
  byKey: ReadonlyMap<string, ArchiveEntry>,
  postByTable: ReadonlyMap<string, ArchiveEntry[]>,
): ArchiveEntry[] {
  const split = splitTableTag(s);
  const owner = split === null ? undefined : tablesByName.get(nameKey(split.table));
  const fk = owner?.foreignKeys.find((f) => f.name === split?.rest);
  const referenced = fk === undefined ? undefined : tablesByName.get(nameKey(fk.references));
  if (fk !== undefined && referenced !== undefined) {
    const wanted = [...fk.referencedColumns].sort().join('\u0000');
    const keys = [referenced.primaryKey, ...referenced.uniques].filter((k) => k !== null);
    const key = keys.find(
      (k) => k.columns.every((c) => c !== null) && [...k.columns].sort().join('\u0000') === wanted,
    );
    const entry =
      key === undefined
        ? undefined
        : key.isIndex
          ? byKey.get(lookupKey('INDEX', referenced.schema, key.name))
          : byKey.get(lookupKey('CONSTRAINT', referenced.schema, `${referenced.name} ${key.name}`));
    if (entry !== undefined) return [entry];
  }
  const candidates = fk === undefined ? s.tables : [fk.references];
  return candidates.flatMap((t) =>
    (postByTable.get(nameKey(t)) ?? []).filter((e) => e.desc === 'CONSTRAINT' || e.desc === 'INDEX'),
  );
}
