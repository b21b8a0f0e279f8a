/**
 * int2, int4, int8 and oid. Random values are plausible magnitudes (mostly
 * 0..1000, sometimes up to a million, rarely anywhere in the type); unique
 * values count up from 1 like a serial key, then wrap to 0 and below.
 */
import type { TypeRef } from '../../schema/model.js';
import { plausibleBelow, unitRange } from './format.js';
import {
  type GeneratorHints,
  type TypeSupport,
  type UniqueValueGenerator,
  unsatisfiableError,
  type ValueGenerator,
} from './generator.js';

const SAFE = Number.MAX_SAFE_INTEGER;

const LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  // int8 beyond 2^53 is valid but not exactly representable as a double; stay in the safe range.
  int8: [-SAFE, SAFE],
  oid: [0, 4294967295],
};

export function integerLimits(name: string): readonly [number, number] {
  return LIMITS[name] ?? [-SAFE, SAFE];
}

/** Inclusive [lo, hi] for a type and its hints; throws when empty. */
export function integerRange(type: TypeRef, hints: GeneratorHints): { lo: number; hi: number } {
  const [typeLo, typeHi] = integerLimits(type.name);
  const range = unitRange(hints, 0, typeLo, typeHi);
  if (range.lo > range.hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
  return range;
}

export function createIntegerGenerator(type: TypeRef, hints: GeneratorHints): ValueGenerator {
  let { lo, hi } = integerRange(type, hints);
  // Without a lower bound, real quantities are non-negative; keep negatives only when forced.
  if (hints.min === undefined && lo < 0 && hi >= 0) lo = 0;
  const size = hi - lo + 1;
  return {
    random: (rand) => String(lo + plausibleBelow(rand, size)),
  };
}

/** k → 1, 2, 3, … up to the upper bound, then 0, -1, … down to the lower bound. */
export function createIntegerUnique(type: TypeRef, hints: GeneratorHints): UniqueValueGenerator {
  const { lo, hi } = integerRange(type, hints);
  const start = Math.min(Math.max(1, lo), hi);
  const up = hi - start + 1;
  const size = hi - lo + 1;
  return {
    space: size > 2 ** 52 ? Number.POSITIVE_INFINITY : size,
    value: (k) => String(k < up ? start + k : start - 1 - (k - up)),
  };
}

export const integerSupport: TypeSupport = { random: createIntegerGenerator, unique: createIntegerUnique };
