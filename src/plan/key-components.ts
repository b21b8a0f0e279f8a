/**
 * A unique key's components and which of them drive it: the key's free
 * columns with the unique values each can take, and the foreign keys whose
 * parent rows make rows distinct under it (`keyComponents`); a related pair
 * among them (two FKs or two bounded columns tied by a CHECK, read as one
 * slot of distinct pairs); then the components that drive the key's
 * bijection: one with room for every row, else all (`drivingComponents`).
 */
import type { IntegerRange } from '../checks/bounded-integer.js';
import { boundedIntegerRange } from '../checks/bounded-integer.js';
import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { Table, UniqueKey } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { columnUniqueGenerator } from '../values/column-generators.js';
import { loadedLocaleIfAny } from '../values/semantic/load-locale.js';
import { localeOfVersion } from '../values/semantic/locale-fourteen.js';
import { isPeriodStart } from '../values/semantic/period-chain-end.js';
import { periodOwnerOf } from '../values/semantic/period-owners.js';
import { periodSpace } from './exclusion-periods.js';
import type { KeyPlanContext } from './key-capacity.js';
import { namePairing } from './name-pairs.js';
import type { ColumnSource, FkPick, KeyComponent, KeyPair } from './plan-model.js';
import { findRelatedPair } from './related-pair.js';
import { overlapColumnOf, periodColumn } from './temporal-keys.js';
import { findValuePair } from './value-pairs.js';

/** Codes of the errors a generator throws when a column's type or CHECKs leave it no unique values. */
const NO_UNIQUE_VALUES = new Set<string>([
  ErrorCodes.UNSATISFIABLE,
  ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
  ErrorCodes.UNKNOWN_TYPE,
]);

/** Distinct values a column can take when it must be unique (0 = none, with why), and whether they are semantic. */
export function uniqueSpace(
  table: Table,
  column: string,
  lookup: TypeLookup,
  hints: ColumnHints | undefined,
  rows: number,
  generatorVersion: number,
  series = false,
  locale?: string,
): { space: number; semantic: boolean; why?: string; unsatisfiable?: boolean } {
  const col = table.columns.find((c) => c.name === column);
  if (!col) return { space: 0, semantic: false, why: `${column} is not a column of ${displayName(table)}` };
  const { base } = resolveDomains(col.type, lookup);
  try {
    const generator = columnUniqueGenerator(table, col, base, hints ?? {}, lookup, {
      preferSemantic: true,
      rows,
      generatorVersion,
      series,
      // The engine's locale (its unique spaces differ from en's: a locale's product names are fewer).
      locale: localeOfVersion(loadedLocaleIfAny(locale), generatorVersion),
    });
    return { space: generator.space, semantic: generator.semantic };
  } catch (error) {
    if (!(error instanceof DatagenError) || !NO_UNIQUE_VALUES.has(error.code)) throw error;
    return {
      space: 0,
      semantic: false,
      why: error.message,
      unsatisfiable: error.code === ErrorCodes.UNSATISFIABLE,
    };
  }
}

/** A key's components, with why any is small and whether a column has no unique value at all. */
export interface KeyComponents {
  readonly components: KeyComponent[];
  readonly why: string[];
  readonly unsatisfiable: boolean;
}

/**
 * The key's components: each column no other source decides, with its unique space (semantic ones noted in
 * `semanticColumns`), and each FK that makes rows distinct under the key and no earlier key drives.
 */
