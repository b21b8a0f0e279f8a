/**
 * Allocation-light number formatting shared by the type generators: lookup
 * tables for fixed-width pieces and integer-based decimal printing, so no
 * value ever goes through float formatting it could not round-trip.
 */
import {
  type ByteOut,
  PAD2,
  padDigits,
  writeAsciiText,
  writeInteger,
  writePadded,
} from '../../checks/digits.js';
import type { RowRandom } from '../random.js';

/** `HEX2[b]` is byte b as two lower-case hex digits. */
export const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight hex digits of a uint32. */
export function hex8(x: number): string {
  return HEX2[x >>> 24]! + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!;
}

/**
 * An integer count of 10^-scale units as a decimal: `formatScaled(-1250, 2)`
 * is `-12.50`; with `trim`, `-12.5` (and `3` rather than `3.00`).
 */
export function formatScaled(units: number, scale: number, trim = false): string {
  if (scale <= 0) return String(units);
  const negative = units < 0;
  const abs = negative ? -units : units;
  let whole: number | string;
  let frac: string;
  if (scale <= 15) {
    const div = POW10[scale]!;
    whole = Math.floor(abs / div);
    frac = padDigits(abs - whole * div, scale);
  } else {
    const digits = String(abs).padStart(scale + 1, '0');
    whole = digits.slice(0, digits.length - scale);
    frac = digits.slice(digits.length - scale);
  }
  if (trim) {
    let end = frac.length;
    while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
  }
  const body = frac.length === 0 ? String(whole) : `${whole}.${frac}`;
  return negative ? `-${body}` : body;
}

/** 10^i for i in 0..22, exact as doubles up to 10^22. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** `count` uniformly random decimal digits. */
export function randomDigits(rand: RowRandom, count: number): string {
  // The common short cases without building a string (the same one draw as below).
  if (count === 2) return PAD2[rand.below(100)] as string;
  if (count > 0 && count < 9) return padDigits(rand.below(POW10[count] as number), count);
  let out = '';
  while (count >= 9) {
    out += padDigits(rand.below(1e9), 9);
    count -= 9;
  }
  if (count > 0) out += padDigits(rand.below(POW10[count]!), count);
  return out;
}

/** `randomDigits(rand, count)`'s bytes (the same draws), written at `out.pos`. */
export function writeRandomDigits(out: ByteOut, rand: RowRandom, count: number): void {
  if (count > 0 && count < 9) writePadded(out, rand.below(POW10[count] as number), count);
  else writeAsciiText(out, randomDigits(rand, count));
}

/** `formatScaled(units, scale)`'s bytes (no trimming), written at `out.pos`. */
export function writeScaled(out: ByteOut, units: number, scale: number): void {
  if (scale <= 0 || scale > 9) {
    writeAsciiText(out, formatScaled(units, scale));
    return;
  }
  const abs = units < 0 ? -units : units;
  if ((abs | 0) === abs) {
    // An integer below 2^31 (money, most amounts): its digits from the last, the point after `scale`
    // of them, in one pass (the same bytes as the whole part's digits, `.`, the padded fraction).
    let digits = scale + 1;
    while (digits < 10 && abs >= (POW10[digits] as number)) digits++;
    const sign = units < 0 ? 1 : 0;
    const length = sign + digits + 1;
    out.ensure(length);
    const buf = out.buf;
    const start = out.pos;
    if (sign === 1) buf[start] = 45; // -
    let p = start + length;
    let x = abs;
    for (let i = 0; i < digits; i++) {
      if (i === scale) buf[--p] = 46; // .
      const q = (x / 10) | 0;
      buf[--p] = 48 + x - q * 10;
      x = q;
    }
    out.pos = start + length;
    return;
  }
  const div = POW10[scale] as number;
  const whole = Math.floor(abs / div);
  if (units < 0) {
    out.ensure(1);
    out.buf[out.pos++] = 45; // -
  }
  writeInteger(out, whole);
  out.ensure(1);
  out.buf[out.pos++] = 46; // .
  writePadded(out, abs - whole * div, scale);
}

/**
 * A plausible offset in [0, size): uniform when size is small, otherwise
 * skewed to small magnitudes (most real quantities, ids and amounts are
 * small) while still reaching the whole range sometimes. `unit` is the size
 * of one whole number (10^scale for decimals), so fractions stay uniform.
 */
export function plausibleBelow(rand: RowRandom, size: number, unit = 1): number {
  const small = 1001 * unit;
  if (size <= small) return rand.below(size);
  const r = rand.next();
  if (r < 0.6 * 4294967296) return rand.below(small);
  const medium = 1000001 * unit;
  if (r < 0.9 * 4294967296 && size > medium) return rand.below(medium);
  return rand.below(size);
}

/**
 * A bound (number or decimal text) in whole 10^-scale units, rounded up
 * (`ceil`) or down; undefined when it is not a finite number. Decimal text is
 * read digit by digit so `0.1` at scale 2 is exactly 10, not 10.000000000000002.
 */
export function scaledBound(
  value: number | string,
  scale: number,
  round: 'ceil' | 'floor',
): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) {
    const n = Number(text);
    if (!Number.isFinite(n)) return undefined;
    const scaled = n * 10 ** scale;
    return round === 'ceil' ? Math.ceil(scaled) : Math.floor(scaled);
  }
  const negative = match[1] === '-';
  const whole = match[2] ?? '';
  const frac = match[3] ?? '';
  if (whole === '' && frac === '') return undefined;
  const kept = frac.slice(0, Math.max(scale, 0)).padEnd(Math.max(scale, 0), '0');
  const dropped = frac.slice(Math.max(scale, 0));
  let units = Number((whole || '0') + kept);
  if (scale < 0) units = Math.floor(units / 10 ** -scale);
  const inexact = /[1-9]/.test(dropped) || (scale < 0 && Number(whole || '0') % 10 ** -scale !== 0);
  if (!inexact) return negative ? -units : units;
  // Magnitude was truncated: moving away from zero is ceil for positives, floor for negatives.
  if (negative) return round === 'floor' ? -(units + 1) : -units;
  return round === 'ceil' ? units + 1 : units;
}

/**
 * Inclusive [lo, hi] in units from hints and the type's own limits; lo > hi
 * means nothing satisfies them.
 */
export function unitRange(
  hints: {
    readonly min?: number | string;
    readonly max?: number | string;
    readonly minExclusive?: boolean;
    readonly maxExclusive?: boolean;
  },
  scale: number,
  typeLo: number,
  typeHi: number,
): { lo: number; hi: number } {
  let lo = typeLo;
  let hi = typeHi;
  if (hints.min !== undefined) {
    const b = hints.minExclusive
      ? (scaledBound(hints.min, scale, 'floor') ?? Number.NEGATIVE_INFINITY) + 1
      : (scaledBound(hints.min, scale, 'ceil') ?? Number.NEGATIVE_INFINITY);
    if (b > lo) lo = b;
  }
  if (hints.max !== undefined) {
    const b = hints.maxExclusive
      ? (scaledBound(hints.max, scale, 'ceil') ?? Number.POSITIVE_INFINITY) - 1
      : (scaledBound(hints.max, scale, 'floor') ?? Number.POSITIVE_INFINITY);
    if (b < hi) hi = b;
  }
  return { lo, hi };
}
