/**
 * Version 32 (issue 11): a report is hired after their manager. A table
 * whose self-reference is named for a manager (`manager_id`,
 * `supervisor_id`, `reports_to`) picks an earlier row as a tree
 * (free-pick.ts: row r's manager is a row below r); its hire dates then rise
 * with the row (hire-decades.ts: row r of n draws within its own r-th n-th
 * of the hires' distribution), so every manager was hired on or before each
 * of their reports, and the hires keep their distribution over the decades.
 * Version 31 drew each hire alone: a manager hired after their report in
 * half the rows.
 */
import type { GenerationPlan } from '../plan/plan-model.js';
import { nameTokens } from '../values/semantic/column-names.js';
import { existingParentCount } from './existing-parents.js';

/** Words of a self-reference to a person's manager. */
const MANAGER_WORDS = new Set(['manager', 'mgr', 'supervisor', 'boss', 'superior', 'reports']);

/**
 * The table's rows where a manager tree orders them (each row's manager an earlier row), or undefined:
 * no tree self-reference named for a manager, or one that reaches rows held before an --append.
 *
 * @example managerTreeRows(plan, employees) // 2000
 */
export function managerTreeRows(plan: GenerationPlan, tableIndex: number): number | undefined {
  const t = plan.tables[tableIndex];
  const tree = t?.foreignKeys.find(
    (f) =>
      f.parent === tableIndex &&
      f.pick.kind === 'tree' &&
      f.fk.columns.length === 1 &&
      nameTokens(f.fk.columns[0] as string).some((w) => MANAGER_WORDS.has(w)),
  );
  if (t === undefined || tree === undefined || existingParentCount(tree) > 0) return undefined;
  return t.rows;
}
