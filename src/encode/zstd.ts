/**
 * zstd for table files (`-Z zstd[:LEVEL]`: `.csv.zst`, `.jsonl.zst`, Parquet's
 * ZSTD codec), with the zstd library compiled to WebAssembly
 * (@hpcc-js/wasm-zstd): one build for every platform, so the bytes are the
 * same on every machine and Node version (node:zlib has zstd only from Node
 * 22.15, and its zstd version follows Node's).
 *
 * A stream is cut into blocks of a fixed number of input bytes, each
 * compressed as one zstd frame: a file of concatenated frames is a valid zstd
 * file (RFC 8878, section 3.1), every decoder reads it, and its bytes depend
 * only on the input bytes and the level, never on how the input was chunked
 * (`-j`, chunk sizes). Memory stays bounded by one block, which lives in the
 * WebAssembly heap (heapBlocks) and is reused by the thread's next file.
 *
 * The library is imported when zstd is first asked for (`loadZstd`): a run
 * without zstd, every thread of it, does not compile its code.
 */

/** Input bytes per zstd frame: larger than level 3's window, so the ratio is that of one stream. */
export const ZSTD_FRAME_BYTES = 4 << 20;

export const ZSTD_DEFAULT_LEVEL = 3;
export const ZSTD_MAX_LEVEL = 22;

export interface ZstdCompressor {
  /** One zstd frame of `data` at `level`. */
  compress(data: Uint8Array, level: number): Buffer;
  /** A block of ZSTD_FRAME_BYTES to fill and compress as frames (a file's; the thread's spare one when free). */
  block(): FrameBlock;
}

/**
 * A frame's input, filled a piece at a time then compressed as one frame:
 * with the library's internals, a region of the WebAssembly heap itself (the
 * pieces copied once, where zstd reads them; no block of JavaScript memory
 * per file, nor a copy of it into the heap per frame), kept for the thread's
 * next file when released.
 */
export interface FrameBlock {
  /** Copy `data` into the block at `offset` (offset + data.length <= ZSTD_FRAME_BYTES). */
  set(data: Uint8Array, offset: number): void;
  /** The block's first `size` bytes as one zstd frame at `level`. */
  frame(size: number, level: number): Buffer;
  /** Done with the block: the next file's, or freed when a spare is kept already. */
  release(): void;
}

/** The parts of the library's instance that `compress` uses (not in its typings). */
interface ZstdInternals {
  readonly _mainModule: {
    dataToHeap(data: Uint8Array): { ptr: number; size: number };
    malloc(size: number): { ptr: number; size: number };
    free(block: { ptr: number; size: number }): void;
    readonly _module: { readonly HEAPU8: Uint8Array };
  };
  readonly _zstdClass: {
    compressBound(size: number): number;
    compress(dst: number, capacity: number, src: number, size: number, level: number): number;
    isError(code: number): number;
    getErrorName(code: number): string;
  };
}

function hasInternals(zstd: object): zstd is ZstdInternals {
  const z = zstd as Partial<ZstdInternals>;
  return (
    typeof z._mainModule?.dataToHeap === 'function' &&
    z._mainModule._module?.HEAPU8 instanceof Uint8Array &&
    typeof z._zstdClass?.compress === 'function'
  );
}

/**
 * One frame with ZSTD_compress, its output copied straight out of the
 * WebAssembly heap: the library's own `compress` copies it through a
 * JavaScript array of numbers, which took two thirds of the time.
 */
function heapCompress(zstd: ZstdInternals, data: Uint8Array, level: number): Buffer {
  const heap = zstd._mainModule;
  const source = heap.dataToHeap(data);
  const capacity = zstd._zstdClass.compressBound(data.length);
  const target = heap.malloc(capacity);
  try {
    const size = zstd._zstdClass.compress(target.ptr, capacity, source.ptr, source.size, level);
    if (zstd._zstdClass.isError(size))
      throw new Error(`zstd compression failed at level ${level}: ${zstd._zstdClass.getErrorName(size)}`);
    return Buffer.from(heap._module.HEAPU8.subarray(target.ptr, target.ptr + size));
  } finally {
    heap.free(target);
    heap.free(source);
  }
}

/** A region of `size` bytes in the WebAssembly heap (an error when the heap cannot grow to it). */
function heapRegion(zstd: ZstdInternals, size: number): { ptr: number; size: number } {
  const region = zstd._mainModule.malloc(size);
  if (!(region.ptr > 0)) throw new Error(`zstd: no room for ${size} bytes in the WebAssembly heap`);
  return region;
}

/**
 * Frame blocks in the WebAssembly heap: each file's input region (one kept
 * for the next file), and one output region of compressBound(ZSTD_FRAME_BYTES)
 * that every frame is compressed into (compression is synchronous) and copied
 * out of. The heap never shrinks, so these sizes are its size either way.
 */
