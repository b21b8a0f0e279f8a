/**
 * Statistical quality of the counter-based hash every value draws from
 * (src/values/random.ts): chi-square uniformity of hashRow and of the draws
 * RowRandom makes (rows below and above 2^32), and strict avalanche (each
 * input bit of the row or key flips each output bit half the time). Inputs
 * are fixed, so each check passes or fails for good; the bounds sit about
 * five standard deviations out, so they hold any sound hash and catch a
 * cheaper one that is not (the guard for making hashing cheaper).
 */
import { describe, expect, it } from 'vitest';
import { hashRow, RowRandom } from '../../src/values/random.js';
import { chiSquare, critical } from '../helpers/chi-square.js';

/** Buckets of `bits` bits of each value, taken at `shift`. */
function histogram(values: Iterable<number>, bits: number, shift: number): number[] {
  const counts = new Array<number>(2 ** bits).fill(0);
  const mask = 2 ** bits - 1;
  for (const v of values) counts[(v >>> shift) & mask]! += 1;
  return counts;
}

function* hashes(key: number, from: number, count: number, step = 1): Generator<number> {
  for (let i = 0; i < count; i++) yield hashRow(key, from + i * step);
}

/** Largest distance from 1/2 of P(output bit j flips | input bit i flipped), over all i, j. */
function worstAvalanche(
  inputBits: number,
  flip: (x: number, bit: number) => number,
  hash: (x: number) => number,
) {
  const samples = 4096;
  let worst = 0;
  const random = new RowRandom();
  for (let bit = 0; bit < inputBits; bit++) {
    const flips = new Array<number>(32).fill(0);
    for (let s = 0; s < samples; s++) {
      const x = random.at(0x5eed + bit, s).next();
      const d = (hash(x) ^ hash(flip(x, bit))) >>> 0;
      for (let j = 0; j < 32; j++) flips[j]! += (d >>> j) & 1;
    }
    for (const f of flips) worst = Math.max(worst, Math.abs(f / samples - 0.5));
  }
  return worst;
}

describe('hash quality', () => {
  it('hashRow is uniform over consecutive rows, strided rows and rows past 2^32 (chi-square, 1024 buckets)', () => {
    const n = 1 << 18;
    for (const [label, values] of [
      ['rows 0..2^18, high bits', histogram(hashes(7, 0, n), 10, 22)],
      ['rows 0..2^18, low bits', histogram(hashes(7, 0, n), 10, 0)],
      ['every 1024th row', histogram(hashes(7, 0, n, 1024), 10, 11)],
      ['rows from 2^40', histogram(hashes(7, 2 ** 40, n), 10, 5)],
    ] as const) {
      expect(chiSquare(values), label).toBeLessThan(critical(1023));
    }
  });

  it('draws are uniform: below(10), below(1000), chance(0.1) and the 2nd..4th words of a value', () => {
    const random = new RowRandom();
    const digits = new Array<number>(10).fill(0);
    const thousand = new Array<number>(1000).fill(0);
    const words = new Array<number>(256).fill(0);
    let hits = 0;
    const n = 200_000;
    for (let row = 0; row < n; row++) {
      random.at(0xabc, row);
      digits[random.below(10)]! += 1;
      thousand[random.below(1000)]! += 1;
      if (random.chance(0.1)) hits++;
      words[random.next() >>> 24]! += 1;
    }
    expect(chiSquare(digits)).toBeLessThan(critical(9));
    expect(chiSquare(thousand)).toBeLessThan(critical(999));
    expect(chiSquare(words)).toBeLessThan(critical(255));
    // Binomial(n, 0.1): standard deviation 134.
    expect(Math.abs(hits - n * 0.1)).toBeLessThan(5 * 134);
  });

  it('strict avalanche: each bit of the row and of the key flips each output bit with probability 1/2 ± 0.04', () => {
    // 4096 samples: one standard deviation is 0.0078, so 0.04 is about five.
    const flipBit = (x: number, bit: number) => (x ^ (1 << bit)) >>> 0;
    expect(worstAvalanche(32, flipBit, (row) => hashRow(0x1234, row))).toBeLessThan(0.04);
    expect(worstAvalanche(32, flipBit, (key) => hashRow(key, 99))).toBeLessThan(0.04);
    // Bits of the row above 2^32 (its high word).
    const flipHigh = (x: number, bit: number) => x + 2 ** (32 + bit);
    expect(worstAvalanche(20, flipHigh, (row) => hashRow(0x1234, row))).toBeLessThan(0.04);
  });
});
