/**
 * The head start (run/worker-head-start.ts) starts generation workers before
 * the plan for a run whose rows will go through the generation pool: every
 * format's (CSV and JSON Lines rows, Parquet's row groups included), not a
 * run of too few rows.
 */
import { describe, expect, it } from 'vitest';
import { WORKER_START_ROWS } from '../../src/run/parallel-threshold.js';
import { startWorkerHeadStart } from '../../src/run/worker-head-start.js';

const BIG = { workers: 2, defaultRows: 1_000_000 };

describe('worker head start', () => {
  it('starts none for a run asked for fewer rows than make a worker pay (WORKER_START_ROWS)', async () => {
    for (const request of [
      { workers: 2, defaultRows: WORKER_START_ROWS - 1 },
      { workers: 2, defaultRows: 10, tables: { 'public.t': 50_000 } },
    ]) {
      const headStart = startWorkerHeadStart(request, 2);
      try {
        expect(headStart.take()).toBeNull();
      } finally {
        await headStart.close();
      }
    }
  });

  it.each(['copy', 'custom', 'csv', 'jsonl', 'parquet'])(
    'starts one for -F %s, as for a run with no format named',
    async (format) => {
      for (const request of [{ ...BIG, format }, BIG]) {
        const headStart = startWorkerHeadStart(request, 2);
        const worker = headStart.take();
        try {
          expect(worker).not.toBeNull();
          expect(headStart.take()).toBeNull();
        } finally {
          await worker?.terminate();
          await headStart.close();
        }
      }
    },
  );
});
