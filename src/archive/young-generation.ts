/**
 * The calling thread's young generation held at 16 MiB (two 8 MiB
 * semi-spaces) while a run writes, where V8 lets it grow to 32 MiB.
 *
 * V8 doubles the new space whenever the bytes surviving its scavenges since
 * the last growth exceed its size, so a run ends at the maximum, which only a
 * command-line flag (`--max-semi-space-size`, read when the heap is made)
 * lowers. The growth factor (`--semi-space-growth-factor`) is read at each
 * growth, so it is what holds the size: when a run begins, the new space is
 * grown to the cap at once (the factor that reaches it in one step, and a
 * short burst of allocations kept alive across a scavenge: ~1.5 MiB, 8-10 ms
 * of CPU), then the factor is 1, so no growth can pass the cap. A factor
 * above 1 left in force until a timer's check instead grew it a second time,
 * to 32 MiB, in a synchronous stretch with much surviving garbage (no timer
 * runs there). Every new isolate (a worker starting) sets the process's
 * factor back to V8's 2 when it is below 2, so each worker sets the held
 * factor again as its first act (growth-factor-share.ts), and this thread
 * when the worker is online and by a timer, which also grows the new space
 * to the cap again if V8 shrank it.
 *
 * Measured on the `ecommerce` template's archive (`--size 100MB -F c -Z 1
 * -j 2`, `--max-semi-space-size=8` for the same sizes): the main thread's new
 * space 32 -> 16 MiB with its old space unchanged (19-21 MiB), peak RSS 223 ->
 * 210 MiB (the CLI with this hold, interleaved: 219, 220 -> 182, 197 MiB; CPU
 * 17.1, 17.4 -> 17.6, 19.6 s: twice the scavenges); a 4 MiB semi-space instead promotes the run's short-lived garbage
 * (old space 50 MiB, peak 239 MiB). A worker's new space is bounded by its
 * resource limits far below the cap.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { shareGrowthFactor, workersBooting } from './growth-factor-share.js';

/** Both semi-spaces together. */
const CAP_BYTES = 16 * 1024 * 1024;
/** How often the factor is set again (reading the new space costs microseconds). */
const CHECK_MS = 20;
/** V8's default growth factor (Node 20 to 24), what a new isolate sets. */
const DEFAULT_FACTOR = 2;

function newSpaceBytes(): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_size;
  return 0;
}

/** Runs under way in this thread (a --size sample run is one inside another). */
let runs = 0;
let timer: NodeJS.Timeout | undefined;

/** Timer checks since the factor was last set. */
let unchangedChecks = 0;
/**
 * The timer sets the factor again only every this many checks (about a
 * second): a V8 flag set costs ~0.3 ms in a busy isolate (measured: 187
 * sets, 52 ms of 1M reference rows' ~1.7 s of CPU), and only a new isolate
 * changes it behind our back, which `holdYoungGeneration` on a worker's
 * start covers.
 */
const RESET_CHECKS = 50;

/**
 * One semi-space's capacity (less its pages' headers): what V8 multiplies by
 * the factor. The new space's size counts the from-space only while it is
 * committed: not at an isolate's start nor after a shrink, where a factor
 * taken from the size (1 MiB: 16) grew the semi-spaces to 16 MiB each.
 */
function semiSpaceBytes(): number {
  for (const space of getHeapSpaceStatistics())
    if (space.space_name === 'new_space') return space.space_used_size + space.space_available_size;
  return 0;
}

/** The factor that takes the new space to the cap in one step, 1 once there. */
function factorToCap(): number {
  const both = 2 * semiSpaceBytes();
  return both >= CAP_BYTES || both === 0 ? 1 : Math.max(1, Math.floor(CAP_BYTES / both));
}

/** Rounds of growth at most (one takes it to the cap; a round that does not grow it ends them). */
const GROWTH_ROUNDS = 4;
/** What the bursts kept alive, read so that no compiler drops them. */
let burstObjects = 0;
/** One burst string's bytes: far below V8's largest regular object (128 KiB), so each is made and copied in the new space. */
const BURST_PIECE = 16 * 1024;
let burstBytes: Buffer | undefined;

/**
 * Bytes kept alive across the scavenge their allocation causes, about 1.5
 * times a semi-space: V8 grows the new space at a scavenge once the bytes
 * surviving since its last growth pass its capacity. Kept as strings of 16
 * KiB (a new heap string copied from one buffer each), which a scavenge
 * copies whole, where 32-byte arrays (the first form: ~190,000 of them for
 * a 4 MiB semi-space) each took a visit, a copy and a promotion, and left
 * as many dead objects in the old space: ~0.12 s of a run's CPU on a loaded
 * 2-core machine (a 10-row run of the reference table: 0.85 -> 0.71 s,
 * median of 4 interleaved), the same growth (4 -> 8 MiB semi-spaces).
 */
function survivingBurst(semiSpace: number): void {
  burstBytes ??= Buffer.alloc(BURST_PIECE, 0x61);
  const kept: string[] = [];
  const count = Math.ceil((1.5 * semiSpace) / BURST_PIECE);
  for (let i = 0; i < count; i++) kept.push(burstBytes.toString('latin1'));
  burstObjects += kept.length;
}

