import { describe, expect, it } from 'vitest';
import { pairAt, pairSpace } from '../../src/plan/related-pair.js';

describe('pairs of distinct parent rows', () => {
  it.each([false, true])(
    'pairAt is a bijection onto distinct pairs (order CHECK: %s), n = 1 … 60',
    (orderCheck) => {
      for (let n = 1; n <= 60; n++) {
        const space = pairSpace(n, orderCheck);
        expect(space).toBe(n < 2 ? 0 : orderCheck ? (n * (n - 1)) / 2 : n * (n - 1));
        const seen = new Set<string>();
        for (let k = 0; k < space; k++) {
          const [i, j] = pairAt(k, n, orderCheck);
          expect(i).not.toBe(j);
          expect(i >= 0 && i < n && j >= 0 && j < n).toBe(true);
          seen.add(orderCheck ? [Math.min(i, j), Math.max(i, j)].join() : `${i},${j}`);
        }
        expect(seen.size).toBe(space);
      }
    },
  );
});
