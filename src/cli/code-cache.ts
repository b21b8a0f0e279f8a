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

/** The bundle compiled (from its cache where V8 takes it) and evaluated; its Script, to make a cache from. */
export function runCachedBundle(bundle: URL): Script {
  const path = fileURLToPath(bundle);
  const cache = codeCacheFile(bundle);
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
