/**
 * bit(n) (exactly n bits; `bit` alone is bit(1)) and varbit(n) (at most n;
 * unbounded without a typmod).
 */
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import type { TypeSupport } from './generator.js';

const ZEROS = '0'.repeat(64);

function randomBits(rand: RowRandom, n: number): string {
  let out = '';
  while (n > 0) {
    const take = Math.min(32, n);
    const bits = (rand.next() >>> (32 - take)).toString(2);
    out += ZEROS.slice(0, take - bits.length) + bits;
    n -= take;
  }
  return out;
}

function lengthOf(type: TypeRef, fallback: number): number {
  return type.typmods[0] ?? fallback;
}

export const bitSupport: TypeSupport = {
  random(type) {
    const n = lengthOf(type, 1);
    return { random: (rand) => randomBits(rand, n) };
  },
  unique(type) {
    const n = lengthOf(type, 1);
    const pad = '0'.repeat(n);
    return {
      space: n >= 52 ? 2 ** 52 : 2 ** n,
      value: (k) => {
        const bits = k.toString(2);
        return pad.slice(0, n - bits.length) + bits;
      },
    };
  },
};

export const varbitSupport: TypeSupport = {
  random(type) {
    const max = lengthOf(type, 64);
    return { random: (rand) => randomBits(rand, 1 + rand.below(max)) };
  },
  unique(type) {
    const max = lengthOf(type, Number.POSITIVE_INFINITY);
    // Binary of k+1 without its leading 1 enumerates '', '0', '1', '00', … : every string of length <= max.
    return {
      space: max >= 51 ? Number.POSITIVE_INFINITY : 2 ** (max + 1) - 1,
      value: (k) => (k + 1).toString(2).slice(1),
    };
  },
};
