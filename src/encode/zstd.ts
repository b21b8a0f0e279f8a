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
 * (`-j`, chunk sizes). Memory stays bounded by one block.
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
    if (hasInternals(zstd)) return { compress: (data, level) => heapCompress(zstd, data, level) };
    return {
      compress(data: Uint8Array, level: number): Buffer {
        const out = zstd.compress(data, level);
        // This path reports a failure on the console and returns the error code's bytes; a frame starts with its magic number.
        if (!(out[0] === 0x28 && out[1] === 0xb5 && out[2] === 0x2f && out[3] === 0xfd))
          throw new Error(`zstd compression failed at level ${level}`);
        return Buffer.from(out.buffer, out.byteOffset, out.length);
      },
    };
  });
  return loaded;
}

/**
 * `chunks` compressed with zstd at `level`: a frame for every
 * ZSTD_FRAME_BYTES of input (the last one shorter), whatever the chunks'
 * sizes. An empty input gives one empty frame (a valid, empty zstd file).
 */
export async function* zstdFrames(chunks: AsyncIterable<Uint8Array>, level: number): AsyncGenerator<Buffer> {
  const zstd = await loadZstd();
  const block = Buffer.allocUnsafe(ZSTD_FRAME_BYTES);
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
        yield zstd.compress(block, level);
        frames++;
        filled = 0;
      }
    }
  }
  if (filled > 0 || frames === 0) yield zstd.compress(block.subarray(0, filled), level);
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
