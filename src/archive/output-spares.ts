/**
 * Deflated chunks' buffers, handed back once written, for later chunks to be
 * framed into. A thread's framed output (a 250-400 KiB buffer per 1 MiB
 * chunk) was allocated for every chunk and freed on the calling thread once
 * written; with glibc's mmap threshold raised past that size (it follows the
 * biggest buffer freed), those came from malloc's arenas and left ~25 MiB of
 * holes there at a directory archive's `-j 2` peak. Kept and sent back with a
 * later job (shared memory, posted as its input is), the same few buffers
 * serve the whole run.
 */
import { releasable } from '../encode/chunk-release.js';

export interface OutputSpares {
  /** A written output's buffer for the next job to frame into, or null. */
  take(): ArrayBufferLike | null;
  /** `output`, registered to come back here once its consumer has written it (chunk-release.ts). */
  keep(output: Uint8Array): Uint8Array;
}

/** At most `limit` buffers kept; more are left to the collector (0: none kept, outputs left as they are). */
export function createOutputSpares(limit: number): OutputSpares {
  const spares: ArrayBufferLike[] = [];
  return {
    take: () => spares.pop() ?? null,
    keep(output) {
      const buffer = output.buffer;
      if (limit === 0 || output.byteLength === 0 || !(buffer instanceof SharedArrayBuffer)) return output;
      return releasable(output, () => {
        if (spares.length < limit && buffer.byteLength > 0) spares.push(buffer);
      });
    },
  };
}
