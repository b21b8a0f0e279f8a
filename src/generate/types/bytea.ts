/** bytea in hex form (`\x0a1b…`): random 1..16 bytes; unique values are k's minimal big-endian bytes. */
import { HEX2 } from './format.js';
import type { TypeSupport } from './generator.js';

export const byteaSupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const n = 1 + rand.below(16);
      let out = '\\x';
      let word = 0;
      for (let i = 0; i < n; i++) {
        if ((i & 3) === 0) word = rand.next();
        out += HEX2[(word >>> ((i & 3) * 8)) & 255]!;
      }
      return out;
    },
  }),
  unique: () => ({
    space: Number.POSITIVE_INFINITY,
    value(k) {
      const hex = k.toString(16);
      return (hex.length & 1) === 1 ? `\\x0${hex}` : `\\x${hex}`;
    },
  }),
};
