/**
 * What a dropped trigger, or a routine dropped with CASCADE, takes along from the statements made so far:
 * triggers are created post-data, so a CREATE TRIGGER or ENABLE / DISABLE TRIGGER written before the drop
 * would run after it (or before the trigger made again).
 */
import type { Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { listItems, stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { StatementInput } from './statement-list.js';

/** Trigger switches (`ALTER TABLE t ENABLE / DISABLE TRIGGER`, any mode) that name only trigger `name` on table q. */
const TRIGGER_SWITCHES = new Set([
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_DisableTrig',
]);

/** Whether a statement made so far only switches trigger `name` on table q on or off. */
export function switchesTrigger(s: StatementInput, q: QualifiedName, name: string | undefined): boolean {
  const alter = s.node !== undefined && 'AlterTableStmt' in s.node ? s.node.AlterTableStmt : undefined;
  const rv = alter?.relation;
  if (rv === undefined || rv.relname !== q.name || (rv.schemaname ?? q.schema) !== q.schema) return false;
  const cmds = alter?.cmds ?? [];
  return (
    cmds.length > 0 &&
    cmds.every(
      (c) =>
        'AlterTableCmd' in c &&
        TRIGGER_SWITCHES.has(c.AlterTableCmd.subtype ?? '') &&
        c.AlterTableCmd.name === name,
    )
  );
}

/**
 * `DROP FUNCTION f CASCADE` drops the triggers that execute f (and their ENABLE / DISABLE); their CREATEs
 * were moved to post-data, where they would run after the drop and fail.
 */
export function dropTriggersCalling(ctx: DdlContext, object: Node): void {
  const names =
    'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : stringsOf(listItems(object));
  const name = names.at(-1);
  const schema = names.length >= 2 ? names.at(-2) : undefined;
  if (name === undefined) return;
  const dropped: { table: QualifiedName; name: string | undefined }[] = [];
  ctx.out.remove(null, (s) => {
    if (s.desc !== 'TRIGGER' || s.node === undefined || !('CreateTrigStmt' in s.node)) return false;
    const trigger = s.node.CreateTrigStmt;
    const called = stringsOf(trigger.funcname);
    if (called.at(-1) !== name) return false;
    if (schema !== undefined && called.length >= 2 && called.at(-2) !== schema) return false;
    dropped.push({ table: ctx.resolveRelation(trigger.relation ?? {}), name: trigger.trigname });
    return true;
  });
  // Their ENABLE / DISABLE go with them.
  for (const d of dropped) ctx.out.remove(null, (s) => switchesTrigger(s, d.table, d.name));
}
