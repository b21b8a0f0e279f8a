/**
 * The head start (run/worker-head-start.ts) starts generation workers before
 * the plan only for formats whose rows go through the generation pool (CSV
 * and JSON Lines files included). Parquet files are made on the calling
 * thread: a worker started for them idles to the end of the run, holding its
 * memory (the reference table's 1M rows as CSV, when CSV was made there,
 * peaked at 144 MiB at `-j 2`, 119 at `-j 1`).
 */
import { describe, expect, it } from 'vitest';
import { WORKER_START_ROWS } from '../../src/run/parallel-threshold.js';
import { startWorkerHeadStart } from '../../src/run/worker-head-start.js';

const BIG = { workers: 2, defaultRows: 1_000_000 };

describe('worker head start', () => {
  it.each(['parquet'])('starts no worker for -F %s', async (format) => {
    const headStart = startWorkerHeadStart({ ...BIG, format }, 2);
    try {
      expect(headStart.take()).toBeNull();
    } finally {
      await headStart.close();
    }
  });

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

  it.each(['copy', 'custom', 'csv', 'jsonl'])(
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
