/**
 * Version 16: what `datagen plan` says of a salary range by its job's level
 * and of a number kept inside its ancestor's range (values/semantic/job-salary-ranges.ts).
 */
import { findAncestorColumn } from '../generate/ancestor-values.js';
import type { GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { displayColumn } from '../schema/names.js';
import { ancestorRangeTests, boundOf, levelColumnOf } from '../values/semantic/job-salary-ranges.js';
import type { KindOf } from './describe-histories.js';

/** The plan's words for a salary or price column's range (from version 16), or ''. */
export function rangeText(
  plan: GenerationPlan,
  tableIndex: number,
  c: TablePlan['columns'][number],
  kindOf: KindOf,
  version: number,
): string {
  const kind = kindOf(tableIndex, c.column.name);
  if (version < 16 || (kind !== 'salary' && kind !== 'price')) return '';
  const t = (plan.tables[tableIndex] as TablePlan).table;
  const bound = boundOf(c.column.name);
  const level = bound === null ? undefined : levelColumnOf(t, c.column);
  if (bound !== null && level !== undefined) {
    const side = bound.upper ? ', 1.5 to 2.2 times the lower bound' : '';
    return `, by the job's level in ${level.name} (a President's above a Manager's, a Clerk's lowest)${side}`;
  }
  const tests = ancestorRangeTests(c.column.name);
  if (tests === null) return '';
  const low = findAncestorColumn(plan, kindOf, tableIndex, tests[0]);
  const high = findAncestorColumn(plan, kindOf, tableIndex, tests[1]);
  if (low === undefined || high === undefined || low.parent !== high.parent) return '';
  const parent = (plan.tables[low.parent] as TablePlan).table;
  return `, inside ${displayColumn(parent, low.column)}..${high.column} of the row it leads to`;
}
