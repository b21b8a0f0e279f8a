/**
 * CREATE TABLE → a table in the model, plus the pre-data CREATE TABLE
 * without its key and foreign-key constraints (which move to post-data as
 * `ALTER TABLE ONLY ... ADD CONSTRAINT`, as pg_dump writes them).
 */

import type { Constraint, CreateStmt, Node, PartitionBoundSpec } from 'libpg-query';
import { formatLocation } from '../../errors.js';
import type { Expr, PartitionSpec, QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { deparseNode, exprOf } from './ast.js';
import { buildColumn, tooManyColumns } from './column-definition.js';
import { reportUnknownColumns } from './column-references.js';
import {
  addColumnSequenceStatements,
  addSequenceDefaultStatements,
  type ColumnSequence,
  type SequenceDefault,
  takeOutColumnSequence,
  takeOutSequenceDefaults,
} from './column-sequences.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { reportGeneratedReadingGenerated, reportRefusedAtPlace } from './expression-places.js';
import { reportRefusedExpression } from './literal-inputs.js';
import { reportOverlappingPartition } from './partition-bounds.js';
import { withoutRedundantKeys } from './redundant-keys.js';
import { referencesIn } from './references.js';
import { noteRelationUsed } from './relations-read.js';
import { createTableDraft, type TableDraft } from './schema-builder.js';
import { constraintKey, objectKey } from './statement-list.js';
import { addConstraintStatement, addTableConstraint } from './table-constraints.js';
import { copyLike } from './table-like.js';
import { relationNamedLikeType } from './type-statements.js';
import { takeOutOids } from './with-oids.js';

const PARTITION_STRATEGY: Readonly<Record<string, PartitionSpec['strategy']>> = {
  PARTITION_STRATEGY_RANGE: 'range',
  PARTITION_STRATEGY_LIST: 'list',
  PARTITION_STRATEGY_HASH: 'hash',
};

/** `FOR VALUES ...` text of a partition bound (pgsql-deparser prints bounds only inside statements). */
export function partitionBoundExpr(bound: PartitionBoundSpec): Expr {
  const list = (nodes: readonly Node[] | undefined) => (nodes ?? []).map((n) => deparseNode(n)).join(', ');
  let text: string;
  if (bound.is_default === true) text = 'DEFAULT';
  else if (bound.strategy === 'l') text = `FOR VALUES IN (${list(bound.listdatums)})`;
  else if (bound.strategy === 'r')
    text = `FOR VALUES FROM (${list(bound.lowerdatums)}) TO (${list(bound.upperdatums)})`;
  else text = `FOR VALUES WITH (MODULUS ${bound.modulus ?? 0}, REMAINDER ${bound.remainder ?? 0})`;
  return { kind: 'expr', ast: { PartitionBoundSpec: bound }, text };
}

function copyParent(table: TableDraft, parent: TableDraft | undefined, partition: boolean): void {
  if (parent === undefined) return;
  for (const c of parent.columns) {
    if (table.columns.some((own) => own.name === c.name)) continue;
    // A partition shares the parent's identity; a plain inheritance child does not.
    table.columns.push({ ...c, ...(partition ? {} : { identity: null }) });
  }
  for (const check of parent.checks) if (!check.noInherit) table.checks.push(check);
}

/** `CREATE TABLE t OF type`: the composite type's attributes are its columns (the element list adds options). */
function typedTableColumns(
  ctx: DdlContext,
  stmt: SourceStatement,
  table: TableDraft,
  typeName: NonNullable<CreateStmt['ofTypename']>,
): void {
  const { type } = ctx.typeRef(typeName, stmt.location);
  const def = type === null ? undefined : ctx.builder.types.get(nameKey(type));
  if (def?.kind !== 'composite') {
    ctx.warn(
      'UNSUPPORTED_TABLE',
      `CREATE TABLE ${table.name} OF ${type?.name ?? 'type'}: the type is not a composite type the DDL creates, so the table's columns are not known and it gets no rows`,
      stmt.location,
    );
    return;
  }
  for (const a of def.attributes) {
    table.columns.push({
      kind: 'column',
      name: a.name,
      type: a.type,
      notNull: false,
      default: null,
      identity: null,
      generated: null,
      sequence: null,
      collation: null,
    });
  }
}

/** Whether `text` writes `name` (a name of 60 bytes or more) longer, so that PostgreSQL cut it to `name`. */
function cutName(text: string, name: string): boolean {
  if (Buffer.byteLength(name) < 60) return false;
  let at = text.indexOf(name);
  while (at !== -1) {
    if (/^[\p{L}\p{N}_$]/u.test(text.slice(at + name.length))) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

/** Handle one CREATE TABLE. */
export function createTable(ctx: DdlContext, stmt: SourceStatement, node: CreateStmt): void {
  const relation = node.relation ?? {};
  const q = ctx.createdName(relation);
  const table = createTableDraft(q.schema, q.name, stmt.location);
  table.unlogged = relation.relpersistence === 'u';
  const earlier = ctx.builder.table(q);
  if (earlier !== undefined) {
    // CREATE TABLE IF NOT EXISTS of an existing table does nothing.
    if (node.if_not_exists !== true) {
      const where = earlier.location === null ? '' : ` at ${formatLocation(earlier.location)}`;
      const fix = cutName(stmt.text, q.name)
        ? `the name written here is longer than the 63 bytes PostgreSQL keeps of a name; make the two names differ within their first 63 bytes`
        : 'remove one (or write CREATE TABLE IF NOT EXISTS)';
      ctx.builder.problems.push({
        location: stmt.location,
        message: `CREATE TABLE ${displayName(q)}: the table is already defined${where}, and PostgreSQL rejects a second definition; ${fix}`,
      });
    }
    return;
  }
  relationNamedLikeType(ctx, stmt, q, 'TABLE');
  ctx.names.addRelation(q.schema, q.name);
  if (node.ofTypename !== undefined) typedTableColumns(ctx, stmt, table, node.ofTypename);
  addParentsAndPartitioning(ctx, stmt, node, table, q);
  // Collect elements in order; constraint naming order follows PostgreSQL: checks, then index-backed, then FKs.
  // Its own top-level fields only are replaced (relation, elements, options): a copy of the tree (a CHECK IN of
  // a million values) cost seconds.
  const rewritten: CreateStmt = { ...node, relation: { ...relation, schemaname: q.schema } };
  const { keptElements, pending, removed, ownSequences, sequenceDefaults } = collectElements(
    ctx,
    stmt,
    node,
    table,
    q,
  );
  tooManyColumns(ctx, table, q, stmt.location, 'CREATE TABLE');
  // The generated columns this statement declares (one copied by LIKE or inherited reads its source's names).
  for (const element of node.tableElts ?? []) {
    const def = 'ColumnDef' in element ? element.ColumnDef : undefined;
    const own = def?.constraints?.some(
      (c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_GENERATED',
    );
    const generated = own === true ? table.columns.find((c) => c.name === def?.colname)?.generated : null;
    if (generated !== undefined && generated !== null) {
      const what = `generated column ${def?.colname ?? ''}`;
      reportUnknownColumns(ctx, table, generated.ast, what, stmt.location);
      reportRefusedExpression(ctx, table, generated.ast, what, (o) => stmt.at(o ?? def?.location));
      reportRefusedAtPlace(ctx, table, generated.ast, 'generated', what, (o) => stmt.at(o ?? def?.location));
      reportGeneratedReadingGenerated(ctx, table, def?.colname ?? '', generated.ast, stmt.at(def?.location));
    }
  }
  ctx.builder.addTable(table);
  const withoutOids = takeOutOids(ctx, stmt, rewritten);
  writeTableStatements(ctx, stmt, table, q, {
    rewritten,
    keptElements,
    pending,
    removed: removed || withoutOids,
    ownSequences,
    sequenceDefaults,
  });
}

/** A CREATE TABLE's elements once sorted out (see collectElements). */
interface TableElements {
  readonly keptElements: Node[];
  readonly pending: { constraint: Constraint; column: string | null }[];
  /** Something was taken out of the statement, which is then written anew. */
  readonly removed: boolean;
  readonly ownSequences: ColumnSequence[];
  /** Other columns' DEFAULTs calling those sequences, written after them. */
  readonly sequenceDefaults: SequenceDefault[];
}

/** A partition's parent and bound, or the tables it inherits from (their columns copied), and its own PARTITION BY. */
function addParentsAndPartitioning(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: CreateStmt,
  table: TableDraft,
  q: QualifiedName,
): void {
  const parents = (node.inhRelations ?? []).flatMap((n) =>
    'RangeVar' in n ? [ctx.resolveRelation(n.RangeVar)] : [],
  );
  if (node.partbound !== undefined) {
    const parent = parents[0];
    if (parent !== undefined) {
      reportOverlappingPartition(ctx, q, parent, node.partbound, stmt.location);
      table.partitionOf = {
        parent,
        bound: partitionBoundExpr(node.partbound),
        isDefault: node.partbound.is_default === true,
      };
      copyParent(table, ctx.builder.table(parent), true);
      if (ctx.builder.table(parent) === undefined) {
        ctx.builder.problems.push({
          location: stmt.location,
          message: `partition ${displayName(q)} is a partition of ${displayName(parent)}, which is not defined before it in the DDL`,
        });
      }
    }
  } else {
    for (const [i, parent] of parents.entries()) {
      table.inherits.push(parent);
      copyParent(table, ctx.builder.table(parent), false);
      const rv = node.inhRelations?.[i];
      if (ctx.builder.table(parent) === undefined && rv !== undefined && 'RangeVar' in rv)
        noteRelationUsed(ctx, `${displayName(q)} INHERITS`, rv.RangeVar, stmt.at(rv.RangeVar.location));
    }
  }
  if (node.partspec !== undefined) {
    const elems = (node.partspec.partParams ?? []).flatMap((p) =>
      'PartitionElem' in p ? [p.PartitionElem] : [],
    );
    table.partitionBy = {
      strategy: PARTITION_STRATEGY[node.partspec.strategy ?? ''] ?? 'range',
      columns: elems.map((e) => e.name ?? null),
      expressions: elems.map((e) => (e.expr === undefined ? null : exprOf(e.expr))),
    };
  }
}

/** The elements of a CREATE TABLE sorted out: what stays in its statement, the constraints to add, its own sequences. */
function collectElements(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: CreateStmt,
  table: TableDraft,
  q: QualifiedName,
): TableElements {
  const keptElements: Node[] = [];
  const pending: { constraint: Constraint; column: string | null }[] = [];
  const found = { removed: false };
  const declared = new Set<string>();
  const ownSequences: ColumnSequence[] = [];
  for (const element of node.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const { column, constraints, serial } = buildColumn(ctx, table, element.ColumnDef, stmt.location, (o) =>
        stmt.at(o),
      );
      if (declared.has(column.name)) {
        ctx.builder.problems.push({
          location: stmt.at(element.ColumnDef.location),
          message: `CREATE TABLE ${displayName(q)}: column ${quoteIdent(column.name)} is declared more than once; ${cutName(stmt.text, column.name) ? 'a name written here is longer than the 63 bytes PostgreSQL keeps of a name, which cuts two to this one; make them differ within their first 63 bytes' : 'remove or rename one'}`,
        });
      }
      declared.add(column.name);
      const existing = table.columns.find((c) => c.name === column.name);
      if (existing !== undefined) {
        // Partition or inherited column redeclared: merge the local options.
        existing.notNull ||= column.notNull;
        existing.default = column.default ?? existing.default;
        // A child's GENERATED ALWAYS AS over an inherited column makes it generated there (midPoint's
        // `objectType ... GENERATED ALWAYS AS ('ORG') STORED` under m_object's plain one): COPY must leave it out.
        if (column.generated !== null) {
          existing.generated = column.generated;
          if (column.generatedBefore23 === undefined) delete existing.generatedBefore23;
          else existing.generatedBefore23 = column.generatedBefore23;
        }
      } else table.columns.push(column);
      const keep: Node[] = [];
      for (const c of constraints) {
        if (c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_NULL' || c.contype === 'CONSTR_DEFAULT')
          keep.push({ Constraint: c });
        else if (c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED')
          keep.push({ Constraint: c });
        else if (c.contype === 'CONSTR_CHECK') {
          keep.push({ Constraint: c });
          pending.push({ constraint: c, column: column.name });
        } else {
          found.removed = true;
          pending.push({ constraint: c, column: column.name });
        }
      }
      // takeOutColumnSequence and the lines below replace its top-level fields only.
      const def = { ...element.ColumnDef };
      const own = existing === undefined ? takeOutColumnSequence(table, column, def, keep, serial) : null;
      if (own !== null) {
        ownSequences.push(own);
        found.removed = true;
      }
      if (keep.length > 0) def.constraints = keep;
      else delete def.constraints;
      keptElements.push({ ColumnDef: def });
    } else if ('Constraint' in element) {
      const c = element.Constraint;
      pending.push({ constraint: c, column: null });
      if (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_NOTNULL') keptElements.push(element);
      else found.removed = true;
    } else {
      if ('TableLikeClause' in element) copyLike(ctx, stmt, table, element.TableLikeClause);
      keptElements.push(element);
    }
  }
  const sequenceDefaults = takeOutSequenceDefaults(ctx, keptElements, ownSequences);
  return { keptElements, pending, removed: found.removed, ownSequences, sequenceDefaults };
}

/** The pre-data CREATE TABLE (rewritten when anything was taken out), its sequences, and its post-data constraints. */
function writeTableStatements(
  ctx: DdlContext,
  stmt: SourceStatement,
  table: TableDraft,
  q: QualifiedName,
  elements: TableElements & { readonly rewritten: CreateStmt },
): void {
  const { rewritten, keptElements, pending, removed, ownSequences, sequenceDefaults } = elements;
  const order = (c: Constraint) =>
    c.contype === 'CONSTR_CHECK' ? 0 : c.contype === 'CONSTR_FOREIGN' ? 2 : 1;
  const sorted = withoutRedundantKeys(pending).sort((a, b) => order(a.constraint) - order(b.constraint));
  const moved: ReturnType<typeof addTableConstraint>[] = [];
  // Names given so far, and those PostgreSQL gave the unnamed CHECKs before (it makes them first, in order).
  const named = new Map<string, 'given' | 'chosen'>();
  for (const { constraint, column } of sorted) {
    const given = constraint.conname;
    if (given !== undefined && named.has(given))
      ctx.builder.problems.push({
        location: stmt.at(constraint.location),
        message:
          named.get(given) === 'given'
            ? `CREATE TABLE ${displayName(q)}: constraint ${given} is named twice, and PostgreSQL refuses the second ("${given}" already exists); rename one`
            : `CREATE TABLE ${displayName(q)}: constraint ${given} has the name PostgreSQL gives an unnamed CHECK made before it, and it refuses this one ("${given}" already exists); rename it, or name that CHECK`,
      });
    if (given !== undefined) named.set(given, 'given');
    const added = addTableConstraint(ctx, table, constraint, column, stmt.at(constraint.location));
    if (added !== null && given === undefined && constraint.contype === 'CONSTR_CHECK')
      named.set(added.name, 'chosen');
    if (added !== null && added.group !== 0) moved.push(added);
  }

  // No element list at all when none is left: `PARTITION OF p () FOR VALUES ...` and `OF t ()` are syntax errors.
  if (keptElements.length > 0) rewritten.tableElts = keptElements;
  else delete rewritten.tableElts;
  // Unchanged, it runs in its original place under the same search_path: keep the author's text.
  const sql = removed ? deparseNode({ CreateStmt: rewritten }, true) : stmt.text;
  ctx.out.add({
    desc: 'TABLE',
    group: 0,
    namespace: q.schema,
    tag: q.name,
    sql,
    tables: [q],
    location: stmt.location,
    creates: objectKey('relation', q.schema, q.name),
    references: referencesIn(ctx, stmt.node),
  });
  addColumnSequenceStatements(ctx, stmt, q, ownSequences, table.unlogged);
  addSequenceDefaultStatements(ctx, stmt, q, sequenceDefaults);
  for (const added of moved) {
    if (added === null) continue;
    const alter = addConstraintStatement(q, added.node, table.partitionBy === null);
    ctx.out.add({
      desc: added.desc,
      group: added.group,
      namespace: q.schema,
      tag: `${q.name} ${added.name}`,
      sql: deparseNode(alter, true),
      node: alter,
      tables: added.tables,
      location: stmt.location,
      creates: constraintKey(q, added.name),
    });
  }
}
