/**
 * Version 23: division and round() in exact arithmetic (exact-decimals.ts),
 * as PostgreSQL computes them. Integer `/` truncates toward zero in the wider
 * operand's type; numeric `/` is rounded (half away from zero) at the scale
 * numeric.c's select_div_scale picks: 16 significant digits less the
 * quotient's estimated weight in base-10000 digits, at least either
 * operand's display scale. `round(x, s)` rounds half away from zero to s
 * digits (to tens, hundreds for a negative s) and displays s of them.
 */
import { SqlRuntimeError } from './evaluation.js';
import { type IntegerType, inIntegerRange } from './integer-types.js';

/** A decimal: units × 10^-scale (exact-decimals.ts' Decimal). */
interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const NUMERIC_MIN_SIG_DIGITS = 16;
const DEC_DIGITS = 4;
const NUMERIC_MAX_DISPLAY_SCALE = 1000;

const abs = (n: bigint) => (n < 0n ? -n : n);

/** Half away from zero: n / d rounded (d > 0). */
function roundedQuotient(n: bigint, d: bigint): bigint {
  const q = (abs(n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** The base-10000 weight and first digit of a non-zero decimal, as a NumericVar holds it. */
function firstDigit(d: Decimal): { weight: number; digit: bigint } {
  if (d.units === 0n) return { weight: 0, digit: 0n };
  // Decimal exponent of the leading digit: digits - 1 - scale.
  const e = abs(d.units).toString().length - 1 - d.scale;
  const weight = Math.floor(e / DEC_DIGITS);
  // The group's value: floor(|v| / 10000^weight), below 10000.
  const shift = d.scale + weight * DEC_DIGITS;
  const digit = shift >= 0 ? abs(d.units) / 10n ** BigInt(shift) : abs(d.units) * 10n ** BigInt(-shift);
  return { weight, digit };
}

/** The result scale of numeric division (numeric.c select_div_scale). */
export function divisionScale(a: Decimal, b: Decimal): number {
  const x = firstDigit(a);
  const y = firstDigit(b);
  let qweight = x.weight - y.weight;
  if (x.digit <= y.digit) qweight--;
  const rscale = Math.max(NUMERIC_MIN_SIG_DIGITS - qweight * DEC_DIGITS, a.scale, b.scale, 0);
  return Math.min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
}

/** a / b of numeric values, rounded at select_div_scale's scale. */
export function numericQuotient(a: Decimal, b: Decimal): Decimal {
  if (b.units === 0n) throw new SqlRuntimeError('division by zero');
  const scale = divisionScale(a, b);
  // a / b at `scale` digits: a.units × 10^(scale + b.scale − a.scale) / b.units.
  const exponent = scale + b.scale - a.scale;
  let n = a.units;
  let d = b.units;
  if (exponent >= 0) n *= 10n ** BigInt(exponent);
  else d *= 10n ** BigInt(-exponent);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return { units: roundedQuotient(n, d), scale };
}

/** a / b of integers of `type`: truncated toward zero, its range checked. */
export function integerQuotient(a: bigint, b: bigint, type: IntegerType): bigint {
  if (b === 0n) throw new SqlRuntimeError('division by zero');
  const q = a / b; // BigInt division truncates toward zero, as int4div does
  inIntegerRange(q, type);
  return q;
}

/** round(v, s): half away from zero at s digits, displayed with max(s, 0). */
export function roundedDecimal(v: Decimal, s: number): Decimal {
  if (s >= v.scale) return { units: v.units * 10n ** BigInt(s - v.scale), scale: Math.max(s, 0) };
  const units = roundedQuotient(v.units, 10n ** BigInt(v.scale - s));
  return s >= 0 ? { units, scale: s } : { units: units * 10n ** BigInt(-s), scale: 0 };
}
