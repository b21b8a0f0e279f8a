/**
 * Event triggers as pg_dump writes them: after everything else (an event
 * trigger made earlier would fire on the rest of the restore's DDL), tagged
 * by name, with `ALTER EVENT TRIGGER` (ENABLE/DISABLE, OWNER TO) part of the
 * trigger's own archive entry. pg_restore runs EVENT TRIGGER entries, and
 * COMMENTs tagged `EVENT TRIGGER name`, in its last pass: a separate ALTER
 * entry would run before the trigger exists.
 */
import type { ObjectRef } from '../../schema/model.js';
import { stringOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { reportRefusedEventTrigger } from './trigger-definitions.js';

/** The post-data group event triggers go to: after triggers, rules and policies, as pg_dump orders them. */
export const EVENT_TRIGGER_GROUP = 5;

export const eventTriggerRef = (name: string): ObjectRef => ({ family: 'event trigger', schema: null, name });

/** CREATE / ALTER EVENT TRIGGER and ALTER EVENT TRIGGER ... OWNER TO. True when handled. */
export function eventTriggerStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  let name: string;
  let kind: 'create' | 'alter' | 'owner' = 'alter';
  if ('CreateEventTrigStmt' in node) {
    name = node.CreateEventTrigStmt.trigname ?? '';
    kind = 'create';
    reportRefusedEventTrigger(ctx, stmt, name, node.CreateEventTrigStmt.funcname);
  } else if ('AlterEventTrigStmt' in node) name = node.AlterEventTrigStmt.trigname ?? '';
  else if ('AlterOwnerStmt' in node && node.AlterOwnerStmt.objectType === 'OBJECT_EVENT_TRIGGER') {
    name = stringOf(node.AlterOwnerStmt.object) ?? '';
    const owner = node.AlterOwnerStmt.newowner?.rolename;
    if (owner !== undefined) ctx.out.setOwner(`event trigger\u0000\u0000${name}`, owner);
    kind = 'owner';
  } else return false;
  ctx.out.add({
    // OWNER TO: the plain script's statement (left out under -O); an archive entry carries its owner.
    desc: kind === 'owner' ? 'OWNER' : 'EVENT TRIGGER',
    group: EVENT_TRIGGER_GROUP,
    namespace: null,
    tag: name,
    sql: stmt.text,
    tables: [],
    location: stmt.location,
    // Its parse tree: a later RENAME rewrites it (later-objects.ts).
    node,
    ...(kind === 'create' ? { creates: `event trigger\u0000\u0000${name}` } : {}),
    ...(kind === 'alter' ? { object: eventTriggerRef(name), mergeIntoObject: true } : {}),
  });
  return true;
}
