/**
 * The architecture's one rule, checked: a layer imports only from the layers
 * below it (ARCHITECTURE.md lists the order). `src/index.ts`, the public API,
 * re-exports from every layer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ORDER = [
  'errors.ts',
  'version.ts',
  'schema',
  'input',
  'checks',
  'values',
  'plan',
  'generate',
  'encode',
  'sink',
  'archive',
  'format',
  'run',
  'cli',
];
const SRC = resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): number {
  return ORDER.indexOf(relative(SRC, path).split('/')[0]!);
}

describe('layers', () => {
  it('every source file belongs to a layer of ARCHITECTURE.md', () => {
    const strays = sourceFiles(SRC).filter((f) => layerOf(f) < 0 && relative(SRC, f) !== 'index.ts');
    expect(strays).toEqual([]);
  });

  it('imports only go downward', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (relative(SRC, file) === 'index.ts') continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
        const target = resolve(dirname(file), (m[1] ?? m[2])!).replace(/\.js$/, '.ts');
        if (layerOf(target) > layerOf(file))
          upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
