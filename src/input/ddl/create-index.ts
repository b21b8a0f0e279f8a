/**
 * CREATE INDEX → post-data; a unique index is also a unique key of its table.
 */

import type { IndexStmt, Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { columnRefsIn, deparseNode, exprOf } from './ast.js';
import { reportUnknownColumns } from './column-references.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { reportRefusedAtPlace } from './expression-places.js';
import { indexColumnName } from './index-column-names.js';
import { reportIndexWithoutOperatorClass } from './index-operator-classes.js';
import { reportRefusedExpression } from './literal-inputs.js';
import { inExternalSchema } from './missing-relations.js';
import { nameAddition, truncateIdentifier } from './object-names.js';
import { referencesIn } from './references.js';
import type { TableDraft } from './schema-builder.js';
import { objectKey } from './statement-list.js';
import { isUnseenColumn, withUnseenColumns } from './unseen-columns.js';

/**
 * What the index's elements and predicate read and hold: the table's columns, constants and calls it may take;
 * the operator classes its columns need (index-operator-classes.ts).
 */
function reportIndexExpressions(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: IndexStmt,
  table: TableDraft,
  name: string,
): void {
  const elems = (node.indexParams ?? []).flatMap((p) => ('IndexElem' in p ? [p.IndexElem] : []));
  // A unique index's named columns are checked with its key (schema-builder's checkColumns); the rest here.
  const named = node.unique === true ? [] : elems.flatMap((e) => (e.name === undefined ? [] : [e.name]));
  const read = [elems.map((e) => e.expr ?? null), node.whereClause ?? null];
  reportUnknownColumns(ctx, table, read, `index ${name}`, stmt.location, named);
  reportRefusedExpression(ctx, table, read, `index ${name}`, () => stmt.location);
  const am = node.accessMethod ?? 'btree';
  reportIndexWithoutOperatorClass(
    ctx,
    table,
    `index ${name}`,
    am,
    node.unique === true,
    elems,
    stmt.location,
  );
  const place = (o: number | undefined) => stmt.at(o);
  if (!reportRefusedAtPlace(ctx, table, read[0], 'index expression', `index ${name}`, place))
    reportRefusedAtPlace(ctx, table, node.whereClause, 'index predicate', `index ${name}`, place);
}

/** Handle one CREATE INDEX. */
export function createIndex(ctx: DdlContext, stmt: SourceStatement, node: IndexStmt): void {
  const relation = node.relation ?? {};
  const q = ctx.resolveRelation(relation);
  const elems = (node.indexParams ?? []).flatMap((p) => ('IndexElem' in p ? [p.IndexElem] : []));
  const runTime = runTimeTable(ctx, stmt, node, q);
  if (runTime === 'left out') return;
  const columns = elems.map((e) => e.name ?? null);
  const name =
    node.idxname === undefined
      ? ctx.names.chooseRelationName(
          q.schema,
          q.name,
          nameAddition(elems.map((e) => indexColumnName(e.name, e.expr))),
          'idx',
          false,
        )
      : truncateIdentifier(node.idxname);
  if (node.idxname !== undefined && node.if_not_exists !== true) reportTakenName(ctx, stmt, q.schema, name);
  // IF NOT EXISTS of a name taken does nothing: left out, as a second entry of that name raced the first under
  // pg_restore -j ('duplicate key value violates unique constraint "pg_class_relname_nsp_index"': OpenMeter).
  if (node.idxname !== undefined && node.if_not_exists === true && takenBy(ctx, q.schema, name) !== null)
    return;
  ctx.names.addRelation(q.schema, name);
  ctx.builder.indexes.set(`${q.schema}\u0000${name}`, q);
  ctx.builder.indexColumns.set(`${q.schema}\u0000${name}`, [
    ...new Set([
      ...columns.filter((c) => c !== null),
      ...columnRefsIn(elems),
      ...columnRefsIn(node.whereClause),
    ]),
  ]);
  const table = ctx.builder.table(q);
  // On a table a kept DO block or call creates (by a name in its text, or one it builds when it runs) the index
  // stays as written, the table ungenerated (as that block's or call's warning says).
  if (
    table === undefined &&
    !ctx.builder.views.has(`${q.schema}\u0000${q.name}`) &&
    !ctx.madeByDo.has(q.name) &&
    runTime !== 'kept'
  ) {
    ctx.builder.problems.push({
      location: stmt.location,
      message: `index ${name} is on ${displayName(q)}, which is not a table defined in the DDL`,
    });
  }
  if (table !== undefined) reportIndexExpressions(ctx, stmt, node, table, name);
  if (table !== undefined && node.unique === true) {
    // A plain element naming a column a kept DO block adds unseen is the value each row holds there.
    const unseen = columns.map((c) => c !== null && isUnseenColumn(table, c));
    table.uniques.push({
      kind: 'unique',
      name,
      columns: columns.map((c, i) => (unseen[i] ? null : c)),
      expressions: elems.map((e, i) =>
        unseen[i]
          ? exprOf(
              withUnseenColumns(table, {
                ColumnRef: { fields: [{ String: { sval: e.name ?? '' } }] },
              } as Node),
            )
          : e.expr === undefined
            ? null
            : exprOf(withUnseenColumns(table, e.expr)),
      ),
      where: node.whereClause === undefined ? null : exprOf(withUnseenColumns(table, node.whereClause)),
      nullsNotDistinct: node.nulls_not_distinct === true,
      isIndex: true,
      deferrable: false,
    });
    table.keyLocations.set(name, stmt.location);
  }
  const qualified = { ...node };
  qualified.relation = { ...relation, schemaname: q.schema };
  // CONCURRENTLY cannot run in a transaction block, which is where pg_restore runs an entry (pg_dump never
  // writes it): the index is built plainly, on the tables just loaded.
  delete qualified.concurrent;
  const sql =
    relation.schemaname === undefined || node.concurrent === true
      ? deparseNode({ IndexStmt: qualified }, true)
      : stmt.text;
  // Named in the AST kept for later rewrites, so a renamed table does not change the index's name.
  qualified.idxname = name;
  ctx.out.add({
    desc: 'INDEX',
    // On a CREATE TABLE AS table (not modelled) in place: later renames of its columns are kept in place too.
    // So on a table code makes unseen (no rows to load first): a later DROP of it (or of its parent) comes after.
    group:
      ctx.tablesAs.has(nameKey(q)) || (table === undefined && !ctx.builder.views.has(nameKey(q))) ? 0 : 2,
    namespace: q.schema,
    tag: name,
    sql,
    tables: [q],
    location: stmt.location,
    creates: objectKey('relation', q.schema, name),
    node: { IndexStmt: qualified },
    references: referencesIn(ctx, stmt.node),
  });
}

/**
 * What already holds an index's name among its schema's relations (an index, a
 * table, a view, a sequence), or null. An index counts only while the name
 * registry has it too: a dropped key constraint frees its index's name there.
 */
function takenBy(ctx: DdlContext, schema: string, name: string): string | null {
  const key = nameKey({ schema, name });
  const b = ctx.builder;
  if (b.indexes.has(key) && ctx.names.hasRelation(schema, name)) return 'an index';
  if (b.tables.has(key)) return 'a table';
  if (b.views.has(key)) return 'a view';
  if (b.sequences.has(key)) return 'a sequence';
  return null;
}

/** A named CREATE INDEX (without IF NOT EXISTS) whose name is taken: a located problem, as PostgreSQL refuses it. */
function reportTakenName(ctx: DdlContext, stmt: SourceStatement, schema: string, name: string): void {
  const taken = takenBy(ctx, schema, name);
  if (taken === null) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `CREATE INDEX ${name}: ${taken} of that name is defined earlier in schema ${schema}, so PostgreSQL refuses the index (relation "${name}" already exists); rename the index, drop the earlier one first, or write CREATE INDEX IF NOT EXISTS`,
  });
}

/**
 * An index on a table the DDL never defines, which code that builds table names when it runs makes ('kept', as
 * written), or in a schema where such code makes tables, but not under this name ('left out': Hatchet's
 * partition makers, and an index on a table a Go migration makes; named in the run-time tables' warning, as
 * PostgreSQL would refuse it).
 */
function runTimeTable(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: IndexStmt,
  q: QualifiedName,
): 'kept' | 'left out' | undefined {
  const key = nameKey(q);
  if (ctx.builder.tables.has(key) || ctx.builder.views.has(key) || ctx.madeByDo.has(q.name)) return undefined;
  if (ctx.runTimeTables.covers(q, stmt.location)) return 'kept';
  if (inExternalSchema(ctx, q)) return undefined;
  const what = node.idxname === undefined ? 'CREATE INDEX' : `CREATE INDEX ${node.idxname}`;
  return ctx.runTimeTables.leavesOut(q, stmt.location, `${what} ON ${displayName(q)}`)
    ? 'left out'
    : undefined;
}
