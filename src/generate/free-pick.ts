/**
 * A foreign key's parent row when it is a free choice, not a component of a
 * unique key's tuple: a tree pick for a self-reference (an earlier row), a
 * pick within the row's tenant stripe, distinct parents for the first rows
 * (a child's key reads the FK), exact counts per parent, or a skewed hash
 * pick (fan-out.ts). Attempt 0 is the plain pick; the row engine asks for
 * other attempts when a CHECK between the FK and other columns fails. -1 is
 * NULL.
 */
import type { FanOutSetting, ForeignKeyPlan, TablePlan } from '../plan/plan-model.js';
import { treeRootMayBeNull } from '../plan/tree-roots.js';
import type { Table } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { createPermutation } from '../values/permutation.js';
import { RowRandom, streamKey } from '../values/random.js';
import { ledgerColumns } from '../values/semantic/ledger-balances.js';
import { countedSpec } from './counted-children.js';
import {
  createExactFanOut,
  createExactFanOutBothWays,
  type ExactFanOut,
  type ExactFanOutSpec,
  skewedExactFanOut,
} from './exact-fan-out.js';
import { existingParentCount } from './existing-parents.js';
import {
  createSharedSkewedFanOut,
  createSkewedFanOut,
  createZipfFanOut,
  type FanOut,
  NO_CHILD_SHARE,
} from './fan-out.js';
import type { StripedPick, TenantStripes } from './tenant-stripes.js';

/** A free FK's parent row at an attempt (0: the plain pick); -1 is NULL; `notNull`: the attempt must not give NULL. */
export type FreePick = (row: number, attempt: number, notNull: boolean) => number;

export interface FreePickContext {
  readonly seed: number;
  readonly tableIndex: number;
  readonly table: TablePlan;
  readonly fkIndex: number;
  /** The planned rows of the FK's parent table. */
  readonly parentTableRows: number;
  /** The FK's parent table (version 30: whether it counts this table's rows, counted-children.ts). */
  readonly parentTable?: Table;
  /** The value generators' version (the plan's). */
  readonly version: number;
  readonly stripes: TenantStripes;
  /** A row's stripe in a tenant class (row-picks.ts). */
  stripeOf(group: string): (row: number) => number;
}

