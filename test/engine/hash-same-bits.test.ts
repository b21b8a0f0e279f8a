/**
 * The hashing's cheaper forms (signed 32-bit bits where only bit operations
 * follow, so nothing is boxed per draw) give the same numbers as the plain
 * formulas they replace: every value datagen writes is drawn from these, so
 * output stays byte for byte what it was. The reference formulas are written
 * out here as they stood before (unsigned at every step).
 */
import { describe, expect, it } from 'vitest';
import { createPermutation } from '../../src/values/permutation.js';
import { hashRow, mix32, mix32Bits, RowRandom } from '../../src/values/random.js';
import { mixReference } from '../helpers/reference-hash.js';

const GOLDEN = 0x9e3779b9;
const TWO_32 = 4294967296;

/** RowRandom as it was written before: unsigned words everywhere. */
class ReferenceRandom {
  private base = 0;
  private high = 0;
  private counter = 0;
  at(key: number, row: number): this {
    const high = Math.floor(row / TWO_32) >>> 0;
    this.base = mixReference(key ^ mixReference((row >>> 0) ^ Math.imul(high + 1, GOLDEN)));
    this.high = row >= 0 && row < TWO_32 ? 0 : high;
    this.counter = 0;
    return this;
  }
  next(): number {
    this.counter = (this.counter + 1) | 0;
    const word = mixReference(this.base ^ Math.imul(this.counter, GOLDEN));
    return this.high === 0 ? word : mixReference(word ^ mixReference(this.high ^ 0x5bd1e995));
  }
  float(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
  }
  below(n: number): number {
    if (n <= TWO_32) return Math.floor((this.next() / TWO_32) * n);
    return Math.floor(this.float() * n);
  }
  chance(p: number): boolean {
    return this.next() < p * TWO_32;
  }
}

/** Rows below 2^32, at its edge and past it. */
const ROWS = [
  0,
  1,
  2,
  999,
  65_535,
  1_000_003,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  7_018_744_526,
  2 ** 52 + 3,
];
const KEYS = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x5bd1e995];

describe('hashing: cheaper forms, same bits', () => {
  it('mix32Bits is mix32 as a signed integer, over 200,000 inputs spread over 32 bits', () => {
    const differing: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = Math.imul(i, 0x9e3779b1) >>> 0;
      if (mix32Bits(x) !== (mix32(x) | 0) || mix32(x) !== mixReference(x)) differing.push(x);
    }
    expect(differing).toEqual([]);
  });

  it('RowRandom draws (next, below, chance, float; rows below and past 2^32) are the reference formulas', () => {
    const r = new RowRandom();
    const ref = new ReferenceRandom();
    for (const key of KEYS) {
      for (const row of ROWS) {
        r.at(key, row);
        ref.at(key, row);
        const ours = [
          r.next(),
          r.below(10),
          r.below(1000),
          r.below(2 ** 40),
          r.chance(0.3),
          r.float(),
          r.next(),
        ];
        const theirs = [
          ref.next(),
          ref.below(10),
          ref.below(1000),
          ref.below(2 ** 40),
          ref.chance(0.3),
          ref.float(),
          ref.next(),
        ];
        expect(ours).toEqual(theirs);
        expect(hashRow(key, row)).toBe(
          mixReference(key ^ mixReference((row >>> 0) ^ Math.imul(Math.floor(row / TWO_32) + 1, GOLDEN))),
        );
      }
    }
  });

  it('the 32-bit Feistel permutation maps as the unsigned network did (sizes of 2 to 32 bits)', () => {
    for (const size of [3, 1000, 65_536, 1_000_000, 2 ** 31 + 11, 2 ** 32 - 5]) {
      const key = 0xdeadbeef;
      let bits = 0;
      while (2 ** bits <= size - 1) bits++;
      if (bits % 2 === 1) bits++;
      const half = bits / 2;
      const mask = 2 ** half - 1;
      const keys = [0, 1, 2, 3].map((r) => mixReference(key ^ Math.imul(r + 1, 0x27d4eb2f)));
      const round = (x: number): number => {
        let left = x >>> half;
        let right = x & mask;
        for (const k of keys) {
          const next = (left ^ mixReference(k ^ right)) & mask;
          left = right;
          right = next;
        }
        return ((left << half) | right) >>> 0;
      };
      const reference = (i: number): number => {
        let x = round(i);
        while (x >= size) x = round(x);
        return x;
      };
      const p = createPermutation(size, key);
      for (let i = 0; i < Math.min(size, 5000); i++) {
        const at = Math.floor((i * size) / 5000);
        expect(p.apply(at)).toBe(reference(at));
      }
    }
  });
});
