/**
 * DDL statements → TOC entries with the dependencies pg_dump gives them:
 *
 *   COMMENT, ACL          no section; depend on their object alone (so
 *                         `pg_restore -t/-n` keeps them with it)
 *   SET STATISTICS, …     appended to their table's or index's own entry
 *   other pre-data        its schema, the objects it names (column types,
 *                         functions, relations a view reads, a partition's
 *                         parent), the tables it alters
 *   post-data             the tables it is on (pg_restore -j repoints them to
 *                         their TABLE DATA; a partitioned table's partitions
 *                         too); an FK also the key it references; a trigger
 *                         its function
 *
 * Nothing depends on "the previous entry": every `-j N`, `-L` and `-t` sees
 * the same order constraints pg_dump's archive has.
 */
import { keyHasColumns } from '../schema/key-columns.js';
import type { DdlStatement, ObjectFamily, ObjectRef, QualifiedName, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent, quoteLiteral } from '../schema/quote.js';
import type { ArchiveSection } from './archive-entry.js';
import { catalogOidFor, dropStatementFor, splitTableTag } from './drop-statement.js';
import type { EntryDraft, EntryIndex } from './entry-index.js';
import type { RenamedOwners } from './renamed-owners.js';
import { tempFunctionsFor } from './temp-functions.js';
import { endsTransaction, pathSchema } from './transaction-control.js';

/** Post-data kinds that only need their table (pg_restore's lock rules keep them apart). */
const TABLE_ONLY_POST_DATA = new Set([
  'PUBLICATION TABLE',
  'INDEX',
  'CONSTRAINT',
  'CHECK CONSTRAINT',
  'FK CONSTRAINT',
  'TRIGGER',
  'RULE',
  'POLICY',
  'ROW SECURITY',
]);

/** Entries pg_dump gives no section: pg_restore places them after the entry before them. */
const NO_SECTION = new Set(['COMMENT', 'ACL', 'SECURITY LABEL']);

export interface StatementContext {
  readonly index: EntryIndex;
  readonly tablesByName: ReadonlyMap<string, Table>;
  /** Partitions of each partitioned table, by nameKey. */
  readonly partitionsOf: ReadonlyMap<string, readonly Table[]>;
  /** Data entries that load a table's rows without naming it as their TABLE (rows routed through a root). */
  readonly routedData: Map<string, EntryDraft[]>;
  /** Post-data entries made so far, by the tables they are on. */
  readonly postByTable: Map<string, EntryDraft[]>;
  /** The ACL pass's order (see `aclPassDependencies`). */
  readonly aclPass: AclPassOrder;
  /** Every entry made so far, in dumpId order. */
  readonly entries: readonly EntryDraft[];
  add(entry: Omit<EntryDraft, 'dumpId'>): EntryDraft;
  /** Renamed tables whose OWNER entries follow their CREATE (renamed-owners.ts). */
  readonly renamedOwners: Pick<RenamedOwners, 'ownedCreates' | 'drops'>;
}

/**
 * pg_restore runs ACL and DEFAULT ACL entries in a pass of their own after
 * every other entry, and `-j N` runs them side by side: two that change one
 * catalog row at once fail with "tuple concurrently updated". pg_dump writes
 * one entry per object, so they never meet. An entry whose object is not
 * known (`GRANT ... ON ALL TABLES IN SCHEMA`, `ALTER DEFAULT PRIVILEGES`, an
 * object kind not tagged) may touch any row: it waits for every ACL entry
 * before it (`barrier`), and every later one waits for it.
 */
export interface AclPassOrder {
  barrier: EntryDraft | null;
  /** ACL entries made since the barrier, by their object (`aclKey`). */
  readonly since: Map<string, EntryDraft>;
}

const aclKey = (s: { readonly namespace: string | null; readonly tag: string }): string =>
  `${s.namespace ?? ''}\u0000${s.tag}`;

const ACL_PASS = new Set(['ACL', 'DEFAULT ACL']);

