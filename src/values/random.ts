/**
 * Counter-based randomness (design.md, principle 1). Every value is a pure
 * function of (seed, table, column, row): no RNG state is threaded through a
 * run, so any row range can be produced alone, in any worker, in any order,
 * and the bytes come out the same.
 *
 * All arithmetic is 32-bit (Math.imul), which V8 keeps in registers.
 */

/** murmur3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * `mix32(x) | 0`: the same 32 bits as a signed integer, for hashes that only
 * meet bit operations (XOR, masks) next. A small integer, never a boxed
 * number where V8 does not inline the call or keeps the value in a field,
 * so such hashing allocates nothing.
 */
export function mix32Bits(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

const GOLDEN = 0x9e3779b9;
const TWO_32 = 4294967296;

/** FNV-1a over the UTF-16 code units of a string, finalised: a stable 32-bit name hash. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** The 32-bit key of a stream, e.g. `streamKey(seed, 'public.film.title')`. */
export function streamKey(seed: number, ...parts: readonly (string | number)[]): number {
  let h = mix32((seed >>> 0) ^ 0x5bd1e995);
  for (const part of parts) {
    h = typeof part === 'number' ? mix32(h ^ mix32((part >>> 0) + GOLDEN)) : hashString(part, h);
  }
  return h;
}

/**
 * The 32-bit hash of (key, row) for row indexes up to 2^53. For a fixed key
 * it is injective over rows below 2^32 (a composition of bijections of the
 * row's low word); past 2^32 a 32-bit value cannot be, so `RowRandom` also
 * keeps the row's high word (see `highWord`) and its draws are injective in
 * the row over [0, 2^53).
 */
export function hashRow(key: number, row: number): number {
  return mix32(key ^ rowMix(row));
}

/** The row last mixed, and its mix (as signed bits): every column of a row shares it (one key-independent hash per row). */
let mixedRow = Number.NaN;
let mixedValue = 0;

/** The key-independent half of `hashRow`: a bijection of the row's low word, offset by its high word. */
function rowMix(row: number): number {
  if (row !== mixedRow) {
    mixedValue = mix32Bits((row >>> 0) ^ Math.imul(highWord(row) + 1, GOLDEN));
    mixedRow = row;
  }
  return mixedValue;
}

/** The row's bits above 2^32 (0 for every row below 2^32). */
export function highWord(row: number): number {
  return Math.floor(row / TWO_32) >>> 0;
}

/**
 * `new RowRandom().at(key, row).chance(p)` as a function of the row, for a
 * draw that is a value's only one (a column's NULL or not): the same bits,
 * without a RowRandom's fields written and read back per row, `p * 2^32`
 * computed once. Rows past 2^32 (and negative ones) take RowRandom's path.
 */
export function firstChance(key: number, p: number): (row: number) => boolean {
  const limit = p * TWO_32;
  const far = new RowRandom();
  return (row) =>
    row >= 0 && row < TWO_32
      ? mix32Bits(mix32Bits(key ^ rowMix(row)) ^ GOLDEN) >>> 0 < limit
      : far.at(key, row).chance(p);
}

/**
 * The random draws of one value: `at(key, row)` positions it, then `next()`
 * yields successive 32-bit words (a counter within the value, hashed). One
 * instance is reused for every value of a column, so generating allocates
 * nothing.
 */
export class RowRandom {
  /** `hashRow(key, row)`'s bits, signed (only XORed). */
  private base = 0;
  /** The row's high word: (base, high) is injective in the row; 0 below 2^32, where draws are as before. */
  private high = 0;
  private counter = 0;

  at(key: number, row: number): this {
    this.base = mix32Bits(key ^ rowMix(row));
    this.high = row >= 0 && row < TWO_32 ? 0 : highWord(row);
    this.counter = 0;
    return this;
  }

  /** A uniform uint32. */
  next(): number {
    return this.bits() >>> 0;
  }

  /**
   * `next()`'s 32 bits as a signed integer (`next() | 0`): what the draws
   * below read, converted where they use it, so a call V8 does not inline
   * returns a small integer, not a boxed number.
   */
  private bits(): number {
    this.counter = (this.counter + 1) | 0;
    const word = mix32Bits(this.base ^ Math.imul(this.counter, GOLDEN));
    return this.high === 0 ? word : mix32Bits(word ^ mix32Bits(this.high ^ 0x5bd1e995));
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number {
    return ((this.bits() >>> 5) * 67108864 + (this.bits() >>> 6)) / 9007199254740992;
  }

  /** A uniform integer in [0, n) for 0 < n <= 2^53. */
  below(n: number): number {
    if (n <= TWO_32) return Math.floor(((this.bits() >>> 0) / TWO_32) * n);
    return Math.floor(this.float() * n);
  }

  /** A uniform integer in [min, max] (inclusive), safe integers. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.bits() >>> 0 < p * TWO_32;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}
