/**
 * Casts, operator families and classes, and extended statistics as pg_dump
 * writes them: each its own entry, tagged as pg_dump tags it (`CAST (integer
 * AS app.money2)`; `abs_ops` in schema app; `item_stats` in its schema), so
 * `pg_restore -l` names them and its COMMENT (`OPERATOR CLASS abs_ops USING
 * btree`) goes with it. `ALTER OPERATOR FAMILY ... ADD` and `ALTER
 * STATISTICS ... SET STATISTICS` are part of their object's entry, and an
 * `OWNER TO` its owner. Casts and operator classes are pre-data; statistics
 * post-data after the indexes (pg_dump's STATISTICS entries), so an
 * `ALTER STATISTICS` or COMMENT on them follows them there.
 */
import type { CreateStatsStmt, Node, TypeName } from 'libpg-query';
import type { ObjectRef } from '../../schema/model.js';
import { quoteIdent } from '../../schema/quote.js';
import { listItems, stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { noteDefaultOperatorClass } from './index-operator-classes.js';
import { typeText } from './routines.js';
import type { StatementGroup, StatementInput } from './statement-list.js';

/** The post-data group of extended statistics: with the indexes, as pg_dump writes them after them. */
const STATISTICS_GROUP: StatementGroup = 2;

const objectKeyOf = (ref: ObjectRef) => `${ref.family}\u0000${ref.schema ?? ''}\u0000${ref.name}`;

/** `(integer AS app.money2)`: a cast's source and target as format_type prints them. */
function castSignature(ctx: DdlContext, source: TypeName | undefined, target: TypeName | undefined): string {
  return `(${typeText(ctx, source)} AS ${typeText(ctx, target)})`;
}

/** A schema-qualified name list (`[schema,] name`): its schema (the creation schema when bare) and name. */
function qualified(ctx: DdlContext, names: readonly string[]): { schema: string; name: string } {
  return {
    schema: names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema(),
    name: names.at(-1) ?? '',
  };
}

/** An operator class or family named by COMMENT / OWNER TO (`[am, schema, name]`). */
function opclassRef(ctx: DdlContext, family: 'operator class' | 'operator family', items: string[]) {
  const q = qualified(ctx, items.slice(1));
  return { ref: { family, schema: q.schema, name: q.name } as ObjectRef, am: items[0] ?? '' };
}

/** The table CREATE STATISTICS is on. */
function statisticsTable(ctx: DdlContext, node: CreateStatsStmt): { schema: string; name: string } {
  const relation = (node.relations ?? [])[0];
  return ctx.resolveRelation(relation !== undefined && 'RangeVar' in relation ? relation.RangeVar : {});
}

/**
 * The name PostgreSQL gives an unnamed CREATE STATISTICS (ChooseExtendedStatisticName):
 * the table's, its columns' (`expr` for an expression), `stat`; in the table's schema.
 */
function statisticsName(ctx: DdlContext, node: CreateStatsStmt): { schema: string; name: string } {
  const table = statisticsTable(ctx, node);
  const names = stringsOf(node.defnames);
  if (names.length > 0) return qualified(ctx, names);
  const parts = (node.exprs ?? []).map((e) => ('StatsElem' in e ? (e.StatsElem.name ?? 'expr') : 'expr'));
  return { schema: table.schema, name: [table.name, ...parts, 'stat'].join('_').slice(0, 63) };
}

/** CREATE CAST / OPERATOR FAMILY / OPERATOR CLASS / STATISTICS, their ALTERs and OWNER TO. True when handled. */
export function operatorClassStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  const add = (entry: Pick<StatementInput, 'desc' | 'namespace' | 'tag'> & Partial<StatementInput>) =>
    ctx.out.add({ group: 0, sql: stmt.text, tables: [], location: stmt.location, ...entry });
  if ('CreateCastStmt' in node) {
    const c = node.CreateCastStmt;
    const ref: ObjectRef = {
      family: 'cast',
      schema: null,
      name: castSignature(ctx, c.sourcetype, c.targettype),
    };
    add({ desc: 'CAST', namespace: null, tag: `CAST ${ref.name}`, creates: objectKeyOf(ref) });
  } else if ('CreateOpFamilyStmt' in node || 'CreateOpClassStmt' in node) {
    const family = 'CreateOpFamilyStmt' in node;
    const names = family ? node.CreateOpFamilyStmt.opfamilyname : node.CreateOpClassStmt.opclassname;
    const q = qualified(ctx, stringsOf(names));
    const ref: ObjectRef = { family: family ? 'operator family' : 'operator class', ...q };
    if ('CreateOpClassStmt' in node && node.CreateOpClassStmt.isDefault === true)
      noteDefaultOperatorClass(ctx, node.CreateOpClassStmt.amname ?? '');
    add({
      desc: family ? 'OPERATOR FAMILY' : 'OPERATOR CLASS',
      namespace: q.schema,
      tag: q.name,
      creates: objectKeyOf(ref),
    });
  } else if ('AlterOpFamilyStmt' in node) {
    const q = qualified(ctx, stringsOf(node.AlterOpFamilyStmt.opfamilyname));
    const ref: ObjectRef = { family: 'operator family', ...q };
    add({ desc: 'OPERATOR FAMILY', namespace: q.schema, tag: q.name, object: ref, mergeIntoObject: true });
  } else if ('CreateStatsStmt' in node || 'AlterStatsStmt' in node) {
    // ALTER STATISTICS ... SET STATISTICS: part of the entry CREATE STATISTICS made.
    const create = 'CreateStatsStmt' in node ? node.CreateStatsStmt : undefined;
    const alter = 'AlterStatsStmt' in node ? node.AlterStatsStmt : undefined;
    const q = create !== undefined ? statisticsName(ctx, create) : qualified(ctx, stringsOf(alter?.defnames));
    const ref: ObjectRef = { family: 'statistics', ...q };
    add({
      desc: 'STATISTICS',
      group: STATISTICS_GROUP,
      namespace: q.schema,
      tag: q.name,
      // Its parse tree: a later rename of it or of its table rewrites it.
      node,
      ...(create !== undefined
        ? { tables: [statisticsTable(ctx, create)], creates: objectKeyOf(ref) }
        : { object: ref, mergeIntoObject: true }),
    });
  } else return ownerStatement(ctx, stmt);
  return true;
}

