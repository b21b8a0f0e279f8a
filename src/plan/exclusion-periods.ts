/**
 * Version 19: an EXCLUDE element that builds its range from two columns,
 * `EXCLUDE USING gist (room_id WITH =, tsrange(start_at, end_at) WITH &&)`
 * (also `daterange(a, b, '[]')`, `tstzrange`, `int4range`, `int8range`,
 * `numrange`): planned as the range column form is, a series of disjoint
 * periods per tuple of the `=` elements (values/semantic/range-series.ts),
 * both columns taken from one period (the lower column drives the key, the
 * upper one follows it: plan/key-capacity.ts). Before, the element was left
 * out of the key, which kept rows distinct on the `=` columns alone (one row
 * per room).
 *
 * Only plain columns nothing else decides (no FK, other key, partition key,
 * generation, identity or sequence), of the range's own subtype, are read
 * so; their rows are never NULL (a NULL bound is unbounded, and overlaps).
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { child, lastName, unwrap } from '../checks/expression-nodes.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ExclusionConstraint, PeriodBounds, Table, UniqueKey } from '../schema/model.js';
import { periodBoundSeries } from '../values/semantic/range-series.js';
import { builtinRangeSubtype } from '../values/types/range.js';
import type { KeyPlanContext } from './key-capacity.js';
import type { ColumnSource, PeriodSource } from './plan-model.js';

const CONSTRUCTORS = new Set(['int4range', 'int8range', 'numrange', 'daterange', 'tsrange', 'tstzrange']);

/** The column a node names (`start_at`, `t.start_at`), or undefined. */
function columnOf(node: unknown): string | undefined {
  const fields = child(unwrap(node), 'ColumnRef')?.fields;
  return Array.isArray(fields) && fields.length <= 2 ? lastName(fields) : undefined;
}

/** A string constant's text (`'[]'`), or undefined. */
function stringOf(node: unknown): string | undefined {
  const sval = child(unwrap(node), 'A_Const')?.sval as { sval?: string } | undefined;
  return sval?.sval;
}

/** The element's two columns and range type where it is `range_type(a, b [, 'bounds']) WITH &&`. */
export function periodOfElement(
  e: ExclusionConstraint['elements'][number],
  table: Table,
  lookup: TypeLookup | undefined,
): PeriodBounds | undefined {
  if (e.column !== null || e.operator !== '&&' || e.expr === null) return undefined;
  const call = child(unwrap(e.expr.ast), 'FuncCall');
  const rangeType = lastName(call?.funcname);
  const args = Array.isArray(call?.args) ? call.args : [];
  if (rangeType === undefined || !CONSTRUCTORS.has(rangeType) || args.length < 2 || args.length > 3)
    return undefined;
  const lower = columnOf(args[0]);
  const upper = columnOf(args[1]);
  const bounds = args.length === 3 ? stringOf(args[2]) : '[)';
  if (lower === undefined || upper === undefined || lower === upper || bounds === undefined) return undefined;
  if (!['[)', '[]', '()', '(]'].includes(bounds)) return undefined;
  if (!freeColumn(table, lower, rangeType, lookup) || !freeColumn(table, upper, rangeType, lookup))
    return undefined;
  return { lower, upper, rangeType, upperInclusive: bounds.endsWith(']') };
}

/**
 * Version 27: `tsrange(lower(during), upper(during), '()') WITH &&` (pabiagioli/upgrade_challenge: touching
 * ranges allowed) rebuilds column `during`'s own range, as wide or narrower (any bounds but `'[]'`, which
 * could make two ranges that only touch overlap), so it is planned as `during WITH &&` is: the range's unique
 * values are pairwise disjoint, and so are the ranges rebuilt from them. Before, the element stayed unplanned
 * and its table got one row.
 */