/** The FK's pick: which kind, decided once from its plan. */
export function createFreePick(ctx: FreePickContext): FreePick {
  const { seed, table: t, fkIndex } = ctx;
  const fkPlan = t.foreignKeys[fkIndex];
  if (!fkPlan) throw new Error(`no fk ${fkIndex} in ${displayName(t.table)}`);
  // A CHECK on the FK column may leave only a window of the parent's rows.
  const from = fkPlan.window?.from ?? 0;
  const parentRows = fkPlan.window
    ? fkPlan.window.to - from
    : ctx.parentTableRows + existingParentCount(fkPlan);
  const fkKey = streamKey(seed, t.table.schema, t.table.name, 'fk', fkPlan.fk.name);
  const keyOf = (attempt: number) =>
    attempt === 0
      ? fkKey
      : streamKey(seed, t.table.schema, t.table.name, 'fk', fkPlan.fk.name, 'attempt', attempt);
  if (fkPlan.pick.kind === 'tree') return treePick(t, fkIndex, fkPlan, parentRows, keyOf);
  if (parentRows === 0) return () => -1;
  // The parent's row i points back at row i (plan/read-back-keys.ts); past the parent's rows, NULL.
  if (fkPlan.readsBack) return (row) => (row < parentRows ? from + row : -1);
  const striped = ctx.stripes.pickOf(ctx.tableIndex, fkIndex);
  if (striped) return stripedPick(striped, parentRows, keyOf, fkPlan.nullRate, ctx.stripeOf(striped.group));
  const fanOutKey = streamKey(seed, t.table.schema, t.table.name, 'fan-out', fkPlan.fk.name);
  const setting = fkPlan.fanOut;
  const fanOut = createFanOut(parentRows, fanOutKey, setting);
  if (fkPlan.sameParent) {
    // An exclusion's `fk_col WITH <>` (plan/table-family.ts): every row that points anywhere points at one row.
    const nulls = hashPick(from, fanOut, keyOf, fkPlan.nullRate);
    return (row, attempt, notNull) => (nulls(row, attempt, notNull) < 0 ? -1 : from);
  }
  if (fkPlan.sameRowsFirst) {
    // A child reads these rows back (plan/read-back-keys.ts): row r < min(rows, parent rows) picks parent row r.
    const first = Math.min(t.rows, parentRows);
    const rest = hashPick(from, fanOut, keyOf, fkPlan.nullRate);
    return (row, attempt, notNull) => (row < first ? from + row : rest(row, attempt, notNull));
  }
  if (fkPlan.distinctFirst) {
    // A child's key reads these columns (plan/distinct-prefix.ts): the first rows take distinct parents.
    const first = Math.min(t.rows, parentRows);
    const distinct = createPermutation(
      first,
      streamKey(seed, t.table.schema, t.table.name, 'distinct', fkPlan.fk.name),
    );
    const rest = hashPick(from, fanOut, keyOf, fkPlan.nullRate);
    return (row, attempt, notNull) =>
      row < first ? from + distinct.apply(row) : rest(row, attempt, notNull);
  }
  const exact = exactSpec(ctx, parentRows);
  if (exact !== undefined) {
    // Exact counts per parent: attempt 0 is the row's place in them; other attempts (a CHECK failed) pick by hash.
    const parentOf = createExactFanOut(exact);
    const random = new RowRandom();
    return (row, attempt) =>
      attempt === 0 ? from + parentOf(row) : from + fanOut(random.at(keyOf(attempt), row).float());
  }
  // Version 17: attempts past the first few (a CHECK between FKs failed: `from_account <> to_account`, `a_id <
  // b_id` over a parent of two rows) pick any parent alike, not by the skew that may never reach the one needed.
  return hashPick(
    from,
    fanOut,
    keyOf,
    fkPlan.nullRate,
    ctx.version >= 17 ? UNIFORM_FROM : undefined,
    parentRows,
  );
}

/** Version 17: the attempt from which a free FK's repick is uniform over its parent rows. */
const UNIFORM_FROM = 8;

/** An exact fan-out's spec (`per_parent: {min, max}`) over `parentRows`, or undefined. */
function exactSpec(ctx: FreePickContext, parentRows: number): ExactFanOutSpec | undefined {
  const t = ctx.table;
  const fkPlan = t.foreignKeys[ctx.fkIndex] as ForeignKeyPlan;
  const perParent = fkPlan.fanOut?.perParent;
  if (perParent === undefined && ctx.version >= 20) {
    const ledger = ledgerSpec(ctx, parentRows);
    if (ledger !== undefined || ctx.version < 30) return ledger;
    // Version 30: a child its parent counts (`comment_count`): counted-children.ts.
    const key = streamKey(ctx.seed, t.table.schema, t.table.name, 'fan-out', fkPlan.fk.name);
    return countedSpec(t, ctx.fkIndex, ctx.parentTable, parentRows, key);
  }
  if (perParent?.kind !== 'range') return undefined;
  return {
    parentRows,
    childRows: t.rows,
    min: perParent.min,
    max: perParent.max,
    share: fkPlan.fanOut?.shareWithoutChildren ?? 0,
    key: streamKey(ctx.seed, t.table.schema, t.table.name, 'fan-out', fkPlan.fk.name),
  };
}

/**
 * Version 20: a ledger's account FK (ledger-balances.ts: the first NOT NULL foreign key of a table of
 * movements with an amount and a balance, no fan-out configured) is an exact fan-out skewed as the default
 * (wants ~ u^3: the most popular tenth of the parents holds about 40% of the rows; NO_CHILD_SHARE of them
 * none), so a row finds its account's other rows and the balance runs over them. Version 28: a nullable
 * FK where none is NOT NULL.
 */
