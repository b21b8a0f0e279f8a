/**
 * faker's en data as the build's JSON snapshot (locale-snapshot.ts): every
 * path the dictionaries read is in it, the JSON holds the same values as
 * faker's definitions, and a snapshot of another faker version or other
 * paths (or none, or a broken file) is not used.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { base, en, en_US } from '@faker-js/faker';
import { afterAll, describe, expect, it } from 'vitest';
import { EN, EN_US } from '../../src/values/locale-definitions.js';
import {
  EN_PATHS,
  EN_US_PATHS,
  fakerVersion,
  pickPaths,
  readSnapshot,
  takeSnapshot,
} from '../../src/values/locale-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'datagen-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The value at a path, or undefined. */
function at(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

/** Every `.ts` file under src. */
function sources(from = 'src'): string[] {
  return readdirSync(from).flatMap((name) => {
    const path = join(from, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the en snapshot', () => {
  const snapshot = takeSnapshot();

  it('holds every listed path, each as faker defines it (en over base, en_US over en)', () => {
    for (const path of EN_PATHS) {
      expect(at(snapshot.en, path), path.join('.')).toBeDefined();
      expect(at(snapshot.en, path), path.join('.')).toEqual(at(en, path) ?? at(base, path));
    }
    for (const path of EN_US_PATHS) {
      expect(at(snapshot.en_US, path), path.join('.')).toBeDefined();
      expect(at(snapshot.en_US, path), path.join('.')).toEqual(
        at(en_US, path) ?? at(en, path) ?? at(base, path),
      );
    }
    expect(EN).toEqual(snapshot.en);
    expect(EN_US).toEqual(snapshot.en_US);
  });

  it('lists every path the source reads from EN and EN_US', () => {
    const read = new Set<string>();
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bat\((EN|EN_US), ((?:'[a-z_]+'(?:, )?)+)\)/g))
        read.add(`${m[1]}:${[...(m[2] as string).matchAll(/'([a-z_]+)'/g)].map((k) => k[1]).join('.')}`);
      for (const m of text.matchAll(/\b(EN|EN_US)\.([a-z_]+) as \{ ([a-z_]+)\?/g))
        read.add(`${m[1]}:${m[2]}.${m[3]}`);
    }
    const listed = new Set([
      ...EN_PATHS.map((p) => `EN:${p.join('.')}`),
      ...EN_US_PATHS.map((p) => `EN_US:${p.join('.')}`),
    ]);
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((path) => !listed.has(path))).toEqual([]);
  });

  it('is the same data after a JSON round trip (what the build writes and a run reads)', () => {
    const file = join(dir, 'same.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const read = readSnapshot(file);
    expect(read).not.toBeNull();
    expect(isDeepStrictEqual(read, snapshot)).toBe(true);
  });

  it('is not used when made from another faker version or other paths, missing or broken', () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...snapshot, faker: `${fakerVersion()}-other` }));
    expect(readSnapshot(other)).toBeNull();
    const paths = join(dir, 'paths.json');
    writeFileSync(paths, JSON.stringify({ ...snapshot, paths: '[]' }));
    expect(readSnapshot(paths)).toBeNull();
    expect(readSnapshot(join(dir, 'missing.json'))).toBeNull();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"faker":');
    expect(readSnapshot(broken)).toBeNull();
  });

  it('picks only the paths asked for, nested as in the source, leaving out absent ones', () => {
    const raw = { a: { b: [1], c: 2 }, d: 'x' };
    expect(pickPaths(raw, [['a', 'b'], ['d'], ['a', 'z'], ['q', 'r']])).toEqual({ a: { b: [1] }, d: 'x' });
  });
});
