/**
 * Statements about one relation that are not tables: views, materialized
 * views, CREATE TABLE AS, triggers/rules/policies (post-data), comments and
 * the object an `ALTER ... OWNER TO` names.
 */

import type { CreateTableAsStmt, Node, RangeVar, RefreshMatViewStmt, RuleStmt, ViewStmt } from 'libpg-query';
import { formatLocation } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { quoteQualified } from '../../schema/quote.js';
import {
  cloneNode,
  deparseNode,
  listItems,
  rangeVarsIn,
  shallowCloneStatement,
  stringOf,
  stringsOf,
} from './ast.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { checkRelationNamed } from './missing-relations.js';
import { notePointReads } from './point-reads.js';
import { referencesIn } from './references.js';
import { noteRelationsRead } from './relations-read.js';
import { operatorKey, typeText } from './routines.js';
import { checkViewReadsItself } from './self-reading-views.js';
import { objectKey } from './statement-list.js';
import { tableAsPlainTable } from './table-as.js';
import { relationNamedLikeType } from './type-statements.js';
import { reportRepeatedViewColumn } from './view-columns.js';
import { noteViewColumns, reportRefusedViewReplacement } from './view-replacement.js';

/** A post-data statement on one table (trigger, rule, policy), schema-qualified. */
export function postOnRelation(
  ctx: DdlContext,
  stmt: SourceStatement,
  desc: string,
  relation: RangeVar | undefined,
  name: string,
  setRelation: (node: Node, rv: RangeVar) => void,
): void {
  const rv = relation ?? {};
  const q = ctx.resolveRelation(rv);
  // Missing where the DDL makes the schema's objects: a located problem; in the database's schema: listed (missing-relations.ts).
  if (!checkRelationNamed(ctx, stmt, `${desc} ${name} on ${displayName(q)}`, q)) return;
  const copy = shallowCloneStatement(stmt.node);
  setRelation(copy, { ...rv, schemaname: q.schema });
  const sql = rv.schemaname === undefined ? deparseNode(copy, true) : stmt.text;
  ctx.out.add({
    desc,
    group: 4,
    namespace: q.schema,
    tag: `${q.name} ${name}`,
    sql,
    tables: [q],
    location: stmt.location,
    node: copy,
    references: referencesIn(ctx, stmt.node),
  });
}

/** CREATE MATERIALIZED VIEW (kept WITH NO DATA, refreshed post-data) or CREATE TABLE AS (over one table's columns: table-as.ts; else not modelled). */
export function createTableAs(ctx: DdlContext, stmt: SourceStatement, node: CreateTableAsStmt): void {
  const what = node.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'CREATE TABLE AS';
  noteRelationsRead(ctx, stmt, `${what} ${displayName(ctx.createdName(node.into?.rel ?? {}))}`, node.query);
  if (node.objtype !== 'OBJECT_MATVIEW') {
    // A table under a materialized view's name: a DO block dropped the view unseen (civitai's "ImageRank"),
    // so the view's refresh, run last, would find a table.
    const q = ctx.resolveRelation(node.into?.rel ?? {});
    ctx.out.remove(
      null,
      (s) => s.desc === 'MATERIALIZED VIEW DATA' && s.namespace === q.schema && s.tag === q.name,
    );
  }
  if (node.objtype !== 'OBJECT_MATVIEW' && tableAsPlainTable(ctx, stmt, node)) return;
  const q = ctx.createdName(node.into?.rel ?? {});
  ctx.names.addRelation(q.schema, q.name);
  if (node.objtype !== 'OBJECT_MATVIEW') {
    ctx.warn(
      'UNSUPPORTED_TABLE',
      `CREATE TABLE ${displayName(q)} AS at ${formatLocation(stmt.location)} is written as it is: the table holds what its query selects at load time, not generated rows, and its columns are not modelled; write it as CREATE TABLE with its columns for datagen to fill it`,
      stmt.location,
    );
    // Known as a relation (as a view is): later ALTER TABLE, CREATE INDEX, DROP TABLE on it are kept as written.
    ctx.builder.views.set(nameKey(q), q);
    ctx.tablesAs.add(nameKey(q));
    addAsWritten(ctx, stmt, {
      desc: 'TABLE',
      namespace: q.schema,
      tag: q.name,
      creates: objectKey('relation', q.schema, q.name),
    });
    return;
  }
  ctx.builder.views.set(nameKey(q), q);
  notePointReads(ctx, q, node.query, true);
  let sql = stmt.text;
  if (node.into?.skipData !== true) {
    const copy = cloneNode(node);
    if (copy.into !== undefined) {
      copy.into.skipData = true;
      copy.into.rel = { ...copy.into.rel, schemaname: q.schema };
    }
    sql = deparseNode({ CreateTableAsStmt: copy }, true);
    addMatviewData(ctx, q, stmt);
  }
  ctx.out.add({
    desc: 'MATERIALIZED VIEW',
    group: 0,
    namespace: q.schema,
    tag: q.name,
    sql,
    tables: [],
    location: stmt.location,
    creates: objectKey('relation', q.schema, q.name),
    references: referencesIn(ctx, stmt.node),
    // Its query, which the planner reads for the casts its refresh evaluates on every row (cast-demands.ts).
    node: { CreateTableAsStmt: node },
  });
}

