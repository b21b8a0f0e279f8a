/**
 * pg_snapshot and txid_snapshot (`xmin:xmax:xip,…`): xmin <= every in-progress
 * id < xmax, the ids ascending and distinct, as pg_snapshot_in demands.
 */
import type { TypeSupport } from './generator.js';

export const snapshotSupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const xmin = 3 + rand.below(10000000);
      const width = rand.below(200);
      const xmax = xmin + width;
      let out = `${xmin}:${xmax}:`;
      // Each id in [xmin, xmax) is in progress with a small chance; scanning in order keeps them ascending.
      let first = true;
      for (let x = xmin; x < xmax; x++) {
        if (rand.below(16) !== 0) continue;
        out += first ? String(x) : `,${x}`;
        first = false;
      }
      return out;
    },
  }),
  // xmin = xmax = k + 3, nothing in progress: distinct for every k.
  unique: () => ({ space: 2 ** 52, value: (k) => `${k + 3}:${k + 3}:` }),
};
