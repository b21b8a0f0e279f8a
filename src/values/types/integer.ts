/**
 * int2, int4, int8 and oid. Random values are plausible magnitudes: without
 * an upper bound from a CHECK, mostly 0..1000 and otherwise up to
 * `DEFAULT_SPAN` above the lower bound, small enough that ordinary
 * expressions over them (a generated `a * b`, an index on `(t1 - t2) * (n + 1)`)
 * do not overflow; with one, skewed to small magnitudes but reaching the whole
 * bounded range. Unique values count up from 1 like a serial key, then wrap
 * to 0 and below.
 *
 * int8 reaches its whole range when bounds ask for it: they are kept as
 * bigints, and only values (or bounds) beyond 2^53 take the BigInt path, so
 * the common case stays plain number arithmetic.
 */
import { writeInteger } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { plausibleBelow, unitRange } from './format.js';
import {
  type GeneratorHints,
  type TypeSupport,
  type UniqueValueGenerator,
  unsatisfiableError,
  type ValueGenerator,
} from './generator.js';

const SAFE = Number.MAX_SAFE_INTEGER;
const BIG_SAFE = BigInt(SAFE);
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/**
 * How far above its lower bound (or 0) an integer without an upper bound
 * goes: the product of two such values still fits int4 (40,000^2 < 2^31).
 */
export const DEFAULT_SPAN = 40_000;

const LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  oid: [0, 4294967295],
};

/** Inclusive [lo, hi] for a type and its hints; throws when empty. */
function integerRange(type: TypeRef, hints: GeneratorHints): { lo: number; hi: number } {
  const [typeLo, typeHi] = LIMITS[type.name] ?? [-SAFE, SAFE];
  const range = unitRange(hints, 0, typeLo, typeHi);
  if (range.lo > range.hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
  return range;
}

/** A bound as a bigint, rounded inward; undefined when it is not a number. */
function bigBound(value: number | string, round: 'ceil' | 'floor'): bigint | undefined {
  const text = typeof value === 'number' ? '' : value.trim();
  if (/^[+-]?\d+$/.test(text)) return BigInt(text);
  const n = typeof value === 'number' ? value : Number(text);
  if (!Number.isFinite(n)) return undefined;
  return BigInt(round === 'ceil' ? Math.ceil(n) : Math.floor(n));
}

/** int8's inclusive [lo, hi] as bigints; throws when empty. */
function int8Range(type: TypeRef, hints: GeneratorHints): { lo: bigint; hi: bigint } {
  let lo = INT8_MIN;
  let hi = INT8_MAX;
  if (hints.min !== undefined) {
    const b = bigBound(hints.min, hints.minExclusive ? 'floor' : 'ceil');
    if (b !== undefined) {
      const inclusive = hints.minExclusive ? b + 1n : b;
      if (inclusive > lo) lo = inclusive;
    }
  }
  if (hints.max !== undefined) {
    const b = bigBound(hints.max, hints.maxExclusive ? 'ceil' : 'floor');
    if (b !== undefined) {
      const inclusive = hints.maxExclusive ? b - 1n : b;
      if (inclusive < hi) hi = inclusive;
    }
  }
  if (lo > hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
  return { lo, hi };
}

/** plausibleBelow for sizes past 2^53: the uniform tier draws 64 bits. */
function plausibleBelowBig(rand: RowRandom, size: bigint): bigint {
  if (size <= BIG_SAFE) return BigInt(plausibleBelow(rand, Number(size)));
  const r = rand.next();
  if (r < 0.6 * 4294967296) return BigInt(rand.below(1001));
  if (r < 0.9 * 4294967296) return BigInt(rand.below(1000001));
  const bits = (BigInt(rand.next()) << 32n) | BigInt(rand.next());
  return bits % size;
}

function createInt8Generator(type: TypeRef, hints: GeneratorHints): ValueGenerator {
  let { lo, hi } = int8Range(type, hints);
  if (hints.min === undefined && lo < 0n && hi >= 0n) lo = 0n;
  if (hints.max === undefined && hi - lo > BigInt(DEFAULT_SPAN)) hi = lo + BigInt(DEFAULT_SPAN);
  const size = hi - lo + 1n;
  if (lo >= -BIG_SAFE && hi <= BIG_SAFE && size <= BIG_SAFE) {
    const from = Number(lo);
    const n = Number(size);
    return {
      random: (rand) => String(from + plausibleBelow(rand, n)),
      write: (rand, out) => writeInteger(out, from + plausibleBelow(rand, n)),
    };
  }
  return { random: (rand) => String(lo + plausibleBelowBig(rand, size)) };
}

function createInt8Unique(type: TypeRef, hints: GeneratorHints): UniqueValueGenerator {
  const { lo, hi } = int8Range(type, hints);
  let start = 1n > lo ? 1n : lo;
  if (start > hi) start = hi;
  const up = hi - start + 1n;
  const size = hi - lo + 1n;
  const space = size > 2n ** 52n ? Number.POSITIVE_INFINITY : Number(size);
  if (start >= -BIG_SAFE && start + 2n ** 52n <= BIG_SAFE && up >= 2n ** 52n) {
    // The usual key: k + start never leaves the safe range for any k < 2^52.
    const from = Number(start);
    return { space, value: (k) => String(from + k), write: (k, out) => writeInteger(out, from + k) };
  }
  return {
    space,
    value(k) {
      const b = BigInt(k);
      return String(b < up ? start + b : start - 1n - (b - up));
    },
  };
}

export function createIntegerGenerator(type: TypeRef, hints: GeneratorHints): ValueGenerator {
  if (type.name === 'int8') return createInt8Generator(type, hints);
  let { lo, hi } = integerRange(type, hints);
  // Without a lower bound, real quantities are non-negative; keep negatives only when forced.
  if (hints.min === undefined && lo < 0 && hi >= 0) lo = 0;
  if (hints.max === undefined) hi = Math.min(hi, lo + DEFAULT_SPAN);
  const size = hi - lo + 1;
  return {
    random: (rand) => String(lo + plausibleBelow(rand, size)),
    write: (rand, out) => writeInteger(out, lo + plausibleBelow(rand, size)),
  };
}

/** k → 1, 2, 3, … up to the upper bound, then 0, -1, … down to the lower bound. */
export function createIntegerUnique(type: TypeRef, hints: GeneratorHints): UniqueValueGenerator {
  if (type.name === 'int8') return createInt8Unique(type, hints);
  const { lo, hi } = integerRange(type, hints);
  const start = Math.min(Math.max(1, lo), hi);
  const up = hi - start + 1;
  const size = hi - lo + 1;
  return {
    space: size > 2 ** 52 ? Number.POSITIVE_INFINITY : size,
    value: (k) => String(k < up ? start + k : start - 1 - (k - up)),
    write: (k, out) => writeInteger(out, k < up ? start + k : start - 1 - (k - up)),
  };
}

export const integerSupport: TypeSupport = { random: createIntegerGenerator, unique: createIntegerUnique };