function ledgerSpec(ctx: FreePickContext, parentRows: number): ExactFanOutSpec | undefined {
  const t = ctx.table;
  const fkPlan = t.foreignKeys[ctx.fkIndex] as ForeignKeyPlan;
  // Version 28: also a nullable account FK where the table has no NOT NULL one (was a hash pick: no balance
  // ran); every movement then has its account.
  const nullable =
    ctx.version >= 28 && !t.foreignKeys.some((f) => f.nullRate === 0 && f.fanOut === undefined);
  const free = (f: ForeignKeyPlan) => (f.nullRate === 0 || nullable) && f.fanOut === undefined;
  if (!free(fkPlan) || ledgerColumns(t.table, ctx.version) === null) return undefined;
  const first = t.foreignKeys.findIndex(free);
  if (first !== ctx.fkIndex || t.rows === 0) return undefined;
  const share = NO_CHILD_SHARE;
  const active = Math.max(1, parentRows - Math.floor(parentRows * share));
  const key = streamKey(ctx.seed, t.table.schema, t.table.name, 'fan-out', fkPlan.fk.name);
  return skewedExactFanOut(parentRows, t.rows, active, share, key);
}

/**
 * Version 12: the exact fan-out of an FK whose attempt-0 pick is it, read both ways (a parent's child
 * rows, a child's place among them), when its parents are the parent table's rows as they are (no window
 * of them, no rows held before an --append, no tree, tenant stripe or distinct first rows); else undefined.
 */
export function exactFanOutOf(ctx: FreePickContext): ExactFanOut | undefined {
  const fkPlan = ctx.table.foreignKeys[ctx.fkIndex];
  if (fkPlan === undefined || fkPlan.pick.kind !== 'hash' || fkPlan.window || fkPlan.sameParent)
    return undefined;
  if (fkPlan.distinctFirst || fkPlan.sameRowsFirst || fkPlan.readsBack) return undefined;
  if (existingParentCount(fkPlan) > 0 || ctx.parentTableRows === 0) return undefined;
  if (ctx.stripes.pickOf(ctx.tableIndex, ctx.fkIndex)) return undefined;
  const spec = exactSpec(ctx, ctx.parentTableRows);
  return spec === undefined ? undefined : createExactFanOutBothWays(spec);
}

/** A skewed hash pick: NULL at the FK's rate (unless the attempt must not be NULL), else a parent by fan-out. */
function hashPick(
  from: number,
  fanOut: FanOut,
  keyOf: (attempt: number) => number,
  nullRate: number,
  uniformFrom?: number,
  parentRows = 0,
): FreePick {
  const random = new RowRandom();
  return (row, attempt, notNull) => {
    random.at(keyOf(attempt), row);
    if (nullRate > 0 && random.chance(nullRate) && !notNull) return -1;
    if (uniformFrom !== undefined && attempt >= uniformFrom) return from + random.below(parentRows);
    return from + fanOut(random.float());
  };
}

/**
 * A self-reference's tree pick: row r's parent is one of its earlier rows (row 0 the root: NULL when the
 * FK allows it); --append: picks [0, held) are the rows the table holds, row r's earlier rows follow them.
 */
function treePick(
  t: TablePlan,
  fkIndex: number,
  fkPlan: ForeignKeyPlan,
  parentRows: number,
  keyOf: (attempt: number) => number,
): FreePick {
  const nullableRoot = treeRootMayBeNull(
    t.table,
    t.foreignKeys.map((f) => f.fk),
    fkIndex,
    (c) => t.columns.find((col) => col.column.name === c)?.hints.notNull === true,
  );
  const held = existingParentCount(fkPlan);
  const random = new RowRandom();
  return (row, attempt, notNull) => {
    if (row === 0 && nullableRoot && !notNull) return -1;
    if (row === 0 && held === 0) return 0;
    return random.at(keyOf(attempt), row).below(Math.min(held + row, parentRows));
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
): FreePick {
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

/** A free FK's parent picker: the configured zipf or share of parents without children, else the default skew. */
function createFanOut(parentRows: number, key: number, setting: FanOutSetting | undefined): FanOut {
  const share = setting?.shareWithoutChildren;
  if (setting?.perParent?.kind === 'zipf')
    return createZipfFanOut(parentRows, key, setting.perParent.s, share ?? 0);
  return share === undefined
    ? createSkewedFanOut(parentRows, key)
    : createSharedSkewedFanOut(parentRows, key, share);
}
