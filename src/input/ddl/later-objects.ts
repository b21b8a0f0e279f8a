/**
 * Renames and drops of objects the output makes later than the DDL does
 * (publications and statistics post-data, event triggers last): written where
 * they stand, they would run before the object exists. On `ALTER PUBLICATION
 * / STATISTICS / EVENT TRIGGER ... RENAME TO` the statements made so far for
 * the object (its CREATE, its ALTERs and OWNER TO, a publication's tables and
 * schemas) take the new name instead, the object's final state as pg_dump
 * writes it, and the rename is left out; a statement after the rename names
 * the new name and finds them; so on `ALTER STATISTICS ... SET SCHEMA`. On
 * `DROP PUBLICATION / EVENT TRIGGER` they are taken out (statistics:
 * dropped-objects.ts).
 */
import type { AlterObjectSchemaStmt, Node, RenameStmt } from 'libpg-query';
import type { ObjectRef } from '../../schema/model.js';
import { quoteIdent } from '../../schema/quote.js';
import { deparseNode, listItems, stringOf, stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { StatementInput } from './statement-list.js';

const keyOf = (ref: ObjectRef) => `${ref.family}\u0000${ref.schema ?? ''}\u0000${ref.name}`;
const sameRef = (a: ObjectRef | undefined, b: ObjectRef) =>
  a !== undefined && a.family === b.family && a.schema === b.schema && a.name === b.name;

/** The publication, statistics object or event trigger a RENAME or SET SCHEMA names, or null for other objects. */
function renamedRef(ctx: DdlContext, type: string | undefined, object: Node | undefined): ObjectRef | null {
  if (type === 'OBJECT_PUBLICATION' || type === 'OBJECT_EVENT_TRIGGER') {
    const name = stringOf(object);
    const family = type === 'OBJECT_PUBLICATION' ? 'publication' : 'event trigger';
    return name === null ? null : { family, schema: null, name };
  }
  if (type !== 'OBJECT_STATISTIC_EXT') return null;
  const names = stringsOf(listItems(object));
  const name = names.at(-1);
  if (name === undefined) return null;
  return {
    family: 'statistics',
    schema: names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema(),
    name,
  };
}

/** The object renamed (or moved) in a statement's parse tree; whether the tree names it. */
function renameInNode(node: Node, old: ObjectRef, renamed: ObjectRef): boolean {
  // A statistics object's name list: [schema,] name, written qualified when it moves.
  const qualifiedAs = (items: Node[] | undefined): Node[] | undefined => {
    const last = items?.at(-1);
    if (last === undefined || !('String' in last) || last.String.sval !== old.name) return undefined;
    if (renamed.schema === old.schema)
      return [...(items ?? []).slice(0, -1), { String: { sval: renamed.name } }];
    return [{ String: { sval: renamed.schema ?? '' } }, { String: { sval: renamed.name } }];
  };
  if ('CreatePublicationStmt' in node || 'AlterPublicationStmt' in node) {
    const stmt = 'CreatePublicationStmt' in node ? node.CreatePublicationStmt : node.AlterPublicationStmt;
    if (stmt.pubname !== old.name) return false;
    stmt.pubname = renamed.name;
    return true;
  }
  if ('CreateEventTrigStmt' in node || 'AlterEventTrigStmt' in node) {
    const stmt = 'CreateEventTrigStmt' in node ? node.CreateEventTrigStmt : node.AlterEventTrigStmt;
    if (stmt.trigname !== old.name) return false;
    stmt.trigname = renamed.name;
    return true;
  }
  const stats =
    'CreateStatsStmt' in node ? node.CreateStatsStmt : 'AlterStatsStmt' in node ? node.AlterStatsStmt : null;
  if (stats !== null) {
    const names = qualifiedAs(stats.defnames);
    if (names !== undefined) stats.defnames = names;
    return names !== undefined;
  }
  if (!('AlterOwnerStmt' in node) || node.AlterOwnerStmt.object === undefined) return false;
  const object = node.AlterOwnerStmt.object;
  const names = qualifiedAs('String' in object ? [object] : listItems(object));
  if (names === undefined) return false;
  node.AlterOwnerStmt.object =
    'String' in object && names.length === 1 ? (names[0] as Node) : { List: { items: names } };
  return true;
}

/** A publication's table or schema entry (`ALTER PUBLICATION p ADD ...`, tagged `p name`) under the new name. */
function renameMember(s: StatementInput, old: ObjectRef, newName: string): StatementInput | undefined {
  if (!(s.references ?? []).some((r) => sameRef(r, old))) return undefined;
  const before = `ALTER PUBLICATION ${quoteIdent(old.name)} `;
  if (!s.sql.startsWith(before)) return undefined;
  const memberPrefix = `publication member\u0000${old.name}\u0000`;
  return {
    ...s,
    sql: `ALTER PUBLICATION ${quoteIdent(newName)} ${s.sql.slice(before.length)}`,
    tag: `${newName}${s.tag.slice(old.name.length)}`,
    references: (s.references ?? []).map((r) => (sameRef(r, old) ? { ...r, name: newName } : r)),
    ...(s.creates?.startsWith(memberPrefix) === true
      ? { creates: `publication member\u0000${newName}\u0000${s.creates.slice(memberPrefix.length)}` }
      : {}),
  };
}

/** The statements so far for `old` (made by the DDL) take its new name or schema. */
function relabel(ctx: DdlContext, old: ObjectRef, renamed: ObjectRef): void {
  const ownTag = (s: StatementInput) => (s.tag === old.name ? renamed.name : s.tag);
  ctx.out.update((s) => {
    if (s.namespace !== old.schema) return renameMember(s, old, renamed.name);
    const creates = s.creates === keyOf(old);
    const part = sameRef(s.object, old);
    const owner = s.desc === 'OWNER' && s.tag === old.name;
    if (!creates && !part && !owner) return renameMember(s, old, renamed.name);
    if (s.node === undefined) return undefined;
    const tree = structuredClone(s.node);
    if (!renameInNode(tree, old, renamed)) return undefined;
    return {
      ...s,
      node: tree,
      sql: deparseNode(tree, true),
      namespace: renamed.schema,
      tag: ownTag(s),
      ...(creates ? { creates: keyOf(renamed) } : {}),
      ...(part ? { object: renamed } : {}),
    };
  });
}

/**
 * A RENAME of a publication, statistics object or event trigger the DDL made: its statements so far
 * take the new name. False when it names another kind of object, or one the DDL did not make.
 */
export function renameLaterObject(ctx: DdlContext, node: RenameStmt): boolean {
  const old = renamedRef(ctx, node.renameType, node.object);
  if (old === null || !ctx.out.has(keyOf(old))) return false;
  relabel(ctx, old, { ...old, name: node.newname ?? '' });
  return true;
}

/** ALTER STATISTICS ... SET SCHEMA of one the DDL made: its statements so far name it in its new schema. */
export function moveLaterStatistics(ctx: DdlContext, node: AlterObjectSchemaStmt): boolean {
  const old = renamedRef(ctx, node.objectType, node.object);
  if (old?.family !== 'statistics' || !ctx.out.has(keyOf(old))) return false;
  relabel(ctx, old, { ...old, schema: node.newschema ?? '' });
  return true;
}

/** An OWNER TO statement of the object (its parse tree names its kind). */
function ownerStatementOf(s: StatementInput, ref: ObjectRef): boolean {
  if (s.desc !== 'OWNER' || s.tag !== ref.name || s.namespace !== ref.schema || s.node === undefined)
    return false;
  if (!('AlterOwnerStmt' in s.node)) return false;
  const type = s.node.AlterOwnerStmt.objectType;
  return type === (ref.family === 'publication' ? 'OBJECT_PUBLICATION' : 'OBJECT_EVENT_TRIGGER');
}

/**
 * DROP PUBLICATION / EVENT TRIGGER of one the DDL made: its statements so far (its CREATE, ALTERs, OWNER TO,
 * COMMENT, a publication's tables and schemas) are taken out instead. False for other objects.
 */
export function dropLaterObject(ctx: DdlContext, removeType: string, object: Node): boolean {
  const family =
    removeType === 'OBJECT_PUBLICATION'
      ? 'publication'
      : removeType === 'OBJECT_EVENT_TRIGGER'
        ? 'event trigger'
        : null;
  const name = stringOf(object);
  if (family === null || name === null) return false;
  const ref: ObjectRef = { family, schema: null, name };
  if (!ctx.out.has(keyOf(ref))) return false;
  ctx.out.remove(
    keyOf(ref),
    (s) =>
      sameRef(s.object, ref) || (s.references ?? []).some((r) => sameRef(r, ref)) || ownerStatementOf(s, ref),
  );
  return true;
}
