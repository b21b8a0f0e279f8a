/**
 * How `datagen plan` tells a history's periods (generator versions 13-15):
 * a period's start one row a period of its parent's history
 * (generate/series-offsets.ts), its end the next period's start
 * (values/semantic/period-chain-end.ts), a salary's raises
 * (hr-histories.ts), a title's ladder (career-titles.ts), and the
 * consecutive periods of a table keyed by two parents
 * (generate/owner-periods.ts).
 */
import type { TypeLookup } from '../checks/type-resolution.js';
import { periodOtherFk, periodOwnerFk } from '../generate/owner-periods.js';
import { startParentsOf } from '../generate/parent-time.js';
import type { ColumnPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { displayName } from '../schema/names.js';
import { isCareerTitle } from '../values/semantic/career-titles.js';
import { nameTokens } from '../values/semantic/column-names.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { PERIOD_END_WORDS } from '../values/semantic/number-time-names.js';
import { isPeriodStart } from '../values/semantic/period-chain-end.js';

/** How the plan ends a chained period's text (version 15: never NULL, generate/compile-column.ts). */
export const CHAINED_END = "'s next period starts";

/** A column's semantic kind by table index and name, as `datagen plan` reads it. */
export type KindOf = (tableIndex: number, column: string) => SemanticKind | null;

/** The parent a history's periods belong to, its table's name and its start column if it has one. */
function ownerOf(
  plan: GenerationPlan,
  tableIndex: number,
  fk: number,
  kindOf: KindOf,
): { name: string; start: string | undefined } {
  const t = plan.tables[tableIndex] as TablePlan;
  const parent = t.foreignKeys[fk]?.parent ?? -1;
  const start = startParentsOf(plan, kindOf, tableIndex).find((p) => p.fk === fk)?.column;
  return { name: displayName((plan.tables[parent] as TablePlan).table), start };
}

/** The FK of a history's series (a period's start beside its parent in the key), if the table has one. */
function seriesFk(t: TablePlan, version: number): { fk: number; start: string } | undefined {
  if (version < 13) return undefined;
  for (const c of t.columns) {
    if (c.source.kind !== 'unique' || c.source.series !== true) continue;
    // Version 19: an EXCLUDE's two-column period is no history (its source says what it is).
    if (c.source.period !== undefined) continue;
    if (!isPeriodStart(t.table, c.column.name)) continue;
    const fk = t.drivers[c.source.driver]?.components.find((k) => k.kind === 'foreign-key');
    if (fk?.kind === 'foreign-key') return { fk: fk.fk, start: c.column.name };
  }
  return undefined;
}

/** A period's end: where the owner's next period starts, the latest 9999-01-01 where it is a `to`. */
function endText(owner: string, column: string, nullable: boolean): string {
  const latest = nameTokens(column).includes('to')
    ? '9999-01-01'
    : 'drawn after its start, before the reference date';
  return `, where the same ${owner} row${CHAINED_END} (its latest: ${latest})${nullable ? ', never NULL' : ''}`;
}

/** The history text of a column, or null where no history shapes it. */
export function historyText(
  plan: GenerationPlan,
  tableIndex: number,
  c: ColumnPlan,
  kindOf: KindOf,
  _lookup: TypeLookup,
  version: number,
): string | null {
  if (c.steer !== undefined) return null;
  const t = plan.tables[tableIndex] as TablePlan;
  const name = c.column.name;
  const kind = kindOf(tableIndex, name);
  const isEnd = nameTokens(name).some((w) => PERIOD_END_WORDS.has(w));
  const series = seriesFk(t, version);
  if (series !== undefined) {
    const owner = ownerOf(plan, tableIndex, series.fk, kindOf);
    if (name === series.start)
      return `, one period of each ${owner.name} row's history a row: a year or less apart${owner.start ? `, the first on or after its ${owner.start}` : ''}`;
    if (version >= 14 && isEnd && kind !== null && c.source.kind === 'random')
      return endText(owner.name, name, version >= 15 && !c.column.notNull);
    if (version >= 14 && kind === 'salary')
      return `, each ${owner.name} row's first salary raised 2 to 6% a period`;
    if (version >= 15 && kind === 'job_title' && isCareerTitle(t.table, c.column))
      return `, one ladder per ${owner.name} row, a rung a period: Staff → Senior Staff, or Assistant Engineer → Engineer → Senior Engineer → Technique Leader`;
    return null;
  }
  const fk = version >= 15 && kind !== null ? periodOwnerFk(t) : undefined;
  if (fk === undefined || c.source.kind !== 'random') return null;
  const owner = ownerOf(plan, tableIndex, fk, kindOf);
  // Version 16: each period on or after the other parent's start (a manager's hire).
  const otherFk = version >= 16 ? periodOtherFk(t) : undefined;
  const other = otherFk === undefined ? undefined : ownerOf(plan, tableIndex, otherFk, kindOf);
  const after = other?.start ? `, each on or after its ${other.name} row's ${other.start}` : '';
  if (isPeriodStart(t.table, name))
    return `, each ${owner.name} row's rows in consecutive periods, the first from ${owner.start ? `its ${owner.start}` : '10 to 15 years back'}${after}`;
  return isEnd ? endText(owner.name, name, false) : null;
}
