/**
 * The shared deflate workers outlive their last lease only briefly (they stop
 * when idle, so a run compressing on its generation workers keeps none): a
 * lease after they stopped starts new ones, and a lease right after another
 * reuses them; every chunk inflates back to its input either way.
 */
import { existsSync, readdirSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDeflatePool, type DeflateJob } from '../../src/archive/deflate-pool.js';

/** This process's threads (Linux: /proc), else null. */
const threads = (): number | null =>
  existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : null;

const input = (seed: number): Uint8Array =>
  new TextEncoder().encode(
    Array.from({ length: 2000 }, (_, i) => `row ${seed} ${i}\t${i * seed}\n`).join(''),
  );

async function roundTrip(seed: number): Promise<void> {
  const pool = createDeflatePool(2);
  try {
    const bytes = input(seed);
    const job: DeflateJob = {
      input: bytes.slice(),
      level: 1,
      dictionary: null,
      checksum: 'adler32',
      prefix: null,
      frameSize: 0,
    };
    const result = await pool.deflate(job);
    expect(Buffer.from(inflateRawSync(result.output, { finishFlush: 2 }))).toEqual(Buffer.from(bytes));
  } finally {
    await pool.close();
  }
}

describe('shared deflate workers between leases', () => {
  it('a lease right after another, and one after the idle workers stopped, both deflate', async () => {
    await roundTrip(1);
    await roundTrip(2); // within the idle time: the same workers
    const alive = threads();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // past it: the workers stopped
    const after = threads();
    if (alive !== null && after !== null) expect(after).toBeLessThan(alive);
    await roundTrip(3);
  });
});