export function keyComponents(
  ctx: KeyPlanContext,
  columns: readonly string[],
  sources: ReadonlyMap<string, ColumnSource>,
  rows: number,
  fkPicks: ReadonlyMap<number, FkPick>,
  semanticColumns: Set<string>,
  key?: UniqueKey,
): KeyComponents {
  const { table, fks } = ctx;
  const components: KeyComponent[] = [];
  const why: string[] = [];
  let unsatisfiable = false;
  const overlap = key === undefined ? null : overlapColumnOf(key);
  const series = periodSeriesColumn(ctx, key, overlap, sources) ?? seriesColumn(ctx, columns, sources);
  const period = ctx.generatorVersion >= 19 ? key?.periodBounds : undefined;
  for (const col of columns) {
    const source = sources.get(col);
    // Version 19: the lower column of an EXCLUDE's two-column period, a series' slots (exclusion-periods.ts).
    if (source === undefined && col === period?.lower) {
      const space = periodSpace(ctx.hints, period, rows, ctx.generatorVersion);
      if (space === 0)
        why.push(
          `${displayColumn(table, col)}: its CHECKs leave the periods (${col}, ${period.upper}) no window`,
        );
      components.push({ kind: 'column', column: col, space, series: true });
      continue;
    }
    // Version 17: a column whose first rows hold children's looked-up values in blocks (parent-lookups.ts)
    // is decided by them: the key's other columns make its rows distinct.
    if (source === undefined && ctx.generatorVersion >= 17 && ctx.hints.get(col)?.rowBlocks) continue;
    if (source === undefined) {
      const inSeries = col === series;
      const unique = uniqueSpace(
        table,
        col,
        ctx.lookup,
        ctx.hints.get(col),
        rows,
        ctx.generatorVersion,
        inSeries,
        ctx.locale,
      );
      if (unique.semantic) semanticColumns.add(col);
      if (unique.why) why.push(`${displayColumn(table, col)}: ${unique.why}`);
      if (unique.unsatisfiable) unsatisfiable = true;
      const seriesDays = inSeries && unique.semantic ? { series: true as const } : {};
      // Ranges a CHECK gives an infinite bound (`upper_inf(during)`) all overlap: one per tuple of the others.
      const infinite = col === overlap && hasInfiniteBound(ctx.hints.get(col));
      if (infinite)
        why.push(`${displayColumn(table, col)}: its ranges have an infinite bound, so any two overlap`);
      const space = infinite ? Math.min(unique.space, 1) : unique.space;
      components.push({ kind: 'column', column: col, space, ...seriesDays });
    } else if (source.kind === 'foreign-key') {
      const fk = fks[source.fk];
      // An FK is a key component when all its columns are in the key, or when its parent rows differ in the key's columns.
      const whole =
        fk?.columns.every((c) => columns.includes(c)) || ctx.parentKeyCovers?.(source.fk, columns);
      // Else its parent's first rows may differ in the key's columns (their own FK picks distinct rows).
      const prefix = whole ? undefined : ctx.parentPrefix?.(source.fk, columns);
      if ((whole || prefix !== undefined) && !fkPicks.has(source.fk)) {
        if (!components.some((c) => c.kind === 'foreign-key' && c.fk === source.fk)) {
          const space =
            prefix === undefined ? ctx.fkSpace(source.fk) : Math.min(prefix, ctx.fkSpace(source.fk));
          components.push({ kind: 'foreign-key', fk: source.fk, space });
        }
      }
    }
  }
  return { components, why, unsatisfiable };
}

function hasInfiniteBound(hints: ColumnHints | undefined): boolean {
  return hints?.infiniteBounds?.lower === true || hints?.infiniteBounds?.upper === true;
}

/**
 * Version 17: the range column an EXCLUDE `(room_id WITH =, during WITH &&)` or a WITHOUT OVERLAPS key keeps
 * apart, free and in no other key of the table: a series of periods (values/semantic/range-series.ts), its
 * slots sized to the rows per tuple of the key's FKs, so each parent's periods follow one another.
 */
function periodSeriesColumn(
  ctx: KeyPlanContext,
  key: UniqueKey | undefined,
  overlap: string | null,
  sources: ReadonlyMap<string, ColumnSource>,
): string | null {
  if (ctx.generatorVersion < 17 || ctx.wholeKeys === true || key === undefined || overlap === null)
    return null;
  if (sources.has(overlap) || hasInfiniteBound(ctx.hints.get(overlap)) || key.nullsNotDistinct) return null;
  const elsewhere = ctx.keys.some((k) => k !== key && k.columns.includes(overlap));
  return elsewhere ? null : overlap;
}

/**
 * Version 10: the key's one free column, a date with no CHECK of its own, beside an FK of the key
 * (`(security_id, trade_date)`): a series' days (values/semantic/date-series.ts), or null.
 */
