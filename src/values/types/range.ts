/**
 * Range and multirange types over int4, int8, numeric, float, date,
 * timestamp, timestamptz and uuid (the built-in ranges, and user ranges with one
 * of those subtypes). Bounds are generated as unit counts, so lower <= upper
 * holds by construction; multirange members are ascending and disjoint.
 */

import { daysFromCivil, formatDate, formatTimestamp } from '../../checks/calendar.js';
import type { RangeInfinity } from '../../checks/check-hints.js';
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport, UniqueValueGenerator, ValueGenerator } from './generator.js';
import { boundedRangeSubtype, containingMultirange, spanSubtype } from './range-bounds.js';

/** How one subtype's bounds are drawn and printed, in integer units. */
export interface RangeSubtype {
  /** A random lower bound. */
  lower(rand: RowRandom): number;
  /** Random widths are 1..width units. */
  readonly width: number;
  /** A bound as range-literal text (quoted when it contains spaces). */
  format(units: number): string;
  /** Unique ranges are [start + k*step, start + (k+1)*step). */
  readonly start: number;
  readonly step: number;
  readonly uniqueSpace: number;
  /** The largest bound a value may have (a range over a domain with a maximum): upper bounds are clamped to it. */
  readonly max?: number;
}

const DAY_2000 = daysFromCivil(2000, 1, 1);
const DAY_10000 = daysFromCivil(10000, 1, 1);
const SECONDS_2000 = DAY_2000 * 86400;

