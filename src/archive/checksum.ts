/**
 * Adler-32 (zlib trailer) and CRC-32 (gzip trailer), and how to combine the
 * checksums of two adjacent pieces without reading the bytes again. That is
 * what lets independently compressed chunks form one valid stream (pigz does
 * the same).
 */
import zlib from 'node:zlib';

const ADLER_BASE = 65521;

/**
 * Adler-32 of `bytes`, continuing from `start` (1 for a new stream).
 *
 * Runs in the deflate workers too (deflate-pool.ts embeds its source text),
 * so it must stay self-contained: no references to anything outside it.
 *
 * Why it is shaped like this: it is on the compression path for every byte,
 * and the plain byte loop (~1.5 GB/s) costs a fifth of level-1 deflate. This
 * reads two little-endian 32-bit words per step and keeps the per-byte sums
 * in two 16-bit lanes (even and odd bytes), then folds a block of 256 words
 * into a and b at once (~4 GB/s):
 *   a += Σ bytes;  b += 4·K·a₀ + 4·Σₖ(bytes before word k) + Σₖ(4x₀+3x₁+2x₂+x₃)
 * for K words of bytes x₀..x₃. Every intermediate stays below 2³¹ (so V8
 * keeps them as small integers): lanes ≤ 256·255, Σₖ prefix ≤ 256²/2·1020.
 */
export function adler32(bytes: Uint8Array, start = 1): number {
  const mod = 65521;
  let a = start & 0xffff;
  let b = start >>> 16;
  const n = bytes.length;
  let i = 0;
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (littleEndian) {
    // Bytes up to a 4-byte boundary one at a time, then whole words.
    const misaligned = (4 - (bytes.byteOffset & 3)) & 3;
    for (; i < misaligned && i < n; i++) {
      a = (a + bytes[i]!) % mod;
      b = (b + a) % mod;
    }
    const pairs = i < n ? ((n - i) >>> 3) << 1 : 0; // an even number of words
    const words = new Uint32Array(bytes.buffer, pairs > 0 ? bytes.byteOffset + i : 0, pairs);
    let k = 0;
    while (k < pairs) {
      const end = Math.min(k + 256, pairs);
      const count = end - k;
      let even = 0; // Σ of bytes 0 and 2 of each word, in two 16-bit lanes
      let odd = 0; // Σ of bytes 1 and 3
      let run = 0; // Σ of all bytes so far in this block
      let prefixes = 0; // Σ over words of `run` after that word
      for (; k < end; k += 2) {
        const w = words[k]!;
        const v = words[k + 1]!;
        const e1 = w & 0x00ff00ff;
        const o1 = (w >>> 8) & 0x00ff00ff;
        const e2 = v & 0x00ff00ff;
        const o2 = (v >>> 8) & 0x00ff00ff;
        even += e1 + e2;
        odd += o1 + o2;
        // imul(x, 0x10001) >>> 16 adds x's two 16-bit lanes.
        const afterFirst = run + (Math.imul(e1 + o1, 0x10001) >>> 16);
        run = afterFirst + (Math.imul(e2 + o2, 0x10001) >>> 16);
        prefixes += afterFirst + run;
      }
      const weighted = 4 * (even & 0xffff) + 3 * (odd & 0xffff) + 2 * (even >>> 16) + (odd >>> 16);
      b = (b + 4 * count * a + 4 * (prefixes - run) + weighted) % mod;
      a = (a + run) % mod;
    }
    i += pairs * 4;
  }
  // The tail (and every byte on a big-endian machine), reducing at least every 5552 bytes.
  while (i < n) {
    const end = Math.min(i + 5552, n);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= mod;
    b %= mod;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Adler-32 of A‖B from adler(A), adler(B) and |B|. With a = 1 + Σ bytes and
 * b = Σ of the running a's: a(AB) = a(A) + a(B) − 1, and
 * b(AB) = b(A) + b(B) + |B|·(a(A) − 1), all mod 65521.
 */
export function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const aA = adlerA & 0xffff;
  const bA = adlerA >>> 16;
  const aB = adlerB & 0xffff;
  const bB = adlerB >>> 16;
  const rem = lengthB % ADLER_BASE;
  const a = (aA + aB + ADLER_BASE - 1) % ADLER_BASE;
  const b = (bA + bB + ((rem * ((aA + ADLER_BASE - 1) % ADLER_BASE)) % ADLER_BASE)) % ADLER_BASE;
  return ((b << 16) | a) >>> 0;
}

const CRC_POLY = 0xedb88320; // reflected x^32 + x^26 + … + 1

/** CRC-32 (gzip's) of `bytes`, continuing from `start` (0 for a new stream). */
export function crc32(bytes: Uint8Array, start = 0): number {
  return zlib.crc32(bytes, start) >>> 0;
}

// Product of two polynomials modulo the CRC polynomial, in the reflected bit
// order CRC-32 uses (bit 31 is x^0).
function multModP(a: number, b: number): number {
  let product = 0;
  for (let m = 0x80000000; m !== 0; m >>>= 1) {
    if ((a & m) !== 0) product ^= b;
    b = b & 1 ? (b >>> 1) ^ CRC_POLY : b >>> 1;
  }
  return product >>> 0;
}

// x^(2^k) mod P for k = 0..31, by repeated squaring from x^1.
const X2N: number[] = (() => {
  const table = [0x40000000];
  for (let k = 1; k < 32; k++) table.push(multModP(table[k - 1]!, table[k - 1]!));
  return table;
})();

// x^(8n) mod P: appending n zero bytes multiplies the CRC register by this.
function xPow8n(n: number): number {
  let p = 0x80000000; // x^0
  let k = 3; // 8n = n·2^3
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** CRC-32 of A‖B from crc(A), crc(B) and |B|. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(xPow8n(lengthB), crcA) ^ crcB) >>> 0;
}
