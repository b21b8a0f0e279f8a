/**
 * A thread's deflate output buffer kept from job to job (archive/deflate-into.ts): the same bytes as
 * zlib's deflateRawSync with a sync flush, for every level, with and without a dictionary, and the
 * same buffer used again (grown only for a bigger chunk).
 */
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type DeflateScratch, deflateRawInto } from '../../src/archive/deflate-into.js';

/** Text-like bytes (COPY rows of words and numbers), `length` long, from `seed`. */
function rows(length: number, seed: number): Uint8Array {
  const words = ['alpha', 'beta', 'gamma', 'delta', '\\N', '2026-01-01', 'Smith', 'Lopez'];
  let text = '';
  for (let i = 0; text.length < length; i++)
    text += `${i + seed}\t${words[(i * 7 + seed) % 8]}\t${(i * 31) % 997}\n`;
  return new TextEncoder().encode(text.slice(0, length));
}

describe('deflateRawInto', () => {
  it("writes deflateRawSync's bytes into one kept buffer, dictionary or not, at every level", () => {
    const scratch: DeflateScratch = { out: null };
    const dictionary = rows(32 * 1024, 5);
    let kept: Uint8Array | null = null;
    for (const level of [1, 6, 9]) {
      for (const [input, dict] of [
        [rows(300_000, level), null],
        [rows(300_000, level + 1), dictionary],
        [new Uint8Array(0), null],
      ] as const) {
        const options: zlib.ZlibOptions = { level, memLevel: 9, ...(dict ? { dictionary: dict } : {}) };
        const expected = zlib.deflateRawSync(input, { ...options, finishFlush: zlib.constants.Z_SYNC_FLUSH });
        const got = deflateRawInto(input, options, zlib, scratch);
        expect(Buffer.from(got).equals(expected)).toBe(true);
        expect(got.buffer).toBe(scratch.out?.buffer);
        kept ??= scratch.out;
        expect(scratch.out).toBe(kept);
      }
    }
    // A bigger chunk grows the buffer once; the next one keeps it.
    const big = rows(600_000, 3);
    const expected = zlib.deflateRawSync(big, { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(Buffer.from(deflateRawInto(big, { level: 1 }, zlib, scratch)).equals(expected)).toBe(true);
    expect(scratch.out).not.toBe(kept);
    const grown = scratch.out;
    deflateRawInto(rows(1000, 1), { level: 1 }, zlib, scratch);
    expect(scratch.out).toBe(grown);
  });
});