function aclPassDependencies(order: AclPassOrder, unknownObject: boolean): number[] {
  if (unknownObject)
    return [...order.since.values()].map((e) => e.dumpId).concat(order.barrier?.dumpId ?? []);
  return order.barrier === null ? [] : [order.barrier.dumpId];
}

function noteAclPassEntry(order: AclPassOrder, entry: EntryDraft, unknownObject: boolean): void {
  if (!unknownObject) {
    order.since.set(aclKey(entry), entry);
    return;
  }
  order.barrier = entry;
  order.since.clear();
}

/**
 * pg_restore runs every entry with an empty search_path (the SEARCHPATH
 * entry), as pg_dump's fully qualified DDL expects. A statement from
 * hand-written DDL may name things unqualified, so it first sets the path it
 * had in the source (each entry for itself: `pg_restore -j`, `-L` and `-t`
 * run entries apart from their neighbours). DDL written by pg_dump sets an
 * empty path, and gets no prefix.
 */
export function searchPathPrefix(s: DdlStatement): string {
  const path = s.searchPath.filter((p) => p !== '');
  if (path.length === 0) return '';
  const value = path.map((p) => (p === '$user' ? '"$user"' : quoteIdent(p))).join(', ');
  return `SELECT pg_catalog.set_config('search_path', ${quoteLiteral(value)}, false);\n`;
}

const unquote = (name: string): string =>
  name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;

/** The object a COMMENT/ACL tag names when the statement did not say (`INDEX i`, `CONSTRAINT c ON t`, …). */
function objectOfTag(s: DdlStatement): ObjectRef | null {
  const on = /^(CONSTRAINT|TRIGGER|POLICY|RULE) (.+) ON (.+)$/.exec(s.tag);
  if (on !== null) {
    const family = (on[1] ?? '').toLowerCase() as ObjectFamily;
    return { family, schema: s.namespace, name: `${unquote(on[3] ?? '')} ${unquote(on[2] ?? '')}` };
  }
  const column = /^COLUMN (.+)\.[^.]+$/.exec(s.tag);
  if (column !== null) return { family: 'relation', schema: s.namespace, name: unquote(column[1] ?? '') };
  const m =
    /^(MATERIALIZED VIEW|FOREIGN TABLE|TABLE|VIEW|SEQUENCE|INDEX|TYPE|DOMAIN|SCHEMA|EXTENSION) (.+)$/.exec(
      s.tag,
    );
  if (m === null) return null;
  const word = m[1] ?? '';
  const name = unquote(m[2] ?? '');
  if (word === 'SCHEMA' || word === 'EXTENSION')
    return { family: word === 'SCHEMA' ? 'schema' : 'extension', schema: null, name };
  return { family: word === 'TYPE' || word === 'DOMAIN' ? 'type' : 'relation', schema: s.namespace, name };
}