function seriesColumn(
  ctx: KeyPlanContext,
  columns: readonly string[],
  sources: ReadonlyMap<string, ColumnSource>,
): string | null {
  if (ctx.generatorVersion < 10 || ctx.wholeKeys === true) return null;
  const free = columns.filter((c) => !sources.has(c));
  if (!columns.some((c) => sources.get(c)?.kind === 'foreign-key')) return null;
  const isDate = (name: string): boolean => {
    const col = ctx.table.columns.find((c) => c.name === name);
    const hints = ctx.hints.get(name) ?? {};
    const checked = Object.keys(hints).some((k) => k !== 'notNull');
    return col !== undefined && !checked && resolveDomains(col.type, ctx.lookup).base.name === 'date';
  };
  if (free.length === 1) return isDate(free[0] as string) ? (free[0] as string) : null;
  // Version 15: a period's start beside one other column (`titles (emp_no, title, from_date)`): the
  // start alone is the parent's series (drivingComponents leaves the other column out of the driver).
  if (ctx.generatorVersion < 15 || free.length !== 2) return null;
  const starts = free.filter((c) => isDate(c) && isPeriodStart(ctx.table, c));
  return starts.length === 1 && free.filter(isDate).length === 1 ? (starts[0] as string) : null;
}

/** Two components a CHECK ties together (two FKs' parent rows, or two bounded columns), read as one slot of distinct pairs. */
export function relatedPairOf(ctx: KeyPlanContext, components: readonly KeyComponent[]): KeyPair | undefined {
  const { fks } = ctx;
  return (
    findRelatedPair(components, {
      fkColumns: (i) => ({ columns: fks[i]?.columns ?? [], referenced: fks[i]?.referencedColumns ?? [] }),
      fkParent: (i) => ctx.fkParents[i] ?? -1,
      relations: ctx.relations,
    }) ?? findValuePair(components, ctx.relations, (column) => uniqueRange(ctx, column, components))
  );
}

/** The components that drive a key's bijection, its related pair among them, and each one's slot size. */
export interface DrivingComponents {
  readonly chosen: KeyComponent[];
  readonly pair: KeyPair | undefined;
  readonly slots: number[];
}

/**
 * Prefer one column that alone has room for every row (an `id`, a `name`); for a temporal key only its
 * period, else all components: rows equal on the other columns then differ in their (disjoint) ranges.
 */
export function drivingComponents(
  ctx: KeyPlanContext,
  key: UniqueKey,
  components: readonly KeyComponent[],
  related: KeyPair | undefined,
  rows: number,
  countsUp?: (column: string) => boolean,
): DrivingComponents {
  const { table, fks } = ctx;
  // An ordered pair is never split (one side unique alone, the other free) whatever its sizes.
  const inOrderedPair = (c: KeyComponent) =>
    related !== undefined &&
    (related.orderCheck || related.values !== undefined) &&
    (c === components[related.first] || c === components[related.second]);
  const period = periodColumn(key);
  // Version 29: a first and a last name paired while the rows fit their lists (name-pairs.ts).
  const names = period === null && related === undefined ? namePairing(ctx, components, rows) : null;
  if (names !== null) return { chosen: names, pair: undefined, slots: names.map((c) => c.space) };
  // NULLS NOT DISTINCT: a component that may be NULL (a nullable FK a CHECK leaves NULL in some rows)
  // cannot make the rows distinct alone, as NULL rows then collide (Lakekeeper's tag key).
  const notNull = (column: string) =>
    table.columns.find((c) => c.name === column)?.notNull === true ||
    ctx.hints.get(column)?.notNull === true ||
    (table.primaryKey?.columns ?? []).includes(column);
  const mayBeNull = (c: KeyComponent) =>
    key.nullsNotDistinct && !(c.kind === 'column' ? [c.column] : (fks[c.fk]?.columns ?? [])).every(notNull);
  // NULLS NOT DISTINCT: rows with a NULL parent would share the series' days; the days then drive alone.
  const series = !key.nullsNotDistinct && components.some((c) => c.kind === 'column' && c.series === true);
  // Version 15: in a history keyed by two parents, only the periods' owner drives alone (owner-periods.ts).
  const owner = ctx.generatorVersion >= 15 ? periodOwnerComponent(ctx, components) : undefined;
  const single = components
    .filter((c) => !series && c.space >= Math.max(rows, 1) && !inOrderedPair(c) && !mayBeNull(c))
    .filter(
      (c) =>
        ctx.wholeKeys !== true ||
        components.length === 1 ||
        (c.kind === 'foreign-key' && ctx.newParentsOnly?.(c.fk) === true) ||
        // Version 25: an integer counting up past the held maximum makes every new tuple new alone.
        (c.kind === 'column' && countsUp?.(c.column) === true),
    )
    .filter((c) => period === null || (c.kind === 'column' && c.column === period))
    .filter((c) => owner === undefined || c === owner)
    .sort((a, b) => (a.kind === 'column' ? 0 : 1) - (b.kind === 'column' ? 0 : 1))[0];
  // Version 15: a series drives with the FKs alone; the key's other column (a title beside a period's
  // start) is free, the key unique by (parent, start).
  const driving = (c: KeyComponent) =>
    c.space > 0 && (!series || ctx.generatorVersion < 15 || c.kind === 'foreign-key' || c.series === true);
  const chosen = single ? [single] : components.filter(driving);
  const pair = single ? undefined : pairWithin(chosen, components, related);
  // Slot sizes: a related pair of FKs is one slot of distinct-row pairs.
  const slots = chosen.map((c, i) =>
    pair === undefined ? c.space : i === pair.first ? pair.space : i === pair.second ? 1 : c.space,
  );
  return { chosen, pair, slots: series ? seriesSlots(chosen, slots, rows) : slots };
}