function heapBlocks(zstd: ZstdInternals): () => FrameBlock {
  const heap = zstd._mainModule;
  const capacity = zstd._zstdClass.compressBound(ZSTD_FRAME_BYTES);
  let spare: { ptr: number; size: number } | undefined;
  let target: { ptr: number; size: number } | undefined;
  return () => {
    const source = spare ?? heapRegion(zstd, ZSTD_FRAME_BYTES);
    spare = undefined;
    let released = false;
    return {
      // HEAPU8 read at each use: the heap's growth replaces it.
      set: (data, offset) => heap._module.HEAPU8.set(data, source.ptr + offset),
      frame(size, level) {
        target ??= heapRegion(zstd, capacity);
        const n = zstd._zstdClass.compress(target.ptr, capacity, source.ptr, size, level);
        if (zstd._zstdClass.isError(n))
          throw new Error(`zstd compression failed at level ${level}: ${zstd._zstdClass.getErrorName(n)}`);
        return Buffer.from(heap._module.HEAPU8.subarray(target.ptr, target.ptr + n));
      },
      release() {
        if (released) return;
        released = true;
        if (spare === undefined) spare = source;
        else heap.free(source);
      },
    };
  };
}

/** Frame blocks in JavaScript memory, for a library without the internals heapBlocks uses. */
function bufferBlocks(compress: (data: Uint8Array, level: number) => Buffer): () => FrameBlock {
  let spare: Buffer | undefined;
  return () => {
    const block = spare ?? Buffer.allocUnsafe(ZSTD_FRAME_BYTES);
    spare = undefined;
    return {
      set: (data, offset) => block.set(data, offset),
      frame: (size, level) => compress(block.subarray(0, size), level),
      release() {
        spare = block;
      },
    };
  };
}

type ZstdModule = Awaited<ReturnType<typeof import('@hpcc-js/wasm-zstd')['Zstd']['load']>>;

let instance: Promise<ZstdModule> | undefined;

/** The WebAssembly zstd instance, compiled once per thread: the compressor's and the decoder's. */
function zstdInstance(): Promise<ZstdModule> {
  instance ??= import('@hpcc-js/wasm-zstd').then(({ Zstd }) => Zstd.load());
  return instance;
}

let loaded: Promise<ZstdCompressor> | undefined;

/** The WebAssembly zstd's compressor. */
export function loadZstd(): Promise<ZstdCompressor> {
  loaded ??= zstdInstance().then((zstd) => {
    if (hasInternals(zstd))
      return { compress: (data, level) => heapCompress(zstd, data, level), block: heapBlocks(zstd) };
    const compress = (data: Uint8Array, level: number): Buffer => {
      const out = zstd.compress(data, level);
      // This path reports a failure on the console and returns the error code's bytes; a frame starts with its magic number.
      if (!(out[0] === 0x28 && out[1] === 0xb5 && out[2] === 0x2f && out[3] === 0xfd))
        throw new Error(`zstd compression failed at level ${level}`);
      return Buffer.from(out.buffer, out.byteOffset, out.length);
    };
    return { compress, block: bufferBlocks(compress) };
  });
  return loaded;
}

/**
 * `chunks` compressed with zstd at `level`: a frame for every
 * ZSTD_FRAME_BYTES of input (the last one shorter), whatever the chunks'
 * sizes. An empty input gives one empty frame (a valid, empty zstd file).
 */
export async function* zstdFrames(chunks: AsyncIterable<Uint8Array>, level: number): AsyncGenerator<Buffer> {
  const block = (await loadZstd()).block();
  try {
    let filled = 0;
    let frames = 0;
    for await (const chunk of chunks) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(chunk.length - at, ZSTD_FRAME_BYTES - filled);
        block.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === ZSTD_FRAME_BYTES) {
          yield block.frame(filled, level);
          frames++;
          filled = 0;
        }
      }
    }
    if (filled > 0 || frames === 0) yield block.frame(filled, level);
  } finally {
    block.release();
  }
}

/** Decodes one zstd frame (as `zstdFrames` writes them: its content size in its header). */
export interface ZstdFrameDecoder {
  decompress(frame: Uint8Array): Uint8Array;
}

let decoder: Promise<ZstdFrameDecoder> | undefined;

/** The WebAssembly zstd's decoder (`datagen verify` counting a `.zst` file's rows). */
export function loadZstdDecoder(): Promise<ZstdFrameDecoder> {
  decoder ??= zstdInstance().then((zstd) => ({ decompress: (frame) => zstd.decompress(frame) }));
  return decoder;
}
