/**
 * uuid, shaped as version 4 (RFC 9562: version nibble 4, variant 10xx).
 * Unique values spread k over the 122 free bits by a bijection, so they look
 * random but never collide.
 */
import { mix32 } from '../random.js';
import { HEX2, hex8 } from './format.js';
import type { TypeSupport } from './generator.js';

/** The canonical text form of 128 bits given as four uint32 words, with v4 version and variant bits set. */
export function formatUuidV4(w0: number, w1: number, w2: number, w3: number): string {
  const v = ((w1 & 0xffff0fff) | 0x00004000) >>> 0;
  const r = ((w2 & 0x3fffffff) | 0x80000000) >>> 0;
  return (
    hex8(w0) +
    '-' +
    HEX2[v >>> 24]! +
    HEX2[(v >>> 16) & 255]! +
    '-' +
    HEX2[(v >>> 8) & 255]! +
    HEX2[v & 255]! +
    '-' +
    HEX2[r >>> 24]! +
    HEX2[(r >>> 16) & 255]! +
    '-' +
    HEX2[(r >>> 8) & 255]! +
    HEX2[r & 255]! +
    hex8(w3)
  );
}

/**
 * k (< 2^53) → uuid, injective: (lo, hi) → (x0, x1) with x0 = mix32(lo),
 * x1 = mix32(hi ^ mix32(x0 ^ c)) is a bijection on 64 bits (each step is
 * invertible), and x0, x1 land whole in the first and last 32 bits, which the
 * version and variant bits do not touch. The middle bits are derived noise.
 */
export function uniqueUuid(k: number): string {
  const lo = k >>> 0;
  const hi = Math.floor(k / 4294967296) >>> 0;
  const x0 = mix32(lo ^ 0x6a09e667);
  const x1 = mix32(hi ^ mix32(x0 ^ 0xbb67ae85));
  return formatUuidV4(x0, mix32(x0 ^ x1 ^ 0x3c6ef372), mix32(x1 ^ 0xa54ff53a), x1);
}

export const uuidSupport: TypeSupport = {
  random: () => ({ random: (rand) => formatUuidV4(rand.next(), rand.next(), rand.next(), rand.next()) }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: uniqueUuid }),
};
