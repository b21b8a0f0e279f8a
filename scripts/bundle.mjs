// The build's second step (after tsc): the CLI and the generation worker as
// esbuild bundles over tsc's dist/, so a run loads a few files instead of
// ~150 modules (each resolved, read and compiled: 0.2-0.5 s of a worker's
// start, as much again for the CLI). The library (dist/index.js and the rest)
// stays tsc's output. Dependencies stay in node_modules (external), and the
// CLI's lazy parts stay lazy: its commands are chunks loaded on first use.
//
// Every output sits one directory below dist/ (dist/cli/main.js,
// dist/chunks/*.js, dist/run/generation-worker.cjs), so a source file's
// `import.meta.url` is rewritten to the URL its tsc output has
// (`new URL('../run/templates.js', import.meta.url)`): paths made from it
// (templates/, package.json, the worker's file) resolve as they do unbundled.
//
// The generation worker (src/run/generation-worker.ts) is bundled so too,
// dist/chunks/generation-worker-HASH.cjs, with a cache per state of V8's
// flags a worker meets (scripts/worker-code-cache.mjs), and run by
// dist/run/generation-worker.cjs (src/run/generation-worker-launch.ts).
//
// The CLI itself (src/cli/main.ts, every command) is one CommonJS-shaped
// bundle, dist/chunks/cli-HASH.cjs, run by the launcher (src/cli/launch.ts,
// written as dist/cli/main.js) through V8's code cache, which
// scripts/code-cache.mjs makes from a run of it (src/run/code-cache.ts: Node
// 20 caches no ES module's code). Its `import.meta.url` is rewritten from
// the bundle's own URL, its `import()` calls renamed `__datagenImport(`.
//
// It also writes the part of faker's en data the dictionaries read as JSON
// (dist/values/en-definitions.json, src/values/locale-snapshot.ts): a run
// parses it instead of loading faker's modules in every thread.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

/**
 * `import.meta.url` in a source file → the URL of its tsc output, from a bundle one level below dist/ whose own
 * URL is `bundleUrl` (`import.meta.url` in an ES module, `__datagenUrl` in the CLI's bundle).
 */
function distMetaUrl(bundleUrl) {
  return {
    name: 'dist-import-meta-url',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const text = await readFile(path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const own = relative(src, path).split(sep).join('/').replace(/\.ts$/, '.js');
        if (own.startsWith('..')) throw new Error(`bundle: ${path} is outside src/`);
        const url = `new URL(${JSON.stringify(`../${own}`)}, ${bundleUrl}).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [distMetaUrl('import.meta.url')],
};

/** Every output file one level below dist/ (what the `import.meta.url` rewrite assumes). */
function checkDepth(metafile) {
  for (const file of Object.keys(metafile.outputs)) {
    const parts = relative(dist, join(root, file)).split(sep);
    if (parts.length !== 2 || parts[0] === '..')
      throw new Error(`bundle: ${file} is not one level below dist/`);
  }
}

const { SNAPSHOT_FILE, takeSnapshot } = await import('../dist/values/locale-snapshot.js');
writeFileSync(join(dist, 'values', SNAPSHOT_FILE), JSON.stringify(takeSnapshot()));

// Chunks are named by their hash: those of an earlier build would pile up.
rmSync(join(dist, 'chunks'), { recursive: true, force: true });
const workerBundle = await writeCjsBundle('run/generation-worker.ts', 'generation-worker');
const worker = await build({
  ...common,
  format: 'cjs',
  sourcemap: false,
  plugins: [distMetaUrl('require("node:url").pathToFileURL(__filename)')],
  entryPoints: [join(src, 'run/generation-worker-launch.ts')],
  outfile: join(dist, 'run', 'generation-worker.cjs'),
  define: { DATAGEN_WORKER_BUNDLE: JSON.stringify(workerBundle.name) },
  metafile: true,
});
checkDepth(worker.metafile);
execFileSync(process.execPath, [join(root, 'scripts', 'worker-code-cache.mjs'), workerBundle.path], {
  stdio: 'inherit',
});
const cliBundle = await writeCjsBundle('cli/main.ts', 'cli');
execFileSync(process.execPath, [join(root, 'scripts', 'code-cache.mjs'), cliBundle.path], {
  stdio: 'inherit',
});
const launcher = await build({
  ...common,
  entryPoints: { 'cli/main': join(src, 'cli/launch.ts') },
  outdir: dist,
  define: { DATAGEN_CLI_BUNDLE: JSON.stringify(cliBundle.name) },
  metafile: true,
});
checkDepth(launcher.metafile);
// The package's bin: npm 11's `npx datagen` in a clone runs it as a program (esbuild writes it 0644).
chmodSync(join(dist, 'cli', 'main.js'), 0o755);

/**
 * An entry (the CLI's main.ts, the generation worker) as one CommonJS-shaped bundle for code-cache.ts,
 * named by its content: dist/chunks/NAME-HASH.cjs.
 */
async function writeCjsBundle(entry, prefix) {
  const result = await build({
    ...common,
    format: 'cjs',
    sourcemap: false,
    plugins: [distMetaUrl('__datagenUrl')],
    entryPoints: [join(src, entry)],
    outfile: join(dist, 'chunks', `${prefix}.cjs`),
    write: false,
  });
  const [output] = result.outputFiles;
  // No shebang: the text is a function's body.
  const text = output.text.replace(/^#!.*\n/, '').replaceAll('import("', '__datagenImport("');
  if (/\bimport\s*\(\s*[^\s$`]/.test(text.replaceAll('import(${', '')) || text.includes('import.meta'))
    throw new Error(
      `bundle: the ${prefix} bundle keeps an import() or import.meta that code-cache.ts cannot serve`,
    );
  const name = `${prefix}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.cjs`;
  const path = join(dist, 'chunks', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { name, path };
}
