/**
 * murmur3's 32-bit finaliser written out as the plain unsigned formula, the
 * reference the hashing tests compare src/values/random.ts against: a
 * change there that alters a single output bit shows as a mismatch.
 */
export function mixReference(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
