/**
 * A generation worker's entry as built (scripts/bundle.mjs writes it as
 * dist/run/generation-worker.cjs, the file generation-worker-start.ts starts,
 * CommonJS: a worker loads no ES module loader for it):
 * the worker's code (generation-worker.ts) run from its CommonJS-shaped
 * bundle, dist/chunks/generation-worker-HASH.cjs, through V8's code cache
 * for the flags in force (code-cache.ts `flagKeyedCacheFile`, made by
 * scripts/worker-code-cache.mjs): a worker compiled its ~1.2 MB bundle and
 * each function it ran on first call, on every start. `NODE_DEBUG=datagen`
 * tells whether V8 took the cache.
 */
import { debuglog } from 'node:util';
import { flagKeyedCacheFile, runCachedBundle } from './code-cache.js';

/** The worker's bundle in dist/chunks/, its name set by the build (scripts/bundle.mjs). */
declare const DATAGEN_WORKER_BUNDLE: string;

const bundle = new URL(`../chunks/${DATAGEN_WORKER_BUNDLE}`, import.meta.url);
const cache = flagKeyedCacheFile(bundle);
const rejected = runCachedBundle(bundle, cache).cachedDataRejected;
const state = rejected === undefined ? 'missing' : rejected ? 'rejected' : 'taken';
debuglog('datagen')('generation worker: code cache %s (%s)', state, cache.pathname.split('/').pop());
