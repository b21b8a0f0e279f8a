/**
 * A run whose generation pool closes while nothing else is pending: each
 * `--size` sample run closes its pool (terminates its worker) before the
 * next one starts. Node refs a worker it terminates, but not one already
 * stopping, so the process once found nothing left to wait on while the
 * worker's exit was on its way, and ended as "the run stopped with work left
 * undone" (exit 1): half the runs of `--template ecommerce --size 20MB -j 2`
 * on a 2-core machine. archive/worker-thread.ts `stopWorker` holds the event
 * loop until the exit. Since perf18 a run starts generation workers only when
 * its big tables hold `WORKER_START_ROWS` rows together (the ecommerce
 * template at 4 MB no longer does), so the run here is the reference table at
 * 25 MB: about 266,000 rows, enough that its run starts a worker and closes
 * the pool at its end, at about 2.5 s of CPU a run.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_START_ROWS } from '../../src/run/parallel-threshold.js';
import { assertBuilt, runCliAsync } from '../helpers/cli-process.js';

describe('closing the generation pool', () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'datagen-pool-close-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--size runs at -j 2 whose rows start a worker end with their output written, never "work left undone" (4 runs)', async () => {
    for (let run = 0; run < 4; run++) {
      const out = join(dir, `run${run}.sql`);
      const r = await runCliAsync([
        'generate',
        'bench/reference-table.sql',
        '--size',
        '25MB',
        '-j',
        '2',
        '--json',
        '-f',
        out,
      ]);
      expect(r.stderr).not.toMatch(/work left undone|internal error/);
      expect(r.status).toBe(0);
      const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
      expect(summary.tables[0].rows).toBeGreaterThanOrEqual(WORKER_START_ROWS);
      const bytes = statSync(out).size;
      expect(bytes).toBeGreaterThan(23_750_000);
      expect(bytes).toBeLessThan(26_250_000);
    }
  }, 300_000);
});
