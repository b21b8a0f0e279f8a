/**
 * RANGE partitions of one integer, decimal, date or timestamp column read as
 * intervals: a MINVALUE / MAXVALUE end closed to a finite range (so the
 * partition gets rows), and partitions that together cover one interval
 * with no gap (so a unique key over the column can take any value of it).
 */

import { INTEGER_LIMITS } from '../checks/bounded-integer.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeRef } from '../schema/model.js';
import { formatTimestamp, parseTimestampLiteral } from '../values/partition-value.js';
import type { PartitionChoice } from './plan-model.js';

/** How far past its finite bound an integer range open at the other end reaches (pgbench's first and last partitions). */
const OPEN_INTEGER_SPAN = 1_000_000;
/** The same for dates and timestamps: a year. */
const OPEN_TEMPORAL_SPAN_MS = 365 * 86_400_000;

const TEMPORAL = new Set(['date', 'timestamp', 'timestamptz']);

/** Decimal key types: the largest magnitude each holds (numeric's from its typmod: decimalLimits). */
const DECIMAL_LIMITS: Record<string, number> = {
  numeric: Number.POSITIVE_INFINITY,
  float4: 3.4e38,
  float8: Number.MAX_VALUE,
};

type Kind = 'integer' | 'temporal' | 'decimal';

function kindOf(type: TypeRef | undefined): Kind | null {
  if (type === undefined || type.arrayDims !== 0) return null;
  if (INTEGER_LIMITS[type.name] !== undefined) return 'integer';
  if (DECIMAL_LIMITS[type.name] !== undefined) return 'decimal';
  return TEMPORAL.has(type.name) ? 'temporal' : null;
}

/** A bound literal as a number to compare (NaN when unreadable). */
function boundValue(kind: Kind, text: string): number {
  if (kind === 'temporal') return parseTimestampLiteral(text);
  const n = Number(text);
  if (kind === 'decimal') return Number.isFinite(n) ? n : Number.NaN;
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

/** [min, max) of a decimal type: `numeric(p, s)` holds magnitudes below 10^(p-s). */
function decimalLimits(type: TypeRef): readonly [number, number] {
  const [precision, scale = 0] = type.typmods;
  const limit =
    type.name === 'numeric' && precision !== undefined
      ? 10 ** (precision - scale)
      : (DECIMAL_LIMITS[type.name] as number);
  return [-limit, limit];
}

/** [min, max + 1) of an integer type. */
function integerLimits(type: TypeRef): readonly [number, number] {
  const [min, max] = INTEGER_LIMITS[type.name] as readonly [number, number];
  return [min, max + 1];
}

function textOf(type: TypeRef, value: number): string {
  if (INTEGER_LIMITS[type.name] !== undefined || DECIMAL_LIMITS[type.name] !== undefined)
    return String(value);
  const text = formatTimestamp(value, type.name === 'timestamptz');
  return type.name === 'date' ? text.slice(0, 10) : text;
}

/**
 * A RANGE bound with MINVALUE or MAXVALUE on one side closed to a finite
 * range: `FROM (MINVALUE) TO (25001)` takes 1..25000 (integers from 1 when
 * the bound is above 1), `FROM (75001) TO (MAXVALUE)` the next million
 * within the type (numeric, real and double precision alike, within what
 * `numeric(p, s)` holds); dates and timestamps a year before or after. Both ends
 * unbounded: any value. Null when nothing is to close or the type is
 * another one.
 */
export function closeUnboundedRange(
  keyType: TypeRef | undefined,
  from: string | null,
  to: string | null,
): { from: string; to: string } | 'any' | null {
  if (from !== null && to !== null) return null;
  if (from === null && to === null) return 'any';
  const kind = kindOf(keyType);
  if (kind === null || keyType === undefined) return null;
  const bound = boundValue(kind, (from ?? to) as string);
  if (Number.isNaN(bound)) return null;
  let lower: number;
  let upper: number;
  if (kind === 'temporal') {
    lower = from === null ? bound - OPEN_TEMPORAL_SPAN_MS : bound;
    upper = from === null ? bound : bound + OPEN_TEMPORAL_SPAN_MS;
  } else {
    const [min, max] = kind === 'decimal' ? decimalLimits(keyType) : integerLimits(keyType);
    // A million past the bound (for a decimal one, as far again as a huge bound: 1e300 + 1e6 is 1e300).
    const span = kind === 'decimal' ? Math.max(OPEN_INTEGER_SPAN, Math.abs(bound)) : OPEN_INTEGER_SPAN;
    lower = from !== null ? bound : Math.max(bound > 1 ? 1 : min, bound - span);
    upper = from === null ? bound : Math.min(max, bound + span);
  }
  if (!(upper > lower)) return null;
  return { from: from ?? textOf(keyType, lower), to: to ?? textOf(keyType, upper) };
}

/**
 * The RANGE partitions of one integer, date or timestamp column, when
 * together they cover one interval [from, to) with no gap: every value in it
 * lands in a partition, so a unique key over the column can take its values
 * from the whole interval (pgbench's `PRIMARY KEY (aid)` over
 * `PARTITION BY RANGE (aid)`).
 */
export function contiguousRange(
  keyType: TypeRef | undefined,
  choices: readonly PartitionChoice[],
): { from: string; to: string; kind: Kind } | null {
  const kind = kindOf(keyType);
  if (kind === null) return null;
  const ranges: { lo: number; hi: number; from: string; to: string }[] = [];
  for (const c of choices) {
    if (c.kind !== 'range' || c.openFrom === true) return null;
    const lo = boundValue(kind, c.from);
    const hi = boundValue(kind, c.to);
    if (Number.isNaN(lo) || Number.isNaN(hi) || hi <= lo) return null;
    ranges.push({ lo, hi, from: c.from, to: c.to });
  }
  ranges.sort((a, b) => a.lo - b.lo);
  const first = ranges[0];
  if (first === undefined) return null;
  let last = first;
  for (const r of ranges.slice(1)) {
    if (r.lo !== last.hi) return null;
    last = r;
  }
  return { from: first.from, to: last.to, kind };
}

/** A column's hints narrowed to [from, to): the bounds a CHECK already set are kept where tighter. */
export function withinInterval(
  hints: ColumnHints | undefined,
  interval: { from: string; to: string; kind: Kind },
): ColumnHints {
  const h = { ...(hints ?? {}) };
  const { kind } = interval;
  const read = (v: number | string | undefined) =>
    v === undefined || (typeof v === 'string' && v.trim() === '') ? Number.NaN : boundValue(kind, String(v));
  const lo = boundValue(kind, interval.from);
  const hi = boundValue(kind, interval.to);
  const min = read(h.min);
  const max = read(h.max);
  if (Number.isNaN(min) || min < lo || (min === lo && h.minExclusive !== true)) {
    h.min = kind === 'temporal' ? interval.from : lo;
    h.minExclusive = false;
  }
  if (Number.isNaN(max) || max >= hi) {
    h.max = kind === 'temporal' ? interval.to : hi;
    h.maxExclusive = true;
  }
  return h;
}
