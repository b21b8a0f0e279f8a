/**
 * Value functions of the key sources of the plan: a unique column (its
 * driver's tuple through the column's injective generator, the values a
 * child FK lists held by the first rows) and a partition key (a row's
 * partition by hash, a value inside it).
 */
import { type ColumnHints, generatorHints } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { ColumnPlan, ColumnSource, PeriodSource, TablePlan, UniqueDriver } from '../plan/plan-model.js';
import type { TypeRef } from '../schema/model.js';
import { columnUniqueGenerator } from '../values/column-generators.js';
import { createRangePicker } from '../values/partition-value.js';
import { RowRandom } from '../values/random.js';
import type { RowContext } from '../values/semantic/index.js';
import { periodBoundSeries } from '../values/semantic/range-series.js';
import { createValueGenerator } from '../values/types/index.js';
import { builtinRangeSubtype } from '../values/types/range.js';
import type { ColumnWrite } from './column-writes.js';
import { createTupleSiblings } from './driver-tuple.js';
import { startPastHeld } from './held-keys.js';
import { randomColumnGenerator } from './random-column.js';
import { type PeriodSeries, parentSeries } from './series-offsets.js';

type ValueFn = (row: number) => string | null;

export interface KeyColumnContext {
  readonly table: TablePlan;
  readonly column: ColumnPlan;
  readonly base: TypeRef;
  readonly lookup: TypeLookup;
  /** The column's stream key. */
  readonly key: number;
  readonly generatorVersion: number;
  /** The unique driver's tuple component of a row. */
  tuple(row: number, component: number): number;
  rowContext(): RowContext;
  /** Version 14: told a history's series and its values (generate/series-offsets.ts), for its period's end. */
  noteSeries?(series: PeriodSeries, value: (index: number) => string): void;
}

export interface KeyColumnValues {
  readonly fn: ValueFn;
  /** Its values as bytes, where its generator writes them (always written: true). */
  readonly write?: ColumnWrite;
  /** Its generator's text never needs COPY escapes. */
  readonly escapeFree: boolean;
}

/** A unique column's values: injective in its driver's tuple component. */
export function uniqueColumnValues(
  ctx: KeyColumnContext,
  source: Extract<ColumnSource, { kind: 'unique' }>,
): KeyColumnValues {
  const { table: t, column: c, base, key } = ctx;
  const hints: ColumnHints = c.hints;
  const random = new RowRandom();
  if (c.steer?.template !== undefined) {
    // A template with {row}: a distinct value per row by itself (checked by the planner).
    const template = randomColumnGenerator(t, c.column.name, base, hints, ctx.lookup, ctx.rowContext);
    return { fn: (row) => template(random.at(key, row), row), escapeFree: false };
  }
  const driver = t.drivers[source.driver] as UniqueDriver;
  const component = source.component;
  if (source.period !== undefined) return periodBoundValues(ctx, source.period, driver, component);
  // Version 17: a series of periods spans its years over the slots of each tuple of the key's FKs.
  const periods = source.series === true && builtinRangeSubtype(base.name) !== undefined;
  const generator = columnUniqueGenerator(t.table, c.column, base, hints, ctx.lookup, {
    preferSemantic: source.semantic,
    rows: periods ? (driver.radices[component] ?? t.rows) : t.rows,
    row: ctx.rowContext(),
    generatorVersion: ctx.generatorVersion,
    series: source.series === true,
    // k is the driver's permuted tuple (below) unless the driver is ordered or the column a series.
    permuted: !driver.ordered && source.series !== true,
  });
  const start = driver.ordered ? startPastHeld(t, driver, generator.value) : 0;
  // Values that increase with k (migration timestamps), alone in a key no held keys shape: k is the row.
  const inRowOrder =
    generator.inRowOrder === true && driver.components.length === 1 && driver.existing === undefined;
  const series =
    !(driver.ordered || inRowOrder) && source.series === true && ctx.generatorVersion >= 13 && !periods
      ? parentSeries(
          t,
          c.column.name,
          driver,
          component,
          generator.space,
          key,
          ctx.tuple,
          (fk) => ctx.rowContext().parentStartThrough?.(fk),
          ctx.generatorVersion >= 15
            ? createTupleSiblings(ctx.rowContext().seed ?? 0, t, driver, component)
            : undefined,
        )
      : undefined;
  if (series !== undefined) ctx.noteSeries?.(series, generator.value);
  const index =
    driver.ordered || inRowOrder
      ? (row: number) => row + start
      : (series?.index ?? ((row: number) => ctx.tuple(row, component)));
  // Row values that take k as the row (version 6's unique epoch in its row's order) only where k is the row.
  const rowValue = generator.inRowOrder === true && !inRowOrder ? undefined : generator.rowValue;
  const drawn: ValueFn = rowValue
    ? (row) => rowValue(index(row), random.at(key, row), row)
    : (row) => generator.value(index(row));
  // Values a child FK lists are held by the first rows (the others exclude them).
  const holds = hints.holds ?? [];
  const fn =
    holds.length === 0 ? drawn : (row: number) => (row < holds.length ? (holds[row] as string) : drawn(row));
  const bytes = generator.write;
  const rowBytes = generator.rowWrite;
  const write: ColumnWrite | undefined =
    holds.length > 0
      ? undefined
      : rowValue === undefined
        ? bytes &&
          ((out, row) => {
            bytes(index(row), out);
            return true;
          })
        : rowBytes &&
          ((out, row) => {
            rowBytes(index(row), random.at(key, row), row, out);
            return true;
          });
  return {
    fn,
    escapeFree: generator.escapeFree === true && holds.length === 0,
    ...(write === undefined ? {} : { write }),
  };
}

