/**
 * Turns data payloads (COPY rows) into the byte streams an archive stores:
 * plain, one zlib stream (custom format) or one gzip member (directory
 * format) per payload, compressed on all cores.
 *
 * How: each payload, followed by pg_dump's `\.` terminator, is cut into
 * fixed-size chunks (the cut points depend only on the bytes, never on how the
 * caller sliced them, so output is identical whatever the worker count). Each
 * chunk is raw-deflated on a pool worker with the previous chunk's last 32 KiB
 * as dictionary and a sync flush; the bodies are concatenated in order, then
 * closed with an empty final block and the combined checksum. This is pigz's
 * technique. A bounded number of chunks is in flight, and the consumer pulls,
 * so a slow file write slows the producers down.
 *
 * For the custom format the bytes come out already cut into pg_dump's
 * length-prefixed chunks (`frameSize`): each compressed piece is framed on its
 * worker, so the main thread never copies compressed data. Frame boundaries
 * depend only on the bytes, like the chunk cuts.
 */
import { releaseChunk } from '../encode/chunk-release.js';
import { adler32Combine, crc32Combine } from './checksum.js';
import type { DeflatePool } from './deflate-pool.js';
import { createOutputSpares } from './output-spares.js';

export type StreamWrapper = 'none' | 'zlib' | 'gzip';

export interface PayloadStreamOptions {
  readonly wrapper: StreamWrapper;
  /** Required unless wrapper is 'none'. */
  readonly pool: DeflatePool | null;
  /** 1..9 (ignored for 'none'). */
  readonly level: number;
  /** zlib's memLevel (absent: zlib's default, 8): part of the stored bytes. */
  readonly memLevel?: number;
  /** Uncompressed bytes per chunk. */
  readonly chunkSize: number;
  /** Chunks read ahead and compressing at once, across payload boundaries. */
  readonly maxInFlight: number;
  /** Appended to every payload. */
  readonly terminator: Uint8Array;
  /**
   * Emit the stored bytes as pg_dump's data-block chunks (WriteInt length,
   * then at most this many bytes) instead of a plain byte stream; 0: plain.
   */
  readonly frameSize: number;
}

export type PayloadEvent =
  | { readonly kind: 'start'; readonly index: number }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | {
      readonly kind: 'end';
      readonly index: number;
      readonly payloadBytes: number;
      readonly storedBytes: number;
    };

const WINDOW = 32 * 1024;
const EMPTY = new Uint8Array(0);
// deflate's final block with no data: BFINAL=1, fixed Huffman, end-of-block code.
const FINAL_EMPTY_BLOCK = new Uint8Array([0x03, 0x00]);

/** zlib's header for a level (FLEVEL as deflateSync writes it). */
export function zlibHeader(level: number): Uint8Array {
  const flg = level < 2 ? 0x01 : level < 6 ? 0x5e : level === 6 ? 0x9c : 0xda;
  return new Uint8Array([0x78, flg]);
}

/** A gzip member header: no name, mtime 0 (reproducible), OS = Unix. */
export function gzipHeader(level: number): Uint8Array {
  const xfl = level === 9 ? 2 : level === 1 ? 4 : 0;
  return new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, xfl, 0x03]);
}

/** `bytes` as pg_dump's length-prefixed chunks of at most `frameSize` bytes (views, no copy), or as is for 0. */
export function frameBytes(bytes: Uint8Array, frameSize: number): Uint8Array[] {
  if (frameSize === 0) return bytes.length === 0 ? [] : [bytes];
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += frameSize) {
    const piece = bytes.subarray(offset, Math.min(offset + frameSize, bytes.length));
    const length = new Uint8Array(5); // WriteInt: sign byte 0, then 4 bytes little-endian
    new DataView(length.buffer).setUint32(1, piece.length, true);
    pieces.push(length, piece);
  }
  return pieces;
}

/**
 * Re-slice a byte stream into chunks of exactly `size` bytes (the last may be
 * shorter, a copy), then the tail. Full chunks come from `allocate` (a
 * recycler); each source chunk, once copied, is released to its maker, and
 * the buffer the last piece was copied out of goes to `recycle` (a schema of
 * thousands of small tables made a fresh `size` buffer per table otherwise).
 */
export async function* rechunk(
  source: AsyncIterable<Uint8Array>,
  size: number,
  tail: Uint8Array,
  allocate: () => Uint8Array = () => new Uint8Array(size),
  recycle: (buffer: Uint8Array) => void = () => undefined,
): AsyncGenerator<Uint8Array> {
  let current = allocate();
  let filled = 0;
  const feed = function* (bytes: Uint8Array): Generator<Uint8Array> {
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(size - filled, bytes.length - offset);
      current.set(bytes.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield current;
        current = allocate();
        filled = 0;
      }
    }
  };
  for await (const bytes of source) {
    yield* feed(bytes);
    releaseChunk(bytes); // copied: its maker may reuse it (chunk-release.ts)
  }
  yield* feed(tail);
  const last = current;
  if (filled > 0) yield sameMemoryCopy(last.subarray(0, filled));
  recycle(last);
}

