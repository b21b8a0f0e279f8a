/**
 * An archive's deflate job run on the thread that holds it: a generation
 * worker (generation-worker.ts) or the calling thread, which runs a job no
 * worker has taken when its turn comes (generation-pool.ts). The same
 * function, zlib and checksum on either thread, so the bytes are the same
 * whichever runs it.
 */
import * as zlib from 'node:zlib';
import { ADLER32_WASM_BASE64, createSimdAdler32 } from '../archive/adler32-simd.js';
import { adler32 } from '../archive/checksum.js';
import { type DeflateScratch, deflateRawInto } from '../archive/deflate-into.js';
import { type DeflateMessage, type DeflateReply, runDeflateJob } from '../archive/deflate-job.js';

/** The checksum of a deflate job's input (Adler-32 in WebAssembly SIMD when the machine has it), made on first use. */
let adler32Of: ((input: Uint8Array) => number) | null = null;
function checksumOf(input: Uint8Array): number {
  if (adler32Of === null) {
    const simd = createSimdAdler32(ADLER32_WASM_BASE64);
    adler32Of = simd === null ? (bytes) => adler32(bytes, 1) : (bytes) => simd(bytes, 1);
  }
  return adler32Of(input);
}

/** This thread's deflate output buffer, kept from job to job (archive/deflate-into.ts). */
const scratch: DeflateScratch = { out: null };

/** `message` deflated here: its reply and the buffers a worker transfers with it. */
export function deflateHere(message: DeflateMessage): { reply: DeflateReply; transfer: ArrayBuffer[] } {
  return runDeflateJob(message, zlib, checksumOf, (input, options) =>
    deflateRawInto(input, options, zlib, scratch),
  );
}
