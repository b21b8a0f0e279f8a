/**
 * Value pairs of two bounded integer columns under a comparison: pair k of
 * [0, space) is a bijection onto exactly the pairs that meet it, checked
 * against a plain enumeration of every pair for ranges that overlap, nest,
 * touch and are apart.
 */
import { describe, expect, test } from 'vitest';
import { type ValuePairOp, valuePairAt, valuePairSpace } from '../../src/plan/value-pairs.js';

const RANGES: [number, number][] = [
  [1, 10],
  [3, 7],
  [-2, 4],
  [8, 12],
  [5, 5],
  [20, 25],
];
const HOLDS: Record<ValuePairOp, (x: number, y: number) => boolean> = {
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '<>': (x, y) => x !== y,
};

describe('valuePairAt enumerates exactly the pairs that meet the comparison', () => {
  for (const op of ['<', '<=', '<>'] as const) {
    test(`left ${op} right over ranges that overlap, nest, touch and are apart`, () => {
      for (const [lmin, lmax] of RANGES) {
        for (const [rmin, rmax] of RANGES) {
          const p = { op, left: { min: lmin, max: lmax }, right: { min: rmin, max: rmax } };
          const expected: string[] = [];
          for (let x = lmin; x <= lmax; x++)
            for (let y = rmin; y <= rmax; y++) if (HOLDS[op](x, y)) expected.push(`${x},${y}`);
          const space = valuePairSpace(p);
          expect(space, `${lmin}..${lmax} ${op} ${rmin}..${rmax}`).toBe(expected.length);
          const got = Array.from({ length: space }, (_, k) => {
            const [i, j] = valuePairAt(k, p);
            return `${lmin + i},${rmin + j}`;
          });
          expect(got).toEqual(expected);
        }
      }
    });
  }

  test('1..10 against 1..10: 45 pairs for <, 55 for <=, 90 for <>', () => {
    const range = { min: 1, max: 10 };
    expect(valuePairSpace({ op: '<', left: range, right: range })).toBe(45);
    expect(valuePairSpace({ op: '<=', left: range, right: range })).toBe(55);
    expect(valuePairSpace({ op: '<>', left: range, right: range })).toBe(90);
  });

  test('wide int4 ranges are counted exactly without enumerating them', () => {
    const p = { op: '<' as const, left: { min: 1, max: 2 ** 25 }, right: { min: 1, max: 2 ** 25 } };
    const n = 2 ** 25;
    expect(valuePairSpace(p)).toBe((n * (n - 1)) / 2);
    const [i, j] = valuePairAt(valuePairSpace(p) - 1, p);
    expect([i + 1, j + 1]).toEqual([n - 1, n]);
  });
});
