// The build's last step (scripts/bundle.mjs runs it in a process of its
// own): the CLI's bundle run once, as the launcher (src/cli/launch.ts) runs
// it, on a small generate of examples/shop.sql, then the code V8 compiled
// for it written beside it (src/run/code-cache.ts reads it). V8 takes a
// cache only under the flags it was made under, so the run ends with the
// flags it began with (the launcher's --liftoff-only; the run's young and
// old generation holds undone), checked by a probe's cache made before and
// after: where they differ no cache is written and the CLI compiles as it
// did without one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = pathToFileURL(process.argv[2]);
const { codeCacheFile, runCachedBundle } = await import('../dist/run/code-cache.js');

setFlagsFromString('--liftoff-only');
const probe = () => new Script('0').createCachedData();
const before = probe();
const scratch = mkdtempSync(join(tmpdir(), 'datagen-code-cache-'));
const schema = join(root, 'examples', 'shop.sql');
process.argv = [
  process.argv[0],
  join(root, 'dist', 'cli', 'main.js'),
  'generate',
  schema,
  '-r',
  '100',
  '--seed',
  '1',
  '-q',
  '-f',
  join(scratch, 'shop.sql'),
];
const script = runCachedBundle(bundle);
process.once('exit', () => {
  rmSync(scratch, { recursive: true, force: true });
  if (process.exitCode !== 0 && process.exitCode !== undefined) return;
  if (!probe().equals(before)) {
    process.stderr.write('bundle: no code cache (the warm-up run left V8 flags changed)\n');
    return;
  }
  writeFileSync(codeCacheFile(bundle), script.createCachedData());
});
