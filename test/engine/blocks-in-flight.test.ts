/**
 * The generation pool's blocks in flight are counted from the threads that
 * generate (its workers, at most the cores less one, and the calling thread),
 * not from `-j`: `-j 8` on 2 cores runs the same two threads as `-j 2` and
 * once kept 36 blocks (~18 MiB) in flight where 12 keep them busy. Memory is
 * bounded by the machine, whatever `-j` asks for.
 */
import { describe, expect, it } from 'vitest';
import { blocksInFlight } from '../../src/run/parallel-threshold.js';

describe('blocks in flight', () => {
  it('is the same for any -j beyond the cores', () => {
    expect(blocksInFlight(2, 2)).toBe(12);
    expect(blocksInFlight(3, 2)).toBe(blocksInFlight(2, 2));
    expect(blocksInFlight(8, 2)).toBe(blocksInFlight(2, 2));
    expect(blocksInFlight(64, 8)).toBe(blocksInFlight(8, 8));
  });

  it('grows with the threads a machine can run', () => {
    expect(blocksInFlight(4, 8)).toBe(20);
    expect(blocksInFlight(8, 8)).toBe(36);
    expect(blocksInFlight(2, 8)).toBeLessThan(blocksInFlight(4, 8));
  });
});
