/**
 * Bob Jenkins' lookup3 (PostgreSQL's common/hashfn.c) with the hash
 * partition seed: hash_bytes_extended and hash_bytes_uint32_extended, the
 * extended hashes every type's partition hash reduces to (pg-hash.ts).
 * 64-bit values are two unsigned 32-bit halves in plain numbers.
 */

/** A 64-bit hash as two unsigned 32-bit halves. */
export interface Hash64 {
  hi: number;
  lo: number;
}

/** HASH_PARTITION_SEED (0x7A5B22367996DCFD), the seed of every partition key column's hash. */
export const SEED_HI = 0x7a5b2236;
export const SEED_LO = 0x7996dcfd;
export const TWO_32 = 4294967296;

const rot = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** lookup3's state: three 32-bit words (module variables: no allocation per value). */
let sa = 0;
let sb = 0;
let sc = 0;

/** lookup3's reversible mix of the state. */
function mix(): void {
  let a = sa;
  let b = sb;
  let c = sc;
  a = (a - c) ^ rot(c, 4);
  c = (c + b) | 0;
  b = (b - a) ^ rot(a, 6);
  a = (a + c) | 0;
  c = (c - b) ^ rot(b, 8);
  b = (b + a) | 0;
  a = (a - c) ^ rot(c, 16);
  c = (c + b) | 0;
  b = (b - a) ^ rot(a, 19);
  a = (a + c) | 0;
  c = (c - b) ^ rot(b, 4);
  b = (b + a) | 0;
  sa = a;
  sb = b;
  sc = c;
}

/** lookup3's final mix; the result is (b, c) as the 64-bit hash's high and low halves. */
function finish(out: Hash64): void {
  let a = sa;
  let b = sb;
  let c = sc;
  c = (c ^ b) - rot(b, 14);
  a = (a ^ c) - rot(c, 11);
  b = (b ^ a) - rot(a, 25);
  c = (c ^ b) - rot(b, 16);
  a = (a ^ c) - rot(c, 4);
  b = (b ^ a) - rot(a, 14);
  c = (c ^ b) - rot(b, 24);
  out.hi = b >>> 0;
  out.lo = c >>> 0;
}

/** The seeded state for `length` bytes (the seed is constant: the state per length is kept). */
const seededStates = new Map<number, readonly [number, number, number]>();

/** The state for `length` bytes, perturbed by the partition seed. */
function seeded(length: number): void {
  const kept = seededStates.get(length);
  if (kept !== undefined) {
    [sa, sb, sc] = kept;
    return;
  }
  const init = (0x9e3779b9 + length + 3923095) | 0;
  sa = (init + SEED_HI) | 0;
  sb = (init + SEED_LO) | 0;
  sc = init;
  mix();
  if (length <= 1024) seededStates.set(length, [sa, sb, sc]);
}

/** hash_bytes_uint32_extended with the partition seed. */
export function hashUint32(k: number, out: Hash64): void {
  seeded(4);
  sa = (sa + k) | 0;
  finish(out);
}

/** The little-endian 32-bit word at `i`. */
const word = (k: Uint8Array, i: number): number =>
  (k[i] as number) |
  ((k[i + 1] as number) << 8) |
  ((k[i + 2] as number) << 16) |
  ((k[i + 3] as number) << 24);

/** hash_bytes_extended of `k[0, length)` with the partition seed, as a little-endian machine reads it. */
export function hashBytes(k: Uint8Array, length: number, out: Hash64): void {
  seeded(length);
  let i = 0;
  let left = length;
  while (left >= 12) {
    sa = (sa + word(k, i)) | 0;
    sb = (sb + word(k, i + 4)) | 0;
    sc = (sc + word(k, i + 8)) | 0;
    mix();
    i += 12;
    left -= 12;
  }
  // The last 11 bytes: the lowest byte of c is the length's (not added here).
  let a = 0;
  let b = 0;
  let c = 0;
  for (let j = left - 1; j >= 0; j--) {
    const byte = k[i + j] as number;
    if (j >= 8) c += byte * 2 ** (8 * (j - 7));
    else if (j >= 4) b += byte * 2 ** (8 * (j - 4));
    else a += byte * 2 ** (8 * j);
  }
  sa = (sa + a) | 0;
  sb = (sb + b) | 0;
  sc = (sc + c) | 0;
  finish(out);
}
