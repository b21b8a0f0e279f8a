/**
 * Rows picked by keys: a unique driver's tuple of component indexes per row
 * (a keyed permutation of the row number, so distinct rows get distinct
 * tuples), and the parent row a foreign key points to — from its key's tuple,
 * or a free choice (skewed fan-out, fan-out.ts; a tree pick for
 * self-references), with further attempts for the row engine. All memoised
 * per table and driver/FK; every pick is a function of seed and row.
 */
import {
  type FkPick,
  type GenerationPlan,
  type TablePlan,
  tablePlanAt,
  type UniqueDriver,
} from '../plan/plan-model.js';
import { displayName } from '../schema/names.js';
import { GENERATOR_VERSION } from '../version.js';
import { createDriverTuple, type DriverTuple } from './driver-tuple.js';
import type { ExactFanOut } from './exact-fan-out.js';
import { createFreePick, exactFanOutOf, type FreePick, type FreePickContext } from './free-pick.js';
import { heldKeyWalk } from './held-keys.js';
import { sameParentPathOf } from './same-parent-paths.js';
import { createTenantStripes, type TenantStripes } from './tenant-stripes.js';

export interface RowPicks {
  /** Component `k` of the driver's tuple for a row: a distinct tuple per row. */
  tupleOf(tableIndex: number, driverIndex: number): DriverTuple;
  /** The parent row a foreign key points to, or -1 for NULL. */
  pickOf(tableIndex: number, fkIndex: number): (row: number) => number;
  /** A free FK's parent row at an attempt (0: the plain pick); -1 is NULL. */
  freePick(tableIndex: number, fkIndex: number): FreePick;
  /** Version 12: a free FK's exact fan-out read both ways (free-pick.ts exactFanOutOf), or undefined. */
  exactFanOut(tableIndex: number, fkIndex: number): ExactFanOut | undefined;
  /** Tenant columns' stripes (tenant-stripes.ts): a composite FK through one picks within the row's stripe. */
  readonly stripes: TenantStripes;
  /** A row's stripe in a tenant class: i % k, or the stripe of the parent row its deciding FK picks. */
  stripeOf(tableIndex: number, group: string): (row: number) => number;
}

/**
 * `keyColumn` reads a key column's value at a row through these picks again:
 * --append's walk around held keys (held-keys.ts) tries a row's candidate
 * tuples by their values.
 */
