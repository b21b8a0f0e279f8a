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

/**
 * zlib as another runtime (or a later Node) might give it: `createDeflateRaw`'s stream changed by
 * `alter` (its handle gone, replaced or its write state missing), everything else Node's own.
 */
function zlibWith(alter: (stream: Record<string, unknown>) => void): typeof zlib {
  return {
    ...zlib,
    createDeflateRaw(options?: zlib.ZlibOptions) {
      const stream = zlib.createDeflateRaw(options);
      alter(stream as unknown as Record<string, unknown>);
      return stream;
    },
  } as typeof zlib;
}

describe('deflateRawInto without Node’s zlib internals', () => {
  // Each forces the fallback to deflateRawSync: the same bytes, in a buffer of their own, nothing thrown or warned.
  const realWrite = (stream: Record<string, unknown>) => {
    const handle = stream._handle as { writeSync: (...args: unknown[]) => void };
    return handle.writeSync.bind(handle);
  };
  const cases: [string, (stream: Record<string, unknown>) => void][] = [
    [
      'no native handle (another runtime)',
      (s) => void Object.defineProperty(s, '_handle', { value: undefined }),
    ],
    ['no write state', (s) => void Object.defineProperty(s, '_writeState', { value: undefined })],
    ['a handle without writeSync', (s) => void Object.defineProperty(s, '_handle', { value: {} })],
    [
      'writeSync that throws',
      (s) =>
        void Object.defineProperty(s, '_handle', {
          value: {
            writeSync() {
              throw new TypeError('unexpected arguments');
            },
            close() {},
          },
        }),
    ],
    [
      'writeSync that writes nothing (its write state untouched)',
      (s) => void Object.defineProperty(s, '_handle', { value: { writeSync() {}, close() {} } }),
    ],
    [
      'writeSync that stops short of the input (less room than asked)',
      (s) => {
        const write = realWrite(s);
        const handle = s._handle as { writeSync: (...args: unknown[]) => void };
        handle.writeSync = (flush, input, inOff, inLen, out, outOff) =>
          write(flush, input, inOff, inLen, out, outOff, 256);
      },
    ],
  ];
  it.each(cases)('%s: deflateRawSync’s bytes, silently', (_label, alter) => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const scratch: DeflateScratch = { out: null };
      for (const level of [1, 6]) {
        const input = rows(200_000, level);
        const options: zlib.ZlibOptions = { level, memLevel: 9 };
        const expected = zlib.deflateRawSync(input, { ...options, finishFlush: zlib.constants.Z_SYNC_FLUSH });
        const got = deflateRawInto(input, options, zlibWith(alter), scratch);
        expect(Buffer.from(got).equals(expected)).toBe(true);
        expect(got.buffer).not.toBe(scratch.out?.buffer);
      }
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
