/**
 * Integer values made to a modulo CHECK by construction: `c % 3 = 0`,
 * `c % 10 = 5` (a residue: the values are an arithmetic progression inside the
 * column's bounds) and `a % b = 0` (a multiple of another column's value).
 * PostgreSQL's `%` keeps the dividend's sign, so `c % 10 = 5` also means
 * `c > 0`; the CHECK compiler puts that sign bound in the hints' min/max, and
 * the values here are then the x ≡ remainder (mod modulus) inside the bounds.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeRef } from '../schema/model.js';
import type { UniqueValueGenerator } from './types/index.js';

const LIMITS: Record<string, readonly [bigint, bigint]> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** Unique values keep to numbers JavaScript holds exactly. */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const INTEGER = /^-?\d+$/;

function mod(a: bigint, m: bigint): bigint {
  return ((a % m) + m) % m;
}

function ceilOf(v: number | string | undefined, exclusive: boolean | undefined): bigint | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  return exclusive ? BigInt(Math.floor(v)) + 1n : BigInt(Math.ceil(v));
}

function floorOf(v: number | string | undefined, exclusive: boolean | undefined): bigint | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  return exclusive ? BigInt(Math.ceil(v)) - 1n : BigInt(Math.floor(v));
}

/** An integer type's range narrowed by the column's numeric CHECK bounds; undefined for other types. */
export function integerBounds(type: TypeRef, hints: ColumnHints): { lo: bigint; hi: bigint } | undefined {
  const limits = type.arrayDims === 0 ? LIMITS[type.name] : undefined;
  if (!limits) return undefined;
  const min = ceilOf(hints.min, hints.minExclusive);
  const max = floorOf(hints.max, hints.maxExclusive);
  const lo = min !== undefined && min > limits[0] ? min : limits[0];
  const hi = max !== undefined && max < limits[1] ? max : limits[1];
  return { lo, hi };
}

/** The smallest x >= lo with x ≡ remainder (mod modulus). */
function firstFrom(lo: bigint, modulus: bigint, remainder: bigint): bigint {
  return lo + mod(remainder - lo, modulus);
}

/**
 * The unique values of an integer column with a residue CHECK: the progression
 * first, first + m, … inside its bounds (from 1 when no lower bound is set and
 * the upper one allows, as bounded integers count), counted exactly.
 * Undefined when the column has no residue or is not an integer.
 */
export function residueProgression(type: TypeRef, hints: ColumnHints): UniqueValueGenerator | undefined {
  const residue = hints.residue;
  const bounds = residue ? integerBounds(type, hints) : undefined;
  if (!residue || !bounds) return undefined;
  const m = BigInt(residue.modulus);
  const unbounded = hints.min === undefined;
  let lo = bounds.lo < -SAFE ? -SAFE : bounds.lo;
  const hi = bounds.hi > SAFE ? SAFE : bounds.hi;
  if (unbounded && hi >= 1n) lo = 1n;
  const first = firstFrom(lo, m, BigInt(residue.remainder));
  const space = first > hi ? 0 : Number((hi - first) / m) + 1;
  const start = Number(first);
  return { space, value: (k) => String(start + k * residue.modulus) };
}

/**
 * A generated value moved onto the residue's progression: the nearest one at
 * or below it, else the next above, inside the bounds. The value unchanged
 * when it is not an integer or no value of the progression fits (the row
 * engine's evaluation then decides).
 */
export function onProgression(
  type: TypeRef,
  hints: ColumnHints,
): ((value: string | null) => string | null) | undefined {
  const residue = hints.residue;
  const bounds = residue ? integerBounds(type, hints) : undefined;
  if (!residue || !bounds) return undefined;
  const m = BigInt(residue.modulus);
  const r = BigInt(residue.remainder);
  const { lo, hi } = bounds;
  const first = firstFrom(lo, m, r);
  return (value) => {
    if (value === null || !INTEGER.test(value)) return value;
    const x = BigInt(value);
    let y = x - mod(x - r, m);
    if (y < lo) y += m;
    if (y > hi) y = first;
    return y >= lo && y <= hi ? String(y) : value;
  };
}

/**
 * A value near `value` that is a multiple of `divisor` inside the column's
 * bounds (and on its own residue's progression when it has one, by trying the
 * multiples next to it); undefined when the divisor is 0, not an integer, or
 * no multiple fits.
 */
export function multipleNear(
  value: string,
  divisor: string,
  type: TypeRef,
  hints: ColumnHints,
): string | undefined {
  const bounds = integerBounds(type, hints);
  if (!bounds || !INTEGER.test(value) || !INTEGER.test(divisor)) return undefined;
  const d = BigInt(divisor) < 0n ? -BigInt(divisor) : BigInt(divisor);
  if (d === 0n) return undefined;
  const { lo, hi } = bounds;
  const fits = (y: bigint) =>
    y >= lo &&
    y <= hi &&
    (!hints.residue || mod(y - BigInt(hints.residue.remainder), BigInt(hints.residue.modulus)) === 0n);
  const x = BigInt(value);
  const down = x - mod(x, d);
  for (const y of [down, down + d, down - d, down + 2n * d]) if (fits(y)) return String(y);
  // The value was far from the bounds: the first multiple inside them.
  const first = firstFrom(lo, d, 0n);
  return first <= hi && fits(first) ? String(first) : undefined;
}
