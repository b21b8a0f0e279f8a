/**
 * Table constraints into the model: primary keys, uniques, exclusions,
 * foreign keys and checks, with PostgreSQL's generated names for unnamed
 * ones, and the `ALTER TABLE ... ADD CONSTRAINT` that recreates each
 * post-data constraint.
 */

import type { Constraint, Node, RangeVar } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName, ReferentialAction, UniqueKey } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import { cloneNode, columnRefsIn, exprOf, listItems, stringsOf } from './ast.js';
import { readsWholeRow, reportUnknownColumns } from './column-references.js';
import {
  reportRefusedExclusionOperator,
  reportRepeatedKeyColumn,
  reportSetColumnsOutsideKey,
} from './constraint-definitions.js';
import type { DdlContext } from './ddl-context.js';
import { reportRefusedAtPlace } from './expression-places.js';
import { indexColumnName } from './index-column-names.js';
import { reportIndexWithoutOperatorClass, reportKeyWithoutOperatorClass } from './index-operator-classes.js';
import { ownColumnType, reportRefusedExpression, userTypeNamed } from './literal-inputs.js';
import { nameAddition } from './object-names.js';
import type { TableDraft } from './schema-builder.js';
import { objectKey, type StatementGroup } from './statement-list.js';
import { timeWordsRead } from './time-words.js';
import { withUnseenColumns } from './unseen-columns.js';

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  a: 'no-action',
  r: 'restrict',
  c: 'cascade',
  n: 'set-null',
  d: 'set-default',
};

const MATCH: Readonly<Record<string, 'simple' | 'full' | 'partial'>> = {
  s: 'simple',
  f: 'full',
  p: 'partial',
};

export interface AddedConstraint {
  readonly name: string;
  /** 0 when the constraint stays with the table (CHECK), else its post-data group. */
  readonly group: StatementGroup;
  readonly desc: string;
  /** The constraint node, named and with its columns filled in, ready for `ADD CONSTRAINT`. */
  readonly node: Constraint;
  /** Tables the constraint needs (the table, and the referenced one for a foreign key). */
  readonly tables: readonly QualifiedName[];
}

/**
 * Record a constraint on `table`. `column` is set for a column constraint
 * (`id int PRIMARY KEY`), which names no columns itself.
 */
export function addTableConstraint(
  ctx: DdlContext,
  table: TableDraft,
  constraint: Constraint,
  column: string | null,
  location: SourceLocation,
): AddedConstraint | null {
  const node = cloneNode(constraint);
  const at: ConstraintAt = {
    ctx,
    table,
    node,
    column,
    location,
    self: { schema: table.schema, name: table.name },
  };
  switch (node.contype) {
    case 'CONSTR_CHECK':
      return addCheck(at);
    case 'CONSTR_NOTNULL':
      return addNotNull(at);
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
      return addKey(at);
    case 'CONSTR_EXCLUSION':
      return addExclusion(at);
    case 'CONSTR_FOREIGN':
      return addForeignKey(at);
    default:
      return null;
  }
}

/** A constraint being added: its (cloned) node, its table, and the column of a column constraint. */
interface ConstraintAt {
  readonly ctx: DdlContext;
  readonly table: TableDraft;
  readonly node: Constraint;
  readonly column: string | null;
  readonly location: SourceLocation;
  readonly self: QualifiedName;
}

