/**
 * The exact fan-out's block cache (src/generate/fan-out-blocks.ts) is one
 * store per thread of 16 MiB for every exact fan-out: twenty fan-outs of
 * 440,000 parents (16-bit offsets) want more blocks than it holds, so they evict each other's,
 * and every lookup still gives what the fan-out gives alone (the cache never
 * changes a value); each parent's children stay within min..max and add up.
 */
import { describe, expect, it } from 'vitest';
import { createExactFanOutBothWays, type ExactFanOutSpec } from '../../src/generate/exact-fan-out.js';
import { BLOCK, BLOCK_CACHE_BYTES } from '../../src/generate/fan-out-blocks.js';

const PARENTS = 440_000;
const CHILDREN = 450_000;
const spec = (key: number, skew?: number): ExactFanOutSpec => ({
  parentRows: PARENTS,
  childRows: CHILDREN,
  min: 1,
  max: 3,
  share: 0.1,
  key,
  ...(skew === undefined ? {} : { skew }),
});
/** Rows spread over the child table (scrambled rows land in any block). */
const rows = Array.from({ length: 3000 }, (_, i) => Math.floor((i * CHILDREN) / 3000) + (i % 7));

describe('the exact fan-out block cache, shared by a thread', () => {
  it('twenty fan-outs that overflow it give, interleaved, what each gives alone', () => {
    const entryBytes = (BLOCK + 1) * 2;
    // More blocks than the store holds, so entries are evicted and rebuilt.
    expect(20 * Math.ceil(PARENTS / BLOCK) * entryBytes).toBeGreaterThan(BLOCK_CACHE_BYTES);
    const keys = Array.from({ length: 20 }, (_, i) => 0x9e3779b1 * (i + 1));
    const alone = keys.map((key, i) => {
      const fanOut = createExactFanOutBothWays(spec(key, i % 2 === 0 ? undefined : 2));
      return rows.map((r) => fanOut.placeOf(r));
    });
    const fanOuts = keys.map((key, i) => createExactFanOutBothWays(spec(key, i % 2 === 0 ? undefined : 2)));
    const interleaved: (typeof alone)[number][] = keys.map(() => []);
    for (const [n, r] of rows.entries())
      for (const [i, fanOut] of fanOuts.entries()) interleaved[i]![n] = fanOut.placeOf(r);
    expect(interleaved).toEqual(alone);
    // Read from the parent's side too, through evicted blocks: a parent's children are the rows placed there.
    for (const [i, fanOut] of fanOuts.entries()) {
      for (const n of [0, 1234, 2999]) {
        const place = alone[i]![n]!;
        const children = fanOut.childrenOf(place.parent);
        expect(children).toHaveLength(place.count);
        expect(children[place.index]).toBe(rows[n]);
        expect(place.count).toBeGreaterThanOrEqual(1);
        expect(place.count).toBeLessThanOrEqual(3);
      }
    }
  });

  it('every parent of a fan-out that shares the store has min..max children, adding up to the rows', async () => {
    const others = Array.from({ length: 19 }, (_, i) => createExactFanOutBothWays(spec(i + 7)));
    const fanOut = createExactFanOutBothWays(spec(5));
    const counts = new Uint8Array(PARENTS);
    for (let r = 0; r < CHILDREN; r++) {
      counts[fanOut.parentOf(r)]! += 1;
      // Another fan-out's lookup between two of this one's, evicting blocks.
      if (r % 8 === 0) others[r % 19]!.parentOf(r);
      // A loaded machine: the event loop let run now and then (vitest's worker answers its RPC).
      if (r % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    let total = 0;
    let without = 0;
    for (const n of counts) {
      total += n;
      if (n === 0) without++;
      else expect(n >= 1 && n <= 3).toBe(true);
    }
    expect(total).toBe(CHILDREN);
    expect(without).toBe(Math.floor(PARENTS * 0.1));
  });
});