export function createRowPicks(
  plan: GenerationPlan,
  keyColumn?: (tableIndex: number, column: string) => (row: number) => string | null,
): RowPicks {
  const seed = plan.seed;
  const stripes = createTenantStripes(plan);
  const pickMemo = new Map<string, (row: number) => number>();
  const stripeMemo = new Map<string, (row: number) => number>();
  const tupleMemo = new Map<string, DriverTuple>();
  const tablePlan = (index: number): TablePlan => tablePlanAt(plan, index);

  /** Component `k` of the driver's tuple for a row: a distinct tuple per row. */
  function tupleOf(tableIndex: number, driverIndex: number): DriverTuple {
    const key = `${tableIndex}:${driverIndex}`;
    let fn = tupleMemo.get(key);
    if (fn) return fn;
    const t = tablePlan(tableIndex);
    const driver = t.drivers[driverIndex] as UniqueDriver;
    const attemptAt =
      keyColumn === undefined ? undefined : heldKeyWalk(t, driver, (column) => keyColumn(tableIndex, column));
    fn = createDriverTuple(seed, t, driver, attemptAt ?? ((row: number) => row));
    tupleMemo.set(key, fn);
    return fn;
  }

  /** The parent row a foreign key points to, or -1 for NULL. */
  function pickOf(tableIndex: number, fkIndex: number): (row: number) => number {
    const key = `${tableIndex}:${fkIndex}`;
    let fn = pickMemo.get(key);
    if (fn) return fn;
    const t = tablePlan(tableIndex);
    const fkPlan = t.foreignKeys[fkIndex];
    if (!fkPlan) throw new Error(`no fk ${fkIndex} in ${displayName(t.table)}`);
    const pick = fkPlan.pick;
    if (pick.kind === 'driver') {
      fn = driverPick(tupleOf(tableIndex, pick.driver), pick, fkPlan.window?.from ?? 0);
    } else {
      const pickAt = freePick(tableIndex, fkIndex);
      fn = (row) => pickAt(row, 0, false);
    }
    pickMemo.set(key, fn);
    return fn;
  }

  /** A row's stripe in a tenant class (tenant-stripes.ts checked that deciding FKs form no cycle). */
  function stripeOf(tableIndex: number, group: string): (row: number) => number {
    const key = `${tableIndex}:${group}`;
    let fn = stripeMemo.get(key);
    if (fn) return fn;
    const k = stripes.count(group);
    const decider = stripes.deciderOf(tableIndex, group);
    if (decider) {
      const pick = pickOf(tableIndex, decider.fk);
      const parentStripe = stripeOf(decider.parent, group);
      fn = (row) => {
        const j = pick(row);
        return j < 0 ? row % k : parentStripe(j);
      };
    } else {
      fn = (row) => row % k;
    }
    stripeMemo.set(key, fn);
    return fn;
  }

  /** What a free FK's pick is made from. */
  function freePickContext(tableIndex: number, fkIndex: number): FreePickContext {
    const t = tablePlan(tableIndex);
    const parent = t.foreignKeys[fkIndex]?.parent;
    return {
      seed,
      tableIndex,
      table: t,
      fkIndex,
      parentTableRows: parent === undefined ? 0 : tablePlan(parent).rows,
      ...(parent === undefined ? {} : { parentTable: tablePlan(parent).table }),
      version: plan.generatorVersion ?? GENERATOR_VERSION,
      stripes,
      stripeOf: (group) => stripeOf(tableIndex, group),
    };
  }

  /** A free FK's parent row at an attempt (free-pick.ts); version 32: at attempt 0 the one another path reaches. */
  function freePick(tableIndex: number, fkIndex: number): FreePick {
    const own = createFreePick(freePickContext(tableIndex, fkIndex));
    const path = sameParentPathOf(plan, tableIndex, fkIndex);
    if (path === undefined || exactFanOut(tableIndex, fkIndex) !== undefined) return own;
    return pathPick(own, pickOf(tableIndex, path.via), pickOf(path.through, path.parentFk));
  }

  const exactMemo = new Map<string, ExactFanOut | undefined>();
  function exactFanOut(tableIndex: number, fkIndex: number): ExactFanOut | undefined {
    const key = `${tableIndex}:${fkIndex}`;
    if (!exactMemo.has(key)) exactMemo.set(key, exactFanOutOf(freePickContext(tableIndex, fkIndex)));
    return exactMemo.get(key);
  }

  return { tupleOf, pickOf, freePick, exactFanOut, stripes, stripeOf };
}

/** Version 32: the parent row `via` then `parent` reach (same-parent-paths.ts), else the FK's own; NULL where its own is. */
function pathPick(own: FreePick, via: (row: number) => number, parent: (row: number) => number): FreePick {
  return (row, attempt, notNull) => {
    const mine = own(row, attempt, notNull);
    if (attempt !== 0 || mine < 0) return mine;
    const r = via(row);
    const p = r < 0 ? -1 : parent(r);
    return p < 0 ? mine : p;
  };
}

/**
 * An FK's parent row from its key's tuple (`from`: its window's first row): NULL past the key's room (version
 * 19 `nullFrom`) or outside its span of a component two FKs share (version 20 `span`).
 */
function driverPick(
  tuple: DriverTuple,
  pick: Extract<FkPick, { kind: 'driver' }>,
  from: number,
): (row: number) => number {
  const { nullFrom, span, component } = pick;
  if (span !== undefined)
    return (row) => {
      const k = tuple(row, component);
      return k >= span.from && k < span.to ? from + k - span.from : -1;
    };
  return nullFrom === undefined
    ? (row) => from + tuple(row, component)
    : (row) => (row >= nullFrom ? -1 : from + tuple(row, component));
}