/** Add one statement: a new entry, or more SQL on its object's entry. */
export function addStatementEntry(ctx: StatementContext, s: DdlStatement): void {
  const ref = s.object ?? (NO_SECTION.has(s.desc) ? objectOfTag(s) : null);
  const object = ref === null ? undefined : ctx.index.find(ref);
  if (s.mergeIntoObject === true && object !== undefined) {
    object.defn = `${object.defn ?? ''}${searchPathPrefix(s)}${s.sql}`;
    return;
  }
  const existing = ctx.index.get(s.desc, s.namespace, s.tag);
  // ACLs (GRANT and REVOKE) of one object make one entry, as pg_dump writes it
  // (not one made before an entry on unknown objects that a later GRANT must follow).
  const open = s.desc === 'ACL' && s.tag !== '' ? ctx.aclPass.since.get(aclKey(s)) : undefined;
  if (open !== undefined) {
    open.defn = `${open.defn ?? ''}${searchPathPrefix(s)}${s.sql}`;
    return;
  }
  const aclPass = ACL_PASS.has(s.desc);
  const unknownAclObject = aclPass && (s.desc === 'DEFAULT ACL' || s.tag === '');
  const dependencies = (
    NO_SECTION.has(s.desc)
      ? object === undefined
        ? unknownObjectDependencies(ctx, s)
        : [object.dumpId]
      : s.section === 'pre-data'
        ? preDataDependencies(ctx, s, existing)
        : postDataDependencies(ctx, s)
  ).concat(aclPass ? aclPassDependencies(ctx.aclPass, unknownAclObject) : []);
  const tables = s.tables.flatMap((t) => ctx.index.table(t) ?? []);
  const isTable = s.desc === 'TABLE';
  const partitioned = isTable && s.namespace !== null && tableOf(ctx, s.namespace, s.tag)?.partitionBy;
  // A COMMIT in the entry's code fails under a prefix sent with it (transaction-control.ts).
  const pathOwn = s.namespace === null && endsTransaction(s, ctx.entries) ? pathSchema(s) : null;
  const ownedCreate = ctx.renamedOwners.ownedCreates.has(s);
  const entry = ctx.add({
    desc: s.desc,
    section: NO_SECTION.has(s.desc) ? 'none' : (s.section as ArchiveSection),
    namespace: pathOwn ?? s.namespace,
    tag: s.tag,
    // A table renamed later takes its owner from its OWNER statements, written as they stand (renamedLater).
    owner:
      isTable && s.renamedLater === true && !ownedCreate
        ? null
        : (s.owner ?? object?.owner ?? tables[0]?.owner ?? null),
    // pg_dump: "" (the default tablespace) for tables, indexes and index-backed constraints.
    tablespace: isTable || s.desc === 'INDEX' || s.desc === 'CONSTRAINT' ? '' : null,
    tableam: isTable && !partitioned ? 'heap' : null,
    defn: tempFunctionsFor(s, ctx.entries) + (pathOwn === null ? searchPathPrefix(s) : '') + s.sql,
    // A second statement on the same object (ALTER TYPE … ADD VALUE) must not drop it twice.
    // A renamed table owned from its CREATE is dropped by its first OWNER entry (renamed-owners.ts).
    dropStmt: existing === undefined && !ownedCreate ? dropStatementFor(s) : null,
    dependencies,
    catalogId: { tableoid: catalogOidFor(s.desc), oid: 0 },
  });
  if (s.ownedAs !== undefined) ownerOfRenamedTable(entry, s.ownedAs, ctx.renamedOwners.drops.get(s));
  if (aclPass) noteAclPassEntry(ctx.aclPass, entry, unknownAclObject);
  if (s.section !== 'post-data') return;
  for (const t of s.tables) {
    const list = ctx.postByTable.get(nameKey(t)) ?? [];
    list.push(entry);
    ctx.postByTable.set(nameKey(t), list);
  }
}

/**
 * An `ALTER TABLE ... OWNER TO role` kept for a table renamed later (DdlStatement.ownedAs), as pg_dump would
 * write an owned object: an entry of the table as named there, owned by the role, with only a comment for SQL, so
 * pg_restore writes `ALTER TABLE s.t OWNER TO role` itself, and `--no-owner` leaves it out (it ran the
 * statement as written, and a missing role stopped the restore). Its dropStmt is a comment (pg_restore prints
 * it as it is, with `--if-exists` too): the table's own entry drops it. Indexed as written (OWNER), so no
 * later table of that name is taken for it.
 */
function ownerOfRenamedTable(
  entry: EntryDraft,
  ownedAs: NonNullable<DdlStatement['ownedAs']>,
  drop: string | undefined,
): void {
  Object.assign(entry, {
    desc: 'TABLE',
    namespace: ownedAs.schema,
    tag: ownedAs.name,
    owner: ownedAs.role,
    // Not empty: an entry without a definition has no schema part for pg_restore, which then skips it.
    defn: '-- owned here, renamed later\n',
    dropStmt: drop ?? '-- the table, renamed later, is dropped by its own entry\n',
    catalogId: { tableoid: catalogOidFor('TABLE'), oid: 0 },
  });
}

