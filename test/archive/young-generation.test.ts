/**
 * The calling thread's new space held at 16 MiB from the library's import on:
 * a program that imports the whole library (`dist/index.js`) and calls
 * `generate()` had its new space grown to 32 MiB by the import's module
 * evaluation, before the run could hold it. Once the import's turn is over
 * without a run, V8's own growth factor is back.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getEnvironmentData } from 'node:worker_threads';
import { constants, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDeflatePool, terminateDeflateWorkers } from '../../src/archive/deflate-pool.js';
import { workersBooting } from '../../src/archive/growth-factor-share.js';
import { stopWorker } from '../../src/archive/worker-thread.js';
import { capYoungGeneration } from '../../src/archive/young-generation.js';
import { startGenerationWorker } from '../../src/run/generation-worker-start.js';
import { waitUntil } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const library = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const youngGeneration = fileURLToPath(new URL('../../dist/archive/young-generation.js', import.meta.url));

/**
 * A child that allocates young garbage (half surviving a scavenge) after importing the library. Node's
 * loader reads and compiles the library's ~400 modules before the first one runs, and on a loaded machine
 * mostly grows the new space to V8's 32 MiB on its own, which no hold can undo (a run shrinks it:
 * below): the child holds V8's growth (factor 1) while the loader works, and the program's first module
 * sets V8's default factor back before the library's first module runs, so what the turn does from there
 * is the library's hold alone, on every machine.
 */
function importingChild(dir: string): string {
  writeFileSync(
    join(dir, 'v8-default.mjs'),
    "import { setFlagsFromString } from 'node:v8';\nsetFlagsFromString('--semi-space-growth-factor=2');\n",
  );
  writeFileSync(join(dir, 'program.mjs'), `import './v8-default.mjs';\nimport ${JSON.stringify(library)};\n`);
  return `
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const churn = () => { let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 300000) keep = []; } };
setFlagsFromString('--semi-space-growth-factor=1');
await import(${JSON.stringify(join(dir, 'program.mjs'))});
const found = (await import(${JSON.stringify(youngGeneration)})).newSpaceAtImport();
const imported = newSpace();
churn();
const held = newSpace();
await new Promise((resolve) => setImmediate(resolve));
churn();
console.log(JSON.stringify({ found, imported, held, after: newSpace() }));
`;
}

const MIB_16 = 16 * 1024 * 1024;

describe('young generation held from the import', () => {
  /**
   * The hold's first form set the factor that reaches 16 MiB in one step (2 MiB found: 8), and nothing set
   * 1 once there in the import's turn: the second growth took it to 32 MiB.
   */
  it('stays where the loader left it through the import turn, and grows as V8 grows it after', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', importingChild(tempDir())], {
      encoding: 'utf8',
    });
    const run = JSON.parse(out) as { found: number; imported: number; held: number; after: number };
    expect(run.found, out).toBeGreaterThan(0);
    expect(run.found, out).toBeLessThanOrEqual(MIB_16);
    // Nothing from the library's first module to the turn's end grew it.
    expect(run.imported, out).toBe(run.found);
    expect(run.held, out).toBe(run.found);
    expect(run.after, out).toBeGreaterThan(MIB_16);
  });
});

/**
 * A program whose new space is past the hold's 16 MiB when it calls
 * `generate()` (importing the library grew it to 32 MiB, or the program's own
 * work did) kept it for the whole run: the run now shrinks it first (a
 * memory-reducing collection) and holds it at 16 MiB from there, where the
 * hold's first step, taken from the new space's size while the from-space
 * was not committed, took it back to 32 MiB.
 */
