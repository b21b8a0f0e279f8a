/**
 * Keyed bijections of [0, n) (design.md, principle 3: unique by construction).
 *
 * A balanced Feistel network over the smallest even bit width that covers n,
 * with cycle-walking back into [0, n): every index maps to a distinct index,
 * with no table and no retry set. n may be up to 2^52.
 */
import { mix32, mix32Bits } from './random.js';

const ROUNDS = 4;

export interface Permutation {
  readonly size: number;
  /** The image of index i (0 <= i < size); distinct for distinct i. */
  apply(i: number): number;
  /** The index whose image is j (0 <= j < size): `invert(apply(i)) === i`. */
  invert(j: number): number;
}

/** Bits needed to write n (n >= 0, n <= 2^53): exact, unlike Math.ceil(Math.log2(n + 1)) near 2^50. */
export function bitLength(n: number): number {
  let bits = 0;
  while (bits < 54 && 2 ** bits <= n) bits++;
  return bits;
}

export function createPermutation(size: number, key: number): Permutation {
  if (!Number.isSafeInteger(size) || size < 0 || size > 2 ** 52) {
    throw new RangeError(`permutation size ${size} is out of range [0, 2^52]`);
  }
  if (size <= 1) return { size, apply: (i) => i, invert: (j) => j };
  let bits = bitLength(size - 1);
  if (bits % 2 === 1) bits++;
  const half = bits / 2;
  const halfSize = 2 ** half;
  const mask = halfSize - 1;
  const keys = Array.from({ length: ROUNDS }, (_, r) => mix32(key ^ Math.imul(r + 1, 0x27d4eb2f)));

  const [k0, k1, k2, k3] = keys as [number, number, number, number];
  // Up to 32 bits (most key spaces): the same network on 32-bit integers, halves by shifts and masks. The
  // result's 32 bits signed (`| 0` of the unsigned value): a small integer, never a boxed number, between
  // the walk's rounds; `x >>> half` and `x & mask` read the same bits from either form.
  const round32 = (x: number): number => {
    let left = x >>> half;
    let right = x & mask;
    let next = (left ^ mix32Bits(k0 ^ right)) & mask;
    left = right;
    right = next;
    next = (left ^ mix32Bits(k1 ^ right)) & mask;
    left = right;
    right = next;
    next = (left ^ mix32Bits(k2 ^ right)) & mask;
    left = right;
    right = next;
    next = (left ^ mix32Bits(k3 ^ right)) & mask;
    return (right << half) | next;
  };
  // One pass of the network; each half is < 2^26, so products stay exact.
  const round = (x: number): number => {
    let left = Math.floor(x / halfSize);
    let right = x - left * halfSize;
    for (let r = 0; r < ROUNDS; r++) {
      const f = mix32((keys[r] as number) ^ right) & mask;
      const next = (left ^ f) & mask;
      left = right;
      right = next;
    }
    return left * halfSize + right;
  };

  // The network backwards: each round's (left, right) from the next's (right, left ^ f(right)).
  const unround = (x: number, f: (k: number, half: number) => number): number => {
    let left = Math.floor(x / halfSize);
    let right = x - left * halfSize;
    for (let r = ROUNDS - 1; r >= 0; r--) {
      const before = (right ^ f(keys[r] as number, left)) & mask;
      right = left;
      left = before;
    }
    return left * halfSize + right;
  };
  // Cycle-walking backwards passes the same values outside [0, size) as the walk forwards.
  const walkBack = (j: number, f: (k: number, half: number) => number): number => {
    let x = unround(j, f);
    while (x >= size) x = unround(x, f);
    return x;
  };

  if (bits <= 32 && ROUNDS === 4) {
    const f32 = (k: number, h: number) => mix32Bits(k ^ h);
    return {
      size,
      apply(i: number): number {
        let x = round32(i);
        while (x >>> 0 >= size) x = round32(x);
        return x >>> 0;
      },
      invert: (j) => walkBack(j, f32),
    };
  }
  const f = (k: number, h: number) => mix32(k ^ h);
  return {
    size,
    apply(i: number): number {
      let x = round(i);
      while (x >= size) x = round(x);
      return x;
    },
    invert: (j) => walkBack(j, f),
  };
}