/** The statement-list key of the object an `ALTER ... OWNER TO` names. */
export function ownedObjectKey(ctx: DdlContext, objectType: string, object: Node | undefined): string | null {
  if (object === undefined) return null;
  switch (objectType) {
    case 'OBJECT_SCHEMA':
      return objectKey('schema', '', stringOf(object) ?? '');
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = ctx.typeName(listItems(object));
      return objectKey('type', q.schema, q.name);
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_AGGREGATE': {
      const names = 'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : [];
      const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
      return objectKey('function', schema, names.at(-1) ?? '');
    }
    case 'OBJECT_OPERATOR': {
      if (!('ObjectWithArgs' in object)) return null;
      const names = stringsOf(object.ObjectWithArgs.objname);
      const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
      // A prefix operator's NONE is an empty node.
      const [left, right] = (object.ObjectWithArgs.objargs ?? []).map((a) =>
        typeText(ctx, 'TypeName' in a ? a.TypeName : undefined),
      );
      return operatorKey(schema, names.at(-1) ?? '', left ?? 'NONE', right ?? 'NONE');
    }
    default:
      return null;
  }
}

/**
 * CREATE VIEW. `CREATE OR REPLACE VIEW` of a view defined earlier (pg_dump's
 * dummy-view pattern: a placeholder view, the primary key, then the real
 * definition whose GROUP BY relies on that key) goes to post-data after the
 * keys, as pg_dump's RULE entry does.
 */
/** pg_dump's placeholder: `SELECT NULL::type AS name, ...` with no FROM. */
function isPlaceholderQuery(query: Node | undefined): boolean {
  if (query === undefined || !('SelectStmt' in query)) return false;
  const select = query.SelectStmt;
  if (select.fromClause !== undefined || select.targetList === undefined) return false;
  return select.targetList.every((t) => {
    const val = 'ResTarget' in t ? t.ResTarget.val : undefined;
    return (
      val !== undefined &&
      'TypeCast' in val &&
      val.TypeCast.arg !== undefined &&
      'A_Const' in val.TypeCast.arg &&
      val.TypeCast.arg.A_Const.isnull === true
    );
  });
}

/**
 * Whether a query (or a subquery in it) groups rows and selects a column its
 * GROUP BY does not list, bare or inside an expression that calls no
 * function (`coalesce(m.n, 0)`, `m.*`): PostgreSQL accepts that only through
 * a primary key's functional dependency (`SELECT a.id, a.x … GROUP BY a.id`).
 */
function hasGroupBy(query: unknown): boolean {
  if (Array.isArray(query)) return query.some(hasGroupBy);
  if (query === null || typeof query !== 'object') return false;
  const node = query as Record<string, unknown>;
  if (Array.isArray(node.groupClause) && node.groupClause.length > 0 && Array.isArray(node.targetList)) {
    const grouped = new Set(node.groupClause.map(lastField).filter((n) => n !== undefined));
    const groupedExpressions = new Set(node.groupClause.map(withoutLocations));
    const ungrouped = node.targetList.some((t) => {
      const value = (t as { ResTarget?: { val?: unknown } }).ResTarget?.val;
      if (groupedExpressions.has(withoutLocations(value))) return false;
      const read: string[] = [];
      columnsOutsideAggregates(value, read);
      return read.some((name) => !grouped.has(name));
    });
    if (ungrouped) return true;
  }
  return Object.values(node).some(hasGroupBy);
}

