/**
 * --append: the keys a big table holds, as 64-bit fingerprints instead of
 * their text (8 bytes a key: 8 MB for a million held keys, whatever their
 * length). A generated key whose fingerprint is not among them is not held;
 * one whose fingerprint is, is treated as held, so a held key is never made
 * again (no false negatives), and a free key is passed over only on a 64-bit
 * collision (about n·m / 2^64: 5·10^-8 for a million held and a million made),
 * which changes which free key a row takes, never whether keys are unique.
 * The set travels in the plan as base64 text (JSON, worker messages, the
 * --resume state record) and is decoded once where it is read.
 */

/** Two 32-bit hashes (murmur3's finaliser over each UTF-16 unit, different seeds) of a key's text. */
export function keyFingerprint(text: string): [number, number] {
  let a = 0x9747b28c ^ text.length;
  let b = 0x85ebca6b ^ Math.imul(text.length, 0x27d4eb2f);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ c, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    b = Math.imul(b, 5) + 0xe6546b64;
  }
  const mix = (h: number): number => {
    let x = h ^ (h >>> 16);
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  return [mix(a), mix(b ^ a)];
}

/** Collects the fingerprints of keys read in batches; `finish` sorts them, drops repeats, and encodes them. */
export function createFingerprintCollector(): {
  add(text: string): void;
  finish(): { count: number; fingerprints: string };
} {
  let pairs = new Uint32Array(1 << 16);
  let n = 0;
  return {
    add(text) {
      if (2 * n + 2 > pairs.length) {
        const grown = new Uint32Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      const [hi, lo] = keyFingerprint(text);
      pairs[2 * n] = hi;
      pairs[2 * n + 1] = lo;
      n++;
    },
    finish() {
      // Sorted as 64-bit numbers through a BigUint64Array view (hi in the upper half), repeats dropped.
      const keys = new BigUint64Array(n);
      for (let i = 0; i < n; i++)
        keys[i] = (BigInt(pairs[2 * i] as number) << 32n) | BigInt(pairs[2 * i + 1] as number);
      keys.sort();
      let count = 0;
      for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[count++] = keys[i] as bigint;
      const out = Buffer.alloc(count * 8);
      for (let i = 0; i < count; i++) out.writeBigUInt64BE(keys[i] as bigint, i * 8);
      return { count, fingerprints: out.toString('base64') };
    },
  };
}

/** Membership in an encoded fingerprint set (binary search over the sorted pairs). */
export function fingerprintSet(encoded: string): (text: string) => boolean {
  const bytes = Buffer.from(encoded, 'base64');
  const n = bytes.length / 8;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = bytes.readUInt32BE(i * 8);
    lo[i] = bytes.readUInt32BE(i * 8 + 4);
  }
  return (text) => {
    const [h, l] = keyFingerprint(text);
    let a = 0;
    let b = n;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const mh = hi[mid] as number;
      if (mh < h || (mh === h && (lo[mid] as number) < l)) a = mid + 1;
      else b = mid;
    }
    return a < n && hi[a] === h && lo[a] === l;
  };
}
