/**
 * Row cuts travel along foreign keys: a table's rows bound its children's
 * unique FK keys, which bound their children's, however deep the chain and
 * in whatever order the tables were declared. Every table is planned from
 * its parents' rows of the pass before, until no table's rows change (a
 * fixed point: rows only go down from the request, so it is reached).
 */
import type { Warning } from '../errors.js';

export interface PlanPass<P extends { readonly rows: number }> {
  readonly plans: readonly P[];
  readonly warnings: readonly Warning[];
}

/** Passes needed at most for a chain of `tables` tables, plus slack for cycles, before it is a bug. */
const passLimit = (tables: number) => 4 * tables + 8;

/**
 * Run `pass` (given the previous pass's plans, or null for the first) until
 * the row counts settle; the last pass's plans and warnings are the plan's.
 */
export function settleRows<P extends { readonly rows: number }>(
  tables: number,
  pass: (previous: readonly P[] | null) => PlanPass<P>,
): PlanPass<P> {
  let previous: PlanPass<P> | null = null;
  for (let n = 0; n < passLimit(tables); n++) {
    const next = pass(previous?.plans ?? null);
    if (previous && next.plans.every((p, i) => p.rows === previous?.plans[i]?.rows)) return next;
    previous = next;
  }
  throw new Error(`row counts did not settle after ${passLimit(tables)} planning passes`);
}

/** The warning of a table that gets no rows, with the rows it was asked for. */
export function noRowsWarning(table: string, because: string, requested: number): Warning {
  return {
    code: 'TABLE_EMPTY',
    where: table,
    message: `${table} gets no rows instead of ${requested}: ${because}.`,
  };
}
