/**
 * The common text forms of integers, decimals, dates and timestamps read
 * from their ASCII bytes (as a generator writes them, `ColumnWrite`, or as a
 * string's character codes) into the number Parquet stores, in doubles: no
 * string, regular expression or BigInt per value. Each returns undefined for
 * any other shape (BC, more digits than a double holds exactly, an offset
 * with seconds), which parquet-columns.ts reads from the text instead.
 */
import { daysFromCivil } from '../checks/calendar.js';

/** Reads the value of bytes [0, end) of `bytes`, or undefined for a shape it does not read. */
export type NumberOfBytes = (bytes: Uint8Array, end: number) => number | undefined;

/** The number of the two ASCII digits at `at`, or NaN. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const a = bytes[at]! - 48;
  const b = bytes[at + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/** An integer of at most 15 digits, with an optional `-`. */
export const integerOfBytes: NumberOfBytes = (bytes, end) => {
  if (end === 0) return undefined;
  const negative = bytes[0] === 45;
  let at = negative ? 1 : 0;
  if (at === end || end - at > 15) return undefined;
  let value = 0;
  for (; at < end; at++) {
    const digit = bytes[at]! - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
};

/** Days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian, as PostgreSQL counts). */
export const dateOfBytes: NumberOfBytes = (bytes, end) => {
  if (end !== 10 || bytes[4] !== 45 || bytes[7] !== 45) return undefined;
  const year = twoDigits(bytes, 0) * 100 + twoDigits(bytes, 2);
  const days = daysFromCivil(year, twoDigits(bytes, 5), twoDigits(bytes, 8));
  return Number.isNaN(days) ? undefined : days;
};

/**
 * Microseconds since 1970-01-01 00:00 UTC of `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]`, read
 * byte by byte in doubles (exact below 2^53 µs, years 1685-2254).
 */
export const timestampOfBytes: NumberOfBytes = (bytes, end) => {
  if (end < 19 || bytes[4] !== 45 || bytes[7] !== 45 || bytes[10] !== 32) return undefined;
  if (bytes[13] !== 58 || bytes[16] !== 58) return undefined;
  const year = twoDigits(bytes, 0) * 100 + twoDigits(bytes, 2);
  const month = twoDigits(bytes, 5);
  const day = twoDigits(bytes, 8);
  let seconds = twoDigits(bytes, 11) * 3600 + twoDigits(bytes, 14) * 60 + twoDigits(bytes, 17);
  let at = 19;
  let fraction = 0;
  if (at < end && bytes[at] === 46) {
    let scale = 100_000;
    for (at++; at < end && scale >= 1; at++, scale /= 10) {
      const digit = bytes[at]! - 48;
      if (digit < 0 || digit > 9) break;
      fraction += digit * scale;
    }
    if (scale === 100_000) return undefined;
  }
  if (at < end) {
    const sign = bytes[at];
    if ((sign !== 43 && sign !== 45) || (end !== at + 3 && end !== at + 6)) return undefined;
    let offset = twoDigits(bytes, at + 1) * 3600;
    if (end === at + 6) {
      if (bytes[at + 3] !== 58) return undefined;
      offset += twoDigits(bytes, at + 4) * 60;
    }
    seconds -= sign === 45 ? -offset : offset;
  }
  const micros = (daysFromCivil(year, month, day) * 86_400 + seconds) * 1_000_000 + fraction;
  return Number.isSafeInteger(micros) ? micros : undefined;
};

const decimalReaders: NumberOfBytes[] = [];

/**
 * The unscaled value at `scale` of a decimal of at most 15 digits (exact in a
 * double), or undefined for longer text or more than `scale` fraction digits
 * (one reader per scale, made once).
 */
export function decimalOfBytes(scale: number): NumberOfBytes {
  decimalReaders[scale] ??= (bytes, end) => {
    let at = bytes[0] === 45 ? 1 : 0;
    let value = 0;
    let digits = 0;
    let fraction = -1;
    for (; at < end; at++) {
      const code = bytes[at]!;
      if (code === 46 && fraction < 0) {
        fraction = 0;
        continue;
      }
      const digit = code - 48;
      if (digit < 0 || digit > 9) return undefined;
      value = value * 10 + digit;
      digits++;
      if (fraction >= 0) fraction++;
    }
    if (fraction < 0) fraction = 0;
    if (digits === 0 || fraction > scale || digits + scale - fraction > 15) return undefined;
    for (let i = fraction; i < scale; i++) value *= 10;
    return bytes[0] === 45 ? -value : value;
  };
  return decimalReaders[scale]!;
}

let scratch = new Uint8Array(64);

/** `read` of a string's characters (undefined for one past U+007F: no common form has one). */
export function numberOfText(read: NumberOfBytes, text: string): number | undefined {
  const length = text.length;
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return undefined;
    scratch[i] = code;
  }
  return read(scratch, length);
}
