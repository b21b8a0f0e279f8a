/**
 * Version 22: CHECK conjuncts the row engine evaluates that are equations
 * (`total = subtotal + tax`, `a + b = 100`; checks/equations.ts), whose
 * columns the engine may compute (generate/check-equations.ts). A computed
 * column can break its own single-column CHECKs (`total >= 0`), which were
 * compiled into its generator's hints and are not evaluated per row: they
 * are evaluated per row for every column an equation can be solved for.
 */
import { isolations } from '../checks/equations.js';
import { isEvaluable } from '../checks/evaluate-expr.js';
import type { CheckPart, ColumnPlan, TableCheckPlan } from './plan-model.js';

/** The generator version from which equations' columns are computed. */
export const EQUATIONS_FROM = 22;
/** The generator version from which equations may divide and round (`unit_price = round(total / quantity, 2)`). */
export const DIVISION_FROM = 23;

/** The evaluated conjuncts that are equations (not relations, counts, multiples or OR choices the engine plans). */
export function equationParts(plan: TableCheckPlan): CheckPart[] {
  const planned = new Set(
    [...plan.relations, ...plan.counts, ...(plan.multiples ?? []), ...plan.choices].map((p) => p.ast),
  );
  return plan.verify.filter((p) => !planned.has(p.ast) && isolations(p.ast).length > 0);
}

/** Version 22: the own CHECK parts of the columns equations can be solved for, to evaluate per row. */
export function equationColumnParts(
  plan: TableCheckPlan,
  columnParts: ReadonlyMap<string, readonly CheckPart[]>,
  generatorVersion: number,
  /** The column's plan: only a free random column (not steered) is computed; a key's parts stay its hints'. */
  columnPlan: (column: string) => ColumnPlan | undefined,
): CheckPart[] {
  if (generatorVersion < EQUATIONS_FROM) return [];
  const computable = (c: string) => {
    const p = columnPlan(c);
    return p?.source.kind === 'random' && p.steer === undefined;
  };
  const out: CheckPart[] = [];
  for (const part of equationParts(plan))
    for (const { column } of isolations(part.ast).filter((i) => computable(i.column)))
      for (const p of columnParts.get(column) ?? [])
        if (!plan.verify.includes(p) && !out.includes(p) && isEvaluable(p.ast)) out.push(p);
  return out;
}
