/**
 * Version 12: a parent row reads its child rows, and a child row its place
 * among its parent's children, where the child's foreign key has an exact
 * fan-out (`per_parent: {min, max}`, exact-fan-out.ts): the parent's
 * children are a contiguous run of places, found from the parent row by the
 * inverse permutations, never stored. An order's total is then its lines'
 * sum, and one line per order is its default. Only a foreign key no CHECK
 * reads (the row engine never picks it again), so every child row read is
 * one the FK points at the parent.
 */
import type { GenerationPlan } from '../plan/plan-model.js';
import { columnsReadByRowChecks } from '../plan/table-checks.js';
import type { Table } from '../schema/model.js';
import type { ChildRows, SiblingPlace, SiblingRows } from '../values/semantic/index.js';
import { driverPermutation } from './driver-tuple.js';
import type { ExactFanOut } from './exact-fan-out.js';

export interface ChildRowsDeps {
  readonly plan: GenerationPlan;
  exactFanOut(tableIndex: number, fkIndex: number): ExactFanOut | undefined;
  valueOf(tableIndex: number, column: string): (row: number) => string | null;
}

/** A table's foreign keys with an exact fan-out that no CHECK of the table reads, to the parent `parent` (any when undefined). */
function exactForeignKeys(
  deps: ChildRowsDeps,
  tableIndex: number,
  parent: number | undefined,
): { readonly fk: number; readonly fanOut: ExactFanOut }[] {
  const t = deps.plan.tables[tableIndex];
  if (t === undefined || t.rows === 0) return [];
  const checked = columnsReadByRowChecks(t.checks);
  const found: { fk: number; fanOut: ExactFanOut }[] = [];
  for (const [fk, plan] of t.foreignKeys.entries()) {
    if (parent !== undefined && plan.parent !== parent) continue;
    if (plan.fk.columns.some((c) => checked.has(c))) continue;
    const fanOut = deps.exactFanOut(tableIndex, fk);
    if (fanOut !== undefined) found.push({ fk, fanOut });
  }
  return found;
}

/** The first child table `accepts` with an exact fan-out to `tableIndex`: its rows per parent row, its columns. */
export function childRowsOf(
  deps: ChildRowsDeps,
  tableIndex: number,
  accepts: (table: Table) => boolean,
): ChildRows | undefined {
  for (const [childIndex, child] of deps.plan.tables.entries()) {
    if (childIndex === tableIndex || !accepts(child.table)) continue;
    const [first] = exactForeignKeys(deps, childIndex, tableIndex);
    if (first === undefined) continue;
    return {
      table: child.table,
      rowsOf: (parentRow) => first.fanOut.childrenOf(parentRow),
      column: (name) =>
        child.columns.some((c) => c.column.name === name && c.written)
          ? deps.valueOf(childIndex, name)
          : undefined,
    };
  }
  return undefined;
}

/** A row's place among its parent's children by the table's first exact fan-out, or undefined. */
export function siblingPlaceOf(
  deps: ChildRowsDeps,
  tableIndex: number,
): ((row: number) => SiblingPlace) | undefined {
  const [first] = exactForeignKeys(deps, tableIndex, undefined);
  return first === undefined ? undefined : (row) => first.fanOut.placeOf(row);
}

/**
 * Version 20: the rows of a row's parent (its own among them), by the table's first exact fan-out, and the
 * parent row; undefined where the table has none (a ledger's running balance, ledger-balances.ts).
 */
export function siblingRowsOf(deps: ChildRowsDeps, tableIndex: number): SiblingRows | undefined {
  const [first] = exactForeignKeys(deps, tableIndex, undefined);
  if (first === undefined) return undefined;
  const { fanOut } = first;
  let rows = siblingRowsMemo.get(fanOut);
  if (rows === undefined) {
    rows = { parentOf: (row) => fanOut.parentOf(row), rowsOf: (parent) => fanOut.childrenOf(parent) };
    siblingRowsMemo.set(fanOut, rows);
  }
  return rows;
}

/** One SiblingRows per fan-out, so the columns reading it share what they make of it (a ledger's order). */
const siblingRowsMemo = new WeakMap<ExactFanOut, SiblingRows>();

/** The parent table (a plan index) of the table's first exact fan-out, the one siblingRowsOf reads; undefined when none. */
export function siblingParentOf(deps: ChildRowsDeps, tableIndex: number): number | undefined {
  const [first] = exactForeignKeys(deps, tableIndex, undefined);
  return first === undefined ? undefined : deps.plan.tables[tableIndex]?.foreignKeys[first.fk]?.parent;
}

/** Most slots of a keyed child's own component a parent's children are looked for among (a line number 1..7). */
const KEYED_SLOT_LIMIT = 64;

/**
 * Version 17: a parent row's children where the child's key is its foreign key and one counter of its own
 * (`lineitem (l_orderkey, l_linenumber)`), the pair drawn by the key's keyed permutation
 * (driver-tuple.ts): the parent's children are the tuples (parent, k) whose preimage is a row, one inverse
 * per slot k (at most KEYED_SLOT_LIMIT). The first child table `accepts` so keyed; undefined when none.
 */
export function keyedChildRowsOf(
  deps: ChildRowsDeps,
  tableIndex: number,
  accepts: (table: Table) => boolean,
): ChildRows | undefined {
  for (const [childIndex, child] of deps.plan.tables.entries()) {
    if (childIndex === tableIndex || child.rows === 0 || !accepts(child.table)) continue;
    const fk = child.foreignKeys.find((f) => f.parent === tableIndex && f.pick.kind === 'driver');
    if (fk === undefined || fk.pick.kind !== 'driver' || fk.window !== undefined || fk.existing !== undefined)
      continue;
    if (fk.pick.span !== undefined) continue;
    const checked = columnsReadByRowChecks(child.checks);
    if (fk.fk.columns.some((c) => checked.has(c))) continue;
    const driver = child.drivers[fk.pick.driver];
    if (driver === undefined || driver.components.length !== 2 || driver.ordered) continue;
    if (driver.pair !== undefined || driver.existing !== undefined || driver.wrapFrom !== undefined) continue;
    const own = fk.pick.component;
    const parentRadix = driver.radices[own] as number;
    const parentComponent = driver.components[own];
    // Row j of the parent is slot j of the component (no spread over a larger space).
    if (parentComponent === undefined || parentComponent.space !== parentRadix) continue;
    const slots = driver.radices[1 - own] as number;
    if (slots > KEYED_SLOT_LIMIT) continue;
    const permutation = driverPermutation(deps.plan.seed, child, driver);
    const ownDivisor = own === 0 ? 1 : (driver.radices[0] as number);
    const slotDivisor = own === 0 ? parentRadix : 1;
    const rows = child.rows;
    return {
      table: child.table,
      rowsOf(parentRow) {
        if (parentRow < 0 || parentRow >= parentRadix) return [];
        const found: number[] = [];
        for (let k = 0; k < slots; k++) {
          const q = permutation.invert(parentRow * ownDivisor + k * slotDivisor);
          if (q < rows) found.push(q);
        }
        return found;
      },
      column: (name) =>
        child.columns.some((c) => c.column.name === name && c.written)
          ? deps.valueOf(childIndex, name)
          : undefined,
    };
  }
  return undefined;
}