describe('young generation shrunk to the hold when a run begins', () => {
  it('a run begun with a 32 MiB new space ends with it at 16 MiB at most', () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      'CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2));\n',
    );
    const child = `
import { getHeapSpaceStatistics } from 'node:v8';
import { Writable } from 'node:stream';
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
let keep = [];
for (let i = 0; i < 4e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 300000) keep = []; }
keep = [];
const { generate } = await import(${JSON.stringify(library)});
const grown = newSpace();
let bytes = 0;
const output = new Writable({ write: (chunk, _encoding, done) => { bytes += chunk.length; done(); } });
await generate({ schema: [${JSON.stringify(schema)}], defaultRows: 200000, format: 'copy', output, workers: 1 });
console.log(JSON.stringify({ grown, run: newSpace(), bytes }));
`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
    const run = JSON.parse(out) as { grown: number; run: number; bytes: number };
    expect(run.grown, JSON.stringify(run)).toBe(2 * MIB_16);
    expect(run.run, JSON.stringify(run)).toBeLessThanOrEqual(MIB_16);
    expect(run.run, JSON.stringify(run)).toBeGreaterThan(MIB_16 / 8);
    expect(run.bytes).toBeGreaterThan(200000 * 10);
  });
});

/**
 * The hold's factor reached the cap in one step and was set to 1 only at the
 * timer's next check, 20 ms on: a synchronous stretch in between with much
 * surviving garbage (no timer runs there) grew the new space a second time,
 * 1 -> 16 -> 32 MiB. The hold now grows it to the cap when the run begins
 * and sets 1 at once.
 */
describe('young generation held through a synchronous stretch', () => {
  it('a run begun with a small new space is at 16 MiB after a long synchronous churn, not 32', () => {
    const child = `
import { getHeapSpaceStatistics } from 'node:v8';
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const { capYoungGeneration } = await import(${JSON.stringify(youngGeneration)});
await new Promise((resolve) => setTimeout(resolve, 30));
const before = newSpace();
const hold = capYoungGeneration();
const begun = newSpace();
let keep = [];
for (let i = 0; i < 4e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 300000) keep = []; }
console.log(JSON.stringify({ before, begun, churned: newSpace() }));
hold.stop();
`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
    const run = JSON.parse(out) as { before: number; begun: number; churned: number };
    expect(run.before, out).toBeLessThan(MIB_16);
    // At the cap as the run begins, and there after the churn.
    expect(run.begun, out).toBe(MIB_16);
    expect(run.churned, out).toBe(MIB_16);
  });
});

/**
 * A worker's isolate sets V8's growth factor back to 2 when it is made; the
 * calling thread's hold set it again only once the worker was online, which
 * a long synchronous stretch delays (examples/shop.sql at 20M rows: the new
 * space 16 -> 32 MiB). Each worker now sets the held factor as its first
 * statement, shared through its environment data, and counts itself done;
 * until it has, the calling thread sets the factor at every timer check.
 */
describe('young generation held while workers start', () => {
  const cell = (): Int32Array => getEnvironmentData('datagen:semi-space-growth-factor') as Int32Array;

  it('a generation worker reads the held factor and says it set it', async () => {
    const hold = capYoungGeneration();
    // Workers that set it so far (this process's other test files start workers too).
    const counted = Atomics.load(cell(), 1);
    const worker = startGenerationWorker();
    try {
      expect(workersBooting()).toBe(true);
      const factor = Atomics.load(cell(), 0);
      expect(factor).toBeGreaterThanOrEqual(1);
      await waitUntil(() => Atomics.load(cell(), 1) > counted, 'the worker to set the factor');
      // Still held while the run goes (the factor follows the new space's size, never 0).
      expect(Atomics.load(cell(), 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await stopWorker(worker);
      hold.stop();
    }
    // No run holds it now: a worker started later leaves V8's factor as it is.
    expect(Atomics.load(cell(), 0)).toBe(0);
  });

  it('so does a deflate worker', async () => {
    const hold = capYoungGeneration();
    await terminateDeflateWorkers();
    const counted = Atomics.load(cell(), 1);
    const pool = createDeflatePool(1);
    try {
      const input = new TextEncoder().encode('row\t1\n'.repeat(1000));
      const result = await pool.deflate({
        input: input.slice(),
        level: 1,
        dictionary: null,
        checksum: 'adler32',
        prefix: null,
        frameSize: 0,
      });
      expect(inflateRawSync(result.output, { finishFlush: constants.Z_SYNC_FLUSH })).toEqual(
        Buffer.from(input),
      );
      // Its first statement ran before it took the job.
      expect(Atomics.load(cell(), 1)).toBe(counted + 1);
    } finally {
      await pool.close();
      await terminateDeflateWorkers();
      hold.stop();
    }
  });
});
