/** pg_lsn (`16/B374D848`) and oid-like small numbers. */
import type { TypeSupport } from './generator.js';

export const pgLsnSupport: TypeSupport = {
  random: () => ({
    random: (rand) =>
      `${rand.below(256).toString(16).toUpperCase()}/${rand.next().toString(16).toUpperCase()}`,
  }),
  unique: () => ({
    space: Number.POSITIVE_INFINITY,
    value(k) {
      const hi = Math.floor(k / 4294967296);
      return `${hi.toString(16).toUpperCase()}/${(k - hi * 4294967296).toString(16).toUpperCase()}`;
    },
  }),
};
