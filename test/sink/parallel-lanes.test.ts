/**
 * inLanes, what `-F csv|jsonl|parquet` (directory-sink.ts) run their files
 * with: at most
 * `concurrency` lanes at once, a lane's items in turn, results in the lanes'
 * order; the first failure stops what has not started, aborts the running
 * ones and is the error thrown (not what the aborted ones throw).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { inLanes } from '../../src/sink/parallel-lanes.js';

describe('inLanes', () => {
  it('runs at most `concurrency` lanes at once, each lane in turn, and returns the results in lane order', async () => {
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const lanes = [['a1', 'a2'], ['b1'], ['c1', 'c2', 'c3'], ['d1']];
    const results = await inLanes(lanes, 2, async (item) => {
      running++;
      most = Math.max(most, running);
      order.push(`start ${item}`);
      await sleep(item.startsWith('a') ? 20 : 5);
      order.push(`end ${item}`);
      running--;
      return item.toUpperCase();
    });
    expect(results).toEqual(['A1', 'A2', 'B1', 'C1', 'C2', 'C3', 'D1']);
    expect(most).toBe(2);
    // A lane's next item starts only once the last one ended.
    expect(order.indexOf('start a2')).toBeGreaterThan(order.indexOf('end a1'));
    expect(order.indexOf('start c2')).toBeGreaterThan(order.indexOf('end c1'));
    // A lane is taken only when a loop is free: d after b (the second loop's first lane).
    expect(order.indexOf('start d1')).toBeGreaterThan(order.indexOf('end b1'));
    expect(await inLanes([], 3, async () => 1)).toEqual([]);
    expect(await inLanes([[1], [2]], 0, async (n) => n * 10)).toEqual([10, 20]); // at least one lane
  });

  it('the first failure aborts the running items, starts nothing more and is the error thrown', async () => {
    const started: string[] = [];
    const aborted: string[] = [];
    const lanes = [['slow', 'after-slow'], ['fails'], ['never']];
    const failure = await inLanes(lanes, 2, async (item, signal) => {
      started.push(item);
      if (item === 'fails') {
        await sleep(5);
        throw new Error('disk full');
      }
      await sleep(50);
      if (signal.aborted) {
        aborted.push(item);
        throw new Error(`${item} stopped`);
      }
      return item;
    }).catch((e: Error) => e.message);
    expect(failure).toBe('disk full');
    expect(started).toEqual(['slow', 'fails']);
    expect(aborted).toEqual(['slow']);
  });
});
