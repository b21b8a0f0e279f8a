/** bool: `t`/`f`; unique space is exactly 2. */
import type { TypeSupport } from './generator.js';

export const boolSupport: TypeSupport = {
  random: () => ({ random: (rand) => ((rand.next() & 1) === 1 ? 't' : 'f') }),
  unique: () => ({ space: 2, value: (k) => (k === 0 ? 'f' : 't') }),
};