export function asColumnElement(
  e: ExclusionConstraint['elements'][number],
  table: Table,
  lookup: TypeLookup | undefined,
): ExclusionConstraint['elements'][number] {
  if (e.column !== null || e.operator !== '&&' || e.expr === null) return e;
  const call = child(unwrap(e.expr.ast), 'FuncCall');
  const rangeType = lastName(call?.funcname);
  const args = Array.isArray(call?.args) ? call.args : [];
  if (rangeType === undefined || !CONSTRUCTORS.has(rangeType) || args.length < 2 || args.length > 3) return e;
  const lower = boundOf(args[0], 'lower');
  const bounds = args.length === 3 ? stringOf(args[2]) : '[)';
  if (lower === undefined || boundOf(args[1], 'upper') !== lower || bounds === undefined) return e;
  if (!['[)', '()', '(]'].includes(bounds)) return e;
  const written = table.columns.find((c) => c.name === lower)?.type;
  const type = written && lookup ? resolveDomains(written, lookup).base : written;
  if (type === undefined || type.arrayDims !== 0 || type.name !== rangeType) return e;
  return { column: lower, expr: null, operator: '&&' };
}

/** The column of `lower(c)` (or `upper(c)`, as `fn` says), or undefined. */
function boundOf(node: unknown, fn: 'lower' | 'upper'): string | undefined {
  const call = child(unwrap(node), 'FuncCall');
  const args = Array.isArray(call?.args) ? call.args : [];
  return lastName(call?.funcname) === fn && args.length === 1 ? columnOf(args[0]) : undefined;
}

/** A plain column of the range's subtype that no FK, key, partition key or generation decides. */
function freeColumn(table: Table, name: string, rangeType: string, lookup: TypeLookup | undefined): boolean {
  const column = table.columns.find((c) => c.name === name);
  if (!column || column.generated || column.identity || column.sequence) return false;
  if (table.foreignKeys.some((fk) => fk.columns.includes(name))) return false;
  if (tableKeys(table).some((k) => k.columns.includes(name))) return false;
  if ((table.partitionBy?.columns ?? []).includes(name)) return false;
  const type = lookup ? resolveDomains(column.type, lookup).base : column.type;
  const subtype = builtinRangeSubtype(rangeType);
  if (type.arrayDims !== 0 || type.name !== subtype) return false;
  // numeric periods are written with two decimals: a column that keeps fewer would round them together.
  return subtype !== 'numeric' || type.typmods.length === 0 || (type.typmods[1] ?? 0) >= 2;
}

/** The window a period's series spans: the lower column's CHECK minimum, the upper column's maximum. */
export function periodWindow(
  hints: ReadonlyMap<string, ColumnHints>,
  period: PeriodBounds,
): PeriodSource['window'] {
  const low = hints.get(period.lower) ?? {};
  const high = hints.get(period.upper) ?? {};
  return {
    ...(low.min === undefined ? {} : { min: low.min, ...(low.minExclusive ? { minExclusive: true } : {}) }),
    ...(high.max === undefined
      ? {}
      : { max: high.max, ...(high.maxExclusive ? { maxExclusive: true } : {}) }),
  };
}

/** The slots of a two-column period's series for `rows` rows (0: its CHECKs leave it no window). */
export function periodSpace(
  hints: ReadonlyMap<string, ColumnHints>,
  period: PeriodBounds,
  rows: number,
  generatorVersion: number,
): number {
  const series = periodBoundSeries(
    period.rangeType,
    periodWindow(hints, period),
    rows,
    period.upperInclusive,
    generatorVersion >= 20,
  );
  return series?.space ?? 0;
}

/** Version 19: the upper column of a key's two-column period, driven with the key (drivePeriod, plan/key-capacity.ts). */
export function periodUpper(ctx: Pick<KeyPlanContext, 'generatorVersion'>, key: UniqueKey): string[] {
  const upper = ctx.generatorVersion >= 19 ? key.periodBounds?.upper : undefined;
  return upper === undefined ? [] : [upper];
}

/** Version 19: both columns of an EXCLUDE's two-column period from slot k of one series (values/semantic/range-series.ts). */
export function drivePeriod(
  ctx: Pick<KeyPlanContext, 'hints' | 'set'>,
  key: UniqueKey,
  period: PeriodBounds,
  source: Extract<ColumnSource, { kind: 'unique' }>,
  sources: Map<string, ColumnSource>,
): void {
  const window = periodWindow(ctx.hints, period);
  const { rangeType, upperInclusive } = period;
  for (const bound of ['lower', 'upper'] as const) {
    const column = period[bound];
    const own: ColumnSource = {
      ...source,
      series: true,
      period: { bound, rangeType, upperInclusive, window },
    };
    sources.set(column, own);
    ctx.set(column, own, `${key.name}: the ${bound} bound of each key's periods, one after another`);
  }
}
