/**
 * `ALTER TABLE t VALIDATE CONSTRAINT c` on a constraint the DDL added `NOT
 * VALID`: pg_dump writes a validated constraint as plain (valid), never a
 * VALIDATE step. The constraint's own statement loses its NOT VALID and the
 * subcommand is not written, so a later DROP COLUMN or DROP CONSTRAINT that
 * takes the constraint away leaves no VALIDATE of a constraint that is gone
 * (OpenMeter's Atlas migrations: ADD ... NOT VALID, VALIDATE, later DROP
 * COLUMN).
 */
import { cloneNode, deparseNode } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey } from './statement-list.js';

/** Whether the constraint was found and marked valid (the VALIDATE subcommand is then not written). */
export function validateConstraint(ctx: DdlContext, table: TableDraft, name: string): boolean {
  const q = { schema: table.schema, name: table.name };
  const fk = table.foreignKeys.findIndex((f) => f.name === name);
  const check = table.checks.findIndex((c) => c.name === name);
  if (fk < 0 && check < 0) return false;
  const key = constraintKey(q, name);
  let found = false;
  ctx.out.update((s) => {
    if (s.creates !== key || s.node === undefined || !('AlterTableStmt' in s.node)) return undefined;
    const node = cloneNode(s.node);
    const cmds = node.AlterTableStmt.cmds ?? [];
    const constraint = cmds.flatMap((c) =>
      'AlterTableCmd' in c && c.AlterTableCmd.def !== undefined && 'Constraint' in c.AlterTableCmd.def
        ? [c.AlterTableCmd.def.Constraint]
        : [],
    )[0];
    if (constraint?.conname !== name || constraint.skip_validation !== true || cmds.length !== 1)
      return undefined;
    found = true;
    delete constraint.skip_validation;
    constraint.initially_valid = true;
    return { ...s, node, sql: deparseNode(node, true) };
  });
  if (!found) return false;
  const f = table.foreignKeys[fk];
  if (f !== undefined) table.foreignKeys[fk] = { ...f, notValid: false };
  const c = table.checks[check];
  if (c !== undefined) table.checks[check] = { ...c, notValid: false };
  return true;
}
