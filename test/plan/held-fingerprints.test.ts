/**
 * Held keys as 64-bit fingerprints: every key added is found (no false
 * negatives, so a held key is never made again), repeats count once, and
 * keys not added are not found (no collision among these).
 */
import { describe, expect, it } from 'vitest';
import {
  createFingerprintCollector,
  fingerprintSet,
  keyFingerprint,
} from '../../src/plan/held-fingerprints.js';

describe('held key fingerprints', () => {
  it('finds every key added, once each, and none other', () => {
    const collector = createFingerprintCollector();
    const held = Array.from({ length: 200_000 }, (_, i) => `k${i.toString(36)}\u0000${i % 7}`);
    for (const k of held) collector.add(k);
    for (const k of held.slice(0, 1000)) collector.add(k);
    const { count, fingerprints } = collector.finish();
    expect(count).toBe(held.length);
    expect(Buffer.from(fingerprints, 'base64').length).toBe(8 * held.length);
    const has = fingerprintSet(fingerprints);
    expect(held.every(has)).toBe(true);
    const absent = Array.from({ length: 200_000 }, (_, i) => `k${(i + 200_000).toString(36)}\u0000${i % 7}`);
    expect(absent.filter(has)).toEqual([]);
  });

  it('a pure function of the text: the same pair each time, different for texts that differ by one unit', () => {
    expect(keyFingerprint('9b2c1a5e-0000-4000-8000-000000000001')).toEqual(
      keyFingerprint('9b2c1a5e-0000-4000-8000-000000000001'),
    );
    expect(keyFingerprint('ab')).not.toEqual(keyFingerprint('ba'));
    expect(keyFingerprint('a\u0000b')).not.toEqual(keyFingerprint('ab\u0000'));
    const empty = createFingerprintCollector().finish();
    expect(empty).toEqual({ count: 0, fingerprints: '' });
    expect(fingerprintSet('')('x')).toBe(false);
  });
});
