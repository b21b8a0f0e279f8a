/**
 * The generation pool's workers: a worker whose thread ended before the pool
 * took it (a head-start worker gone while the plan was made) is never used,
 * since a message posted to it is dropped without a word. Deflate jobs run
 * only on workers, so such a worker once left an archive's compression
 * waiting with nothing to keep the process alive ("the run stopped with work
 * left undone").
 */
import { constants, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createThreadBudget } from '../../src/archive/index.js';
import { serialTableRows } from '../../src/format/table-rows.js';
import { createPlan, createValueSource, parseDdl } from '../../src/index.js';
import { createGenerationPool } from '../../src/run/generation-pool.js';
import { startGenerationWorker } from '../../src/run/generation-worker-start.js';

const DDL = 'CREATE TABLE t (id bigint PRIMARY KEY, name text, amount numeric(10,2));';

async function concat(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('generation pool', () => {
  it('starts its own worker when the one handed to it has already ended, and finishes every job', async () => {
    const { schema } = await parseDdl([{ file: 't.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: 5000, seed: 3 });
    const source = createValueSource(schema, plan);
    const ended = startGenerationWorker();
    await new Promise<void>((resolve) => {
      ended.once('exit', () => resolve());
      void ended.terminate();
    });
    expect(ended.threadId).toBe(-1);

    let handed = 0;
    const pool = createGenerationPool(schema, source, {
      workers: 2,
      budget: createThreadBudget(2),
      blockRows: 500,
      headStart: () => (handed++ === 0 ? ended : null),
    });
    try {
      const input = new TextEncoder().encode('a deflate job only a worker runs\n'.repeat(100));
      const reply = await pool.deflateThreads.deflate(
        {
          kind: 'deflate',
          input,
          level: 1,
          dictionary: null,
          checksum: 'crc32',
          prefix: null,
          frameSize: 0,
          returnInput: false,
        },
        [],
      );
      expect(reply.error).toBeUndefined();
      expect(
        inflateRawSync(Buffer.from(reply.output as Uint8Array), {
          finishFlush: constants.Z_SYNC_FLUSH,
        }).toString(),
      ).toBe(Buffer.from(input).toString());
      const parallel = await concat(pool.tableRows({ tableIndex: 0 }));
      const serial = await concat(serialTableRows(source)({ tableIndex: 0 }));
      expect(parallel.equals(serial)).toBe(true);
      expect(parallel.toString().split('\n').length - 1).toBe(5000);
      expect(handed).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