/** A CHECK constraint: kept with the table, its expression among the table's checks (unless NOT ENFORCED). */
function addCheck(at: ConstraintAt): AddedConstraint {
  const { ctx, table, node, self } = at;
  // As PostgreSQL's AddRelationNewConstraints: the name's column is the one column the expression reads,
  // a column constraint's too (`b int CHECK (b > a)` is t_check, not t_b_check).
  const refs = columnRefsIn(node.raw_expr);
  const name =
    node.conname ??
    ctx.names.chooseConstraintName(
      table.schema,
      table.name,
      refs.length === 1 ? (refs[0] ?? null) : null,
      'check',
    );
  ctx.names.addConstraint(table.schema, name);
  node.conname = name;
  reportUnknownColumns(ctx, table, node.raw_expr, `CHECK ${name}`, at.location);
  reportRefusedExpression(ctx, table, node.raw_expr, `CHECK ${name}`, () => at.location);
  reportRefusedAtPlace(ctx, table, node.raw_expr, 'check', `CHECK ${name}`, () => at.location);
  // PostgreSQL 18's NOT ENFORCED asks nothing of the rows (below); an enforced one over the whole row is not read.
  if (node.is_enforced === true && readsWholeRow(table, node.raw_expr))
    table.noRowsBecause ??= `CHECK ${name} reads the whole row of ${displayName(table)} (the table's name as a value), which datagen does not read, so rows could fail it; write it over the columns in a copy of the DDL you generate from (${table.name} IS NOT NULL: each column IS NOT NULL)`;
  // PostgreSQL 18's NOT ENFORCED: the server never checks it, so no row need meet it; written back as it is.
  if (node.raw_expr !== undefined && node.is_enforced === true) {
    table.checks.push({
      kind: 'check',
      name,
      // 'now', 'today', … as what they mean when the load makes the table (time-words.ts).
      expr: exprOf(
        timeWordsRead(
          withUnseenColumns(table, node.raw_expr),
          (ref) => ownColumnType(table, ref),
          (type) => userTypeNamed(ctx, type),
        ) as Node,
      ),
      noInherit: node.is_no_inherit === true,
      notValid: node.skip_validation === true,
    });
  }
  return { name, group: 0, desc: 'CHECK CONSTRAINT', node, tables: [self] };
}

/** PostgreSQL 18's table-level `CONSTRAINT name NOT NULL col [NO INHERIT]` (CREATE TABLE or ALTER TABLE ADD). */
function addNotNull(at: ConstraintAt): AddedConstraint {
  const { ctx, table, node, column, self } = at;
  // PostgreSQL 18's table-level `CONSTRAINT name NOT NULL col [NO INHERIT]` (CREATE TABLE or ALTER TABLE ADD).
  const columns = column === null ? stringsOf(node.keys) : [column];
  for (const c of table.columns) if (columns.includes(c.name)) c.notNull = true;
  const name =
    node.conname ?? ctx.names.chooseConstraintName(table.schema, table.name, columns[0] ?? null, 'not_null');
  ctx.names.addConstraint(table.schema, name);
  node.conname = name;
  return { name, group: 0, desc: 'ALTER TABLE', node, tables: [self] };
}

