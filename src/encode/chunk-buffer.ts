/**
 * One growing byte buffer that row writers append to and hand out in chunks
 * of whole rows (the pglite `Writer` pattern). Writers write bytes straight
 * into `buf` at `pos` after `ensure`, so the hot path is index stores.
 */

import { releasable } from './chunk-release.js';

/** Default size at which a writer reports a chunk is ready. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/** Released chunks' buffers kept for reuse (a file sink holds about 1 MiB of chunks at once). */
const MAX_SPARES = 8;

/** The buffer's first size: a table of a few rows needs no more (bigger ones grow it to two chunks). */
const FIRST_BUFFER_SIZE = 8 * 1024;

export class ChunkBuffer {
  buf: Buffer;
  pos = 0;
  /** End of the last complete row: `takeChunk` never splits a row. */
  private rowEnd = 0;
  readonly chunkSize: number;
  /** Buffers of chunks handed out by `takeChunk` and released by their consumer (chunk-release.ts). */
  private readonly spares: Buffer[] = [];

  constructor(chunkSize = DEFAULT_CHUNK_SIZE) {
    this.chunkSize = chunkSize;
    // Small at first, grown by `ensure`: a schema of 10,000 tables of a few rows each allocated
    // 2 × 128 KiB per table, and collecting them took half the run.
    this.buf = Buffer.allocUnsafe(Math.max(Math.min(chunkSize * 2, FIRST_BUFFER_SIZE), 1024));
  }

  /** Make room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Append a string as UTF-8 (no escaping). */
  writeUtf8(text: string): void {
    this.ensure(text.length * 3);
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Mark a row complete; true when at least a chunk's worth of complete rows is buffered. */
  endRow(): boolean {
    this.rowEnd = this.pos;
    return this.rowEnd >= this.chunkSize;
  }

  /** Bytes of complete rows buffered. */
  get size(): number {
    return this.rowEnd;
  }

  /**
   * The complete rows buffered so far, copied into an array of their exact
   * size the caller owns (one that can be transferred to another thread);
   * the buffer is kept for the next rows, so a worker encoding block after
   * block allocates only what it hands out (nothing when `into` gives an
   * array of `length` bytes from memory it reuses).
   */
  takeCopy(into: (length: number) => Uint8Array = (length) => new Uint8Array(length)): Uint8Array {
    const rows = into(this.rowEnd);
    rows.set(this.buf.subarray(0, this.rowEnd));
    this.buf.copy(this.buf, 0, this.rowEnd, this.pos);
    this.pos -= this.rowEnd;
    this.rowEnd = 0;
    return rows;
  }

  /**
   * The complete rows buffered so far, as a Buffer the caller owns; an
   * unfinished row stays for the next chunk. Empty when there are none. A
   * consumer done with it hands its memory back (`releaseChunk`) for later
   * chunks.
   */
  takeChunk(): Buffer {
    const taken = this.buf;
    const chunk = taken.subarray(0, this.rowEnd);
    const partial = this.pos - this.rowEnd;
    const next = this.spareOf(Math.max(Math.min(this.buf.length, this.chunkSize * 2), 1024, partial * 2));
    taken.copy(next, 0, this.rowEnd, this.pos);
    // Written out or copied, its memory takes later rows: a serial run allocates no buffer per chunk
    // (~190 MB for 1M reference rows, which drove V8's full collections as external memory).
    if (taken.byteOffset === 0 && taken.byteLength === taken.buffer.byteLength)
      releasable(chunk, () => {
        if (this.spares.length < MAX_SPARES) this.spares.push(taken);
      });
    this.buf = next;
    this.pos = partial;
    this.rowEnd = 0;
    return chunk;
  }

  /** A released buffer of at least `size` bytes (smaller ones dropped), else a new one. */
  private spareOf(size: number): Buffer {
    let spare = this.spares.pop();
    while (spare !== undefined && spare.length < size) spare = this.spares.pop();
    return spare ?? Buffer.allocUnsafe(size);
  }
}
