/**
 * Row cuts travel along foreign keys: a table's rows bound its children's
 * unique FK keys, which bound their children's, however deep the chain and
 * in whatever order the tables were declared. Every table is planned from
 * its parents' rows of the pass before, until no table's rows change (a
 * fixed point: rows only go down from the request, so it is reached).
 */

import type { Warning } from '../errors.js';
import { counted } from '../errors.js';
import type { QualifiedName } from '../schema/model.js';
import { displayName } from '../schema/names.js';

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
  pass: (previous: readonly P[] | null, caps: readonly number[] | null) => PlanPass<P>,
): PlanPass<P> {
  const first = pass(null, null);
  const settled = settleFrom(tables, first, pass);
  // An empty table in a cycle of NOT NULL FKs keeps the cycle empty (Boundary's storage_plugin_storage_bucket ↔
  // storage_bucket_credential, emptied by a parent that got its rows a few passes later): settled again from
  // the first pass's plans of the tables left empty, the fixed point with fewer empty tables is taken.
  const empty = (plans: readonly P[]) => plans.filter((p) => p.rows === 0).length;
  const revived = settled.plans.map((p, i) =>
    p.rows === 0 && (first.plans[i]?.rows ?? 0) > 0 ? first.plans[i] : p,
  );
  if (revived.every((p, i) => p === settled.plans[i])) return settled;
  try {
    const again = settleFrom(tables, pass(revived as P[], null), pass);
    return empty(again.plans) < empty(settled.plans) ? again : settled;
  } catch {
    return settled;
  }
}

/** Passes from `start` (a pass's plans) until the row counts settle. */
function settleFrom<P extends { readonly rows: number }>(
  tables: number,
  start: PlanPass<P>,
  pass: (previous: readonly P[] | null, caps: readonly number[] | null) => PlanPass<P>,
): PlanPass<P> {
  let previous: PlanPass<P> = start;
  let caps: number[] | null = null;
  const seen: string[] = [start.plans.map((p) => p.rows).join()];
  const counts: number[][] = [start.plans.map((p) => p.rows)];
  for (let n = 0; n < passLimit(tables); n++) {
    const next = pass(previous.plans, caps);
    const before = previous.plans;
    if (next.plans.every((p, i) => p.rows === before[i]?.rows)) return next;
    const rows = next.plans.map((p) => p.rows);
    // Counts seen before: tables bound each other's rows in a loop (a key over FKs to its own table: fewer
    // rows, fewer parent rows, fewer pairs, no pair component, more rows, …). Each is held at its least
    // count in the loop, and no count may rise from then on, so they settle.
    const again = seen.indexOf(rows.join());
    if (caps === null && again >= 0) {
      const loop = counts.slice(again);
      caps = rows.map((r, i) => Math.min(r, ...loop.map((c) => c[i] ?? r)));
    } else if (caps !== null) caps = caps.map((c, i) => Math.min(c, rows[i] ?? c));
    seen.push(rows.join());
    counts.push(rows);
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

/** A table held at the count its rows settled at in a loop of bounds (see settleRows): a warning with the count, unless one explains it. */
export function explainCap<P extends { readonly rows: number; readonly table: QualifiedName }>(
  plan: P,
  requested: number,
  cap: number | undefined,
  warnings: Warning[],
): P {
  const where = displayName(plan.table);
  const told = cap === 0 ? 'gets no rows' : `gets ${counted(cap ?? 0, 'row')}`;
  const explained = warnings.some((w) => w.where === where && w.message.includes(told));
  if (cap === undefined || cap >= requested || plan.rows !== cap || explained) return plan;
  const because =
    'its unique keys over foreign keys to its own rows (directly or through other tables) bound its rows by themselves; the planner settled there';
  warnings.push(
    cap === 0
      ? noRowsWarning(where, because, requested)
      : {
          code: 'ROWS_REDUCED',
          where,
          message: `${where} gets ${counted(cap, 'row')} instead of ${requested}: ${because}.`,
        },
  );
  return plan;
}
