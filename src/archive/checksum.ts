/**
 * Adler-32 (zlib trailer) and CRC-32 (gzip trailer), and how to combine the
 * checksums of two adjacent pieces without reading the bytes again. That is
 * what lets independently compressed chunks form one valid stream (pigz does
 * the same).
 */
import zlib from 'node:zlib';

const ADLER_BASE = 65521;
// Largest n such that 255n(n+1)/2 + (n+1)(BASE-1) fits in 2^32: reduce at least this often.
const ADLER_NMAX = 5552;

/** Adler-32 of `bytes`, continuing from `start` (1 for a new stream). */
export function adler32(bytes: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  let i = 0;
  while (i < bytes.length) {
    const end = Math.min(i + ADLER_NMAX, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
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
