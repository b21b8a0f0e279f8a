/**
 * Ordered types as integers (or floats) of a unit, so a column can be
 * generated relative to another: `end_date >= start_date` becomes
 * end = start + 0..365 days. Integers count 1, numeric(p,s) counts 10^-s,
 * dates count days, timestamps and times count microseconds.
 */

import {
  daysFromCivil,
  formatDate,
  formatTimeOfDay,
  formatTimestamp,
  parseTimestampText,
  parseTimeText,
  SECONDS_PER_DAY,
} from '../checks/calendar.js';
import type { Offset } from '../checks/check-atoms.js';
import { padDigits } from '../checks/digits.js';
import { addInterval, parseInterval } from '../checks/sql-value.js';
import type { TypeRef } from '../schema/model.js';
import { formatScaled } from './types/format.js';

export interface OrdinalCodec {
  parse(text: string, side: 'min' | 'max'): number | undefined;
  format(units: number): string;
  /** The smallest difference between two values (what `>` adds over `>=`). */
  readonly unit: number;
  /** The step random offsets are made of (1 day, 1 second, 1, 0.01). */
  readonly step: number;
  /** How far a one-sided offset reaches, in units. */
  readonly spread: number;
  readonly lo: number;
  readonly hi: number;
  /** `value + offset` (an interval for date/time types), undefined when the offset does not apply. */
  shift(units: number, offset: Offset): number | undefined;
  /** The spread in words: `0..365 days`. */
  readonly spreadText: string;
}

const INT_LIMITS: Record<string, readonly [number, number]> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
const US = 1_000_000;
// Microseconds stay exact in a double within ±2^53 µs of 1970 (about 1685..2255).
const US_LIMIT = 2 ** 53;

function numberOffset(offset: Offset, scale: number): number | undefined {
  return typeof offset.value === 'number' ? offset.sign * offset.value * scale : undefined;
}

function timeShift(units: number, offset: Offset, type: 'date' | 'timestamp'): number | undefined {
  if (typeof offset.value === 'number') {
    // date + n: days; a timestamp has no integer arithmetic.
    return type === 'date' ? units + offset.sign * offset.value : undefined;
  }
  const iv = parseInterval(offset.value);
  if (!iv) return undefined;
  const seconds = type === 'date' ? units * SECONDS_PER_DAY : units / US;
  const t = addInterval({ kind: 'time', type: 'timestamp', seconds }, iv, offset.sign);
  // date + interval is a timestamp: the day it falls on bounds a date from above (caller rounds).
  return type === 'date' ? t.seconds / SECONDS_PER_DAY : Math.round(t.seconds * US);
}

function fractionText(us: number, precision: number): string {
  if (us === 0) return '';
  const digits = padDigits(us, 6).slice(0, Math.max(precision, 1));
  const trimmed = digits.replace(/0+$/, '');
  return trimmed === '' ? '' : `.${trimmed}`;
}

/** The codec of a column's (base) type, or undefined when it has no useful order. */
export function ordinalCodecFor(type: TypeRef): OrdinalCodec | undefined {
  if (type.arrayDims > 0) return undefined;
  const name = type.name;
  const limits = INT_LIMITS[name];
  if (limits) return integerCodec(limits);
  if (name === 'numeric') return numericCodec(type);
  if (name === 'float4' || name === 'float8') return floatCodec(name === 'float4');
  if (name === 'date') return dateCodec();
  if (name === 'timestamp' || name === 'timestamptz') return timestampCodec(type, name === 'timestamptz');
  if (name === 'time') return timeCodec(type);
  return undefined;
}

/** int2/int4/int8: units of 1 inside the type's range. */
function integerCodec(limits: readonly [number, number]): OrdinalCodec {
  return {
    parse: (text) => {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    },
    format: (u) => String(Math.round(u)),
    unit: 1,
    step: 1,
    spread: 1000,
    lo: limits[0],
    hi: limits[1],
    shift: (u, o) => {
      const d = numberOffset(o, 1);
      return d === undefined ? undefined : u + d;
    },
    spreadText: '0..1000',
  };
}

