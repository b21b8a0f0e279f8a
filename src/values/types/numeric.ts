/**
 * numeric(p,s), money, float4 and float8. Values are built as integer counts
 * of 10^-scale units and printed by integer arithmetic, so what we print is
 * exactly what PostgreSQL stores (and prints back).
 */

import { writeInteger, writePadded } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import { nextFloat, orderedFloat, type WideBounds, wideBounds } from './float-bits.js';
import {
  formatScaled,
  POW10,
  plausibleBelow,
  randomDigits,
  unitRange,
  writeRandomDigits,
  writeScaled,
} from './format.js';
import {
  type GeneratorHints,
  type TypeSupport,
  type UniqueValueGenerator,
  unsatisfiableError,
  type ValueGenerator,
} from './generator.js';
import { DEFAULT_SPAN } from './integer.js';

const SAFE = Number.MAX_SAFE_INTEGER;
const ZEROS = '0'.repeat(1100);

function hasBounds(hints: GeneratorHints): boolean {
  return hints.min !== undefined || hints.max !== undefined;
}

/** Units at `scale` (which may be negative: units of 10^-scale) as decimal text. */
function formatUnits(units: number, scale: number): string {
  if (scale >= 0) return formatScaled(units, scale);
  return units === 0 ? '0' : String(units) + ZEROS.slice(0, -scale);
}