/**
 * A COMMENT/ACL whose object is not in the archive (or unknown): after its
 * tables and what was made on them, so it never runs before what it names.
 */
function unknownObjectDependencies(ctx: StatementContext, s: DdlStatement): number[] {
  const deps = new Set<number>();
  for (const t of s.tables) {
    const e = ctx.index.table(t);
    if (e !== undefined) deps.add(e.dumpId);
    if (s.section === 'post-data') for (const p of ctx.postByTable.get(nameKey(t)) ?? []) deps.add(p.dumpId);
  }
  return [...deps];
}

function tableOf(ctx: StatementContext, schema: string, name: string): Table | undefined {
  return ctx.tablesByName.get(nameKey({ schema, name }));
}

function preDataDependencies(
  ctx: StatementContext,
  s: DdlStatement,
  existing: EntryDraft | undefined,
): number[] {
  const deps = new Set<number>();
  const self = (e: EntryDraft) =>
    e.desc === s.desc && e.namespace === s.namespace && e.tag === s.tag && e !== existing;
  const schema = s.namespace === null ? undefined : ctx.index.get('SCHEMA', null, s.namespace);
  if (schema !== undefined && s.desc !== 'SCHEMA') deps.add(schema.dumpId);
  if (existing !== undefined) deps.add(existing.dumpId);
  if (s.desc === 'SEQUENCE OWNED BY') {
    const sequence = ctx.index.get('SEQUENCE', s.namespace, s.tag);
    return sequence === undefined ? [...deps] : [sequence.dumpId];
  }
  for (const t of s.tables) {
    const e = ctx.index.table(t);
    if (e !== undefined && !self(e)) deps.add(e.dumpId);
  }
  for (const ref of s.references ?? []) {
    const e = ctx.index.find(ref);
    if (e !== undefined && !self(e)) deps.add(e.dumpId);
  }
  return [...deps];
}

/** The table's TABLE entries (its partitions' too), which pg_restore -j repoints to their data. */
function tableDependencies(ctx: StatementContext, t: QualifiedName, deps: Set<number>): void {
  const e = ctx.index.table(t) ?? ctx.index.find({ family: 'relation', schema: t.schema, name: t.name });
  if (e !== undefined) deps.add(e.dumpId);
  for (const d of ctx.routedData.get(nameKey(t)) ?? []) deps.add(d.dumpId);
  for (const p of ctx.partitionsOf.get(nameKey(t)) ?? []) tableDependencies(ctx, p, deps);
}

function postDataDependencies(ctx: StatementContext, s: DdlStatement): number[] {
  // A call of a DDL routine written after the data (input/ddl/function-calls.ts): after all of it, under -j too.
  if (s.desc === 'SELECT' || s.desc === 'CALL')
    return ctx.entries.filter((e) => e.section === 'data' || e.section === 'post-data').map((e) => e.dumpId);
  const deps = new Set<number>();
  for (const t of s.tables) tableDependencies(ctx, t, deps);
  if (s.desc === 'MATERIALIZED VIEW DATA') {
    const view = ctx.index.get('MATERIALIZED VIEW', s.namespace, s.tag);
    if (view !== undefined) deps.add(view.dumpId);
  }
  if (s.desc === 'FK CONSTRAINT') {
    for (const key of referencedKeyEntries(ctx, s)) deps.add(key.dumpId);
  }
  if (s.desc === 'RULE') for (const e of ruleKeyEntries(ctx, s)) deps.add(e.dumpId);
  const schema =
    s.desc === 'PUBLICATION TABLES IN SCHEMA' ? ctx.index.get('SCHEMA', null, s.namespace ?? '') : undefined;
  if (schema !== undefined) deps.add(schema.dumpId);
  if (s.desc === 'INDEX ATTACH') for (const e of attachedIndexEntries(ctx, s)) deps.add(e.dumpId);
  for (const ref of s.references ?? []) {
    // A publication's table and schema entries wait for it, as pg_dump's.
    const e = ref.family === 'function' || ref.family === 'publication' ? ctx.index.find(ref) : undefined;
    if (e !== undefined) deps.add(e.dumpId);
  }
  if (!TABLE_ONLY_POST_DATA.has(s.desc) && s.desc !== 'MATERIALIZED VIEW DATA') {
    // Not a pg_dump kind (ALTER TABLE … ENABLE TRIGGER, CLUSTER ON, …): after what it may refer to.
    for (const t of s.tables) for (const e of ctx.postByTable.get(nameKey(t)) ?? []) deps.add(e.dumpId);
  }
  return [...deps];
}

