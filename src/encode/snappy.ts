/**
 * Snappy compression of a Parquet page: the algorithm of hyparquet-writer's
 * `snappyCompress` (snappyjs: one block over the whole input, a hash table of
 * up to 2^14 entries, copies of up to 65,535 bytes back), so the same bytes,
 * written straight into one preallocated array instead of a ByteWriter's
 * byte-at-a-time appends with a bounds check each, which made it a third of
 * the writer's time.
 */

const MAX_HASH_TABLE_BITS = 14;
const MAX_OFFSET = 0xffff;
const INPUT_MARGIN = 15;
const hashTables: Uint32Array[] = [];
let scratch = new Uint8Array(0);

/**
 * The hash of the four bytes at `at`; past the input's end (the last
 * look-ahead) the reference reads undefined bytes, whose sum is NaN, so 0.
 */
function hashOf(view: DataView, at: number, shift: number): number {
  if (at + 4 > view.byteLength) return 0;
  return Math.imul(view.getInt32(at, true), 0x1e35a7bd) >>> shift;
}

function equals32(view: DataView, a: number, b: number): boolean {
  return view.getInt32(a, true) === view.getInt32(b, true);
}

/** The largest output of `length` input bytes (the Snappy format's bound). */
function maxCompressedLength(length: number): number {
  return 32 + length + Math.ceil(length / 6);
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

function emitLiteral(out: Uint8Array, op: number, input: Uint8Array, from: number, length: number): number {
  let at = op;
  if (length <= 60) {
    out[at++] = (length - 1) << 2;
  } else {
    const value = length - 1;
    const bytes = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
    out[at++] = (59 + bytes) << 2;
    for (let i = 0; i < bytes; i++) out[at++] = (value >>> (i * 8)) & 0xff;
  }
  if (length > 64) {
    out.set(input.subarray(from, from + length), at);
    return at + length;
  }
  // A short literal byte by byte: a subarray per literal cost more than the copy.
  for (let i = 0; i < length; i++) out[at + i] = input[from + i]!;
  return at + length;
}

function emitCopyLessThan64(out: Uint8Array, op: number, offset: number, length: number): number {
  if (length < 12 && offset < 2048) {
    out[op] = (1 + ((length - 4) << 2) + ((offset >>> 8) << 5)) & 0xff;
    out[op + 1] = offset & 0xff;
    return op + 2;
  }
  out[op] = (2 + ((length - 1) << 2)) & 0xff;
  out[op + 1] = offset & 0xff;
  out[op + 2] = offset >>> 8;
  return op + 3;
}

function emitCopy(out: Uint8Array, op: number, offset: number, length: number): number {
  let at = op;
  let left = length;
  while (left >= 68) {
    at = emitCopyLessThan64(out, at, offset, 64);
    left -= 64;
  }
  if (left > 64) {
    at = emitCopyLessThan64(out, at, offset, 60);
    left -= 60;
  }
  return emitCopyLessThan64(out, at, offset, left);
}

function hashTableFor(size: number): { table: Uint32Array; shift: number } {
  let bits = 1;
  while (1 << bits <= size && bits <= MAX_HASH_TABLE_BITS) bits++;
  bits--;
  hashTables[bits] ??= new Uint32Array(1 << bits);
  const table = hashTables[bits]!;
  table.fill(0);
  return { table, shift: 32 - bits };
}

/** The copies and literals of `input` from `op` on in `out`; the end of what was written. */
function compressInto(out: Uint8Array, start: number, input: Uint8Array): number {
  const end = input.length;
  let op = start;
  let nextEmit = 0;
  if (end >= INPUT_MARGIN) {
    const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
    const { table, shift } = hashTableFor(end);
    const limit = end - INPUT_MARGIN;
    let ip = 1;
    let nextHash = hashOf(view, ip, shift);
    for (;;) {
      let skip = 32;
      let nextIp = ip;
      let candidate = 0;
      do {
        ip = nextIp;
        const hash = nextHash;
        nextIp = ip + (skip >>> 5);
        skip++;
        if (ip > limit) return nextEmit < end ? emitLiteral(out, op, input, nextEmit, end - nextEmit) : op;
        nextHash = hashOf(view, nextIp, shift);
        candidate = table[hash]!;
        table[hash] = ip;
      } while (ip - candidate > MAX_OFFSET || !equals32(view, ip, candidate));
      op = emitLiteral(out, op, input, nextEmit, ip - nextEmit);
      do {
        const base = ip;
        let matched = 4;
        while (ip + matched + 4 <= end && equals32(view, ip + matched, candidate + matched)) matched += 4;
        while (ip + matched < end && input[ip + matched] === input[candidate + matched]) matched++;
        ip += matched;
        op = emitCopy(out, op, base - candidate, matched);
        nextEmit = ip;
        if (ip >= limit) return nextEmit < end ? emitLiteral(out, op, input, nextEmit, end - nextEmit) : op;
        table[hashOf(view, ip - 1, shift)] = ip - 1;
        const hash = hashOf(view, ip, shift);
        candidate = table[hash]!;
        table[hash] = ip;
      } while (ip - candidate <= MAX_OFFSET && equals32(view, ip, candidate));
      ip++;
      nextHash = hashOf(view, ip, shift);
    }
  }
  return nextEmit < end ? emitLiteral(out, op, input, nextEmit, end - nextEmit) : op;
}

/**
 * `input` compressed with Snappy (raw format: its length as a varint, then the block): a view of
 * the thread's scratch array, valid until the next call. Every caller (parquet-direct.ts,
 * hyparquet-writer's page writers) appends a compressed page to its writer before compressing the
 * next, so no page needs an array of its own (a copy and an allocation per page were 2% of a
 * Parquet run's CPU).
 */
export function snappyCompress(input: Uint8Array): Uint8Array {
  const bound = maxCompressedLength(input.length);
  if (scratch.length < bound) scratch = new Uint8Array(Math.max(bound, scratch.length * 2));
  const headed = writeVarint(scratch, 0, input.length);
  const end = compressInto(scratch, headed, input);
  return scratch.subarray(0, end);
}
