/**
 * One deflate job as a worker thread runs it: raw deflate with a sync flush
 * (the output ends on a byte boundary), the input's checksum, pg_dump's
 * length-prefixed framing. The same functions run on the deflate pool's own
 * workers (as source text, see deflate-pool.ts: they must not use anything
 * outside their parameters) and on the generation workers, which take the
 * run's deflate jobs when there are any (run/generation-pool.ts), so the run
 * has one set of threads. Also a job's message and its reply's result as the
 * pools send and read them.
 */
import type * as Zlib from 'node:zlib';
import type { DeflateJob, DeflateResult } from './deflate-pool.js';

/** A job as sent to a thread. */
export interface DeflateMessage {
  readonly kind: 'deflate';
  readonly id: number;
  readonly input: Uint8Array;
  readonly level: number;
  /** zlib's memLevel; absent: zlib's default (8). */
  readonly memLevel?: number;
  readonly dictionary: Uint8Array | null;
  readonly checksum: 'adler32' | 'crc32';
  readonly prefix: Uint8Array | null;
  readonly frameSize: number;
  /** Send the input back for reuse (it is shared memory: posted, not transferred). */
  readonly returnInput: boolean;
  /** An earlier output's buffer (shared: posted, not transferred) to frame this one into when it is big enough. */
  readonly spare?: ArrayBufferLike | null;
}

export interface DeflateReply {
  readonly id: number;
  readonly output?: Uint8Array;
  readonly streamBytes?: number;
  readonly checksum?: number;
  readonly inputLength?: number;
  readonly input?: Uint8Array | null;
  readonly error?: string;
}

/**
 * prefix + body, cut into chunks of at most `frameSize` bytes each after a 5-byte length (pg_dump's WriteInt);
 * 0: joined only. Written at the start of `spare` when it is big enough, else of a new buffer with a quarter
 * more room (for a later chunk to be framed into once this one is handed back: output-spares.ts), in shared
 * memory: the reply crosses threads by being posted, never transferred (encode/chunk-release.ts `fromSpares`
 * says why: a transfer's detach costs every thread's row writers their optimised code).
 */
export function frameDeflated(
  prefix: Uint8Array,
  body: Uint8Array,
  frameSize: number,
  spare: ArrayBufferLike | null = null,
): Uint8Array {
  const total = prefix.length + body.length;
  const frames = frameSize > 0 ? Math.ceil(total / frameSize) : 0;
  const size = total + 5 * frames;
  const out =
    spare !== null && spare.byteLength >= size
      ? new Uint8Array(spare, 0, size)
      : new Uint8Array(new SharedArrayBuffer(size + (size >>> 2)), 0, size);
  if (frames === 0) {
    out.set(prefix, 0);
    out.set(body, prefix.length);
    return out;
  }
  const view = new DataView(out.buffer);
  let pos = 0;
  let done = 0;
  while (done < total) {
    const n = Math.min(frameSize, total - done);
    out[pos] = 0; // WriteInt: sign byte, then 4 bytes little-endian
    view.setUint32(pos + 1, n, true);
    pos += 5;
    let left = n;
    if (done < prefix.length) {
      const p = Math.min(left, prefix.length - done);
      out.set(prefix.subarray(done, done + p), pos);
      pos += p;
      done += p;
      left -= p;
    }
    const from = done - prefix.length;
    out.set(body.subarray(from, from + left), pos);
    pos += left;
    done += left;
  }
  return out;
}

/**
 * The reply to `job` and the buffers to transfer with it: none but an unshared output or input a caller
 * gave (`adler32Of`: the checksum of a whole input, from 1;
 * `deflateRaw`: raw deflate with a sync flush, the thread's deflateRawInto over its kept buffer, whose result
 * is copied before it returns). Functions come as parameters: this one runs as source text on the deflate
 * pool's workers, where nothing else it imported is defined.
 */
export function runDeflateJob(
  job: DeflateMessage,
  zlib: typeof Zlib,
  adler32Of: (input: Uint8Array) => number,
  deflateRaw: (input: Uint8Array, options: Zlib.ZlibOptions) => Uint8Array,
): { reply: DeflateReply; transfer: ArrayBuffer[] } {
  try {
    const input = job.input;
    const options: Zlib.ZlibOptions = { level: job.level };
    if (job.dictionary) options.dictionary = job.dictionary;
    if (job.memLevel !== undefined) options.memLevel = job.memLevel;
    const body = deflateRaw(input, options);
    const checksum = job.checksum === 'adler32' ? adler32Of(input) : zlib.crc32(input) >>> 0;
    const prefix = job.prefix || new Uint8Array(0);
    const output = frameDeflated(prefix, body, job.frameSize, job.spare ?? null);
    const sent = job.returnInput ? [output.buffer, input.buffer] : [output.buffer];
    const transfer = sent.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
    const streamBytes = prefix.length + body.length;
    const reply = { id: job.id, output, streamBytes, checksum, inputLength: input.length };
    return { reply: { ...reply, input: job.returnInput ? input : null }, transfer };
  } catch (error) {
    return {
      reply: { id: job.id, error: String((error instanceof Error && error.stack) || error) },
      transfer: [],
    };
  }
}

/**
 * The message for a job and the buffers it transfers: none. Its input (and spare) in shared memory go by
 * being posted, its input coming back for reuse when it owns its whole buffer; anything else (the
 * dictionary, a payload's last, shorter chunk) is copied, never detached (chunk-release.ts `fromSpares`).
 */
export function jobMessage(job: DeflateJob): {
  message: Omit<DeflateMessage, 'id'>;
  transfer: ArrayBuffer[];
} {
  const spare = job.spare instanceof SharedArrayBuffer ? job.spare : null;
  return { message: { ...job, spare, kind: 'deflate', returnInput: ownsShared(job.input) }, transfer: [] };
}

/** A reply as a result, or the worker's failure as an error. */
export function resultOf(reply: DeflateReply): DeflateResult {
  if (reply.error !== undefined || reply.output === undefined)
    throw new Error(`deflate worker failed: ${reply.error ?? 'no output'}`);
  return {
    output: reply.output,
    streamBytes: reply.streamBytes ?? 0,
    checksum: reply.checksum ?? 0,
    inputLength: reply.inputLength ?? 0,
    input: reply.input ?? null,
  };
}

/** A view of the whole of a shared buffer (offset 0, full length): posted and sent back for reuse. */
function ownsShared(bytes: Uint8Array): boolean {
  if (!(bytes.buffer instanceof SharedArrayBuffer)) return false;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}
