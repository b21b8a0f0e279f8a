/** bool: `t`/`f`; unique space is exactly 2. */
import type { TypeSupport } from './generator.js';

export const boolSupport: TypeSupport = {
  random: () => ({
    random: (rand) => ((rand.next() & 1) === 1 ? 't' : 'f'),
    write(rand, out) {
      out.ensure(1);
      out.buf[out.pos++] = (rand.next() & 1) === 1 ? 116 : 102;
    },
  }),
  unique: () => ({ space: 2, value: (k) => (k === 0 ? 'f' : 't') }),
};
