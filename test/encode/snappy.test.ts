/**
 * datagen's Snappy (src/encode/snappy.ts) is hyparquet-writer's algorithm
 * written into one array: it must give the very bytes of hyparquet-writer's
 * `snappyCompress` (so Parquet files are unchanged by it), and those bytes
 * must decode back to the input with hyparquet's reader.
 */
import { snappyUncompress } from 'hyparquet/src/snappy.js';
import { snappyCompress as reference } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { snappyCompress } from '../../src/encode/snappy.js';

/** Deterministic bytes: `alphabet` of them at random, with runs copied from earlier (text-like) when `repeats`. */
function bytes(length: number, seed: number, alphabet: number, repeats: boolean): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  const next = (bound: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % bound;
  };
  for (let i = 0; i < length; i++) {
    if (repeats && i > 100 && next(10) === 0) {
      const from = next(Math.min(i, 70_000));
      const run = Math.min(length - i, 4 + next(80));
      for (let k = 0; k < run; k++) out[i + k] = out[i - from - 1 + (k % (from + 1))]!;
      i += run - 1;
    } else out[i] = 32 + next(alphabet);
  }
  return out;
}

describe('snappyCompress', () => {
  it("gives hyparquet-writer's bytes, which decode to the input, for short, long, random, repetitive and empty inputs", () => {
    const inputs: Uint8Array[] = [new Uint8Array(0), new Uint8Array(100_000)];
    for (const length of [1, 4, 14, 15, 16, 17, 61, 300, 4_096, 65_536, 70_000, 300_000])
      for (const [alphabet, repeats] of [
        [2, false],
        [60, true],
        [224, false],
      ] as const)
        inputs.push(bytes(length, length + alphabet, alphabet, repeats));
    for (const input of inputs) {
      const ours = snappyCompress(input);
      expect(Buffer.from(ours).equals(Buffer.from(reference(input))), `${input.length} bytes`).toBe(true);
      const back = new Uint8Array(input.length);
      snappyUncompress(ours, back);
      expect(Buffer.from(back).equals(Buffer.from(input))).toBe(true);
    }
  });
});
