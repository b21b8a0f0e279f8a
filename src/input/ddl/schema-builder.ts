/**
 * The model while the DDL is being read: mutable drafts keyed by qualified
 * name, frozen into the `Schema` once every statement is seen (so that
 * `REFERENCES t` can use a primary key that a later ALTER TABLE adds).
 */
import type { Node } from 'libpg-query';
import type { SourceLocation, Warning } from '../../errors.js';
import { formatLocation, oneLineText } from '../../errors.js';
import type {
  CheckConstraint,
  Column,
  ExclusionConstraint,
  ForeignKey,
  PartitionBound,
  PartitionSpec,
  QualifiedName,
  Sequence,
  Table,
  TypeDefinition,
  UniqueKey,
} from '../../schema/model.js';
import { displayColumn, displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { exprOf } from './ast.js';
import { foreignKeyTypeMismatch } from './key-types.js';
import { groupMissingParents, missingParentReason } from './missing-parents.js';
import { checkPartitionColumns, inheritPartitionKeys } from './partition-keys.js';
import { unmatchedReferencedKey } from './referenced-keys.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type ColumnDraft = Mutable<Column>;

export interface ForeignKeyDraft extends Omit<Mutable<ForeignKey>, 'referencedColumns'> {
  /** Null while `REFERENCES t` has no column list: resolved to t's primary key at the end. */
  referencedColumns: string[] | null;
  location: SourceLocation;
}

export interface TableDraft {
  schema: string;
  name: string;
  columns: ColumnDraft[];
  primaryKey: UniqueKey | null;
  uniques: UniqueKey[];
  foreignKeys: ForeignKeyDraft[];
  checks: CheckConstraint[];
  exclusions: ExclusionConstraint[];
  partitionBy: PartitionSpec | null;
  partitionOf: PartitionBound | null;
  inherits: QualifiedName[];
  unlogged: boolean;
  /** See Table.changedUnseenBy. */
  changedUnseenBy?: string;
  /** Columns a kept DO block adds and the model leaves out, with the value each row holds (unseen-columns.ts). */
  addedUnseen?: Map<string, Node>;
  /** See Table.noRowsBecause. */
  noRowsBecause?: string;
  /** See Table.rowsWrittenBy. */
  rowsWrittenBy?: string;
  /** See Table.reshapedByCall. */
  reshapedByCall?: string;
  location: SourceLocation | null;
  /** Where each key (PK/unique) was declared, for column checks at the end. */
  keyLocations: Map<string, SourceLocation>;
}

/** A problem that makes the schema unusable; all are reported together. */
export interface SchemaProblem {
  readonly location: SourceLocation | null;
  readonly message: string;
}

export interface SchemaBuilder {
  readonly namespaces: string[];
  readonly extensions: { name: string; schema: string }[];
  readonly types: Map<string, TypeDefinition>;
  readonly tables: Map<string, TableDraft>;
  readonly sequences: Map<string, Mutable<Sequence>>;
  /** Views and materialized views (only their names matter here). */
  readonly views: Map<string, QualifiedName>;
  /** Each view's SELECT as the DDL defines it, by nameKey (what a DO block reads as information_schema.views.view_definition). */
  readonly viewQueries: Map<string, string>;
  /** Tables made by CREATE TABLE AS (not modelled; by nameKey), also views above. */
  readonly tablesAs: Set<string>;
  /** Views created as pg_dump's placeholder (`SELECT NULL::type AS name, ...`), by statement-list object key. */
  readonly placeholderViews: Set<string>;
  /** Index name → table, for statements that name an index. */
  readonly indexes: Map<string, QualifiedName>;
  /** Index name → the columns its elements and predicate use (dropped with any of them). */
  readonly indexColumns: Map<string, readonly string[]>;
  readonly problems: SchemaProblem[];
  table(q: QualifiedName): TableDraft | undefined;
  addTable(draft: TableDraft): void;
  /** Freeze into model objects, resolving `REFERENCES t` and checking every key column exists. */
  finish(warnings: Warning[]): { tables: Table[]; sequences: Sequence[]; types: TypeDefinition[] };
}

export function createTableDraft(schema: string, name: string, location: SourceLocation | null): TableDraft {
  return {
    schema,
    name,
    columns: [],
    primaryKey: null,
    uniques: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    partitionBy: null,
    partitionOf: null,
    inherits: [],
    unlogged: false,
    location,
    keyLocations: new Map(),
  };
}

export function createSchemaBuilder(): SchemaBuilder {
  const tables = new Map<string, TableDraft>();
  const sequences = new Map<string, Mutable<Sequence>>();
  const types = new Map<string, TypeDefinition>();
  const problems: SchemaProblem[] = [];
  const tablesAs = new Set<string>();
  return {
    namespaces: [],
    extensions: [],
    types,
    tables,
    sequences,
    views: new Map(),
    viewQueries: new Map(),
    tablesAs,
    placeholderViews: new Set(),
    indexes: new Map(),
    indexColumns: new Map(),
    problems,
    table: (q) => tables.get(nameKey(q)),
    addTable: (draft) => void tables.set(nameKey(draft), draft),
    finish(warnings) {
      for (const t of tables.values()) inheritPartitionKeys(t, tables, new Set());
      const drafts: FreezeContext = { tables, types, problems, tablesAs };
      const tableWarnings: Warning[] = [];
      const frozen = [...tables.values()].map((t) => freezeTable(drafts, t, tableWarnings));
      warnings.push(...groupMissingParents(tableWarnings));
      return {
        tables: frozen,
        sequences: [...sequences.values()].map((s) => ({ ...s })),
        types: [...types.values()],
      };
    },
  };
}

/** What freezing reads (every draft, the types) and where it reports problems. */
interface FreezeContext {
  readonly tables: ReadonlyMap<string, TableDraft>;
  readonly types: ReadonlyMap<string, TypeDefinition>;
  readonly problems: SchemaProblem[];
  /** Tables made by CREATE TABLE AS: an FK to one is not a missing table. */
  readonly tablesAs: ReadonlySet<string>;
}

/**
 * Whether the columns exist; a missing one is a problem, except in a table a
 * DO block changes (it may have added or renamed the column at load time):
 * that table gets no rows, and what names the column leaves the model.
 */
function checkColumns(
  drafts: FreezeContext,
  table: TableDraft,
  columns: readonly (string | null)[],
  what: string,
  location: SourceLocation | null,
): boolean {
  let found = true;
  for (const column of columns) {
    if (column === null || table.columns.some((c) => c.name === column)) continue;
    found = false;
    if (table.changedUnseenBy !== undefined) continue;
    drafts.problems.push({
      location,
      message: `${what}: column ${displayColumn(table, column)} does not exist (the table has: ${table.columns.map((c) => c.name).join(', ')})`,
    });
  }
  return found;
}

/** A table draft as the model's table: keys whose columns exist, foreign keys resolved. */
function freezeTable(drafts: FreezeContext, t: TableDraft, warnings: Warning[]): Table {
  const known = (key: UniqueKey): boolean =>
    checkColumns(
      drafts,
      t,
      key.columns,
      `${key.kind} ${key.name}`,
      t.keyLocations.get(key.name) ?? t.location,
    ) || t.changedUnseenBy === undefined;
  const primaryKey = t.primaryKey !== null && known(t.primaryKey) ? t.primaryKey : null;
  const uniques = t.uniques.filter(known);
  for (const key of [...(primaryKey === null ? [] : [primaryKey]), ...uniques])
    checkPartitionColumns(drafts.problems, t, key);
  const foreignKeys: ForeignKey[] = [];
  for (const fk of t.foreignKeys) {
    const done = freezeForeignKey(drafts, t, fk, warnings);
    if (done !== null) foreignKeys.push(done);
  }
  return {
    kind: 'table',
    schema: t.schema,
    name: t.name,
    columns: t.columns.map((c) => ({ ...c })),
    primaryKey,
    uniques,
    foreignKeys,
    checks: [...t.checks],
    exclusions: [...t.exclusions],
    partitionBy: t.partitionBy,
    partitionOf: t.partitionOf,
    inherits: [...t.inherits],
    unlogged: t.unlogged,
    location: t.location,
    ...(t.changedUnseenBy === undefined ? {} : { changedUnseenBy: t.changedUnseenBy }),
    ...(t.noRowsBecause === undefined ? {} : { noRowsBecause: t.noRowsBecause }),
    ...(t.rowsWrittenBy === undefined ? {} : { rowsWrittenBy: t.rowsWrittenBy }),
    ...(t.reshapedByCall === undefined ? {} : { reshapedByCall: t.reshapedByCall }),
  };
}

/** A foreign key resolved against its target table; null when it is left out (a problem, a warning, or a key referencing itself). */
function freezeForeignKey(
  drafts: FreezeContext,
  table: TableDraft,
  fk: ForeignKeyDraft,
  warnings: Warning[],
): ForeignKey | null {
  const { problems } = drafts;
  const where = `foreign key ${fk.name} of ${displayName(table)}`;
  if (!checkColumns(drafts, table, fk.columns, where, fk.location) && table.changedUnseenBy !== undefined)
    return null;
  const target = drafts.tables.get(nameKey(fk.references));
  // PostgreSQL 18's NOT ENFORCED key to a table the DDL lacks: the server never checks it, so its columns take
  // their own values (a key to a table the DDL defines is still met: its values are realistic references).
  if (target === undefined && fk.notEnforced === true) return null;
  if (target === undefined) {
    const madeAs = drafts.tablesAs.has(nameKey(fk.references));
    const warning = foreignKeyToMissingTable(table, fk, madeAs);
    if (warning !== null) warnings.push(warning);
    else if (madeAs) {
      // PostgreSQL takes this DDL (the table exists at load time), but what it holds is not modelled: no parent row.
      table.noRowsBecause ??= `foreign key ${fk.name} is NOT NULL and references ${displayName(fk.references)}, which CREATE TABLE AS makes: datagen does not model that table's rows, so no parent row can be shown; write it as CREATE TABLE with its columns for datagen to fill both`;
    } else {
      // PostgreSQL takes this DDL where the target database provides the table (Supabase's auth.users; the
      // EXTERNAL_OBJECTS warning lists it), but its rows are unknown here: degrade to no rows, never refuse.
      table.noRowsBecause ??= missingParentReason(fk.name, displayName(fk.references));
    }
    return null;
  }
  let referenced = fk.referencedColumns;
  if (referenced === null) {
    const pk = target.primaryKey;
    if (pk === null || pk.columns.some((c) => c === null)) {
      problems.push({
        location: fk.location,
        message: `${where} references ${displayName(target)} without a column list, but that table has no primary key; name the referenced columns`,
      });
      return null;
    }
    referenced = pk.columns.filter((c): c is string => c !== null);
  }
  if (checkColumns(drafts, target, referenced, where, fk.location) && target.changedUnseenBy === undefined) {
    const unmatched = unmatchedReferencedKey(drafts.tables, target, referenced);
    if (unmatched !== null) problems.push({ location: fk.location, message: `${where} ${unmatched}` });
  }
  // A key referencing itself (bookbrainz's `entity (bbid) REFERENCES entity (bbid)`): each row is its own parent, so it asks nothing.
  if (
    target === table &&
    referenced.length === fk.columns.length &&
    referenced.every((c, i) => c === fk.columns[i])
  )
    return null;
  if (referenced.length !== fk.columns.length) {
    problems.push({
      location: fk.location,
      message: `${where} has ${fk.columns.length} column(s) but references ${referenced.length}`,
    });
    return null;
  }
  referenced.forEach((pkColumn, i) => {
    const from = table.columns.find((c) => c.name === fk.columns[i]);
    const to = target.columns.find((c) => c.name === pkColumn);
    const mismatch = from && to ? foreignKeyTypeMismatch(from.type, to.type, drafts.types) : null;
    if (mismatch === null || from === undefined) return;
    problems.push({
      location: fk.location,
      message: `${where}: column ${displayColumn(table, from.name)} cannot reference ${displayColumn(target, pkColumn)} (${mismatch}: PostgreSQL has no equality operator or implicit cast between them); give both columns the same type`,
    });
  });
  const { location: _location, ...rest } = fk;
  return { ...rest, referencedColumns: referenced };
}

/**
 * A foreign key to a table the DDL does not define: no parent row can be
 * shown to exist, so its nullable columns are always NULL (a CHECK the
 * planner reads; the output is unchanged). Null when every column is NOT NULL
 * (or MATCH FULL needs a NOT NULL one to be NULL).
 */
function foreignKeyToMissingTable(table: TableDraft, fk: ForeignKeyDraft, madeAs: boolean): Warning | null {
  const columns = fk.columns.map((name) => table.columns.find((c) => c.name === name));
  const nullable = columns.filter((c): c is ColumnDraft => c !== undefined && !c.notNull);
  if (nullable.length === 0 || (fk.match === 'full' && nullable.length < columns.length)) return null;
  for (const c of nullable) {
    const isNull: Node = {
      NullTest: { arg: { ColumnRef: { fields: [{ String: { sval: c.name } }] } }, nulltesttype: 'IS_NULL' },
    };
    table.checks.push({
      kind: 'check',
      name: fk.name,
      expr: exprOf(isNull),
      noInherit: true,
      notValid: false,
    });
  }
  const ref = displayName(fk.references);
  const names = nullable.map((c) => quoteIdent(c.name)).join(', ');
  const left = nullable.length === 1 ? 'the column is' : 'the columns are';
  return {
    code: 'FOREIGN_KEY_TARGET_MISSING',
    message: madeAs
      ? `${displayName(table)}.${names}: foreign key ${fk.name} references ${ref}, which CREATE TABLE AS makes (datagen does not model its rows), so ${left} left NULL; write ${ref} as CREATE TABLE with its columns to generate values`
      : `${displayName(table)}.${names}: foreign key ${fk.name} references ${ref}, which is not defined in the DDL, so ${left} left NULL (the constraint is kept: the target database must have ${ref}); add the DDL that creates ${ref} (e.g. another DDL file argument) to generate values`,
    where: displayColumn(table, nullable[0]?.name ?? ''),
    // Grouped by the table referenced (missing-parents.ts) when several keys reference it.
    ...(madeAs
      ? {}
      : { data: { references: ref, columns: `${displayName(table)}.${names}`, foreignKey: fk.name } }),
  };
}

/** One line per problem: `file:line:column: message`. */
export function formatProblems(problems: readonly SchemaProblem[]): string {
  return problems
    .map((p) => oneLineText(p.location === null ? p.message : `${formatLocation(p.location)}: ${p.message}`))
    .join('\n');
}
