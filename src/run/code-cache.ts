/**
 * The CLI's bundle run through V8's code cache: Node 20 keeps no compiled
 * code for ES modules between runs (`module.enableCompileCache` is Node
 * 22's), so every run parsed and compiled the CLI's 2.8 MB of JavaScript
 * again, and compiled each function it called on its first call. The build
 * (scripts/bundle.mjs) writes the CLI as one CommonJS-shaped bundle and,
 * from a run of it (scripts/code-cache.mjs), the bytecode V8 made for it;
 * a run hands both to `vm.Script`, which takes the compiled functions from
 * the cache instead of compiling them.
 *
 * V8 checks a cache against its own version, the V8 flags in force (Node's
 * command line, NODE_OPTIONS, `v8.setFlagsFromString`) and the source's
 * length, and rejects it (`cachedDataRejected`) when one differs: the run
 * then compiles as it would without one. The length is no proof of the
 * text, so the bundle's name carries its content hash and the cache is
 * named after it: a cache never meets another build's bundle.
 *
 * A generation worker's bundle (generation-worker.ts) runs the same way, from
 * a cache per state of V8's flags (`flagKeyedCacheFile`): it starts after the
 * run has set flags of its own (`--expose-gc`, the new space's size and
 * growth, `--heap-growing-percent`), so one cache made under the launcher's
 * flags would be rejected there; the build makes one for each state a worker
 * meets (scripts/worker-code-cache.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * The function the bundle's text is wrapped in. Its `import()` calls (the
 * packages loaded on first use: the parser, pg, parquet, faker's locales)
 * are renamed `__datagenImport(` by the build: a `vm.Script` has no module
 * loader of its own (and one from a cache loses it), so they go through
 * this module's.
 */
const PARAMETERS = 'exports, require, module, __filename, __dirname, __datagenUrl, __datagenImport';

/** The cache's file beside its bundle. */
export function codeCacheFile(bundle: URL): URL {
  return new URL(`${bundle.href}.cache`);
}

/**
 * The first bytes of a cache V8 makes: its magic number and the hashes of V8's version, of the source (its
 * length) and of the flags. The rest (the bytecode, a checksum) varies by process: string hashes are seeded.
 */
const CACHE_HEADER_BYTES = 16;

/**
 * The cache beside a bundle for V8's flags as they are now: named by the header of the cache V8 makes of a
 * constant script, so each state of the flags finds its own.
 */
export function flagKeyedCacheFile(bundle: URL): URL {
  const header = new Script('0').createCachedData().subarray(0, CACHE_HEADER_BYTES);
  return new URL(`${bundle.href}.${Buffer.from(header).toString('hex')}.cache`);
}

/**
 * The bundle compiled (from its cache where V8 takes it: `cache`, by default the one beside it) and
 * evaluated; its Script, to make a cache from.
 */
export function runCachedBundle(bundle: URL, cache = codeCacheFile(bundle)): Script {
  const path = fileURLToPath(bundle);
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node 22's compile cache (main.ts).
  const cachedData =
    process.env.NODE_DISABLE_COMPILE_CACHE === undefined && existsSync(cache)
      ? readFileSync(cache)
      : undefined;
  const script = new Script(`(function (${PARAMETERS}) {${readFileSync(path, 'utf8')}\n})`, {
    filename: path,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper(
    module.exports,
    createRequire(bundle),
    module,
    path,
    fileURLToPath(new URL('.', bundle)),
    bundle.href,
    (specifier: string) => import(specifier),
  );
  return script;
}
