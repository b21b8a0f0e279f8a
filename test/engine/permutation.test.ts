import { describe, expect, it } from 'vitest';
import { bitLength, createPermutation } from '../../src/values/permutation.js';
import { hashRow, RowRandom, streamKey } from '../../src/values/random.js';
import { mixReference } from '../helpers/reference-hash.js';

describe('keyed permutations (unique by construction)', () => {
  it('is a bijection of [0, n) for many sizes and keys', () => {
    for (const size of [0, 1, 2, 3, 7, 64, 65, 1000, 4097, 65_537]) {
      for (let key = 0; key < 5; key++) {
        const p = createPermutation(size, streamKey(key, 'test'));
        const seen = new Uint8Array(size);
        for (let i = 0; i < size; i++) {
          const v = p.apply(i);
          expect(v >= 0 && v < size).toBe(true);
          seen[v] = 1;
        }
        expect(seen.reduce((a, b) => a + b, 0)).toBe(size);
      }
    }
  });

  it('is a bijection where Math.log2 rounds down (2^50 + 1, 2^50 + 2)', () => {
    expect(bitLength(2 ** 50)).toBe(51);
    expect(bitLength(2 ** 50 - 1)).toBe(50);
    expect(bitLength(0)).toBe(0);
    for (const size of [2 ** 50 + 1, 2 ** 50 + 2]) {
      const p = createPermutation(size, 3);
      const indexes = [...new Set([0, 1, 2, 2 ** 50 - 1, 2 ** 50, size - 1])];
      const images = indexes.map((i) => p.apply(i));
      expect(new Set(images).size).toBe(indexes.length);
      for (const v of images) expect(v >= 0 && v < size).toBe(true);
    }
  });

  it('handles sizes near 2^52 without losing precision', () => {
    const size = 2 ** 52 - 3;
    const p = createPermutation(size, 99);
    const values = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const v = p.apply(size - 1 - i);
      expect(Number.isSafeInteger(v) && v < size).toBe(true);
      values.add(v);
    }
    expect(values.size).toBe(20_000);
  });

  it('inverts: invert(apply(i)) = i, on 32-bit and wider networks', () => {
    for (const size of [1, 2, 3, 65, 1000, 65_537]) {
      const p = createPermutation(size, streamKey(size, 'invert'));
      for (let i = 0; i < size; i += Math.ceil(size / 500)) expect(p.invert(p.apply(i))).toBe(i);
    }
    const wide = createPermutation(2 ** 40 + 7, 5);
    for (const i of [0, 1, 2 ** 33, 2 ** 40 + 6]) expect(wide.invert(wide.apply(i))).toBe(i);
  });

  it('differs by key, and scrambles the order', () => {
    const a = createPermutation(1000, 1);
    const b = createPermutation(1000, 2);
    const differing = Array.from({ length: 1000 }, (_, i) => a.apply(i) !== b.apply(i)).filter(
      Boolean,
    ).length;
    expect(differing).toBeGreaterThan(900);
    const fixed = Array.from({ length: 1000 }, (_, i) => a.apply(i) === i).filter(Boolean).length;
    expect(fixed).toBeLessThan(20);
  });
});

describe('counter-based random', () => {
  it('is a pure function of (key, row): same inputs, same draws; rows above 2^32 work', () => {
    const r = new RowRandom();
    const first = [r.at(7, 12345).next(), r.next(), r.next()];
    const again = [r.at(7, 12345).next(), r.next(), r.next()];
    expect(again).toEqual(first);
    expect(hashRow(7, 2 ** 40 + 5)).not.toBe(hashRow(7, 5));
    expect(hashRow(7, 1)).not.toBe(hashRow(8, 1));
  });

  it('below(n) is uniform enough and in range', () => {
    const r = new RowRandom();
    const buckets = new Array(10).fill(0);
    for (let row = 0; row < 100_000; row++) buckets[r.at(3, row).below(10)]++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(600);
    for (let row = 0; row < 1000; row++) {
      const v = r.at(4, row).below(2 ** 40);
      expect(v >= 0 && v < 2 ** 40 && Number.isInteger(v)).toBe(true);
    }
  });

  it('snapshot: the first words of a known stream never change (output stability across versions)', () => {
    const r = new RowRandom().at(streamKey(42, 'public.t.c'), 0);
    expect([r.next(), r.next()]).toMatchInlineSnapshot(`
      [
        892859804,
        3313875154,
      ]
    `);
  });

  it('rows past 2^32 whose 32-bit hashes collide still draw differently (rows 5 and 7,018,744,526)', () => {
    const r = new RowRandom();
    for (const key of [0, 7, streamKey(42, 'public.t.c')]) {
      // The 32-bit hash is the same for both rows whatever the key...
      expect(hashRow(key, 7_018_744_526)).toBe(hashRow(key, 5));
      // ...but the draws also read the row's high word.
      const low = [r.at(key, 5).next(), r.next(), r.next()];
      const high = [r.at(key, 7_018_744_526).next(), r.next(), r.next()];
      expect(high).not.toEqual(low);
    }
  });

  it('draws below 2^32 are those of the 32-bit stream (output bytes unchanged)', () => {
    const r = new RowRandom();
    for (const row of [0, 1, 12345, 2 ** 32 - 1]) {
      const base = hashRow(99, row);
      expect([r.at(99, row).next(), r.next()]).toEqual([
        mixReference(base ^ Math.imul(1, 0x9e3779b9)),
        mixReference(base ^ Math.imul(2, 0x9e3779b9)),
      ]);
    }
  });
});
