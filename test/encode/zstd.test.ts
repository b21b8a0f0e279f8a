/**
 * zstd frames (src/encode/zstd.ts): the bytes depend only on the input and
 * the level, not on how the input arrives in chunks, a frame per 4 MiB of
 * input; the real `zstd` CLI (when on PATH) and DuckDB decompress them.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ZSTD_FRAME_BYTES, zstdFrames } from '../../src/encode/zstd.js';
import { tempDir } from '../helpers/generate-file.js';

const hasZstdCli = spawnSync('zstd', ['--version']).status === 0;

/** CSV text of `rows` rows, deterministic. */
function csvText(rows: number): Buffer {
  const lines = ['id,name,amount'];
  for (let i = 0; i < rows; i++)
    lines.push(`${i},name ${(i * 7919) % 10007},${((i * 104729) % 100000) / 100}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function* pieces(data: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield data.subarray(at, at + n);
    at += n;
  }
}

async function compress(data: Buffer, sizes: readonly number[], level = 3): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const frame of zstdFrames(pieces(data, sizes), level)) out.push(frame);
  return Buffer.concat(out);
}

/** How many zstd frames `bytes` holds: their magic number 0xFD2FB528 (little-endian) counted; the compressed test data holds it nowhere else. */
function frames(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])); at >= 0; n++)
    at = bytes.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), at + 4);
  return n;
}

describe('zstd frames', () => {
  it('give the same bytes for any chunking, a frame per 4 MiB, and decompress to the input', async () => {
    const data = csvText(400_000);
    expect(data.length).toBeGreaterThan(2 * ZSTD_FRAME_BYTES);
    const whole = await compress(data, [data.length]);
    // Buffers compared with equals(): a deep toEqual over megabytes takes minutes.
    expect((await compress(data, [1, 65_536, 333_333, 7])).equals(whole)).toBe(true);
    expect((await compress(data, [ZSTD_FRAME_BYTES])).equals(whole)).toBe(true);
    expect(frames(whole)).toBe(Math.ceil(data.length / ZSTD_FRAME_BYTES));
    expect(whole.length).toBeLessThan(data.length / 3);
    expect((await compress(data, [data.length], 1)).equals(whole)).toBe(false);

    const dir = tempDir();
    const file = join(dir, 'data.csv.zst');
    writeFileSync(file, whole);
    if (hasZstdCli) {
      const cli = spawnSync('zstd', ['-dc', file], { maxBuffer: 64 << 20 });
      expect(cli.status).toBe(0);
      expect(cli.stdout.equals(data)).toBe(true);
    }
    // DuckDB, an independent decoder, reads every frame.
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const read = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, sum(id)::BIGINT AS s, max(name) AS m FROM read_csv('${file}')`,
    );
    connection.closeSync();
    instance.closeSync();
    expect(read.getRowObjectsJson()).toEqual([
      { n: 400_000, s: String((399_999 * 400_000) / 2), m: 'name 9999' },
    ]);
  });

  it('files one after another, at once, or stopped part way: each its own frames (the heap block is reused)', async () => {
    const a = csvText(250_000);
    const b = csvText(90_000);
    const [alone, bAlone] = [await compress(a, [a.length]), await compress(b, [b.length])];
    // Stopped part way (a run interrupted): its block goes back for the next file.
    const stopped = zstdFrames(pieces(a, [ZSTD_FRAME_BYTES + 5]), 3);
    await stopped.next();
    await stopped.return(undefined);
    expect((await compress(a, [100_000])).equals(alone)).toBe(true);
    // Two at once (interleaved frame by frame): the second takes a block of its own.
    const first = zstdFrames(pieces(a, [1_000_000]), 3);
    const second = zstdFrames(pieces(b, [1_000_000]), 3);
    const outA: Buffer[] = [];
    const outB: Buffer[] = [];
    for (let doneA = false, doneB = false; !(doneA && doneB); ) {
      const x = doneA ? { done: true as const } : await first.next();
      if (x.done) doneA = true;
      else outA.push(x.value);
      const y = doneB ? { done: true as const } : await second.next();
      if (y.done) doneB = true;
      else outB.push(y.value);
    }
    expect(Buffer.concat(outA).equals(alone)).toBe(true);
    expect(Buffer.concat(outB).equals(bAlone)).toBe(true);
    expect((await compress(b, [7_777])).equals(bAlone)).toBe(true);
  });

  it('an empty input is one empty frame, a valid zstd file', async () => {
    const empty = await compress(Buffer.alloc(0), [1]);
    expect(frames(empty)).toBe(1);
    if (hasZstdCli) {
      const file = join(tempDir(), 'empty.zst');
      writeFileSync(file, empty);
      const cli = spawnSync('zstd', ['-dc', file]);
      expect([cli.status, cli.stdout.length]).toEqual([0, 0]);
    }
  });
});
