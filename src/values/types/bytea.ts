/**
 * bytea in hex form (`\x0a1b…`): random 1..16 bytes; unique values are k's
 * minimal big-endian bytes. A length window from CHECKs (`octet_length(b) =
 * 20`, `length(b) BETWEEN 16 AND 32`) is honoured: random lengths inside it,
 * unique values padded to its minimum and bounded by its maximum.
 */
import { HEX2 } from './format.js';
import type { GeneratorHints, TypeSupport } from './generator.js';

/** Byte lengths [lo, hi] the hints allow (by default 1..16). */
function lengthWindow(hints: GeneratorHints): { lo: number; hi: number } {
  const lo = Math.max(0, hints.minLength ?? Math.min(1, hints.maxLength ?? 1));
  const hi = Math.max(lo, hints.maxLength ?? Math.max(16, lo + 15));
  return { lo, hi };
}

export const byteaSupport: TypeSupport = {
  random: (_type, hints) => {
    const { lo, hi } = lengthWindow(hints);
    return {
      random(rand) {
        const n = lo + rand.below(hi - lo + 1);
        let out = '\\x';
        let word = 0;
        for (let i = 0; i < n; i++) {
          if ((i & 3) === 0) word = rand.next();
          out += HEX2[(word >>> ((i & 3) * 8)) & 255]!;
        }
        return out;
      },
    };
  },
  unique: (_type, hints) => {
    const { lo } = lengthWindow(hints);
    const hi = hints.maxLength;
    // k below 256^hi fits in hi bytes (capped at the safe-integer range).
    const space = hi === undefined || hi >= 7 ? Number.POSITIVE_INFINITY : 256 ** hi;
    return {
      space,
      value(k) {
        const hex = k.toString(16);
        const even = (hex.length & 1) === 1 ? `0${hex}` : hex;
        return `\\x${even.padStart(2 * lo, '0')}`;
      },
    };
  },
};
