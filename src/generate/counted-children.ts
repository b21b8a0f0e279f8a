/**
 * Version 30: a child table whose parent counts its rows (`posts.comment_count` over `comments.post_id`,
 * values/semantic/child-counts30.ts) picks its parent by an exact fan-out skewed as the default, so the
 * parent row knows how many children it has without storing them (exact-fan-out.ts). Only a foreign key
 * whose every row points at a parent chosen freely: NOT NULL, no CHECK reading it, no configured
 * fan-out, the child's only foreign key to that parent, no window or held parent rows; anything else
 * makes the count unknowable, and the parent's column keeps version 29's values (the plan says why).
 */
import type { ForeignKeyPlan, TablePlan } from '../plan/plan-model.js';
import { columnsReadByRowChecks } from '../plan/table-checks.js';
import type { Table } from '../schema/model.js';
import { countColumnFor } from '../values/semantic/child-counts30.js';
import { type ExactFanOutSpec, skewedExactFanOut } from './exact-fan-out.js';
import { NO_CHILD_SHARE } from './fan-out.js';

/** Why the child table's foreign key cannot give its parent's count exactly, or null when it can. */
export function countedForeignKeyBlock(t: TablePlan, fkIndex: number): string | null {
  const fk = t.foreignKeys[fkIndex] as ForeignKeyPlan;
  if (fk.pick.kind !== 'hash') return 'its foreign key is part of a key or a tree, which decides the parent';
  if (fk.nullRate > 0) return 'its foreign key is nullable (NULL in some rows)';
  if (fk.fanOut !== undefined) return 'the configuration sets its fan-out';
  if (t.foreignKeys.filter((f) => f.parent === fk.parent).length > 1)
    return 'it references the table by more than one foreign key';
  if (fk.fk.columns.some((c) => columnsReadByRowChecks(t.checks).has(c)))
    return 'a CHECK reads its foreign key (a failed row picks again)';
  if (fk.window || fk.existing || fk.sameParent || fk.distinctFirst || fk.sameRowsFirst || fk.readsBack)
    return 'its foreign key picks among some parent rows only';
  return null;
}

/**
 * Version 30: an exact fan-out, skewed as the default (wants ~ u^3, NO_CHILD_SHARE of the parents
 * without children or more when the children are fewer than the parents), for a child foreign key its
 * parent counts; undefined for any other.
 */
export function countedSpec(
  t: TablePlan,
  fkIndex: number,
  parent: Table | undefined,
  parentRows: number,
  key: number,
): ExactFanOutSpec | undefined {
  if (parent === undefined || t.rows === 0 || countColumnFor(parent, t.table) === undefined) return undefined;
  if (countedForeignKeyBlock(t, fkIndex) !== null) return undefined;
  // Parents with children: 80% of them, fewer where there are not many more children than parents.
  const active = Math.max(
    1,
    Math.min(parentRows - Math.floor(parentRows * NO_CHILD_SHARE), Math.ceil(t.rows * 0.6)),
  );
  return skewedExactFanOut(parentRows, t.rows, active, (parentRows - active + 0.5) / parentRows, key);
}