/** A generator for a bounded unit range [lo, hi] at `scale`, skewed to small magnitudes. */
function boundedUnits(
  type: TypeRef,
  hints: GeneratorHints,
  scale: number,
  typeLimit: number,
): ValueGenerator {
  let { lo, hi } = unitRange(hints, scale, -typeLimit, typeLimit);
  if (lo > hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
  if (hints.min === undefined && lo < 0 && hi >= 0) lo = 0;
  const size = hi - lo + 1;
  const unit = scale > 0 ? (POW10[scale] ?? 1) : 1;
  return {
    random: (rand) => formatUnits(lo + plausibleBelow(rand, size, unit), scale),
    ...(scale >= 0
      ? { write: (rand, out) => writeScaled(out, lo + plausibleBelow(rand, size, unit), scale) }
      : {}),
  };
}

/** numeric typmods as [precision, scale]; undefined when unconstrained. */
function numericTypmod(type: TypeRef): { p: number; s: number } | undefined {
  const p = type.typmods[0];
  if (p === undefined) return undefined;
  return { p, s: type.typmods[1] ?? 0 };
}

export function createNumericGenerator(type: TypeRef, hints: GeneratorHints): ValueGenerator {
  const mod = numericTypmod(type);
  if (hasBounds(hints)) {
    // Generated at no more than 6 decimals so unit counts stay exact; PostgreSQL pads the rest.
    const scale = mod ? Math.min(mod.s, 6) : 2;
    const limit = mod && mod.p - mod.s + scale <= 15 ? 10 ** (mod.p - mod.s + scale) - 1 : SAFE;
    return boundedUnits(type, hints, scale, limit);
  }
  // Without bounds, whole parts stay in integers' realistic window (see DEFAULT_SPAN).
  if (!mod) {
    return {
      random: (rand) => `${plausibleBelow(rand, DEFAULT_SPAN + 1)}.${randomDigits(rand, 2)}`,
      write(rand, out) {
        writeInteger(out, plausibleBelow(rand, DEFAULT_SPAN + 1));
        out.ensure(1);
        out.buf[out.pos++] = 46; // .
        writePadded(out, rand.below(100), 2);
      },
    };
  }
  const { p, s } = mod;
  if (s < 0) {
    const size = Math.min(10 ** p, SAFE);
    const zeros = ZEROS.slice(0, -s);
    return {
      random: (rand) => {
        const d = plausibleBelow(rand, size);
        return d === 0 ? '0' : String(d) + zeros;
      },
    };
  }
  const intDigits = p - s;
  const intSize = intDigits <= 0 ? 1 : Math.min(10 ** intDigits, DEFAULT_SPAN + 1);
  const leading = s > p ? ZEROS.slice(0, s - p) : '';
  const fracDigits = Math.min(s, p);
  return {
    random: (rand) => {
      const whole = intSize === 1 ? 0 : plausibleBelow(rand, intSize);
      return s === 0 ? String(whole) : `${whole}.${leading}${randomDigits(rand, fracDigits)}`;
    },
    write(rand, out) {
      writeInteger(out, intSize === 1 ? 0 : plausibleBelow(rand, intSize));
      if (s === 0) return;
      out.ensure(1 + leading.length);
      out.buf[out.pos++] = 46; // .
      for (let i = 0; i < leading.length; i++) out.buf[out.pos++] = 48;
      writeRandomDigits(out, rand, fracDigits);
    },
  };
}

export function createNumericUnique(type: TypeRef, hints: GeneratorHints): UniqueValueGenerator {
  const mod = numericTypmod(type);
  if (hasBounds(hints)) {
    const scale = mod ? Math.min(mod.s, 6) : 0;
    const limit = mod && mod.p - mod.s + scale <= 15 ? 10 ** (mod.p - mod.s + scale) - 1 : SAFE;
    const { lo, hi } = unitRange(hints, scale, -limit, limit);
    if (lo > hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
    const size = hi - lo + 1;
    return { space: Math.min(size, 2 ** 52), value: (k) => formatUnits(lo + k, scale) };
  }
  if (!mod) return { space: Number.POSITIVE_INFINITY, value: (k) => String(k + 1) };
  const { p, s } = mod;
  // Plenty of whole numbers: count 1, 2, 3 like a key; otherwise walk the whole 10^-s grid from 0.
  if (p - s >= 10) {
    const size = p - s >= 16 ? 2 ** 52 : 10 ** (p - s) - 1;
    return { space: size, value: (k) => String(k + 1) };
  }
  // The grid from 0 up, then below 0: numeric(1,0) holds 19 distinct values, not 10.
  const positive = 10 ** p;
  const size = Math.min(2 * positive - 1, 2 ** 52);
  return { space: size, value: (k) => formatUnits(k < positive ? k : positive - 1 - k, s) };
}

export const numericSupport: TypeSupport = { random: createNumericGenerator, unique: createNumericUnique };

/** money: cents, bounds read after stripping currency symbols and group separators. */
function moneyHints(hints: GeneratorHints): GeneratorHints {
  const strip = (v: number | string | undefined) => (typeof v === 'string' ? v.replace(/[$,\s]/g, '') : v);
  const out: { -readonly [K in keyof GeneratorHints]: GeneratorHints[K] } = { ...hints };
  const min = strip(hints.min);
  const max = strip(hints.max);
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  return out;
}

/**
 * `-1234.56` → `-$1,234.56`: what cash_out prints under lc_monetary C (and
 * en_US), so values round-trip on such servers. Other locales would read the
 * `$` and `,` differently; datagen's outputs assume a C or en_US server.
 */
export function formatMoney(decimal: string): string {
  const negative = decimal.charCodeAt(0) === 45;
  const body = negative ? decimal.slice(1) : decimal;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '00' : body.slice(dot + 1).padEnd(2, '0');
  let grouped = whole;
  if (whole.length > 3) {
    grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
    for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  }
  return `${negative ? '-' : ''}$${grouped}.${frac}`;
}

export const moneySupport: TypeSupport = {
  random: (type, hints) => {
    const inner = boundedUnits(type, moneyHints(hints), 2, SAFE);
    return { random: (rand) => formatMoney(inner.random(rand)) };
  },
  unique: (type, hints) => {
    const { lo, hi } = unitRange(moneyHints(hints), 0, -92233720368547, 92233720368547);
    if (lo > hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
    const start = Math.min(Math.max(1, lo), hi);
    return { space: Math.min(hi - start + 1, 2 ** 52), value: (k) => formatMoney(String(start + k)) };
  },
};

/**
 * float4/float8 as short decimals (float4 at most 6-7 significant digits,
 * float8 at most 15), which PostgreSQL reads and prints back unchanged.
 */
export function createFloatGenerator(type: TypeRef, hints: GeneratorHints): ValueGenerator {
  const single = type.name === 'float4';
  if (hasBounds(hints) && isWide(hints, single)) return createWideFloat(type, hints, single);
  if (hasBounds(hints)) {
    let scale = 2;
    if (single) {
      const mag = Math.max(Math.abs(Number(hints.min ?? 0)), Math.abs(Number(hints.max ?? 0)));
      scale = mag < 1e4 ? 2 : 0;
    }
    const inner = boundedUnits(type, hints, scale, single ? 2 ** 24 : SAFE);
    return { random: (rand) => trimZeros(inner.random(rand)) };
  }
  const tiers: readonly (readonly [number, number])[] = single
    ? [
        [1e5, 2],
        [1e6, 1],
        [1e6, 0],
      ]
    : [
        [1e5, 2],
        [1e10, 4],
        [1e15, 6],
      ];
  return {
    random: (rand) => {
      const r = rand.next();
      const tier = tiers[r < 0.6 * 4294967296 ? 0 : r < 0.9 * 4294967296 ? 1 : 2]!;
      return formatScaled(rand.below(tier[0]), tier[1], true);
    },
  };
}

function trimZeros(text: string): string {
  if (text.indexOf('.') < 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}

export function createFloatUnique(type: TypeRef, hints: GeneratorHints): UniqueValueGenerator {
  const single = type.name === 'float4';
  const limit = single ? 2 ** 24 : 2 ** 52;
  if (hasBounds(hints) && isWide(hints, single)) return createWideFloatUnique(type, hints, single);
  if (hasBounds(hints)) {
    let scale = 0;
    let range = unitRange(hints, 0, -limit, limit);
    if (range.hi - range.lo < 1000) {
      scale = 3;
      range = unitRange(hints, 3, -limit, limit);
    }
    const { lo, hi } = range;
    if (lo > hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
    return { space: hi - lo + 1, value: (k) => formatScaled(lo + k, scale, true) };
  }
  return { space: limit + 1, value: (k) => String(k) };
}

export const floatSupport: TypeSupport = { random: createFloatGenerator, unique: createFloatUnique };

/** Bounds past what decimal units express exactly (float4 beyond 2^24, float8 beyond ~9e13). */
function isWide(hints: GeneratorHints, single: boolean): boolean {
  const limit = single ? 2 ** 24 : SAFE / 100;
  const mag = (v: number | string | undefined) => (v === undefined ? 0 : Math.abs(Number(v)));
  return mag(hints.min) > limit || mag(hints.max) > limit;
}

function checkedBounds(type: TypeRef, hints: GeneratorHints, single: boolean): WideBounds {
  const b = wideBounds(hints, single);
  if (b === undefined) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
  return b;
}

/** Uniform over [lo, hi], each draw rounded to the type's precision and stepped back inside the bounds. */
function createWideFloat(type: TypeRef, hints: GeneratorHints, single: boolean): ValueGenerator {
  const { lo, hi } = checkedBounds(type, hints, single);
  const width = hi - lo;
  return {
    random(rand) {
      let v = lo + rand.float() * width;
      if (single) v = Math.fround(v);
      while (v > hi) v = nextFloat(v, -1, single);
      while (v < lo) v = nextFloat(v, 1, single);
      return String(v);
    },
  };
}

/** The k-th representable value from lo upwards (floats are ordered like their bit patterns). */
function createWideFloatUnique(type: TypeRef, hints: GeneratorHints, single: boolean): UniqueValueGenerator {
  const { lo, hi } = checkedBounds(type, hints, single);
  const first = orderedFloat.toOrder(lo, single);
  const count = orderedFloat.toOrder(hi, single) - first + 1n;
  return {
    space: count > 2n ** 52n ? 2 ** 52 : Number(count),
    value: (k) => String(orderedFloat.fromOrder(first + BigInt(k), single)),
  };
}