/** A copy of `bytes` in memory of the kind its buffer is (shared stays shared: posted to a worker, not copied again). */
function sameMemoryCopy(bytes: Uint8Array): Uint8Array {
  if (!(bytes.buffer instanceof SharedArrayBuffer)) return bytes.slice();
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

function streamHeader(wrapper: StreamWrapper, level: number): Uint8Array {
  return wrapper === 'zlib' ? zlibHeader(level) : wrapper === 'gzip' ? gzipHeader(level) : EMPTY;
}

function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of pieces) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Item =
  | { readonly kind: 'start'; readonly index: number }
  | {
      readonly kind: 'chunk';
      /** Its result has settled. */
      done: boolean;
      readonly result: Promise<{
        output: Uint8Array;
        /** The input chunk, back from the worker, when it can be reused. */
        input?: Uint8Array | null;
        streamBytes: number;
        checksum: number;
        inputLength: number;
      }>;
    }
  | { readonly kind: 'end'; readonly index: number };

/**
 * Stream the stored bytes of each payload in order: `start`, `bytes`…, `end`
 * per payload. Reading ahead (and compressing) continues into the next
 * payloads while earlier ones are still being written.
 */
export async function* streamPayloads(
  payloads: readonly (() => AsyncIterable<Uint8Array>)[],
  options: PayloadStreamOptions,
): AsyncGenerator<PayloadEvent> {
  const { wrapper, pool, level } = options;
  if (wrapper !== 'none' && pool === null)
    throw new Error('streamPayloads: a deflate pool is needed to compress');
  const items: Item[] = [];
  const outputs = createOutputSpares(wrapper === 'none' ? 0 : options.maxInFlight + 2);
  const buffers = { ...chunkBuffers(options), spare: outputs.take };
  let chunksQueued = 0;
  let producerDone = false;
  let producerError: unknown = null;
  let stopped = false;
  // Held in an object: closures assign these, which TypeScript's narrowing of plain lets cannot see.
  const wake: { consumer: (() => void) | null; producer: (() => void) | null } = {
    consumer: null,
    producer: null,
  };
  const notifyConsumer = (): void => {
    wake.consumer?.();
    wake.consumer = null;
  };

  const push = async (item: Item): Promise<void> => {
    if (item.kind === 'chunk') {
      while (chunksQueued >= options.maxInFlight && !stopped) {
        await new Promise<void>((resolve) => {
          wake.producer = resolve;
        });
      }
      chunksQueued++;
    }
    items.push(item);
    notifyConsumer();
  };

  const produce = (): Promise<void> => producePayloads(payloads, options, buffers, push, () => stopped);

  produce().then(
    () => {
      producerDone = true;
      notifyConsumer();
    },
    (error: unknown) => {
      producerError = error;
      producerDone = true;
      notifyConsumer();
    },
  );

  let checksum = 0;
  let payloadBytes = 0;
  let storedBytes = 0;
  let chunks = 0;
  try {
    for (;;) {
      const item = items.shift();
      if (item === undefined) {
        if (producerError !== null) throw producerError;
        if (producerDone) return;
        await new Promise<void>((resolve) => {
          wake.consumer = resolve;
        });
        continue;
      }
      if (item.kind === 'start') {
        checksum = wrapper === 'zlib' ? 1 : 0;
        payloadBytes = 0;
        storedBytes = 0;
        chunks = 0;
        yield { kind: 'start', index: item.index };
      } else if (item.kind === 'chunk') {
        // The chunk to write next not back: the calling thread deflates a job no worker has taken meanwhile.
        while (!item.done && pool?.runWaiting?.() === true) await nextTurn();
        const r = await item.result;
        chunksQueued--;
        if (r.input?.length === options.chunkSize) buffers.recycle(r.input);
        wake.producer?.();
        wake.producer = null;
        if (wrapper === 'zlib') checksum = adler32Combine(checksum, r.checksum, r.inputLength);
        else if (wrapper === 'gzip') checksum = crc32Combine(checksum, r.checksum, r.inputLength);
        payloadBytes += r.inputLength;
        storedBytes += r.streamBytes;
        chunks++;
        if (r.output.length > 0) yield { kind: 'bytes', bytes: outputs.keep(r.output) };
      } else {
        if (wrapper !== 'none') {
          const trailer = payloadTrailer(wrapper, level, chunks, checksum, payloadBytes);
          storedBytes += trailer.length;
          for (const bytes of frameBytes(trailer, options.frameSize)) yield { kind: 'bytes', bytes };
        }
        yield { kind: 'end', index: item.index, payloadBytes, storedBytes };
      }
    }
  } finally {
    stopped = true;
    wake.producer?.();
  }
}