/** A primary key or unique constraint (post-data), over its columns or a unique index it adopts (`USING INDEX`). */
function addKey(at: ConstraintAt): AddedConstraint {
  const { ctx, table, node, column, location, self } = at;
  const primary = node.contype === 'CONSTR_PRIMARY';
  let columns = stringsOf(node.keys);
  if (column !== null && columns.length === 0) {
    columns = [column];
    node.keys = [{ String: { sval: column } }];
  }
  let expressions: UniqueKey['expressions'] = columns.map(() => null);
  let where: UniqueKey['where'] = null;
  let nullsNotDistinct = node.nulls_not_distinct === true;
  // Columns as written (USING INDEX takes an index's, judged where it was made).
  if (node.indexname === undefined)
    reportRepeatedKeyColumn(ctx, table, node.conname ?? '', primary, columns, location);
  if (node.indexname !== undefined) {
    // ADD CONSTRAINT ... USING INDEX: the unique index becomes the constraint.
    const index = table.uniques.find((u) => u.isIndex && u.name === node.indexname);
    if (index !== undefined) {
      table.uniques.splice(table.uniques.indexOf(index), 1);
      columns = index.columns.filter((c): c is string => c !== null);
      expressions = index.expressions;
      where = index.where;
      nullsNotDistinct = index.nullsNotDistinct;
      // Written as pg_dump does, a constraint over the columns (it is post-data, before the indexes):
      // the index's own statement is taken out, PostgreSQL renames it to the constraint anyway.
      ctx.out.remove(objectKey('relation', table.schema, node.indexname));
      ctx.builder.indexes.delete(`${table.schema}\u0000${node.indexname}`);
      ctx.builder.indexColumns.delete(`${table.schema}\u0000${node.indexname}`);
      ctx.names.release(table.schema, node.indexname, true);
      node.keys = columns.map((c) => ({ String: { sval: c } }));
      if (nullsNotDistinct) node.nulls_not_distinct = true;
      delete node.indexname;
    } else {
      ctx.warn('UNKNOWN_INDEX', `index ${node.indexname} used by a constraint is not in the DDL`, location);
    }
  }
  const name =
    node.conname ??
    node.indexname ??
    ctx.names.chooseRelationName(
      table.schema,
      table.name,
      primary ? null : nameAddition(columns),
      primary ? 'pkey' : 'key',
      true,
    );
  ctx.names.addRelation(table.schema, name);
  ctx.names.addConstraint(table.schema, name);
  ctx.builder.indexes.set(`${table.schema}\u0000${name}`, self);
  node.conname = name;
  const key: UniqueKey = {
    kind: primary ? 'primary-key' : 'unique',
    name,
    columns,
    expressions,
    where,
    nullsNotDistinct,
    isIndex: false,
    deferrable: node.deferrable === true,
    ...(node.without_overlaps === true ? { withoutOverlaps: true } : {}),
  };
  table.keyLocations.set(name, location);
  if (node.indexname === undefined)
    reportKeyWithoutOperatorClass(
      ctx,
      table,
      `${primary ? 'PRIMARY KEY' : 'UNIQUE'} ${name}`,
      columns,
      location,
    );
  if (primary) {
    if (table.primaryKey !== null) {
      ctx.builder.problems.push({
        location,
        message: `table ${displayName(table)} has two primary keys`,
      });
    }
    table.primaryKey = key;
    for (const c of table.columns) if (columns.includes(c.name)) c.notNull = true;
  } else table.uniques.push(key);
  return { name, group: 1, desc: 'CONSTRAINT', node, tables: [self] };
}

/** An exclusion constraint (post-data): its elements, access method and predicate. */
function addExclusion(at: ConstraintAt): AddedConstraint {
  const { ctx, table, node, self } = at;
  const elements = (node.exclusions ?? []).map((pair) => {
    const [elem, ops] = listItems(pair);
    const indexElem = elem !== undefined && 'IndexElem' in elem ? elem.IndexElem : {};
    return {
      column: indexElem.name ?? null,
      expr: indexElem.expr === undefined ? null : exprOf(indexElem.expr),
      operator: stringsOf(listItems(ops)).join('.'),
    };
  });
  const columnNames = elements.map((e) => indexColumnName(e.column, e.expr?.ast));
  const name =
    node.conname ??
    ctx.names.chooseRelationName(table.schema, table.name, nameAddition(columnNames), 'excl', true);
  ctx.names.addRelation(table.schema, name);
  ctx.names.addConstraint(table.schema, name);
  node.conname = name;
  reportRefusedExclusionOperator(ctx, table, node, at.location);
  const elems = (node.exclusions ?? [])
    .flatMap((pair) => listItems(pair).slice(0, 1))
    .flatMap((e) => ('IndexElem' in e ? [e.IndexElem] : []));
  reportIndexWithoutOperatorClass(
    ctx,
    table,
    `exclusion constraint ${name}`,
    node.access_method ?? 'btree',
    false,
    elems,
    at.location,
  );
  table.exclusions.push({
    kind: 'exclusion',
    name,
    accessMethod: node.access_method ?? 'btree',
    elements,
    where: node.where_clause === undefined ? null : exprOf(node.where_clause),
  });
  return { name, group: 1, desc: 'CONSTRAINT', node, tables: [self] };
}

