/**
 * Version 32 (issue 11): one parent reached by two paths agrees. A child row
 * with an FK straight to a parent and another FK to a table whose own FK of
 * the same column name reaches that parent (`payments.customer_id` →
 * customers beside `payments.rental_id` → rentals, whose `customer_id` →
 * customers) takes the parent row the other path reaches: a payment is its
 * rental's customer's (version 31: a customer of its own in 3,612 of 4,000
 * rows). Still a valid FK: the other path's parent row is a row of the same
 * parent table, under the same key.
 *
 * Only where both FKs are single-column free picks the row's values follow
 * alone (no CHECK reads them, no unique key, window, configured fan-out or
 * held rows) and the parent's FK is such a pick too; the direct FK keeps
 * its own NULLs (it is NULL where its own pick is) and its own pick where
 * the path is NULL. Read off the finished plan, the same for every worker.
 */
import type { ForeignKeyPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { columnsReadByRowChecks } from '../plan/table-checks.js';
import { effectiveGeneratorVersion } from '../version.js';
import { onOneCycle } from './foreign-key-cycles.js';

/** The other path to an FK's parent: the table's FK `via` to table `through`, whose FK `parentFk` reaches the parent. */
export interface SameParentPath {
  readonly via: number;
  readonly through: number;
  readonly parentFk: number;
}

/** Whether an FK is a plain single-column free pick its column alone follows (`fkIndex` of table `t`). */
function plainFreePick(t: TablePlan, fkIndex: number): boolean {
  const f = t.foreignKeys[fkIndex];
  if (f === undefined || f.pick.kind !== 'hash' || f.fk.columns.length !== 1) return false;
  if (f.window || f.fanOut || f.existing || f.distinctFirst || f.sameRowsFirst || f.readsBack || f.sameParent)
    return false;
  const name = f.fk.columns[0] as string;
  if (columnsReadByRowChecks(t.checks).has(name)) return false;
  const source = t.columns.find((c) => c.column.name === name)?.source;
  return source?.kind === 'foreign-key' && source.fk === fkIndex;
}

function sameTarget(a: ForeignKeyPlan, b: ForeignKeyPlan): boolean {
  return (
    a.parent === b.parent &&
    a.fk.referencedColumns[0] === b.fk.referencedColumns[0] &&
    a.fk.columns[0] === b.fk.columns[0]
  );
}

/**
 * The other path to the parent of FK `fkIndex` of table `tableIndex`, or
 * undefined (before version 32, or where the FKs and their names do not
 * make it clear).
 *
 * @example sameParentPathOf(plan, payments, 0) // { via: 1, through: rentals, parentFk: 0 }
 */
export function sameParentPathOf(
  plan: GenerationPlan,
  tableIndex: number,
  fkIndex: number,
): SameParentPath | undefined {
  if (effectiveGeneratorVersion(plan.generatorVersion) < 32) return undefined;
  const t = plan.tables[tableIndex];
  const direct = t?.foreignKeys[fkIndex];
  if (t === undefined || direct === undefined || direct.parent === tableIndex) return undefined;
  if (!plainFreePick(t, fkIndex)) return undefined;
  for (const [via, viaPlan] of t.foreignKeys.entries()) {
    const through = viaPlan.parent;
    if (via === fkIndex || through === tableIndex || through === direct.parent) continue;
    if (!plainFreePick(t, via)) continue;
    const p = plan.tables[through];
    // A table reached back from the one it is reached through could ask itself for its path (a loop).
    if (p === undefined || p.rows === 0 || onOneCycle(plan.tables, through, tableIndex)) continue;
    const parentFk = p.foreignKeys.findIndex((f, i) => sameTarget(f, direct) && plainFreePick(p, i));
    if (parentFk >= 0) return { via, through, parentFk };
  }
  return undefined;
}
