/**
 * Adler-32 in WebAssembly SIMD (~14 GB/s with the copy into its memory, vs
 * ~4 GB/s for the JavaScript version in checksum.ts). It runs on the deflate
 * workers, where at gzip level 1 the checksum was the largest cost after
 * deflate itself.
 *
 * Per block of up to 4096 bytes (256 vectors of 16 bytes), with a and b the
 * sums before the block and count its length:
 *   a += Σ bytes;  b += count·a + 16·Σᵥ(bytes before vector v) + Σ (16 − t)·xₜ
 * where t is a byte's index in its vector. Lanes stay far below 2³² (prefix
 * sums ≤ 256²·1020/2); the block totals are added up in i64.
 *
 * The bytes below are this module, assembled with wabt 1.0.39
 * (`wat2wasm --enable-simd`); the tests check it against zlib's own Adler-32:
 *
 * (module
 *   (memory (export "memory") 17)
 *   (func (export "adler32") (param $p i32) (param $n i32) (param $start i32) (result i32)
 *     (local $a i64) (local $b i64) (local $end i32) (local $blockEnd i32) (local $stop i32)
 *     (local $vs1 v128) (local $vps v128) (local $vs2 v128) (local $x v128)
 *     (local.set $a (i64.extend_i32_u (i32.and (local.get $start) (i32.const 0xffff))))
 *     (local.set $b (i64.extend_i32_u (i32.shr_u (local.get $start) (i32.const 16))))
 *     (local.set $stop (i32.add (local.get $p) (local.get $n)))
 *     (local.set $end (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -16))))
 *     (block $done
 *       (loop $blocks
 *         (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
 *         (local.set $blockEnd
 *           (select (local.get $end) (i32.add (local.get $p) (i32.const 4096))
 *             (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 4096))))
 *         ;; b += count * a (before the block)
 *         (local.set $b (i64.add (local.get $b)
 *           (i64.mul (i64.extend_i32_u (i32.sub (local.get $blockEnd) (local.get $p))) (local.get $a))))
 *         (local.set $vs1 (v128.const i32x4 0 0 0 0))
 *         (local.set $vps (v128.const i32x4 0 0 0 0))
 *         (local.set $vs2 (v128.const i32x4 0 0 0 0))
 *         (loop $vectors
 *           (local.set $x (v128.load (local.get $p)))
 *           (local.set $vps (i32x4.add (local.get $vps) (local.get $vs1)))
 *           (local.set $vs1 (i32x4.add (local.get $vs1)
 *             (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $x)))))
 *           (local.set $vs2 (i32x4.add (local.get $vs2)
 *             (i32x4.add
 *               (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $x)) (v128.const i16x8 16 15 14 13 12 11 10 9))
 *               (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $x)) (v128.const i16x8 8 7 6 5 4 3 2 1)))))
 *           (local.set $p (i32.add (local.get $p) (i32.const 16)))
 *           (br_if $vectors (i32.lt_u (local.get $p) (local.get $blockEnd))))
 *         ;; a += Σ bytes; b += 16·Σ(prefix sums) + Σ weighted bytes
 *         (local.set $a (i64.rem_u (i64.add (local.get $a)
 *           (i64.add
 *             (i64.add (i64.extend_i32_u (i32x4.extract_lane 0 (local.get $vs1))) (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $vs1))))
 *             (i64.add (i64.extend_i32_u (i32x4.extract_lane 2 (local.get $vs1))) (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $vs1))))))
 *           (i64.const 65521)))
 *         (local.set $b (i64.rem_u (i64.add (local.get $b)
 *           (i64.add
 *             (i64.shl
 *               (i64.add
 *                 (i64.add (i64.extend_i32_u (i32x4.extract_lane 0 (local.get $vps))) (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $vps))))
 *                 (i64.add (i64.extend_i32_u (i32x4.extract_lane 2 (local.get $vps))) (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $vps)))))
 *               (i64.const 4))
 *             (i64.add
 *               (i64.add (i64.extend_i32_u (i32x4.extract_lane 0 (local.get $vs2))) (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $vs2))))
 *               (i64.add (i64.extend_i32_u (i32x4.extract_lane 2 (local.get $vs2))) (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $vs2)))))))
 *           (i64.const 65521)))
 *         (br $blocks)))
 *     ;; the last 0..15 bytes one at a time
 *     (block $tailDone
 *       (loop $tail
 *         (br_if $tailDone (i32.ge_u (local.get $p) (local.get $stop)))
 *         (local.set $a (i64.rem_u (i64.add (local.get $a) (i64.load8_u (local.get $p))) (i64.const 65521)))
 *         (local.set $b (i64.rem_u (i64.add (local.get $b) (local.get $a)) (i64.const 65521)))
 *         (local.set $p (i32.add (local.get $p) (i32.const 1)))
 *         (br $tail)))
 *     (i32.wrap_i64 (i64.or (i64.shl (local.get $b) (i64.const 16)) (local.get $a)))))
 */

/** The assembled module: exports `memory` and `adler32(ptr, len, start) -> i32`. */
export const ADLER32_WASM_BASE64 =
  'AGFzbQEAAAABCAFgA39/fwF/AwIBAAUDAQARBxQCBm1lbW9yeQIAB2FkbGVyMzIAAAqrAwGoAwMCfgN/BHsgAkH//wNxrSEDIAJBEHatIQQgACABaiEHIAAgAUFwcWohBQJAA0AgACAFTw0BIAUgAEGAIGogBSAAa0GAIEkbIQYgBCAGIABrrSADfnwhBP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCgNAIAD9AAQAIQsgCSAI/a4BIQkgCCAL/X39f/2uASEIIAogC/2JAf0MEAAPAA4ADQAMAAsACgAJAP26ASAL/YoB/QwIAAcABgAFAAQAAwACAAEA/boB/a4B/a4BIQogAEEQaiEAIAAgBkkNAAsgAyAI/RsArSAI/RsBrXwgCP0bAq0gCP0bA618fHxC8f8DgiEDIAQgCf0bAK0gCf0bAa18IAn9GwKtIAn9GwOtfHxCBIYgCv0bAK0gCv0bAa18IAr9GwKtIAr9GwOtfHx8fELx/wOCIQQMAAsLAkADQCAAIAdPDQEgAyAAMQAAfELx/wOCIQMgBCADfELx/wOCIQQgAEEBaiEADAALCyAEQhCGIAOEpws=';

/**
 * Instantiate the module from its base64 text; null when this runtime has no
 * WebAssembly SIMD (the caller falls back to the JavaScript version).
 * Self-contained: the deflate workers embed its source text.
 */
export function createSimdAdler32(base64: string): ((bytes: Uint8Array, start: number) => number) | null {
  // Typed locally: the project's TypeScript lib has no WebAssembly declarations.
  interface Exports {
    memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
    adler32(ptr: number, len: number, start: number): number;
  }
  interface WasmApi {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object) => { readonly exports: unknown };
  }
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  let exports: Exports;
  try {
    if (api === undefined) return null;
    exports = new api.Instance(new api.Module(Buffer.from(base64, 'base64'))).exports as Exports;
  } catch {
    return null; // no SIMD support: the module does not validate
  }
  return (bytes, start) => {
    const memory = exports.memory;
    if (memory.buffer.byteLength < bytes.length) {
      memory.grow(Math.ceil((bytes.length - memory.buffer.byteLength) / 65536));
    }
    new Uint8Array(memory.buffer, 0, bytes.length).set(bytes);
    return exports.adler32(0, bytes.length, start) >>> 0;
  };
}
