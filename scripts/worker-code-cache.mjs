// The build's step after the generation worker's bundle (scripts/bundle.mjs
// runs it in a process of its own): the worker's code cache, one for each
// state of V8's flags a worker meets (src/run/code-cache.ts
// `flagKeyedCacheFile`; V8 rejects a cache made under other flags). A
// worker starts after the run has set flags of its own: `--expose-gc`
// (archive/deflate-pool.ts `exposeCollector`), `--min-semi-space-size=4`
// (run/generation-worker-start.ts), the new space held at its size
// (archive/young-generation.ts, factor 1) and `--heap-growing-percent=20`
// (archive/old-generation.ts); the CLI has set `--liftoff-only` before them
// (cli/launch.ts), a program calling generate() has not. A worker of the
// head start (worker-head-start.ts) that compiles before the run holds the
// generations meets the "early" states. For each state a
// child process sets those flags and starts a worker that sets them again
// (a new isolate sets the growth factor back to V8's default; a run's
// worker's first statement sets it again: growth-factor-share.ts) and runs
// the bundle, whose functions a few jobs compile (the reference table and examples/shop.sql as
// COPY, CSV and JSON Lines, a deflate job), then writes the cache V8 made.
// test/engine/worker-code-cache.test.ts checks that a run's worker takes it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Set before a worker starts (generation-worker-start.ts). */
const WORKER_FLAGS = ['--expose-gc', '--min-semi-space-size=4'];
/** Set once the run holds the young and old generations (generate.ts, after the head start's workers began). */
const RUN_FLAGS = [...WORKER_FLAGS, '--semi-space-growth-factor=1', '--heap-growing-percent=20'];
const STATES = {
  cli: ['--liftoff-only', ...RUN_FLAGS],
  'cli-early': ['--liftoff-only', ...WORKER_FLAGS],
  library: RUN_FLAGS,
  'library-early': WORKER_FLAGS,
};

/** The worker's source: the bundle run without a cache, then the cache V8 made of it sent back when asked. */
const WORKER = `
const { workerData } = require('node:worker_threads');
for (const flag of workerData.flags) require('node:v8').setFlagsFromString(flag);
import(workerData.codeCache).then(({ flagKeyedCacheFile, runCachedBundle }) => {
  const bundle = new URL(workerData.bundle);
  const file = flagKeyedCacheFile(bundle);
  const script = runCachedBundle(bundle, new URL(file.href + '.none'));
  workerData.port.on('message', () => {
    const now = flagKeyedCacheFile(bundle);
    workerData.port.postMessage(now.href === file.href ? { file: file.href, data: script.createCachedData() } : { changed: now.href });
    workerData.port.close();
  });
});`;

async function warmUp(bundle, flags) {
  const { parseDdl, createPlan } = await import('../dist/index.js');
  const plans = [];
  for (const file of ['bench/reference-table.sql', 'examples/shop.sql']) {
    const { schema } = await parseDdl([{ file, text: readFileSync(join(root, file), 'utf8') }]);
    plans.push({ schema, plan: createPlan(schema, { defaultRows: 100_000, seed: 1 }) });
  }
  // The library's import held the new space's growth until the loop turned (young-generation.ts): past it.
  await new Promise((resolve) => setTimeout(resolve, 10));
  for (const flag of flags) setFlagsFromString(flag);
  const { port1, port2 } = new MessageChannel();
  const codeCache = pathToFileURL(join(root, 'dist', 'run', 'code-cache.js')).href;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { bundle: bundle.href, codeCache, flags, port: port2 },
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 },
  });
  const replies = [];
  worker.on('message', (reply) => replies.push(reply));
  const answered = (count) =>
    new Promise((resolve, reject) => {
      const check = setInterval(() => {
        const failed = replies.find((r) => r.error !== undefined);
        if (failed !== undefined) reject(new Error(failed.error.message));
        if (replies.length >= count) resolve(clearInterval(check));
      }, 5);
    });
  let id = 0;
  for (const { schema, plan } of plans) {
    worker.postMessage({ kind: 'init', schema, plan });
    await answered(++id);
    for (const encoding of ['copy', 'csv', 'jsonl'])
      for (let block = 0; block < 4; block++) {
        const start = block * 2048;
        worker.postMessage({
          kind: 'job',
          id: ++id,
          tableIndex: 0,
          partition: null,
          start,
          end: start + 2048,
          encoding,
          spares: [],
        });
      }
    await answered(id);
  }
  const input = new TextEncoder().encode('1\tAda\tLovelace\n'.repeat(4096));
  const deflate = { kind: 'deflate', input, level: 1, dictionary: null, checksum: 'crc32', prefix: null };
  worker.postMessage({ ...deflate, id: ++id, frameSize: 0, returnInput: false });
  await answered(id);
  port1.postMessage('cache');
  const made = await new Promise((resolve) => port1.once('message', resolve));
  await worker.terminate();
  if (made.changed !== undefined) {
    process.stderr.write(`bundle: no worker code cache (the warm-up changed V8's flags: ${made.changed})\n`);
    return;
  }
  writeFileSync(new URL(made.file), made.data);
}

const [bundlePath, state] = process.argv.slice(2);
if (state === undefined) {
  for (const name of Object.keys(STATES))
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), bundlePath, name], { stdio: 'inherit' });
} else {
  await warmUp(pathToFileURL(bundlePath), STATES[state]);
}
