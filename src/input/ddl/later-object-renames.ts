/**
 * `ALTER PUBLICATION / STATISTICS / EVENT TRIGGER ... RENAME TO`: the output
 * makes these objects later than the DDL does (publications and statistics
 * post-data, event triggers last), so a rename written where it stands would
 * run before the object exists. The statements made so far for the object
 * (its CREATE, its ALTERs and OWNER TO, a publication's tables and schemas)
 * take the new name instead, the object's final state as pg_dump writes it,
 * and the rename is left out. A statement after the rename names the new name
 * and finds them.
 */
import type { Node, RenameStmt } from 'libpg-query';
import type { ObjectRef } from '../../schema/model.js';
import { quoteIdent } from '../../schema/quote.js';
import { deparseNode, listItems, stringOf, stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { StatementInput } from './statement-list.js';

const keyOf = (ref: ObjectRef) => `${ref.family}\u0000${ref.schema ?? ''}\u0000${ref.name}`;
const sameRef = (a: ObjectRef | undefined, b: ObjectRef) =>
  a !== undefined && a.family === b.family && a.schema === b.schema && a.name === b.name;

/** The object a RENAME of a publication, statistics object or event trigger names, or null for other renames. */
function renamedRef(ctx: DdlContext, node: RenameStmt): ObjectRef | null {
  const type = node.renameType;
  if (type === 'OBJECT_PUBLICATION' || type === 'OBJECT_EVENT_TRIGGER') {
    const name = stringOf(node.object);
    const family = type === 'OBJECT_PUBLICATION' ? 'publication' : 'event trigger';
    return name === null ? null : { family, schema: null, name };
  }
  if (type !== 'OBJECT_STATISTIC_EXT') return null;
  const names = stringsOf(listItems(node.object));
  const name = names.at(-1);
  if (name === undefined) return null;
  return {
    family: 'statistics',
    schema: names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema(),
    name,
  };
}

/** Rename the object in a statement's parse tree; whether the tree names it. */
function renameInNode(node: Node, old: ObjectRef, newName: string): boolean {
  const lastOf = (items: Node[] | undefined): boolean => {
    const last = items?.at(-1);
    if (last === undefined || !('String' in last) || last.String.sval !== old.name) return false;
    last.String.sval = newName;
    return true;
  };
  if ('CreatePublicationStmt' in node || 'AlterPublicationStmt' in node) {
    const stmt = 'CreatePublicationStmt' in node ? node.CreatePublicationStmt : node.AlterPublicationStmt;
    if (stmt.pubname !== old.name) return false;
    stmt.pubname = newName;
    return true;
  }
  if ('CreateEventTrigStmt' in node || 'AlterEventTrigStmt' in node) {
    const stmt = 'CreateEventTrigStmt' in node ? node.CreateEventTrigStmt : node.AlterEventTrigStmt;
    if (stmt.trigname !== old.name) return false;
    stmt.trigname = newName;
    return true;
  }
  if ('CreateStatsStmt' in node) return lastOf(node.CreateStatsStmt.defnames);
  if ('AlterStatsStmt' in node) return lastOf(node.AlterStatsStmt.defnames);
  if ('AlterOwnerStmt' in node) {
    const object = node.AlterOwnerStmt.object;
    if (object !== undefined && 'String' in object) return lastOf([object]);
    return object === undefined ? false : lastOf(listItems(object));
  }
  return false;
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

/**
 * A RENAME of a publication, statistics object or event trigger the DDL made: its statements so far
 * take the new name. False when it names another kind of object, or one the DDL did not make.
 */
export function renameLaterObject(ctx: DdlContext, node: RenameStmt): boolean {
  const old = renamedRef(ctx, node);
  const newName = node.newname ?? '';
  if (old === null || !ctx.out.has(keyOf(old))) return false;
  const renamed: ObjectRef = { ...old, name: newName };
  const ownTag = (s: StatementInput) => (s.tag === old.name ? newName : s.tag);
  ctx.out.update((s) => {
    if (s.namespace !== old.schema) return renameMember(s, old, newName);
    const creates = s.creates === keyOf(old);
    const part = sameRef(s.object, old);
    const owner = s.desc === 'OWNER' && s.tag === old.name;
    if (!creates && !part && !owner) return renameMember(s, old, newName);
    if (s.node === undefined) return undefined;
    const tree = structuredClone(s.node);
    if (!renameInNode(tree, old, newName)) return undefined;
    return {
      ...s,
      node: tree,
      sql: deparseNode(tree, true),
      tag: ownTag(s),
      ...(creates ? { creates: keyOf(renamed) } : {}),
      ...(part ? { object: renamed } : {}),
    };
  });
  return true;
}