/** The new space grown to the cap now (where it is below), then held there: factor 1. */
function growToCap(): void {
  for (let round = 0; round < GROWTH_ROUNDS; round++) {
    const factor = factorToCap();
    if (factor <= 1) break;
    const before = semiSpaceBytes();
    setFlagsFromString(`--semi-space-growth-factor=${factor}`);
    survivingBurst(before);
    // Below the cap still: V8's maximum is lower (`--max-semi-space-size`).
    if (semiSpaceBytes() <= before) break;
  }
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** The new space's size when this module was evaluated (0 in a worker). */
let foundAtImport = 0;

/**
 * The new space this module found when the library's evaluation began (it is
 * the first module `dist/index.js` evaluates): Node's loader, reading and
 * compiling the library's ~400 modules before any of them runs, grows it,
 * often to V8's 32 MiB (most runs on a loaded machine), which no hold can
 * undo (`shrinkYoungGeneration` does, when a run begins).
 */
export function newSpaceAtImport(): number {
  return foundAtImport;
}

/**
 * Held from this module's evaluation until the event loop turns: importing
 * the whole library (`dist/index.js`, as a program calling `generate()`
 * does; the CLI loads its parts lazily) evaluates ~2 s of modules on a busy
 * machine, which grew the new space 16 -> 32 MiB before `generate()` could
 * hold it, and V8 does not shrink it during a run (the template's archive
 * at `--size 30MB -j 2` from bench/big-data-child.mjs: the calling thread's
 * new space 32 MiB, peak RSS 205-210 MiB). A run begun in the same turn
 * (the importing module's own code) keeps it held; otherwise V8's factor is
 * back for the importing program. Held at the size found (factor 1): the
 * evaluation is short, and a factor taken to reach the cap would grow it
 * past the cap at its second growth, with no timer in this turn to stop it.
 */
function holdWhileImported(): void {
  foundAtImport = newSpaceBytes();
  // A loader that left 2 MiB: the one-step factor 8 grew it to 16 MiB, then again to 32 MiB.
  setFlagsFromString('--semi-space-growth-factor=1');
  setImmediate(() => {
    if (runs === 0) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_FACTOR}`);
  }).unref();
}

/** Holds the new space at the cap (a new isolate reset the factor, or V8 shrank it); nothing when no run holds it. */
export function holdYoungGeneration(): void {
  if (runs === 0) return;
  growToCap();
  shareGrowthFactor(1);
  unchangedChecks = 0;
}

/** The timer's check: the new space grown back where V8 shrank it, the factor set again now and then. */
function checkYoungGeneration(): void {
  // While a worker boots, its isolate may set the factor back to 2 at any moment: set it at every check.
  if (runs === 0 || (factorToCap() === 1 && !workersBooting() && ++unchangedChecks < RESET_CHECKS)) return;
  holdYoungGeneration();
}

export interface YoungGenerationCap {
  /** Leaves V8's growth as it was. */
  readonly stop: () => void;
}

/**
 * The new space made small again before a run holds it, where it is already
 * past the cap (the hold cannot shrink it, and V8 keeps it for the whole
 * run): importing the library (`dist/index.js`, ~400 modules read and
 * compiled before its first line runs) grew the calling thread's to 32 MiB,
 * so a program calling `generate()`, as bench/big-data-child.mjs does, ran
 * with 16 MiB more than the CLI (its commands load lazily, after the hold).
 * V8 shrinks the new space only in a collection that reduces memory, which
 * the inspector's `HeapProfiler.collectGarbage` asks for (an in-process
 * session: no port, no debugger; ~40-55 ms of CPU on a loaded machine, once
 * a run, only when needed); the hold then grows it straight to the cap.
 * Without the inspector (a Node built without it) the run goes on as before.
 */
export async function shrinkYoungGeneration(): Promise<void> {
  if (runs > 0 || !isMainThread || newSpaceBytes() <= CAP_BYTES) return;
  try {
    const { Session } = await import('node:inspector');
    const session = new Session();
    session.connect();
    try {
      await new Promise<void>((resolve, reject) =>
        session.post('HeapProfiler.collectGarbage', (error) => (error ? reject(error) : resolve())),
      );
    } finally {
      session.disconnect();
    }
  } catch {
    // No inspector in this Node: the new space stays as it is.
  }
}

/** Holds the new space for a run (the outermost one: a run inside it leaves it to that one). */
export function capYoungGeneration(): YoungGenerationCap {
  if (++runs > 1) return { stop: () => void runs-- };
  holdYoungGeneration();
  timer = setInterval(checkYoungGeneration, CHECK_MS);
  timer.unref();
  return {
    stop: () => {
      runs--;
      clearInterval(timer);
      setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_FACTOR}`);
      shareGrowthFactor(0);
    },
  };
}

// Not in a worker: a generation worker's bundle evaluates this module too, and set the process's factor
// from its own new space (8 MiB: 2) and then to 2, undoing the calling thread's hold until its timer's
// next reset (examples/shop.sql at 20M rows: the calling thread's new space 16 -> 32 MiB).
if (isMainThread) holdWhileImported();
