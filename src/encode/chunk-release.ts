/**
 * Chunks whose memory goes back to their maker once a consumer is done with
 * them. A generation worker's blocks arrive in buffers transferred from its
 * thread; left to the garbage collector, tens of MiB of written blocks
 * wait for a collection on a calling thread that allocates little else. A
 * consumer that has written a chunk out (the file sink) or copied it (the
 * archive's re-chunking) hands it back with `releaseChunk`, and the maker
 * reuses its buffer for a later block.
 *
 * Keyed by the ArrayBuffer, not the view: streams wrap a Uint8Array in a new
 * Buffer over the same memory. A consumer may release a chunk only when
 * nothing it handed the chunk to still holds it; a chunk never released is
 * simply collected.
 */

const releasers = new WeakMap<ArrayBufferLike, () => void>();

/** Register `chunk` (the whole of its buffer's use) to call `release` once a consumer is done with it. */
export function releasable<T extends Uint8Array>(chunk: T, release: () => void): T {
  releasers.set(chunk.buffer, release);
  return chunk;
}

/** The consumer is done with `chunk`'s bytes: its maker may reuse them. Nothing for other chunks. */
export function releaseChunk(chunk: Uint8Array): void {
  const release = releasers.get(chunk.buffer);
  if (release === undefined) return;
  releasers.delete(chunk.buffer);
  release();
}

/** A new buffer's room beyond its first chunk: later chunks of about the same size fit it. */
const SPARE_ROOM = 1.25;

/**
 * `length` bytes at the start of a buffer handed back earlier (the last one
 * big enough; those too small are dropped from `spares`), else of a new one.
 * A new one is shared memory: a block crosses between threads by being
 * posted, never transferred. Transferring detaches the sender's
 * ArrayBuffer, and the first detach in a thread invalidates V8's
 * "ArrayBufferDetaching" protector, which every optimised function that
 * indexes a typed array depends on: at -j 2 each thread's row writers
 * (`ensure`, `putAscii`, `putSlug`, `writeDate`, ...) were thrown away and
 * optimised again with detach checks, 36 times in a 1M-row run.
 */
export function fromSpares(spares: ArrayBufferLike[], length: number): Uint8Array {
  let buffer = spares.pop();
  while (buffer !== undefined && buffer.byteLength < length) buffer = spares.pop();
  return new Uint8Array(buffer ?? new SharedArrayBuffer(Math.ceil(length * SPARE_ROOM)), 0, length);
}

/** The buffers of `buffers` a message transfers: the unshared ones (a shared one goes by being posted). */
export function unshared(buffers: readonly ArrayBufferLike[]): ArrayBuffer[] {
  return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}
