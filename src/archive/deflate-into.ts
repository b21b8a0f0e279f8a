/**
 * Raw deflate into a thread's own output buffer, kept from job to job.
 *
 * `zlib.deflateRawSync` allocates its output buffer for every call (1.1 MiB
 * for a 1 MiB chunk, sized so the result is one piece). A thread that
 * deflates hundreds of chunks allocated and freed that much per chunk outside
 * V8's heap, and glibc, whose mmap threshold rises to the size of the first
 * such buffer freed, then served them from its arenas: a directory archive at
 * `-j 2` held ~30 MiB of freed pieces (184-189 MiB peak RSS against 158 MiB
 * with `MALLOC_MMAP_THRESHOLD_=131072`). Here the deflate stream writes into
 * `scratch.out`, allocated once per thread (grown when a bigger chunk comes),
 * through the stream's native handle, as Node's own `processChunkSync` does:
 * one `writeSync` with room for the whole result, so the same bytes.
 *
 * Runs as source text on the deflate pool's workers (deflate-pool.ts): it
 * must use nothing outside its parameters. Where the handle is not Node's
 * (another runtime) or anything is off, it falls back to `deflateRawSync`.
 */
import type * as Zlib from 'node:zlib';

/** A thread's deflate output buffer, kept between jobs (null until the first). */
export interface DeflateScratch {
  out: Uint8Array | null;
}

interface NativeHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
}

/** `input` raw-deflated with a sync flush: a view of `scratch.out` (valid until the next call) or a new buffer. */
export function deflateRawInto(
  input: Uint8Array,
  options: Zlib.ZlibOptions,
  zlib: typeof Zlib,
  scratch: DeflateScratch,
): Uint8Array {
  // Room for the whole result (deflate's bound is well under an eighth more), so one call does it.
  const room = Math.max(64, input.length + (input.length >>> 3) + 1024);
  const stream = zlib.createDeflateRaw({ ...options, chunkSize: 64 }) as unknown as {
    _handle?: NativeHandle;
    _writeState?: Uint32Array;
    on(event: 'error', listener: () => void): void;
    close(): void;
  };
  // An error is thrown again by deflateRawSync below; the stream's own event must not go unheard.
  stream.on('error', () => undefined);
  const handle = stream._handle;
  const state = stream._writeState;
  let written = -1;
  if (handle !== undefined && typeof handle.writeSync === 'function' && state !== undefined) {
    if (scratch.out === null || scratch.out.length < room) scratch.out = new Uint8Array(room);
    const out = scratch.out;
    try {
      handle.writeSync(zlib.constants.Z_SYNC_FLUSH, input, 0, input.length, out, 0, out.length);
      // state: [output room left, input left]; all input read with room to spare is the whole result.
      const outLeft = state[0] ?? 0;
      if (state[1] === 0 && outLeft > 0) written = out.length - outLeft;
    } catch {
      written = -1;
    }
  }
  stream.close();
  if (written >= 0 && scratch.out !== null) return scratch.out.subarray(0, written);
  return zlib.deflateRawSync(input, {
    ...options,
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
    chunkSize: room,
  });
}
