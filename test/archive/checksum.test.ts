import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ADLER32_WASM_BASE64, createSimdAdler32 } from '../../src/archive/adler32-simd.js';
import { adler32, adler32Combine } from '../../src/archive/checksum.js';

/** The Adler-32 zlib itself writes in a zlib stream's trailer. */
function zlibAdler(bytes: Uint8Array): number {
  const stream = deflateSync(bytes, { level: 0 });
  return stream.readUInt32BE(stream.length - 4);
}

function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('adler32 (the word-at-a-time version the deflate workers run)', () => {
  it('matches zlib for every alignment and for lengths around its 8-byte steps and 1 KiB blocks', () => {
    const source = noise(70_000, 7);
    for (const offset of [0, 1, 2, 3, 5]) {
      for (const length of [0, 1, 3, 7, 8, 9, 15, 16, 17, 1023, 1024, 1025, 2048 + 3, 5552, 65_536]) {
        const bytes = source.subarray(offset, offset + length);
        expect(adler32(bytes), `offset ${offset} length ${length}`).toBe(zlibAdler(bytes));
      }
    }
  });

  it('stays exact at the largest sums (all 0xff) and continues from a previous value', () => {
    const ones = new Uint8Array(1 << 20).fill(0xff);
    expect(adler32(ones)).toBe(zlibAdler(ones));
    const bytes = noise(300_001, 3);
    for (const cut of [1, 4096, 150_000, 299_999]) {
      const first = adler32(bytes.subarray(0, cut));
      expect(adler32(bytes.subarray(cut), first)).toBe(zlibAdler(bytes));
      expect(adler32Combine(first, adler32(bytes.subarray(cut)), bytes.length - cut)).toBe(zlibAdler(bytes));
    }
  });
});

describe('adler32 in WebAssembly SIMD (what the deflate workers use)', () => {
  const simd = createSimdAdler32(ADLER32_WASM_BASE64);

  it('instantiates on this Node', () => {
    expect(simd).not.toBeNull();
  });

  it('matches zlib around its 16-byte vectors and 4 KiB blocks, at the largest sums, from a previous value', () => {
    const source = noise(3 << 20, 11); // larger than the module's initial memory: it must grow
    for (const length of [0, 1, 15, 16, 17, 4095, 4096, 4097, 8192 + 5, 65_536, 1 << 20, 3 << 20]) {
      const bytes = source.subarray(0, length);
      expect(simd!(bytes, 1), `length ${length}`).toBe(zlibAdler(bytes));
    }
    const ones = new Uint8Array(1 << 20).fill(0xff);
    expect(simd!(ones, 1)).toBe(zlibAdler(ones));
    const bytes = source.subarray(5, 70_005);
    const first = adler32(bytes.subarray(0, 12_345));
    expect(simd!(bytes.subarray(12_345), first)).toBe(zlibAdler(bytes));
  });
});
