/**
 * Bit-level float helpers for bounds beyond exact decimal units: stepping to
 * the neighbouring float4/float8, and numbering floats in order (their bit
 * patterns, sign-folded, are ordered like the values).
 */
import type { GeneratorHints } from './generator.js';

const buffer = new ArrayBuffer(8);
const f64 = new Float64Array(buffer);
const i64 = new BigInt64Array(buffer);
const f32 = new Float32Array(buffer, 0, 1);
const i32 = new Int32Array(buffer, 0, 1);

/** The value's position in float order: -0 and +0 share 0, negatives below. */
function toOrder(v: number, single: boolean): bigint {
  if (single) {
    f32[0] = v;
    const bits = i32[0]!;
    return BigInt(bits >= 0 ? bits : -(bits & 0x7fffffff));
  }
  f64[0] = v;
  const bits = i64[0]!;
  return bits >= 0n ? bits : -(bits & 0x7fffffffffffffffn);
}

function fromOrder(order: bigint, single: boolean): number {
  if (single) {
    const n = Number(order);
    i32[0] = n >= 0 ? n : -n | 0x80000000;
    return f32[0]!;
  }
  i64[0] = order >= 0n ? order : -order | -0x8000000000000000n;
  return f64[0]!;
}

export const orderedFloat = { toOrder, fromOrder };

/** The next representable float4/float8 above (direction 1) or below (-1) v. */
export function nextFloat(v: number, direction: 1 | -1, single: boolean): number {
  return fromOrder(toOrder(v, single) + BigInt(direction), single);
}

export interface WideBounds {
  /** Inclusive, representable in the type. */
  readonly lo: number;
  readonly hi: number;
}

/**
 * Inclusive representable bounds from hints. A value must satisfy each bound
 * both against the constant and against the constant rounded to the type (a
 * CHECK may compare either way), so the rounded constant is stepped past
 * when it falls on the wrong side. Undefined when nothing fits.
 */
export function wideBounds(hints: GeneratorHints, single: boolean): WideBounds | undefined {
  const round = single ? Math.fround : (x: number) => x;
  const maxFinite = single ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const min = hints.min === undefined ? undefined : Number(hints.min);
  const max = hints.max === undefined ? undefined : Number(hints.max);
  if ((min !== undefined && Number.isNaN(min)) || (max !== undefined && Number.isNaN(max))) return undefined;
  // Without a lower bound, values are non-negative when the upper bound allows (like the other numeric types).
  let lo = min ?? (max !== undefined && max < 0 ? Math.max(max * 10, -maxFinite) : 0);
  let hi = max ?? Math.min(Math.max(lo * 10, lo + 1e6), maxFinite);
  let l = round(lo);
  while (l < lo || (min !== undefined && hints.minExclusive && (l <= lo || l <= round(min))))
    l = nextFloat(l, 1, single);
  let h = round(hi);
  while (h > hi || (max !== undefined && hints.maxExclusive && (h >= hi || h >= round(max))))
    h = nextFloat(h, -1, single);
  lo = l;
  hi = h;
  return lo <= hi ? { lo, hi } : undefined;
}
