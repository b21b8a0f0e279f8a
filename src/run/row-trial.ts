/**
 * The row trial: before anything is written, the first rows of every table
 * whose CHECKs the row engine evaluates are made once. A row that still
 * fails after the engine's bounded attempts becomes a cut in the plan (the
 * table keeps the rows before it, see plan/trial-cuts.ts) instead of an error
 * halfway through the output; the plan is made again with the cut, since
 * fewer rows can change what the remaining rows and the children pick.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { createValueSource, type ValueSource } from '../generate/value-source.js';
import { createPlan, type PlanOptions } from '../plan/create-plan.js';
import type { GenerationPlan, TablePlan } from '../plan/plan-model.js';
import type { TrialCut } from '../plan/trial-cuts.js';
import type { Schema } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';

/** Rows tried per table: failures past them still stop the run (with the row engine's error). */
export const TRIAL_ROWS = 10_000;

/** Plans made at most; each one after the first lowers some table's rows, so this is a safety bound. */
const MAX_PLANS = 32;

function usesRowEngine(t: TablePlan): boolean {
  const c = t.checks;
  return c.verify.length + c.relations.length + c.counts.length + c.choices.length > 0;
}

interface TrialFailure {
  /** The table the failing row belongs to (a child's trial reaches its parents' rows too). */
  readonly table: string;
  readonly cut: TrialCut;
}

/**
 * The first row-engine failure among a table's first rows, if any. Other
 * errors (a column that cannot be built) are left to the run, which reports
 * them with the column's name.
 */
function tryTable(source: ValueSource, index: number, plan: GenerationPlan): TrialFailure | undefined {
  const rows = Math.min(plan.tables[index]?.rows ?? 0, TRIAL_ROWS);
  try {
    const columns = source.writtenColumns(index);
    for (let row = 0; row < rows; row++) for (const c of columns) c.fn(row);
  } catch (error) {
    if (!(error instanceof DatagenError)) throw error;
    const data = error.data as { table?: unknown; row?: unknown; constraint?: unknown };
    if (
      error.code !== ErrorCodes.UNSATISFIABLE ||
      typeof data.table !== 'string' ||
      typeof data.row !== 'number'
    )
      return undefined;
    return { table: data.table, cut: { rows: data.row, failure: String(data.constraint ?? 'its CHECKs') } };
  }
  return undefined;
}

/**
 * The plan and value source the run writes from: planned, tried, and planned
 * again with cuts until the tried rows can all be made. A pure function of the
 * schema and options, so the output stays the same for any -j.
 */
export function planWithRowTrial(
  schema: Schema,
  options: PlanOptions,
): { plan: GenerationPlan; source: ValueSource } {
  const cuts = new Map<string, TrialCut>();
  for (let n = 1; ; n++) {
    const plan = createPlan(schema, { ...options, trialCuts: cuts });
    const source = createValueSource(schema, plan);
    if (n === MAX_PLANS) return { plan, source };
    const byName = new Map(plan.tables.map((t) => [displayName(t.table), nameKey(t.table)]));
    let changed = false;
    plan.tables.forEach((t, index) => {
      if (t.rows === 0 || t.excluded || !usesRowEngine(t)) return;
      const failure = tryTable(source, index, plan);
      const key = failure && byName.get(failure.table);
      if (!failure || key === undefined) return;
      const before = cuts.get(key);
      if (before !== undefined && before.rows <= failure.cut.rows) return;
      cuts.set(key, failure.cut);
      changed = true;
    });
    if (!changed) return { plan, source };
  }
}