/** numeric(p,s): units of 10^-s (numeric without a scale: 10^-4), at most 10^15. */
function numericCodec(type: TypeRef): OrdinalCodec {
  const precision = type.typmods[0];
  const scale = type.typmods.length > 1 ? (type.typmods[1] as number) : precision === undefined ? 4 : 0;
  const factor = 10 ** scale;
  const max = precision === undefined ? 1e15 : Math.min(1e15, 10 ** precision - 1);
  return {
    parse: (text) => {
      const n = Number(text);
      return Number.isFinite(n) ? Math.round(n * factor) : undefined;
    },
    format: (u) => formatScaled(Math.round(u), scale, precision === undefined),
    unit: 1,
    step: 1,
    spread: Math.min(1000 * factor, max),
    lo: -max,
    hi: max,
    shift: (u, o) => {
      const d = numberOffset(o, factor);
      return d === undefined ? undefined : u + Math.round(d);
    },
    spreadText: '0..1000',
  };
}

/** float4/float8: the number itself, random offsets in steps of 0.01. */
function floatCodec(single: boolean): OrdinalCodec {
  return {
    parse: (text) => {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    },
    format: (u) => (single ? String(Math.fround(u)) : String(u)),
    unit: single ? 1e-2 : 1e-6,
    step: 0.01,
    spread: 1000,
    lo: single ? -3e38 : -1e300,
    hi: single ? 3e38 : 1e300,
    shift: (u, o) => {
      const d = numberOffset(o, 1);
      return d === undefined ? undefined : u + d;
    },
    spreadText: '0..1000',
  };
}

/** date: days since 1970-01-01. */
function dateCodec(): OrdinalCodec {
  return {
    parse: (text, side) => {
      const t = parseTimestampText(text);
      if (!t) return undefined;
      const days = t.seconds / SECONDS_PER_DAY;
      return side === 'min' ? Math.ceil(days) : Math.floor(days);
    },
    format: (u) => formatDate(Math.round(u)),
    unit: 1,
    step: 1,
    spread: 365,
    lo: daysFromCivil(1, 1, 1),
    hi: daysFromCivil(9999, 12, 31),
    shift: (u, o) => timeShift(u, o, 'date'),
    spreadText: '0..365 days',
  };
}

/** timestamp(p)/timestamptz(p): microseconds since 1970, the unit 10^(6-p). */
function timestampCodec(type: TypeRef, zone: boolean): OrdinalCodec {
  const p = type.typmods[0] ?? 6;
  const unit = 10 ** (6 - Math.max(0, Math.min(6, p)));
  return {
    parse: (text, side) => {
      const t = parseTimestampText(text);
      if (!t) return undefined;
      // timestamptz text without an offset is read in the session's zone: stay a day inside it.
      const margin = zone && !t.hasOffset ? (side === 'min' ? SECONDS_PER_DAY : -SECONDS_PER_DAY) : 0;
      return Math.round((t.seconds + margin) * US);
    },
    format: (u) => {
      const whole = Math.floor(u / US);
      const frac = Math.round(u - whole * US);
      return formatTimestamp(whole) + fractionText(frac, p) + (zone ? '+00' : '');
    },
    unit,
    step: US,
    spread: 365 * SECONDS_PER_DAY * US,
    lo: -US_LIMIT,
    hi: US_LIMIT,
    shift: (u, o) => timeShift(u, o, 'timestamp'),
    spreadText: '0..365 days',
  };
}

/** time(p): microseconds since midnight, shifted by intervals of hours, minutes and seconds only. */
function timeCodec(type: TypeRef): OrdinalCodec {
  const p = type.typmods[0] ?? 6;
  const unit = 10 ** (6 - Math.max(0, Math.min(6, p)));
  return {
    parse: (text) => {
      const s = parseTimeText(text);
      return s === undefined ? undefined : Math.round(s * US);
    },
    format: (u) => {
      const whole = Math.floor(u / US);
      return formatTimeOfDay(whole) + fractionText(Math.round(u - whole * US), p);
    },
    unit,
    step: US,
    spread: 8 * 3600 * US,
    lo: 0,
    hi: SECONDS_PER_DAY * US - unit,
    shift: (u, o) => {
      if (typeof o.value === 'number') return undefined;
      const iv = parseInterval(o.value);
      return iv && iv.months === 0 && iv.days === 0 ? u + o.sign * iv.seconds * US : undefined;
    },
    spreadText: '0..8 hours',
  };
}