/**
 * Version 19: a bound of an EXCLUDE's two-column period (plan/exclusion-periods.ts): slot k of the series
 * over the key's slots for the other columns' tuple, its lower or upper bound (both columns read one k).
 */
function periodBoundValues(
  ctx: KeyColumnContext,
  period: PeriodSource,
  driver: UniqueDriver,
  component: number,
): KeyColumnValues {
  const slots = driver.radices[component] ?? ctx.table.rows;
  const wide = ctx.generatorVersion >= 20;
  const series = periodBoundSeries(period.rangeType, period.window, slots, period.upperInclusive, wide);
  if (series === undefined) return { fn: () => null, escapeFree: true };
  const bound = period.bound === 'lower' ? series.lower : series.upper;
  return { fn: (row) => bound(ctx.tuple(row, component), row), escapeFree: true };
}

/**
 * A partition key's values: a partition by hash of the row (version 3: row i < partitions takes partition
 * i), then a value of its list or range. A deeper level's key (`source.route`) follows `routeOf(row)`, the
 * choice the root's key takes in the row.
 */
export function partitionKeyValues(
  base: TypeRef,
  hints: ColumnHints,
  lookup: TypeLookup,
  key: number,
  source: Extract<ColumnSource, { kind: 'partition-key' }>,
  generatorVersion: number,
  routeOf?: (row: number) => number,
  hashRouteOf?: (row: number) => readonly number[] | undefined,
): ValueFn {
  const random = new RowRandom();
  const fallback = createValueGenerator(base, lookup, generatorHints(hints));
  const pickers = source.choices.map((choice): ((r: RowRandom) => string) => {
    if (choice.kind === 'list') return (r) => r.pick(choice.values);
    if (choice.kind === 'range') {
      const from = choice.from;
      return createRangePicker(base, choice.from, choice.to, choice.openFrom) ?? (() => from);
    }
    const except = choice.except === undefined ? undefined : new Set(choice.except);
    const outside = choice.outside === undefined ? undefined : insideAny(choice.outside);
    if (outside !== undefined) {
      // A RANGE level's DEFAULT: a value no partition's range holds (drawn again while one does).
      return (r) => {
        for (let attempt = 0; attempt < 64; attempt++) {
          const value = fallback.random(r);
          if (!outside(value)) return value;
        }
        return fallback.random(r);
      };
    }
    if (except === undefined) return (r) => fallback.random(r);
    // A DEFAULT partition's value: one no other partition lists (drawn again while it is one).
    return (r) => {
      for (let attempt = 0; attempt < 16; attempt++) {
        const value = fallback.random(r);
        if (!except.has(value)) return value;
      }
      // A type with few values, all listed: as before, the last draw.
      return fallback.random(r);
    };
  });
  const own = partitionChoiceIndex(source, generatorVersion);
  if (hashRouteOf !== undefined) {
    // Below HASH partitions: one of the choices of the partition the row hashes into, else as below.
    const other = routeOf;
    const route = source.route?.choice ?? [];
    return (row) => {
      const hashed = hashRouteOf(row);
      random.at(key, row);
      const routed =
        hashed !== undefined ? (hashed.length === 1 ? hashed[0] : random.pick(hashed)) : undefined;
      const at = routed ?? (other === undefined ? -1 : (route[other(row)] ?? -1));
      return (pickers[at >= 0 ? at : own(random, row)] as (r: RowRandom) => string)(random);
    };
  }
  if (routeOf === undefined) {
    return (row) => (pickers[own(random.at(key, row), row)] as (r: RowRandom) => string)(random);
  }
  // Below partitions with no DEFAULT: the choice the row's route (the root key's choice) names.
  const route = source.route?.choice ?? [];
  return (row) => {
    const routed = route[routeOf(row)] ?? -1;
    random.at(key, row);
    const at = routed >= 0 ? routed : own(random, row);
    return (pickers[at] as (r: RowRandom) => string)(random);
  };
}

/** Whether a value lies inside one of the ranges [from, to) (numbers and dates/times compared as such). */
function insideAny(
  ranges: readonly { readonly from: string; readonly to: string }[],
): (value: string) => boolean {
  const numeric = (v: string): number => {
    if (v === '-infinity') return Number.NEGATIVE_INFINITY;
    if (v === 'infinity') return Number.POSITIVE_INFINITY;
    const n = Number(v);
    return Number.isNaN(n) ? Date.parse(v.includes('T') || !v.includes(' ') ? v : v.replace(' ', 'T')) : n;
  };
  const bounds = ranges.map((r) => [numeric(r.from), numeric(r.to)] as const);
  return (value) => {
    const x = numeric(value);
    // A value that cannot be compared counts as inside: drawn again.
    return (
      Number.isNaN(x) ||
      bounds.some(([lo, hi]) => Number.isNaN(lo) || Number.isNaN(hi) || (x >= lo && x < hi))
    );
  };
}

/**
 * Which of a partition-key source's choices row `row` takes, drawn from `random` (already at the column's
 * key and the row). Version 3: the first rows take the partitions in turn, so each gets a row when the
 * table has enough.
 */
export function partitionChoiceIndex(
  source: Extract<ColumnSource, { kind: 'partition-key' }>,
  generatorVersion: number,
): (random: RowRandom, row: number) => number {
  const spread = generatorVersion >= 3;
  const first = source.firstRows;
  const count = source.choices.length;
  return (random, row) => {
    const chosen = first === undefined ? (spread && row < count ? row : -1) : (first[row] ?? -1);
    return chosen >= 0 ? chosen : random.below(count);
  };
}