interface ChunkBuffers {
  readonly allocate: () => Uint8Array;
  readonly recycle: (buffer: Uint8Array) => void;
  /** A written output's buffer for a deflate job to frame into (absent: none). */
  readonly spare?: () => ArrayBufferLike | null;
}

/**
 * Chunk buffers come back from the workers (shared memory, posted both ways:
 * a transfer's detach costs every thread's row writers their optimised code,
 * encode/chunk-release.ts `fromSpares`) and are reused: a fresh 1 MiB buffer
 * costs a zero fill and page faults per chunk.
 * So does the buffer a payload's last (shorter, copied) chunk came out of,
 * never sent anywhere.
 */
function chunkBuffers(options: PayloadStreamOptions): ChunkBuffers {
  const spare: Uint8Array[] = [];
  return {
    allocate: () => spare.pop() ?? new Uint8Array(new SharedArrayBuffer(options.chunkSize)),
    recycle: (buffer) => {
      if (spare.length <= options.maxInFlight) spare.push(buffer);
    },
  };
}

/** The payloads' items in order (`start`, a chunk item per chunk, `end`), pushed as the queue lets them in. */
async function producePayloads(
  payloads: readonly (() => AsyncIterable<Uint8Array>)[],
  options: PayloadStreamOptions,
  buffers: ChunkBuffers,
  push: (item: Item) => Promise<void>,
  isStopped: () => boolean,
): Promise<void> {
  const { wrapper } = options;
  for (let index = 0; index < payloads.length && !isStopped(); index++) {
    await push({ kind: 'start', index });
    let dictionary: Uint8Array | null = null;
    let first = true;
    for await (const chunk of rechunk(
      payloads[index]!(),
      options.chunkSize,
      options.terminator,
      buffers.allocate,
      buffers.recycle,
    )) {
      if (isStopped()) return;
      // The next chunk's dictionary is a copy: the chunk's buffer is reused once its job is back.
      const nextDictionary = wrapper === 'none' ? null : chunk.slice(Math.max(0, chunk.length - WINDOW));
      const result = chunkItem(chunk, options, dictionary, first, buffers.spare);
      dictionary = nextDictionary;
      first = false;
      await push(result);
    }
    await push({ kind: 'end', index });
  }
}

/** A chunk's stored bytes: framed as they are, or deflated on the pool with the previous chunk's window as dictionary. */
function chunkItem(
  chunk: Uint8Array,
  options: PayloadStreamOptions,
  dictionary: Uint8Array | null,
  first: boolean,
  spare?: () => ArrayBufferLike | null,
): Item & { kind: 'chunk' } {
  const { wrapper, pool, level } = options;
  if (wrapper === 'none') {
    const framed = options.frameSize === 0 ? chunk : concatBytes(frameBytes(chunk, options.frameSize));
    return {
      kind: 'chunk',
      done: true,
      result: Promise.resolve({
        output: framed,
        streamBytes: chunk.length,
        checksum: 0,
        inputLength: chunk.length,
      }),
    };
  }
  const promise = (pool as DeflatePool).deflate({
    input: chunk,
    level,
    ...(options.memLevel === undefined ? {} : { memLevel: options.memLevel }),
    dictionary,
    checksum: wrapper === 'zlib' ? 'adler32' : 'crc32',
    prefix: first ? streamHeader(wrapper, level) : null,
    frameSize: options.frameSize,
    spare: spare?.() ?? null,
  });
  const item: Item & { kind: 'chunk' } = { kind: 'chunk', done: false, result: promise };
  // Awaited in order by the consumer.
  promise.then(
    () => (item.done = true),
    () => (item.done = true),
  );
  return item;
}

/**
 * A compressed payload's end: the header when no chunk carried it, the empty
 * final block, the combined checksum (and for gzip ISIZE, the length mod 2^32).
 */
function payloadTrailer(
  wrapper: 'zlib' | 'gzip',
  level: number,
  chunks: number,
  checksum: number,
  payloadBytes: number,
): Uint8Array {
  // The header travels with the first chunk; a payload without chunks still needs it.
  const header = chunks === 0 ? streamHeader(wrapper, level) : EMPTY;
  const trailer = new Uint8Array(header.length + (wrapper === 'zlib' ? 6 : 10));
  trailer.set(header, 0);
  trailer.set(FINAL_EMPTY_BLOCK, header.length);
  const view = new DataView(trailer.buffer);
  const at = header.length + 2;
  if (wrapper === 'zlib') view.setUint32(at, checksum, false);
  else {
    view.setUint32(at, checksum, true);
    view.setUint32(at + 4, payloadBytes % 2 ** 32, true); // ISIZE is the length mod 2^32
  }
  return trailer;
}