/** The last name of a column reference (`*` for `t.*`). */
function lastField(ref: unknown): string | undefined {
  const fields = (ref as { ColumnRef?: { fields?: unknown[] } } | undefined)?.ColumnRef?.fields;
  const last = fields?.at(-1) as { String?: { sval?: string }; A_Star?: unknown } | undefined;
  return last?.A_Star !== undefined ? '*' : last?.String?.sval;
}

/** An expression's tree as text without its source positions (two equal expressions compare equal). */
function withoutLocations(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key === 'location' ? undefined : v));
}

/**
 * The columns an expression reads outside function calls and subqueries (by their last name): a call may be
 * an aggregate (the DDL's own too: `inv.total_qty(quantity)`), whose arguments need no GROUP BY.
 */
function columnsOutsideAggregates(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) columnsOutsideAggregates(item, into);
    return;
  }
  if (value === null || typeof value !== 'object' || 'SubLink' in value || 'FuncCall' in value) return;
  if ('ColumnRef' in value) {
    const name = lastField(value);
    if (name !== undefined) into.push(name);
    return;
  }
  for (const item of Object.values(value)) columnsOutsideAggregates(item, into);
}

/**
 * A view whose GROUP BY relies on a table's primary key (`SELECT a.id, a.x …
 * GROUP BY a.id`) can only be created once that key exists, so the keys of
 * the tables it reads stay in pre-data, before it, instead of moving after
 * the data.
 */
function keepPrimaryKeysBefore(ctx: DdlContext, query: unknown): void {
  const read = new Set<string>();
  for (const used of rangeVarsIn(query)) read.add(nameKey(ctx.resolveRelation(used)));
  ctx.out.update((s) =>
    s.group === 1 &&
    s.desc === 'CONSTRAINT' &&
    /\bPRIMARY\s+KEY\b/i.test(s.sql) &&
    s.tables.some((t) => read.has(nameKey(t)))
      ? { ...s, group: 0 }
      : undefined,
  );
}

export function createView(ctx: DdlContext, stmt: SourceStatement, node: ViewStmt): void {
  const rv = node.view ?? {};
  const q = ctx.createdName(rv);
  const key = objectKey('relation', q.schema, q.name);
  const placeholders = ctx.builder.placeholderViews;
  noteRelationsRead(ctx, stmt, `view ${displayName(q)}`, node.query);
  reportRepeatedViewColumn(ctx, stmt, q, node);
  if (node.replace === true && placeholders.has(key)) {
    placeholders.delete(key);
    let sql = stmt.text;
    if (rv.schemaname === undefined) {
      const copy = cloneNode(node);
      copy.view = { ...rv, schemaname: q.schema };
      sql = deparseNode({ ViewStmt: copy }, true);
    }
    // The tables it reads: it must follow their keys (an archive orders it after them).
    const tables = new Map<string, QualifiedName>();
    for (const used of rangeVarsIn(node.query)) {
      const t = ctx.resolveRelation(used);
      if (ctx.builder.table(t) !== undefined) tables.set(nameKey(t), t);
    }
    ctx.out.add({
      desc: 'RULE',
      group: 4,
      namespace: q.schema,
      tag: q.name,
      sql,
      tables: [...tables.values()],
      location: stmt.location,
    });
    return;
  }
  reportRefusedViewReplacement(ctx, stmt, q, node);
  if (node.replace !== true && ctx.builder.views.has(nameKey(q)))
    ctx.builder.problems.push({
      location: stmt.location,
      message: `CREATE VIEW ${displayName(q)}: the view is already defined earlier in the DDL, and PostgreSQL rejects a second definition (relation "${q.name}" already exists); remove one (or write CREATE OR REPLACE VIEW)`,
    });
  if (!ctx.builder.views.has(nameKey(q))) {
    relationNamedLikeType(ctx, stmt, q, 'VIEW');
    if (ctx.builder.table(q) === undefined) checkViewReadsItself(ctx, stmt, node.query, q);
  }
  ctx.builder.views.set(nameKey(q), q);
  const query = node.query === undefined ? undefined : viewQuery(node.query);
  if (query !== undefined) ctx.builder.viewQueries.set(nameKey(q), query);
  notePointReads(ctx, q, node.query, false);
  noteViewColumns(ctx, q, node, stmt.location);
  ctx.names.addRelation(q.schema, q.name);
  if (isPlaceholderQuery(node.query)) placeholders.add(key);
  else if (hasGroupBy(node.query)) keepPrimaryKeysBefore(ctx, node.query);
  addAsWritten(ctx, stmt, {
    desc: 'VIEW',
    namespace: q.schema,
    tag: q.name,
    creates: key,
    references: referencesIn(ctx, stmt.node),
  });
}

