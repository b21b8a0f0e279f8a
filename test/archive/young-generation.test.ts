/**
 * The calling thread's new space held at 16 MiB from the library's import on:
 * a program that imports the whole library (`dist/index.js`) and calls
 * `generate()` had its new space grown to 32 MiB by the import's module
 * evaluation, before the run could hold it. Once the import's turn is over
 * without a run, V8's own growth factor is back.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getEnvironmentData } from 'node:worker_threads';
import { constants, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDeflatePool, terminateDeflateWorkers } from '../../src/archive/deflate-pool.js';
import { workersBooting } from '../../src/archive/growth-factor-share.js';
import { stopWorker } from '../../src/archive/worker-thread.js';
import { capYoungGeneration } from '../../src/archive/young-generation.js';
import { startGenerationWorker } from '../../src/run/generation-worker-start.js';
import { waitUntil } from '../helpers/cli-process.js';

const library = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** A child that allocates young garbage (half surviving a scavenge), before and after importing the library. */
const script = `
import { getHeapSpaceStatistics } from 'node:v8';
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const churn = () => { let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 300000) keep = []; } };
await import(${JSON.stringify(library)});
churn();
const held = newSpace();
await new Promise((resolve) => setImmediate(resolve));
churn();
console.log(JSON.stringify({ held, after: newSpace() }));
`;

describe('young generation held from the import', () => {
  it('stays at 16 MiB through the import turn, and grows as V8 grows it after', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const { held, after } = JSON.parse(out) as { held: number; after: number };
    expect(held).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(after).toBeGreaterThan(16 * 1024 * 1024);
  });
});

/**
 * A worker's isolate sets V8's growth factor back to 2 when it is made; the
 * calling thread's hold set it again only once the worker was online, which
 * a long synchronous stretch delays (examples/shop.sql at 20M rows: the new
 * space 16 -> 32 MiB). Each worker now sets the held factor as its first
 * statement, shared through its environment data, and counts itself done;
 * until it has, the calling thread sets the factor at every timer check.
 */
describe('young generation held while workers start', () => {
  const cell = (): Int32Array => getEnvironmentData('datagen:semi-space-growth-factor') as Int32Array;

  it('a generation worker reads the held factor and says it set it', async () => {
    const hold = capYoungGeneration();
    // Workers that set it so far (this process's other test files start workers too).
    const counted = Atomics.load(cell(), 1);
    const worker = startGenerationWorker();
    try {
      expect(workersBooting()).toBe(true);
      const factor = Atomics.load(cell(), 0);
      expect(factor).toBeGreaterThanOrEqual(1);
      await waitUntil(() => Atomics.load(cell(), 1) > counted, 'the worker to set the factor');
      // Still held while the run goes (the factor follows the new space's size, never 0).
      expect(Atomics.load(cell(), 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await stopWorker(worker);
      hold.stop();
    }
    // No run holds it now: a worker started later leaves V8's factor as it is.
    expect(Atomics.load(cell(), 0)).toBe(0);
  });

  it('so does a deflate worker', async () => {
    const hold = capYoungGeneration();
    await terminateDeflateWorkers();
    const counted = Atomics.load(cell(), 1);
    const pool = createDeflatePool(1);
    try {
      const input = new TextEncoder().encode('row\t1\n'.repeat(1000));
      const result = await pool.deflate({
        input: input.slice(),
        level: 1,
        dictionary: null,
        checksum: 'adler32',
        prefix: null,
        frameSize: 0,
      });
      expect(inflateRawSync(result.output, { finishFlush: constants.Z_SYNC_FLUSH })).toEqual(
        Buffer.from(input),
      );
      // Its first statement ran before it took the job.
      expect(Atomics.load(cell(), 1)).toBe(counted + 1);
    } finally {
      await pool.close();
      await terminateDeflateWorkers();
      hold.stop();
    }
  });
});
