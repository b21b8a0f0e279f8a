/**
 * Version 23: a date, timestamp or time column's value moved onto the
 * lattice its evaluated CHECKs fix it to (checks/time-lattice.ts:
 * `date_trunc('month', d) = d`, `extract(dow from d) = 1`), inside the
 * bounds its compiled CHECKs give (those are not evaluated per row). Used
 * on its generator's values (random-column.ts) and on a relation's
 * dependent the row engine makes (row-attempt.ts).
 */
import { type ColumnHints, generatorHints } from '../checks/check-hints.js';
import { LATTICE_FROM, latticeSnap, latticeSteps } from '../checks/time-lattice.js';
import type { TablePlan } from '../plan/plan-model.js';
import type { TypeRef } from '../schema/model.js';
import { hintsCheck } from '../values/types/domain-hints.js';

/** Version 23: a date, timestamp or time column's value moved onto the lattice its evaluated CHECKs fix it to. */
export function latticeValues(
  t: TablePlan,
  column: string,
  base: TypeRef,
  hints: ColumnHints,
  version: number,
): ((value: string | null) => string | null) | undefined {
  if (version < LATTICE_FROM || base.arrayDims > 0) return undefined;
  const within = hintsCheck(generatorHints(hints));
  const excluded = new Set(hints.exclude ?? []);
  const steps = latticeSteps(
    t.checks.verify.map((p) => p.ast),
    column,
    version,
  );
  return latticeSnap(base.name, steps, (v) => within(v) && !excluded.has(v));
}
