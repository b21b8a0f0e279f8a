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

/**
 * The relative paths a file loads: `import ... from`, `import type ... from`,
 * `export ... from`, a bare `import '...'`, `import('...')` (a type's too),
 * `require('...')` and a worker's `new URL('...', import.meta.url)`.
 */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\bimport|\bimport\(|\brequire\(|\bnew URL\()\s*'(\.[^']+)'/g)].map(
    (m) => m[1]!,
  );
}

describe('layers', () => {
  it('every source file belongs to a layer of ARCHITECTURE.md', () => {
    const strays = sourceFiles(SRC).filter((f) => layerOf(f) < 0 && relative(SRC, f) !== 'index.ts');
    expect(strays).toEqual([]);
  });

  it('every layer directory of src is in the order ARCHITECTURE.md gives', () => {
    const dirs = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(dirs.filter((dir) => !ORDER.includes(dir))).toEqual([]);
    const sentence = /Layers import only downward, in this order:([^.]+)\./.exec(
      readFileSync(resolve(__dirname, '../ARCHITECTURE.md'), 'utf8'),
    );
    const documented = [...(sentence?.[1] ?? '').matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
    expect(documented).toEqual(ORDER.filter((layer) => !layer.endsWith('.ts')));
  });

  it('sees every way a file loads another', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "import './d.js';",
      "const e = await import('./e.js');",
      "type F = typeof import('./f.js');",
      "const g = require('../g.json');",
      "startWorkerThread(new URL('./h.js', import.meta.url));",
      "import { i } from 'node:fs';",
    ].join('\n');
    expect(relativeImports(text)).toEqual([
      './a.js',
      '../b/b.js',
      './c.js',
      './d.js',
      './e.js',
      './f.js',
      '../g.json',
      './h.js',
    ]);
  });

  it('imports only go downward', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (relative(SRC, file) === 'index.ts') continue;
      for (const path of relativeImports(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), path).replace(/\.js$/, '.ts');
        if (layerOf(target) > layerOf(file))
          upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