/** ALTER OPERATOR CLASS / FAMILY / STATISTICS ... OWNER TO: its object's owner, the plain script's statement after it. */
function ownerStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  if (!('AlterOwnerStmt' in node)) return false;
  const o = node.AlterOwnerStmt;
  const target = ownedTarget(ctx, o.objectType ?? '', o.object);
  if (target === null) return false;
  const owner = o.newowner?.rolename;
  if (owner !== undefined) ctx.out.setOwner(objectKeyOf(target.ref), owner);
  ctx.out.add({
    desc: 'OWNER',
    group: target.ref.family === 'statistics' ? STATISTICS_GROUP : 0,
    namespace: target.ref.schema,
    tag: target.ref.name,
    sql: stmt.text,
    tables: [],
    location: stmt.location,
    ...(target.ref.family === 'statistics' ? { node } : {}),
  });
  return true;
}

function ownedTarget(
  ctx: DdlContext,
  objectType: string,
  object: Node | undefined,
): { ref: ObjectRef } | null {
  const items = stringsOf(listItems(object));
  if (objectType === 'OBJECT_OPCLASS') return opclassRef(ctx, 'operator class', items);
  if (objectType === 'OBJECT_OPFAMILY') return opclassRef(ctx, 'operator family', items);
  if (objectType === 'OBJECT_STATISTIC_EXT')
    return { ref: { family: 'statistics', ...qualified(ctx, items) } };
  return null;
}

/**
 * What COMMENT ON CAST / OPERATOR CLASS / OPERATOR FAMILY / STATISTICS names,
 * tagged as pg_dump tags the comment; null for other kinds.
 */
export function operatorClassCommentTarget(
  ctx: DdlContext,
  objtype: string,
  object: Node | undefined,
): { tag: string; namespace: string | null; object: ObjectRef } | null {
  if (objtype === 'OBJECT_CAST') {
    const [source, target] = listItems(object).map((t) => ('TypeName' in t ? t.TypeName : undefined));
    const name = castSignature(ctx, source, target);
    return { tag: `CAST ${name}`, namespace: null, object: { family: 'cast', schema: null, name } };
  }
  const items = stringsOf(listItems(object));
  if (objtype === 'OBJECT_OPCLASS' || objtype === 'OBJECT_OPFAMILY') {
    const word = objtype === 'OBJECT_OPCLASS' ? 'OPERATOR CLASS' : 'OPERATOR FAMILY';
    const { ref, am } = opclassRef(
      ctx,
      objtype === 'OBJECT_OPCLASS' ? 'operator class' : 'operator family',
      items,
    );
    return {
      tag: `${word} ${quoteIdent(ref.name)} USING ${quoteIdent(am)}`,
      namespace: ref.schema,
      object: ref,
    };
  }
  if (objtype === 'OBJECT_STATISTIC_EXT') {
    const q = qualified(ctx, items);
    return {
      tag: `STATISTICS ${quoteIdent(q.name)}`,
      namespace: q.schema,
      object: { family: 'statistics', ...q },
    };
  }
  return null;
}