/** Version 15: the component of the parent owning a two-parent key's periods (period-owners.ts). */
function periodOwnerComponent(
  ctx: KeyPlanContext,
  components: readonly KeyComponent[],
): KeyComponent | undefined {
  if (components.length !== 2) return undefined;
  const parents = components.map((c) =>
    c.kind === 'foreign-key' ? (ctx.fks[c.fk]?.references.name ?? null) : null,
  );
  if (parents[0] == null || parents[1] == null) return undefined;
  const owner = periodOwnerOf(ctx.table, [parents[0], parents[1]]);
  return owner === undefined ? undefined : components[owner];
}

/** A series' days sized to the rows per parent tuple: each parent has the same run of consecutive days. */
function seriesSlots(chosen: readonly KeyComponent[], slots: readonly number[], rows: number): number[] {
  const others = slots.reduce((a, s, i) => {
    const c = chosen[i];
    return c?.kind === 'column' && c.series === true ? a : a * s;
  }, 1);
  return slots.map((s, i) => {
    const c = chosen[i];
    return c?.kind === 'column' && c.series === true ? Math.min(s, Math.ceil(Math.max(rows, 1) / others)) : s;
  });
}

/** The related pair re-indexed into the chosen components (undefined when either was dropped). */
function pairWithin(
  chosen: readonly KeyComponent[],
  components: readonly KeyComponent[],
  related: KeyPair | undefined,
): KeyPair | undefined {
  if (!related) return undefined;
  const first = chosen.indexOf(components[related.first] as KeyComponent);
  const second = chosen.indexOf(components[related.second] as KeyComponent);
  return first < 0 || second < 0 ? undefined : { ...related, first, second };
}

/** A bounded integer key column's range when its unique values are `min + k` over the whole range. */
function uniqueRange(
  ctx: KeyPlanContext,
  column: string,
  components: readonly KeyComponent[],
): IntegerRange | null {
  const col = ctx.table.columns.find((c) => c.name === column);
  const hints = ctx.hints.get(column);
  if (!col || !hints || (hints.exclude?.length ?? 0) > 0 || hints.oneOf) return null;
  const range = boundedIntegerRange(resolveDomains(col.type, ctx.lookup).base, hints);
  const space = components.find((c) => c.kind === 'column' && c.column === column)?.space;
  return range && space === range.max - range.min + 1 ? range : null;
}

/** Why a pair of bounded columns leaves the key few values (the CHECK between them and their ranges). */
export function valuePairReason(table: Table, components: readonly KeyComponent[], pair: KeyPair): string {
  const name = (i: number) => {
    const c = components[i];
    return c?.kind === 'column' ? c.column : '?';
  };
  const v = pair.values;
  const range = (r: IntegerRange | undefined) => (r ? `${r.min}..${r.max}` : '?');
  return `${displayName(table)}: ${name(pair.first)} ${v?.op} ${name(pair.second)} with ${name(pair.first)} in ${range(v?.left)} and ${name(pair.second)} in ${range(v?.right)} leaves ${pair.space} pairs`;
}