/** The entry that builds a table's key: its INDEX (a unique index) or its CONSTRAINT. */
function keyEntry(
  ctx: StatementContext,
  table: Table,
  key: { readonly name: string; readonly isIndex: boolean },
) {
  return key.isIndex
    ? ctx.index.get('INDEX', table.schema, key.name)
    : ctx.index.get('CONSTRAINT', table.schema, `${table.name} ${key.name}`);
}

/**
 * A view's real definition (pg_dump's RULE entry after a placeholder view)
 * may group by a primary key of a table it reads: its view and those keys,
 * as pg_dump's rule depends on them, so `pg_restore -j` does not run it
 * while a key is still being built beside it.
 */
function ruleKeyEntries(ctx: StatementContext, s: DdlStatement): EntryDraft[] {
  const view = s.namespace === null ? undefined : ctx.index.get('VIEW', s.namespace, s.tag);
  const keys = s.tables.flatMap((t) => {
    const table = ctx.tablesByName.get(nameKey(t));
    const key = table?.primaryKey;
    if (table === undefined || key === null || key === undefined) return [];
    const entry = keyEntry(ctx, table, key);
    return entry === undefined ? [] : [entry];
  });
  return view === undefined ? keys : [view, ...keys];
}

/**
 * The two indexes of an `ALTER INDEX parent ATTACH PARTITION child`: each an
 * INDEX entry, or the CONSTRAINT entry of the key it belongs to, as pg_dump's
 * INDEX ATTACH depends on both (in a two-level partition tree the parent is
 * itself attached later: pg_restore -j ran the ATTACH before it was built).
 */
function attachedIndexEntries(ctx: StatementContext, s: DdlStatement): EntryDraft[] {
  return (s.references ?? []).flatMap((ref) => {
    if (ref.family !== 'relation' || ref.schema === null) return [];
    const index = ctx.index.get('INDEX', ref.schema, ref.name);
    if (index !== undefined) return [index];
    for (const table of ctx.tablesByName.values()) {
      if (table.schema !== ref.schema) continue;
      const key = [table.primaryKey, ...table.uniques].find(
        (k) => k !== null && !k.isIndex && k.name === ref.name,
      );
      const entry = key === undefined || key === null ? undefined : keyEntry(ctx, table, key);
      if (entry !== undefined) return [entry];
    }
    return [];
  });
}

/** The PRIMARY KEY / UNIQUE entry an FK references; every key entry of that table if it cannot be pinned down. */
function referencedKeyEntries(ctx: StatementContext, s: DdlStatement): EntryDraft[] {
  const split = splitTableTag(s);
  const owner = split === null ? undefined : ctx.tablesByName.get(nameKey(split.table));
  const fk = owner?.foreignKeys.find((f) => f.name === split?.rest);
  const referenced = fk === undefined ? undefined : ctx.tablesByName.get(nameKey(fk.references));
  if (fk === undefined || referenced === undefined) return [];
  const keys = [referenced.primaryKey, ...referenced.uniques].filter((k) => k !== null);
  const candidates = keys.filter((k) => keyHasColumns(k, fk.referencedColumns));
  const found = (candidates.length > 0 ? candidates : keys).flatMap((key) => {
    const entry = keyEntry(ctx, referenced, key);
    return entry === undefined ? [] : [entry];
  });
  return candidates.length > 0 ? found.slice(0, 1) : found;
}
