/**
 * Rows picked by keys: a unique driver's tuple of component indexes per row
 * (a keyed permutation of the row number, so distinct rows get distinct
 * tuples), and the parent row a foreign key points to — from its key's tuple,
 * or a free choice (skewed fan-out, fan-out.ts; a tree pick for
 * self-references), with further attempts for the row engine. All memoised
 * per table and driver/FK; every pick is a function of seed and row.
 */
import type { FanOutSetting, GenerationPlan, TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { pairAt } from '../plan/related-pair.js';
import { treeRootMayBeNull } from '../plan/tree-roots.js';
import { valuePairAt } from '../plan/value-pairs.js';
import { displayName } from '../schema/names.js';
import { createPermutation } from '../values/permutation.js';
import { RowRandom, streamKey } from '../values/random.js';
import { createExactFanOut } from './exact-fan-out.js';
import { existingParentCount } from './existing-parents.js';
import { createSharedSkewedFanOut, createSkewedFanOut, createZipfFanOut, type FanOut } from './fan-out.js';
import { heldKeyWalk } from './held-keys.js';
import { createTenantStripes, type StripedPick, type TenantStripes } from './tenant-stripes.js';

export interface RowPicks {
  /** Component `k` of the driver's tuple for a row: a distinct tuple per row. */
  tupleOf(tableIndex: number, driverIndex: number): (row: number, component: number) => number;
  /** The parent row a foreign key points to, or -1 for NULL. */
  pickOf(tableIndex: number, fkIndex: number): (row: number) => number;
  /** A free FK's parent row at an attempt (0: the plain pick); -1 is NULL. */
  freePick(tableIndex: number, fkIndex: number): (row: number, attempt: number, notNull: boolean) => number;
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
  const tupleMemo = new Map<string, (row: number, component: number) => number>();
  const tablePlan = (index: number): TablePlan => {
    const t = plan.tables[index];
    if (!t) throw new Error(`no table plan ${index}`);
    return t;
  };

  /** Component `k` of the driver's tuple for a row: a distinct tuple per row. */
  function tupleOf(tableIndex: number, driverIndex: number): (row: number, component: number) => number {
    const key = `${tableIndex}:${driverIndex}`;
    let fn = tupleMemo.get(key);
    if (fn) return fn;
    const t = tablePlan(tableIndex);
    const driver = t.drivers[driverIndex] as UniqueDriver;
    const size = driver.radices.reduce((a, b) => a * b, 1);
    const permutation = createPermutation(
      size,
      streamKey(seed, t.table.schema, t.table.name, 'key', driver.key),
    );
    const divisors = driver.radices.map((_, k) => driver.radices.slice(0, k).reduce((a, b) => a * b, 1));
    const slot = (p: number, component: number, space: number) => {
      const index = Math.floor(p / (divisors[component] as number)) % (driver.radices[component] as number);
      // Spread the index over the whole space so e.g. all parents are used.
      const radix = driver.radices[component] as number;
      return Number.isFinite(space) && space > radix && space <= 2 ** 52 && !driver.ordered
        ? Math.floor(index * (space / radix))
        : index;
    };
    const pair = driver.pair;
    const attemptAt =
      keyColumn === undefined ? undefined : heldKeyWalk(t, driver, (column) => keyColumn(tableIndex, column));
    const walk = attemptAt ?? ((row: number) => row);
    fn = (row, component) => {
      const p = driver.ordered ? row : permutation.apply(walk(row));
      if (pair && (component === pair.first || component === pair.second)) {
        const k = slot(p, pair.first, pair.space);
        const n = driver.components[pair.first]?.space ?? 0;
        const rows = pair.values ? valuePairAt(k, pair.values) : pairAt(k, n, pair.orderCheck);
        return rows[component === pair.first ? 0 : 1];
      }
      return slot(p, component, driver.components[component]?.space ?? 0);
    };
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
      const tuple = tupleOf(tableIndex, pick.driver);
      const from = fkPlan.window?.from ?? 0;
      fn = (row) => from + tuple(row, pick.component);
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

  /**
   * A foreign key's parent row when it is a free choice (a skewed hash pick, see fan-out.ts, or a tree pick):
   * attempt 0 is the plain pick; the row engine asks for other attempts when
   * a CHECK between the FK and other columns fails. -1 is NULL.
   */
  function freePick(
    tableIndex: number,
    fkIndex: number,
  ): (row: number, attempt: number, notNull: boolean) => number {
    const t = tablePlan(tableIndex);
    const fkPlan = t.foreignKeys[fkIndex];
    if (!fkPlan) throw new Error(`no fk ${fkIndex} in ${displayName(t.table)}`);
    // A CHECK on the FK column may leave only a window of the parent's rows.
    const from = fkPlan.window?.from ?? 0;
    const parentRows = fkPlan.window
      ? fkPlan.window.to - from
      : tablePlan(fkPlan.parent).rows + existingParentCount(fkPlan);
    const random = new RowRandom();
    const fkKey = streamKey(seed, t.table.schema, t.table.name, 'fk', fkPlan.fk.name);
    const keyOf = (attempt: number) =>
      attempt === 0
        ? fkKey
        : streamKey(seed, t.table.schema, t.table.name, 'fk', fkPlan.fk.name, 'attempt', attempt);
    const nullRate = fkPlan.nullRate;
    if (fkPlan.pick.kind === 'tree') {
      const nullableRoot = treeRootMayBeNull(
        t.table,
        t.foreignKeys.map((f) => f.fk),
        fkIndex,
      );
      // --append: picks [0, held) are the rows the table holds, row r's earlier rows follow them.
      const held = existingParentCount(fkPlan);
      return (row, attempt, notNull) => {
        if (row === 0 && nullableRoot && !notNull) return -1;
        if (row === 0 && held === 0) return 0;
        return random.at(keyOf(attempt), row).below(Math.min(held + row, parentRows));
      };
    }
    if (parentRows === 0) return () => -1;
    const striped = stripes.pickOf(tableIndex, fkIndex);
    if (striped)
      return stripedPick(striped, parentRows, keyOf, nullRate, stripeOf(tableIndex, striped.group));
    const fanOutKey = streamKey(seed, t.table.schema, t.table.name, 'fan-out', fkPlan.fk.name);
    const setting = fkPlan.fanOut;
    const fanOut = createFanOut(parentRows, fanOutKey, setting);
    if (fkPlan.distinctFirst) {
      // A child's key reads these columns (plan/distinct-prefix.ts): the first rows take distinct parents.
      const first = Math.min(t.rows, parentRows);
      const distinct = createPermutation(
        first,
        streamKey(seed, t.table.schema, t.table.name, 'distinct', fkPlan.fk.name),
      );
      return (row, attempt, notNull) => {
        if (row < first) return from + distinct.apply(row);
        random.at(keyOf(attempt), row);
        if (nullRate > 0 && random.chance(nullRate) && !notNull) return -1;
        return from + fanOut(random.float());
      };
    }
    if (setting?.perParent?.kind === 'range') {
      // Exact counts per parent: attempt 0 is the row's place in them; other attempts (a CHECK failed) pick by hash.
      const exact = createExactFanOut({
        parentRows,
        childRows: t.rows,
        min: setting.perParent.min,
        max: setting.perParent.max,
        share: setting.shareWithoutChildren ?? 0,
        key: fanOutKey,
      });
      return (row, attempt) =>
        attempt === 0 ? from + exact(row) : from + fanOut(random.at(keyOf(attempt), row).float());
    }
    return (row, attempt, notNull) => {
      random.at(keyOf(attempt), row);
      if (nullRate > 0 && random.chance(nullRate) && !notNull) return -1;
      return from + fanOut(random.float());
    };
  }

  /**
   * A composite FK through a tenant column: row i's parent row in the row's stripe s (i % k, or the one its
   * deciding FK gives), the tenant table's row s itself or a row j of the parent with j % k == s (skewed like
   * any free pick, over the stripe's rows).
   */
  function stripedPick(
    striped: StripedPick,
    parentRows: number,
    keyOf: (attempt: number) => number,
    nullRate: number,
    stripeAt: (row: number) => number,
  ): (row: number, attempt: number, notNull: boolean) => number {
    const k = striped.stripes;
    const random = new RowRandom();
    const perStripe = Math.floor(parentRows / k);
    const fanOut = createSkewedFanOut(perStripe, keyOf(0));
    return (row, attempt, notNull) => {
      random.at(keyOf(attempt), row);
      if (nullRate > 0 && random.chance(nullRate) && !notNull) return -1;
      const stripe = stripeAt(row);
      return striped.exact ? stripe : stripe + k * fanOut(random.float());
    };
  }

  return { tupleOf, pickOf, freePick, stripes, stripeOf };
}

/** A free FK's parent picker: the configured zipf or share of parents without children, else the default skew. */
function createFanOut(parentRows: number, key: number, setting: FanOutSetting | undefined): FanOut {
  const share = setting?.shareWithoutChildren;
  if (setting?.perParent?.kind === 'zipf')
    return createZipfFanOut(parentRows, key, setting.perParent.s, share ?? 0);
  return share === undefined
    ? createSkewedFanOut(parentRows, key)
    : createSharedSkewedFanOut(parentRows, key, share);
}