/** A uuid whose byte order is the order of `units` (< 2^48): its first 12 hex digits, version 4 bits after. */
function uuidOfUnits(units: number): string {
  const h = units.toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4000-8000-000000000000`;
}

const SUBTYPES: Readonly<Record<string, RangeSubtype>> = {
  // CREATE TYPE uuidrange AS RANGE (subtype = uuid): uuids compare byte by byte.
  uuid: {
    lower: (r) => r.below(2 ** 47),
    width: 2 ** 32,
    format: uuidOfUnits,
    start: 1,
    step: 1,
    uniqueSpace: 2 ** 47,
  },
  int4: {
    lower: (r) => r.below(100000),
    width: 1000,
    format: String,
    start: 1,
    step: 1,
    uniqueSpace: 2 ** 31 - 3,
  },
  int8: {
    lower: (r) => r.below(1000000),
    width: 10000,
    format: String,
    start: 1,
    step: 1,
    uniqueSpace: 2 ** 52,
  },
  numeric: {
    lower: (r) => r.below(10000000),
    width: 100000,
    format: (u) => formatScaled(u, 2),
    start: 100,
    step: 100,
    // Bounds are counted in hundredths, which must stay below 2^53.
    uniqueSpace: 2 ** 45,
  },
  float8: {
    lower: (r) => r.below(10000000),
    width: 100000,
    format: (u) => formatScaled(u, 2, true),
    start: 100,
    step: 100,
    uniqueSpace: 2 ** 45,
  },
  date: {
    lower: (r) => DAY_2000 + r.below(11000),
    width: 365,
    format: formatDate,
    start: DAY_2000,
    step: 1,
    uniqueSpace: DAY_10000 - DAY_2000 - 1,
  },
  timestamp: {
    lower: (r) => SECONDS_2000 + r.below(11000 * 86400),
    width: 30 * 86400,
    format: (s) => `"${formatTimestamp(s)}"`,
    start: SECONDS_2000,
    step: 1,
    uniqueSpace: (DAY_10000 - DAY_2000 - 1) * 86400,
  },
  timestamptz: {
    lower: (r) => SECONDS_2000 + r.below(11000 * 86400),
    width: 30 * 86400,
    format: (s) => `"${formatTimestamp(s)}+00"`,
    start: SECONDS_2000,
    step: 1,
    uniqueSpace: (DAY_10000 - DAY_2000 - 1) * 86400,
  },
};

const BUILTIN_RANGES: Readonly<Record<string, string>> = {
  int4range: 'int4',
  int8range: 'int8',
  numrange: 'numeric',
  daterange: 'date',
  tsrange: 'timestamp',
  tstzrange: 'timestamptz',
  int4multirange: 'int4',
  int8multirange: 'int8',
  nummultirange: 'numeric',
  datemultirange: 'date',
  tsmultirange: 'timestamp',
  tstzmultirange: 'timestamptz',
};

/** The subtype name of a built-in range or multirange type, if `name` is one. */
export function builtinRangeSubtype(name: string): string | undefined {
  return BUILTIN_RANGES[name];
}

/** Bounds support for a subtype name (`int4`, `date`, …); float4 shares float8's. */
export function rangeSubtype(name: string): RangeSubtype | undefined {
  return SUBTYPES[name === 'float4' ? 'float8' : name];
}

/** Version arrays `{major,minor,patch}` of 0..99 each: as arrays compare element by element, their order is the units'. */
const VERSION_ARRAY: RangeSubtype = {
  lower: (r) => r.below(200000),
  width: 10000,
  format: (u) => `"{${Math.floor(u / 10000)},${Math.floor(u / 100) % 100},${u % 100}}"`,
  start: 0,
  step: 1,
  uniqueSpace: 999999,
};

/**
 * Bounds for a range over an array of integers (Clair's `CREATE TYPE versionrange AS RANGE (SUBTYPE =
 * integer[10])`, a typmod PostgreSQL ignores): version-like arrays of three elements, from generator version 24.
 */
export function arrayRangeSubtype(element: string): RangeSubtype | undefined {
  return element === 'int2' || element === 'int4' || element === 'int8' ? VERSION_ARRAY : undefined;
}

/**
 * A range whose bounds a CHECK asks to be infinite or finite (`upper_inf(r)`, `NOT lower_inf(r)`): the asked
 * ones as asked, the others infinite one time in 20 as usual; never empty (an empty range has no infinite bound).
 */
function askedRange(sub: RangeSubtype, rand: RowRandom, asked: RangeInfinity): string {
  const lo = sub.lower(rand);
  const hi = Math.min(lo + 1 + rand.below(sub.width), sub.max ?? Number.POSITIVE_INFINITY);
  const lowerInf = asked.lower ?? rand.below(20) === 0;
  const upperInf = asked.upper ?? rand.below(20) === 0;
  return `${lowerInf ? '(' : '['}${lowerInf ? '' : sub.format(lo)},${upperInf ? '' : sub.format(hi)})`;
}

/** A multirange as asked: one member, from an infinite lower bound or to an infinite upper one as asked. */
function askedMultirange(sub: RangeSubtype, rand: RowRandom, asked: RangeInfinity): string {
  if (!asked.lower && !asked.upper) return randomMultirange(sub, rand);
  const lo = sub.lower(rand);
  const hi = Math.min(lo + 1 + rand.below(sub.width), sub.max ?? Number.POSITIVE_INFINITY);
  return `{${asked.lower ? '(' : `[${sub.format(lo)}`},${asked.upper ? '' : sub.format(hi)})}`;
}

function randomRange(sub: RangeSubtype, rand: RowRandom): string {
  const r = rand.below(20);
  const lo = sub.lower(rand);
  if (r === 0) return 'empty';
  if (r === 1) return `[${sub.format(lo)},)`;
  const hi = Math.min(lo + 1 + rand.below(sub.width), sub.max ?? Number.POSITIVE_INFINITY);
  if (r === 2) return `(,${sub.format(hi)})`;
  return `[${sub.format(lo)},${sub.format(hi)})`;
}

function randomMultirange(sub: RangeSubtype, rand: RowRandom): string {
  const n = rand.below(4);
  let cursor = sub.lower(rand);
  let out = '{';
  const max = sub.max ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const lo = cursor + rand.below(sub.width);
    if (lo >= max) break;
    const hi = Math.min(lo + 1 + rand.below(sub.width), max);
    out += `${i === 0 ? '' : ','}[${sub.format(lo)},${sub.format(hi)})`;
    cursor = hi + 1;
  }
  return `${out}}`;
}

/**
 * A multirange of 1 to 3 members inside a bounded subtype (`upper(m) < 1000`): the first member's lower bound
 * kept below the maximum, so it is never `{}`.
 */
function boundedMultirange(sub: RangeSubtype, rand: RowRandom): string {
  const max = sub.max ?? Number.POSITIVE_INFINITY;
  const n = 1 + rand.below(3);
  let cursor = sub.lower(rand);
  const members: string[] = [];
  for (let i = 0; i < n; i++) {
    const lo = Math.min(cursor + rand.below(sub.width), max - 1);
    if (lo < cursor || (i > 0 && lo >= max)) break;
    const hi = Math.min(lo + 1 + rand.below(sub.width), max);
    members.push(`[${sub.format(lo)},${sub.format(hi)})`);
    cursor = hi + 1;
  }
  return `{${members.join(',')}}`;
}

/** A range of two finite bounds inside a bounded subtype (`r <@ int4range(1, 100)`, `r && ...`): never empty. */
function boundedRange(sub: RangeSubtype, rand: RowRandom): string {
  const max = sub.max ?? Number.POSITIVE_INFINITY;
  const lo = Math.min(sub.lower(rand), max - 1);
  const hi = Math.min(lo + 1 + rand.below(sub.width), max);
  return `[${sub.format(lo)},${sub.format(hi)})`;
}

/**
 * Support for a range (or, with `multi`, multirange) over the given subtype; `name`, a built-in subtype's
 * (`int4`, `date`, …), lets a column's min/max hints (a CHECK on `lower(r)` / `upper(r)`) bound every bound.
 */
export function createRangeSupport(sub: RangeSubtype, multi: boolean, name?: string): TypeSupport {
  return {
    random(_type, hints): ValueGenerator {
      // `isempty(r)`: the one empty range (a multirange of no ranges).
      if (hints?.emptyRange === true) return { random: () => (multi ? '{}' : 'empty') };
      // `m @> daterange(...)`: a member that holds it.
      // A range's hints come from version 29 (plan/multirange-hints.ts): one range that holds the span.
      const holding =
        name !== undefined && hints?.containsSpan
          ? containingMultirange(name, sub, hints.containsSpan, multi)
          : undefined;
      if (holding) return { random: holding };
      const within =
        name !== undefined && hints?.withinSpan ? spanSubtype(name, sub, hints.withinSpan) : undefined;
      if (within)
        return {
          random: multi ? (rand) => boundedMultirange(within, rand) : (rand) => boundedRange(within, rand),
        };
      const overlapping =
        name !== undefined && hints?.withinSpan?.overlaps
          ? containingMultirange(name, sub, hints.withinSpan, multi)
          : undefined;
      if (overlapping) return { random: overlapping };
      const bounded =
        name !== undefined && hints !== undefined && (hints.min !== undefined || hints.max !== undefined)
          ? boundedRangeSubtype(name, sub, hints)
          : undefined;
      if (bounded && !hints?.infiniteBounds)
        return {
          random: multi ? (rand) => boundedMultirange(bounded, rand) : (rand) => randomRange(bounded, rand),
        };
      const asked = hints?.infiniteBounds;
      if (asked)
        return {
          random: multi
            ? (rand) => askedMultirange(sub, rand, asked)
            : (rand) => askedRange(sub, rand, asked),
        };
      // `NOT isempty(r)`: ranges as an asked bound's, never empty.
      const nonEmpty = hints?.emptyRange === false;
      if (nonEmpty && !multi) return { random: (rand) => askedRange(sub, rand, {}) };
      return { random: multi ? (rand) => randomMultirange(sub, rand) : (rand) => randomRange(sub, rand) };
    },
    unique(_type, hints): UniqueValueGenerator {
      // Asked infinite bounds: unique by the other bound, `[lo,)` or `(,hi)`; both infinite, one value.
      const asked = hints?.infiniteBounds ?? {};
      if (hints?.emptyRange === true) return { space: 1, value: () => (multi ? '{}' : 'empty') };
      return {
        space: asked.lower && asked.upper ? 1 : sub.uniqueSpace,
        value(k) {
          const lo = sub.start + k * sub.step;
          const text = `${asked.lower ? '(' : `[${sub.format(lo)}`},${asked.upper ? '' : sub.format(lo + sub.step)})`;
          return multi ? `{${text}}` : text;
        },
      };
    },
  };
}
