/**
 * A run whose generation pool closes while nothing else is pending: each
 * `--size` sample run closes its pool (terminates its worker) before the
 * next one starts. Node refs a worker it terminates, but not one already
 * stopping, so the process once found nothing left to wait on while the
 * worker's exit was on its way, and ended as "the run stopped with work left
 * undone" (exit 1): half the runs of `--template ecommerce --size 20MB -j 2`
 * on a 2-core machine. archive/worker-thread.ts `stopWorker` holds the event
 * loop until the exit. 4 MB makes the same sample runs and pool closes as
 * the 20 MB of the report, at a fifth of the CPU.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli-process.js';

describe('closing the generation pool', () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'datagen-pool-close-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--size sample runs at -j 2 end with their output written, never "work left undone" (4 runs)', () => {
    for (let run = 0; run < 4; run++) {
      const out = join(dir, `run${run}.sql`);
      const r = runCli([
        'generate',
        '--template',
        'ecommerce',
        '--size',
        '4MB',
        '-j',
        '2',
        '--quiet',
        '-f',
        out,
      ]);
      expect(r.stderr).not.toMatch(/work left undone|internal error/);
      expect(r.status).toBe(0);
      const bytes = statSync(out).size;
      expect(bytes).toBeGreaterThan(3_800_000);
      expect(bytes).toBeLessThan(4_200_000);
    }
  }, 300_000);
});
