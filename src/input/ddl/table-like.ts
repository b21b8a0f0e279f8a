/**
 * `CREATE TABLE t (LIKE base [INCLUDING ...])`: the columns base has at that
 * point (NOT NULL always; defaults, generated expressions, identity and
 * CHECKs as the options ask). With INCLUDING INDEXES PostgreSQL copies the
 * keys base has when the statement runs; in the output base's keys are
 * added post-data, after it, so the copied keys are added post-data too,
 * under the names PostgreSQL gives them.
 */

import type { Constraint, IndexStmt, Node, TableLikeClause } from 'libpg-query';
import type { QualifiedName, UniqueKey } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import { deparseNode } from './ast.js';
import { addIdentity } from './column-definition.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { indexColumnName } from './index-column-names.js';
import { copyPlainIndexes } from './like-indexes.js';
import { nameAddition } from './object-names.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey, objectKey } from './statement-list.js';
import { addConstraintStatement } from './table-constraints.js';

/** CREATE_TABLE_LIKE_* bits of TableLikeClause.options. */
const LIKE = { constraints: 1 << 2, defaults: 1 << 3, generated: 1 << 4, identity: 1 << 5, indexes: 1 << 6 };

/** Copy what LIKE copies into `table`; returns the post-data statements that add the copied keys. */
export function copyLike(
  ctx: DdlContext,
  stmt: SourceStatement,
  table: TableDraft,
  clause: TableLikeClause,
): void {
  const sourceName = ctx.resolveRelation(clause.relation ?? {});
  const source = ctx.builder.table(sourceName);
  if (source === undefined) {
    ctx.builder.problems.push({
      location: stmt.at(clause.relation?.location),
      message: `CREATE TABLE ${displayName(table)} (LIKE ${displayName(sourceName)}): that table is not defined before it in the DDL, so PostgreSQL refuses the statement (relation does not exist); define it first, or give the file that does as an earlier argument`,
    });
    // Its columns are unknown: what the statement says of them is not a second problem.
    table.changedUnseenBy ??= `LIKE ${displayName(sourceName)}, which is not defined`;
    return;
  }
  const options = clause.options ?? 0;
  const has = (bit: number) => (options & bit) !== 0;
  for (const c of source.columns) {
    if (table.columns.some((own) => own.name === c.name)) continue;
    const column = {
      ...c,
      default: has(LIKE.defaults) ? c.default : null,
      sequence: has(LIKE.defaults) ? c.sequence : null,
      generated: has(LIKE.generated) ? c.generated : null,
      identity: null,
    };
    table.columns.push(column);
    if (has(LIKE.identity) && c.identity !== null) {
      const identity: Constraint = {
        contype: 'CONSTR_IDENTITY',
        generated_when: c.identity === 'always' ? 'a' : 'd',
      };
      addIdentity(ctx, table, column, identity);
    }
  }
  if (has(LIKE.constraints)) {
    for (const check of source.checks) {
      if (table.checks.some((own) => own.name === check.name)) continue;
      table.checks.push(check);
      ctx.names.addConstraint(table.schema, check.name);
    }
  }
  if (!has(LIKE.indexes)) return;
  const self = { schema: table.schema, name: table.name };
  const keys = [...(source.primaryKey === null ? [] : [source.primaryKey]), ...source.uniques];
  for (const key of keys) copyKey(ctx, stmt, table, self, key);
  if (ctx.copiesLikeIndexes === true) copyPlainIndexes(ctx, stmt, self, source);
}

function copyKey(
  ctx: DdlContext,
  stmt: SourceStatement,
  table: TableDraft,
  self: QualifiedName,
  key: UniqueKey,
): void {
  const primary = key.kind === 'primary-key';
  const columnNames = key.columns.map((c, i) => indexColumnName(c, key.expressions[i]?.ast));
  const label = primary ? 'pkey' : key.isIndex ? 'idx' : 'key';
  const name = ctx.names.chooseRelationName(
    table.schema,
    table.name,
    primary ? null : nameAddition(columnNames),
    label,
    !key.isIndex,
  );
  ctx.names.addRelation(table.schema, name);
  if (!key.isIndex) ctx.names.addConstraint(table.schema, name);
  ctx.builder.indexes.set(`${table.schema}\u0000${name}`, self);
  const copied: UniqueKey = { ...key, name };
  table.keyLocations.set(name, stmt.location);
  if (primary) table.primaryKey = copied;
  else table.uniques.push(copied);
  let sql: string;
  let creates: string;
  let node: Node;
  if (key.isIndex) {
    const index: IndexStmt = {
      idxname: name,
      relation: { schemaname: table.schema, relname: table.name, inh: true, relpersistence: 'p' },
      accessMethod: 'btree',
      indexParams: key.columns.map(
        (c, i): Node => ({
          IndexElem:
            c === null
              ? {
                  expr: key.expressions[i]?.ast as Node,
                  ordering: 'SORTBY_DEFAULT',
                  nulls_ordering: 'SORTBY_NULLS_DEFAULT',
                }
              : { name: c, ordering: 'SORTBY_DEFAULT', nulls_ordering: 'SORTBY_NULLS_DEFAULT' },
        }),
      ),
      unique: true,
      ...(key.nullsNotDistinct ? { nulls_not_distinct: true } : {}),
      ...(key.where === null ? {} : { whereClause: key.where.ast as Node }),
    };
    node = { IndexStmt: index };
    sql = deparseNode(node, true);
    creates = objectKey('relation', table.schema, name);
  } else {
    const constraint: Constraint = {
      contype: primary ? 'CONSTR_PRIMARY' : 'CONSTR_UNIQUE',
      conname: name,
      keys: key.columns.map((c) => ({ String: { sval: c ?? '' } })),
      ...(key.nullsNotDistinct ? { nulls_not_distinct: true } : {}),
      ...(key.deferrable ? { deferrable: true } : {}),
      ...(key.withoutOverlaps ? { without_overlaps: true } : {}),
    };
    node = addConstraintStatement(self, constraint, table.partitionBy === null);
    sql = deparseNode(node, true);
    creates = constraintKey(self, name);
  }
  ctx.out.add({
    desc: key.isIndex ? 'INDEX' : 'CONSTRAINT',
    group: key.isIndex ? 2 : 1,
    namespace: table.schema,
    tag: key.isIndex ? name : `${table.name} ${name}`,
    sql,
    tables: [self],
    location: stmt.location,
    creates,
    node,
  });
}