/** A view's SELECT as text; undefined where the deparser cannot print it (JSON_TABLE). */
function viewQuery(query: Node): string | undefined {
  try {
    return deparseNode(query);
  } catch {
    return undefined;
  }
}

/**
 * `CREATE RULE "_RETURN" AS ON SELECT TO t DO INSTEAD SELECT ...` makes the
 * table t a view (how pg_dump 9.x wrote views in a dependency loop): it
 * takes no rows (PostgreSQL refuses the rule on a table that holds some)
 * and nothing refers to it as a table.
 */
export function tableMadeView(ctx: DdlContext, rule: RuleStmt): QualifiedName | undefined {
  if (rule.rulename !== '_RETURN' || rule.event !== 'CMD_SELECT' || rule.instead !== true) return undefined;
  const q = ctx.resolveRelation(rule.relation ?? {});
  if (!ctx.builder.tables.delete(nameKey(q))) return undefined;
  ctx.builder.views.set(nameKey(q), q);
  return q;
}

/**
 * The `_RETURN` rule that made a table a view follows the keys of the tables
 * its query reads, as the dummy view's RULE does (its GROUP BY may rely on
 * one of them: cofree's `prof_closure ... GROUP BY p.id`).
 */
export function ruleAfterKeys(ctx: DdlContext, view: QualifiedName, rule: RuleStmt): void {
  const tables = new Map<string, QualifiedName>();
  for (const used of rangeVarsIn(rule.actions)) {
    const t = ctx.resolveRelation(used);
    if (ctx.builder.table(t) !== undefined) tables.set(nameKey(t), t);
  }
  ctx.out.update((s) =>
    s.desc === 'RULE' && s.namespace === view.schema && s.tag === `${view.name} _RETURN`
      ? { ...s, tables: [...s.tables, ...tables.values()] }
      : undefined,
  );
}

/** A materialized view's REFRESH, run last (after the rows, keys and privileges) as pg_dump writes it. */
function addMatviewData(ctx: DdlContext, q: QualifiedName, stmt: SourceStatement): void {
  ctx.out.add({
    desc: 'MATERIALIZED VIEW DATA',
    group: 5,
    namespace: q.schema,
    tag: q.name,
    sql: `REFRESH MATERIALIZED VIEW ${quoteQualified(q)}`,
    tables: [],
    location: stmt.location,
  });
}

/**
 * REFRESH MATERIALIZED VIEW of a materialized view the DDL makes (how a pg_dump with data ends: the view made
 * WITH NO DATA, refreshed after every table's rows): its refresh, run last. Kept where it stood, it ran before
 * the rows and left the view empty. `WITH NO DATA` leaves the view unpopulated; CONCURRENTLY, which needs a
 * populated view, is the same refresh. False for a relation the DDL does not make a materialized view of.
 */
export function refreshMatview(ctx: DdlContext, stmt: SourceStatement, node: RefreshMatViewStmt): boolean {
  const q = ctx.resolveRelation(node.relation ?? {});
  // A view of the DDL that is no CREATE TABLE AS: the server refreshes only a materialized view.
  if (!ctx.builder.views.has(nameKey(q)) || ctx.tablesAs.has(nameKey(q))) return false;
  ctx.out.remove(
    null,
    (s) => s.desc === 'MATERIALIZED VIEW DATA' && s.namespace === q.schema && s.tag === q.name,
  );
  if (node.skipData !== true) addMatviewData(ctx, q, stmt);
  return true;
}