/** A foreign key (post-data, after the keys): its referenced table resolved, its actions and match type. */
function addForeignKey(at: ConstraintAt): AddedConstraint {
  const { ctx, table, node, column, location, self } = at;
  let columns = stringsOf(node.fk_attrs);
  if (column !== null && columns.length === 0) {
    columns = [column];
    node.fk_attrs = [{ String: { sval: column } }];
  }
  const pktable = node.pktable ?? {};
  const references = ctx.resolveRelation(pktable);
  node.pktable = { ...pktable, schemaname: references.schema, relname: references.name };
  const name =
    node.conname ?? ctx.names.chooseConstraintName(table.schema, table.name, nameAddition(columns), 'fkey');
  ctx.names.addConstraint(table.schema, name);
  node.conname = name;
  reportSetColumnsOutsideKey(ctx, table, node, columns, location);
  const referenced = stringsOf(node.pk_attrs);
  table.foreignKeys.push({
    kind: 'foreign-key',
    name,
    columns,
    references,
    referencedColumns: referenced.length === 0 ? null : referenced,
    match: MATCH[node.fk_matchtype ?? 's'] ?? 'simple',
    onDelete: ACTIONS[node.fk_del_action ?? 'a'] ?? 'no-action',
    onUpdate: ACTIONS[node.fk_upd_action ?? 'a'] ?? 'no-action',
    deferrable: node.deferrable === true,
    initiallyDeferred: node.initdeferred === true,
    notValid: node.skip_validation === true,
    ...(node.fk_with_period === true ? { period: true } : {}),
    ...(node.is_enforced === true ? {} : { notEnforced: true }),
    location,
  });
  return { name, group: 3, desc: 'FK CONSTRAINT', node, tables: [self, references] };
}

/** Apply `DEFERRABLE` / `INITIALLY DEFERRED` / `[NOT] ENFORCED` attribute nodes that follow a column constraint in the raw tree. */
export function applyConstraintAttributes(constraints: readonly Node[]): Constraint[] {
  const out: Constraint[] = [];
  for (const n of constraints) {
    if (!('Constraint' in n)) continue;
    const c = n.Constraint;
    const previous = out[out.length - 1];
    switch (c.contype) {
      case 'CONSTR_ATTR_DEFERRABLE':
        if (previous !== undefined) previous.deferrable = true;
        break;
      case 'CONSTR_ATTR_NOT_DEFERRABLE':
        if (previous !== undefined) previous.deferrable = false;
        break;
      case 'CONSTR_ATTR_DEFERRED':
        if (previous !== undefined) {
          previous.initdeferred = true;
          previous.deferrable = true;
        }
        break;
      case 'CONSTR_ATTR_IMMEDIATE':
        if (previous !== undefined) previous.initdeferred = false;
        break;
      // PostgreSQL 18: `CHECK (...) NOT ENFORCED`, `REFERENCES p NOT ENFORCED` on a column (transformConstraintAttrs).
      case 'CONSTR_ATTR_ENFORCED':
        if (previous !== undefined) previous.is_enforced = true;
        break;
      case 'CONSTR_ATTR_NOT_ENFORCED':
        if (previous !== undefined) {
          previous.is_enforced = false;
          if (previous.contype === 'CONSTR_FOREIGN') previous.skip_validation = true;
          previous.initially_valid = false;
        }
        break;
      default:
        // Only its top-level attributes are set above: a copy of the constraint, not of its expression's tree.
        out.push({ ...c });
    }
  }
  return out;
}

/** `ALTER TABLE [ONLY] schema.table ADD CONSTRAINT ...` as an AST, for deparsing. */
export function addConstraintStatement(table: QualifiedName, constraint: Constraint, only: boolean): Node {
  const relation: RangeVar = { schemaname: table.schema, relname: table.name, relpersistence: 'p' };
  // pgsql-deparser prints ONLY when `inh` is absent, as libpg-query omits a false `inh`.
  if (!only) relation.inh = true;
  return {
    AlterTableStmt: {
      relation,
      cmds: [
        {
          AlterTableCmd: {
            subtype: 'AT_AddConstraint',
            def: { Constraint: constraint },
            behavior: 'DROP_RESTRICT',
          },
        },
      ],
      objtype: 'OBJECT_TABLE',
    },
  };
}
