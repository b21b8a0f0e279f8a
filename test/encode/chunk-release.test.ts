/**
 * Chunks handed back to their maker (generation workers' block buffers):
 * released once, through any view over the same memory, and only by the
 * consumers that are done with the bytes: the file sink once a chunk is
 * written, the archive's re-chunking once it is copied. The bytes written
 * are the chunks' whatever is released.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rechunk } from '../../src/archive/payload-stream.js';
import { releasable, releaseChunk } from '../../src/encode/chunk-release.js';
import { createCopyRowWriter } from '../../src/encode/copy-text.js';
import { CHUNK_BYTES } from '../../src/encode/table-chunks.js';
import { generate, releaseChunk as releaseFromLibrary } from '../../src/index.js';
import { writeOutput } from '../../src/sink/file-sink.js';
import { tempDir } from '../helpers/generate-file.js';

/** `count` chunks of distinct bytes, each registered; `released` lists the indexes handed back, in order. */
function chunks(count: number, size: number): { chunks: Uint8Array[]; released: number[] } {
  const released: number[] = [];
  const made = Array.from({ length: count }, (_, i) => {
    const chunk = new Uint8Array(new ArrayBuffer(size + 7), 0, size).map((_, j) => (i * 31 + j) % 251);
    return releasable(chunk, () => released.push(i));
  });
  return { chunks: made, released };
}

async function* iterate(items: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* items;
}

describe('chunk release', () => {
  it('is called once, through a Buffer over the same memory too; unknown chunks are ignored', () => {
    const { chunks: made, released } = chunks(2, 10);
    const [first, second] = made as [Uint8Array, Uint8Array];
    releaseChunk(Buffer.from(first.buffer, first.byteOffset, first.byteLength));
    releaseChunk(first);
    releaseChunk(new Uint8Array(10));
    expect(released).toEqual([0]);
    releaseChunk(second);
    expect(released).toEqual([0, 1]);
  });

  it('the file sink releases every chunk once written, and the file holds them all in order', async () => {
    const { chunks: made, released } = chunks(40, 70_000);
    const path = join(tempDir(), 'out.copy');
    const bytes = await writeOutput(iterate(['header\n', ...made] as never), path);
    const expected = Buffer.concat([Buffer.from('header\n'), ...made]);
    expect(bytes).toBe(expected.length);
    expect(readFileSync(path).equals(expected)).toBe(true);
    expect(released).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a device or FIFO (-f /dev/null, a named pipe) releases every chunk once written too, the reader getting them all in order', async () => {
    const { chunks: made, released } = chunks(12, 70_000);
    await writeOutput(iterate(made), '/dev/null');
    expect(released).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const fifo = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = readFile(fifo);
    const again = chunks(12, 70_000);
    const bytes = await writeOutput(iterate(again.chunks), fifo);
    expect((await reader).equals(Buffer.concat(again.chunks))).toBe(true);
    expect(bytes).toBe(12 * 70_000);
    expect(again.released).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("a row writer's chunks, released by the file sink, lend their memory to later chunks; the file holds every row", async () => {
    const writer = createCopyRowWriter({ chunkSize: CHUNK_BYTES });
    const rows = 100_000;
    const memories = new Set<ArrayBufferLike>();
    let taken = 0;
    const take = (): Buffer => {
      const chunk = writer.takeChunk();
      memories.add(chunk.buffer);
      taken++;
      return chunk;
    };
    async function* copyText(): AsyncGenerator<Uint8Array> {
      for (let row = 0; row < rows; row++) {
        writer.field(`row ${row}`);
        writer.field('x'.repeat(row % 97));
        if (writer.endRow()) yield take();
      }
      if (writer.size > 0) yield take();
    }
    const path = join(tempDir(), 'rows.copy');
    await writeOutput(copyText(), path);
    const expected = Array.from({ length: rows }, (_, row) => `row ${row}\t${'x'.repeat(row % 97)}\n`).join(
      '',
    );
    expect(readFileSync(path, 'latin1') === expected).toBe(true);
    // ~5.7 MB in 256 KiB chunks; the sink holds about 1 MiB of them at once, the rest reuse released memory.
    expect(taken).toBeGreaterThan(20);
    expect(memories.size).toBeLessThan(taken / 2);
  });

  it("a caller's Writable that releases each chunk (the library's releaseChunk) gets the file's bytes, in reused memory", async () => {
    const options = {
      schema: ['bench/reference-table.sql'],
      defaultRows: 40_000,
      seed: 3,
      workers: 1,
      format: 'copy' as const,
    };
    const path = join(tempDir(), 'reference.copy');
    await generate({ ...options, output: path });
    const received: Buffer[] = [];
    const memories = new Set<ArrayBufferLike>();
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received.push(Buffer.from(chunk));
        memories.add(chunk.buffer);
        releaseFromLibrary(chunk);
        done();
      },
    });
    await generate({ ...options, output });
    expect(Buffer.concat(received).equals(readFileSync(path))).toBe(true);
    // ~4 MB in chunks of 64-128 KiB: released memory takes the later ones.
    expect(received.length).toBeGreaterThan(20);
    expect(memories.size).toBeLessThan(received.length / 2);
  });

  it('re-chunking releases each source chunk once copied, the chunks cut the same', async () => {
    const { chunks: made, released } = chunks(5, 3000);
    const expected = Buffer.concat([...made, Buffer.from('\\.\n')]);
    const out: Uint8Array[] = [];
    for await (const piece of rechunk(iterate(made), 4096, Buffer.from('\\.\n'))) out.push(piece.slice());
    expect(Buffer.concat(out).equals(expected)).toBe(true);
    expect(out.slice(0, -1).every((piece) => piece.length === 4096)).toBe(true);
    expect(released).toEqual([0, 1, 2, 3, 4]);
  });

  it("re-chunking hands the buffer of a payload's last, shorter piece back: small payloads share one buffer", async () => {
    const spare: Uint8Array[] = [];
    let made = 0;
    const allocate = () => {
      const reused = spare.pop();
      if (reused !== undefined) return reused;
      made++;
      return new Uint8Array(4096);
    };
    const recycle = (buffer: Uint8Array) => spare.push(buffer);
    const pieces: Buffer[] = [];
    for (let payload = 0; payload < 50; payload++) {
      const bytes = Buffer.from(`table ${payload}\n`);
      for await (const piece of rechunk(iterate([bytes]), 4096, Buffer.from('\\.\n'), allocate, recycle))
        pieces.push(Buffer.from(piece));
      expect(pieces.at(-1)?.toString()).toBe(`table ${payload}\n\\.\n`);
    }
    expect(pieces.length).toBe(50);
    expect(made).toBe(1);
    // A payload of full chunks: they go on (not recycled), the buffer of its empty end comes back.
    const full = Buffer.alloc(8192, 7);
    const out: Buffer[] = [];
    for await (const piece of rechunk(iterate([full]), 4096, new Uint8Array(0), allocate, recycle))
      out.push(Buffer.from(piece));
    expect(out.map((p) => p.length)).toEqual([4096, 4096]);
    expect(Buffer.concat(out).equals(full)).toBe(true);
    expect(made).toBe(3);
    expect(spare.length).toBe(1);
  });
});
