/**
 * The calling thread's old generation kept near its live size while a run
 * writes: V8 sets the next full collection's limit at the live size times a
 * factor it picks from its collection speed (up to 4x, and at least 8 MiB
 * more), and a run promotes short-lived values at a steady rate (a Parquet
 * column's values live through its chunk's encoding), so the old space filled
 * with garbage far past what lives. `--heap-growing-percent` fixes that factor
 * and is read each time the limit is set, so it can be set while Node runs;
 * 20 sets the limit at 1.2x the live size (and still 8 MiB more at least).
 *
 * Measured on the `ecommerce` template as Parquet (`--size 100MB -F parquet
 * -j 1`, the CLI, load average 23-25): peak RSS 174 -> 123 MiB, the old space
 * at the peak 56 MiB (13.6 live) -> 24.5 (21.1), CPU 21.5 -> 22.1 s; at
 * `--size 300MB` 188.8 -> 126.7 MiB (`-j 1`) and 187.0 -> 126.5 MiB (`-j 2`);
 * COPY text `--size 100MB -j 2` 160.6 -> 155.3 MiB, CPU 7.3 -> 7.6 s.
 * A flag given on Node's command line (or NODE_OPTIONS) is left as given.
 */
import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';
const PERCENT = 20;

/** Runs under way in this thread (a --size sample run is one inside another). */
let runs = 0;

function givenToNode(): boolean {
  const options = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return options.includes(FLAG) || options.includes('--heap_growing_percent');
}

export interface OldGenerationCap {
  /** Leaves V8's growth as it was. */
  readonly stop: () => void;
}

/** Holds the old space's growth for a run (the outermost one: a run inside it leaves it to that one). */
export function capOldGeneration(): OldGenerationCap {
  if (++runs > 1 || givenToNode()) return { stop: () => void runs-- };
  setFlagsFromString(`${FLAG}=${PERCENT}`);
  return {
    stop: () => {
      runs--;
      setFlagsFromString(`${FLAG}=0`);
    },
  };
}
