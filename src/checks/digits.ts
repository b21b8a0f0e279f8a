/** Fixed-width decimal pieces shared by date/time text (calendar.ts) and the value generators. */

/** `PAD2[n]` is n (0..99) as two digits. */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

const ZEROS = '0'.repeat(32);

/** n >= 0 as exactly `width` digits (zero-padded; width <= 32). */
export function padDigits(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : ZEROS.slice(0, width - s.length) + s;
}

/**
 * Where a value's bytes go when a generator writes them itself (the COPY row
 * writer's chunk buffer): `ensure(n)` makes room for n more bytes at `pos`.
 */
export interface ByteOut {
  buf: Uint8Array;
  pos: number;
  ensure(n: number): void;
}

/** Decimal digits of n (0 <= n < 2^53). */
function digitCount(n: number): number {
  let digits = 1;
  let limit = 10;
  while (n >= limit && digits < 16) {
    digits++;
    limit *= 10;
  }
  return digits;
}

/** `String(n)`'s bytes for a safe integer n, written at `out.pos`. */
export function writeInteger(out: ByteOut, n: number): void {
  if (n < 0) {
    out.ensure(1);
    out.buf[out.pos++] = 45; // -
    n = -n;
  }
  if (n >= 2147483648) {
    writeAsciiText(out, String(n));
    return;
  }
  writePadded(out, n, digitCount(n));
}

/** `PAD2[n]`'s two bytes at [2n, 2n + 1]. */
const DIGIT_PAIRS: Uint8Array = Uint8Array.from({ length: 200 }, (_, i) =>
  (PAD2[i >> 1] as string).charCodeAt(i & 1),
);

/** n (0 <= n < 2^31) as exactly `width` digits, zero-padded (`padDigits`' bytes when n fits the width). */
export function writePadded(out: ByteOut, n: number, width: number): void {
  out.ensure(width);
  const buf = out.buf;
  const start = out.pos;
  const end = start + width;
  let p = end;
  let x = n;
  if ((x | 0) === x) {
    // An integer (every caller's but a fraction's): two digits a division, from the last.
    while (p - start >= 2) {
      const q = (x / 100) | 0;
      const pair = (x - q * 100) << 1;
      buf[--p] = DIGIT_PAIRS[pair + 1] as number;
      buf[--p] = DIGIT_PAIRS[pair] as number;
      x = q;
    }
  }
  while (p > start) {
    const q = (x / 10) | 0;
    buf[--p] = 48 + x - q * 10;
    x = q;
  }
  out.pos = end;
}

/** n (0 <= n < 100, its fraction dropped) as two digits into `buf` at `p` (room made by the caller): `writePadded(out, n, 2)`'s bytes. */
export function putTwoDigits(buf: Uint8Array, p: number, n: number): void {
  const i = (n | 0) << 1;
  buf[p] = DIGIT_PAIRS[i] as number;
  buf[p + 1] = DIGIT_PAIRS[i + 1] as number;
}

/** The bytes of ASCII text (each UTF-16 code unit below 128) as they are. */
export function writeAsciiText(out: ByteOut, text: string): void {
  const n = text.length;
  out.ensure(n);
  const buf = out.buf;
  const p = out.pos;
  for (let i = 0; i < n; i++) buf[p + i] = text.charCodeAt(i);
  out.pos = p + n;
}
