/**
 * The generation pool's workers: a worker whose thread ended before the pool
 * took it (a head-start worker gone while the plan was made) is never used,
 * since a message posted to it is dropped without a word. Deflate jobs run
 * only on workers, so such a worker once left an archive's compression
 * waiting with nothing to keep the process alive ("the run stopped with work
 * left undone").
 *
 * A Parquet file's row groups made on the workers are the calling thread's
 * bytes: groups at their most rows, groups sized by their text to fewer rows
 * (every group of a file has the same rows, so the workers take them all
 * ahead too), and a file ended by its size while groups are queued; a
 * group comes back in shared memory.
 *
 * An archive chunk's deflate job no worker has taken yet is run by the
 * calling thread when the archive waits for it (`runWaiting`), with the bytes
 * a worker makes of the same job.
 *
 * A deflate job crosses threads in shared memory, posted both ways, nothing
 * transferred (a transfer's detach costs every thread's row writers their
 * optimised code): on the generation workers and on the deflate pool's own,
 * its output is shared and its input comes back as the same memory.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jobMessage, resultOf } from '../../src/archive/deflate-job.js';
import { createDeflatePool, type DeflateJob } from '../../src/archive/deflate-pool.js';
import { createThreadBudget } from '../../src/archive/index.js';
import {
  type GroupJobs,
  type ParquetTableOptions,
  parquetTableChunks,
} from '../../src/encode/parquet-table.js';
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
      const reply = await pool.deflateThreads!.deflate(
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

  it("writes a Parquet file's row groups on the workers with the calling thread's bytes", async () => {
    const { schema } = await parseDdl([{ file: 't.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: 3000, seed: 5 });
    const source = createValueSource(schema, plan);
    const fns = source.writtenColumns(0).map((c) => c.fn);
    let chars = 0;
    for (let row = 0; row < 256; row++) for (const fn of fns) chars += fn(row)?.length ?? 0;
    const pool = createGenerationPool(schema, source, {
      workers: 3,
      budget: createThreadBudget(3),
      blockRows: 500,
    });
    try {
      const cases: [string, ParquetTableOptions][] = [
        ['groups at their most rows', { rowGroupRows: 64 }],
        // Text for about 40 rows: groups of fewer rows than their most, all of them on the workers too.
        ['groups sized by their text', { rowGroupRows: 64, rowGroupBytes: Math.ceil((40 * chars) / 256) }],
        [
          'a file ended by its size',
          { rowGroupRows: 64, fileBytes: 20_000, range: { start: 100, end: 3000 } },
        ],
      ];
      for (const [label, options] of cases) {
        const range = options.range ?? { start: 0, end: 3000 };
        const given = pool.groupJobs(0, range, { codec: 'SNAPPY' }) as GroupJobs;
        let submitted = 0;
        let shared = true;
        const jobs: GroupJobs = {
          ...given,
          submit: (start, rows) => {
            submitted += rows;
            // A group made on a worker comes in shared memory (posted, never transferred: no detach).
            return given.submit(start, rows).then((group) => {
              shared &&= group.bytes.buffer instanceof SharedArrayBuffer;
              return group;
            });
          },
        };
        let serialEnd = -1;
        let pooledEnd = -2;
        const serial = await concat(
          parquetTableChunks(source, 0, undefined, { ...options, onEnd: (row) => (serialEnd = row) }),
        );
        const pooled = await concat(
          parquetTableChunks(source, 0, undefined, {
            ...options,
            groupJobs: jobs,
            onEnd: (row) => (pooledEnd = row),
          }),
        );
        expect(pooled.equals(serial), label).toBe(true);
        expect(pooledEnd, label).toBe(serialEnd);
        if (label !== 'a file ended by its size') expect(submitted, label).toBe(3000);
        if (label === 'a file ended by its size') expect(serialEnd, label).toBeLessThan(3000);
        expect(submitted, label).toBeGreaterThan(64);
        expect(shared, label).toBe(true);
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('deflates a job no worker has taken on the calling thread, with the bytes a worker makes of it', async () => {
    const { schema } = await parseDdl([{ file: 't.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: 5000, seed: 3 });
    const source = createValueSource(schema, plan);
    const pool = createGenerationPool(schema, source, {
      workers: 2,
      budget: createThreadBudget(2),
      blockRows: 500,
    });
    const threads = pool.deflateThreads!;
    const text = Array.from({ length: 4000 }, (_, i) => `row ${i}\tname ${(i * 7919) % 1000}\n`).join('');
    const job = (returnInput: boolean) =>
      ({
        kind: 'deflate',
        input: new TextEncoder().encode(text),
        level: 1,
        dictionary: null,
        checksum: 'adler32',
        prefix: new Uint8Array([0x78, 0x01]),
        frameSize: 4096,
        returnInput,
      }) as const;
    try {
      expect(threads.runWaiting?.()).toBe(false);
      // The pool's worker is still loading its modules: neither job has a thread yet.
      const here = threads.deflate(job(true), []);
      const there = threads.deflate(job(false), []);
      expect(threads.runWaiting?.()).toBe(true);
      const [mine, theirs] = await Promise.all([here, there]);
      expect(mine.error).toBeUndefined();
      expect(theirs.error).toBeUndefined();
      expect(Buffer.from(mine.output!).equals(Buffer.from(theirs.output!))).toBe(true);
      expect(mine.checksum).toBe(theirs.checksum);
      expect(mine.streamBytes).toBe(theirs.streamBytes);
      expect(mine.input?.length).toBe(text.length);
      // Unframed (5-byte lengths before each 4096 bytes), past the 2-byte header: the input again.
      const framed = Buffer.from(mine.output!);
      const stream: Buffer[] = [];
      for (let at = 0; at < framed.length; ) {
        const n = framed.readUInt32LE(at + 1);
        stream.push(framed.subarray(at + 5, at + 5 + n));
        at += 5 + n;
      }
      const body = Buffer.concat(stream).subarray(2);
      expect(inflateRawSync(body, { finishFlush: constants.Z_SYNC_FLUSH }).toString()).toBe(text);
      expect(threads.runWaiting?.()).toBe(false);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("posts a deflate job's input and output as shared memory, transferring nothing, on either pool's workers", async () => {
    const { schema } = await parseDdl([{ file: 't.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: 5000, seed: 3 });
    const pool = createGenerationPool(schema, createValueSource(schema, plan), {
      workers: 2,
      budget: createThreadBudget(2),
      blockRows: 500,
    });
    const ownPool = createDeflatePool(1);
    const text = new TextEncoder().encode('row\tname\n'.repeat(3000));
    const job = (): DeflateJob => {
      const input = new Uint8Array(new SharedArrayBuffer(text.length));
      input.set(text);
      const dictionary = text.slice(0, 100);
      return { input, level: 1, dictionary, checksum: 'adler32', prefix: null, frameSize: 0 };
    };
    try {
      const sent = job();
      const { message, transfer } = jobMessage(sent);
      expect(transfer).toEqual([]);
      expect(message.returnInput).toBe(true);
      const results = [
        resultOf(await pool.deflateThreads!.deflate(message, transfer)),
        await ownPool.deflate(job()),
      ];
      for (const result of results) {
        expect(result.output.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(result.input?.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Buffer.from(result.input!).equals(Buffer.from(text))).toBe(true);
        expect(
          inflateRawSync(result.output, { dictionary: text.slice(0, 100), finishFlush: 2 }).equals(
            Buffer.from(text),
          ),
        ).toBe(true);
      }
      // The input that came back is the memory sent, not a copy; the sender's view is still attached.
      results[0]!.input![0] = 0x21;
      expect(sent.input[0]).toBe(0x21);
      expect(sent.input.byteLength).toBe(text.length);
    } finally {
      await ownPool.close();
      await pool.close();
    }
  }, 60_000);
});
