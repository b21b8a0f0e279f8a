/**
 * PostgreSQL's hash partition routing, computed offline: the hash partition a
 * row lands in is `hash % modulus == remainder`, where `hash` folds the
 * extended (64-bit, seeded) hash of every non-NULL key column together
 * (partbounds.c, compute_partition_hash_value). Each type's extended hash is
 * Bob Jenkins' lookup3 over the value's stored form (common/hashfn.c), read
 * here from the value's text as datagen writes it.
 *
 * Exact for a little-endian server (x86-64, ARM64; the hash reads the bytes
 * of the stored value, so a big-endian server routes other ways) whose
 * database encoding is UTF8, for the types `hashTypeSupported` names; text
 * under a deterministic collation only (a nondeterministic one hashes its
 * sort key). Everything else (enum: the hash of its label's OID, which only
 * the target database assigns) is not computed: callers fall back.
 *
 * 64-bit values are two unsigned 32-bit halves in plain numbers: no BigInt
 * on the row path (the routing runs once per row).
 */

import { type Hash64, hashBytes, hashUint32, SEED_HI, SEED_LO, TWO_32 } from './lookup3.js';

export type { Hash64 };

/** The constant hash_combine64 adds: 0x49a0f4dd15e5a8e3. */
const COMBINE_HI = 0x49a0f4dd;
const COMBINE_LO = 0x15e5a8e3;

/** hashint8extended: an int64 (hi, lo halves, hi signed) folded into 32 bits, then hashed. */
function hashInt64(hi: number, lo: number, out: Hash64): void {
  hashUint32((lo ^ (hi >= 0 ? hi : ~hi)) >>> 0, out);
}

/** An int64 from its halves: `n` as a safe integer, else through BigInt. */
function hashInt64Number(n: number, out: Hash64): void {
  const hi = Math.floor(n / TWO_32);
  hashInt64(hi | 0, (n - hi * TWO_32) >>> 0, out);
}

function hashInt64Text(text: string, out: Hash64): void {
  const n = Number(text);
  if (Number.isSafeInteger(n)) {
    hashInt64Number(n, out);
    return;
  }
  const big = BigInt.asIntN(64, BigInt(text.trim()));
  hashInt64(Number(BigInt.asIntN(32, big >> 32n)), Number(BigInt.asUintN(32, big)), out);
}

const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

/** A string's UTF-8 bytes in the shared buffer; their count. */
function utf8(text: string): number {
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, buffer).written;
}

function hashText(text: string, out: Hash64): void {
  const length = utf8(text); // (may grow the buffer: read it after)
  hashBytes(buffer, length, out);
}

/** bpchar: trailing blanks are not part of the value hashed (bcTruelen). */
function hashBpchar(text: string, out: Hash64): void {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  hashText(end === text.length ? text : text.slice(0, end), out);
}

/** A hex digit's value, -1 for anything else. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** uuid_hash_extended: the 16 bytes (text with or without hyphens and braces). */
function hashUuid(text: string, out: Hash64): void {
  let n = 0;
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) continue;
    if (high < 0) high = d;
    else {
      buffer[n++] = (high << 4) | d;
      high = -1;
    }
  }
  if (n !== 16 || high >= 0) throw new Error(`not a uuid: ${text}`);
  hashBytes(buffer, 16, out);
}

const floatBytes = new DataView(new ArrayBuffer(8));
const floatView = new Uint8Array(floatBytes.buffer);

/** A float's text as a number (NaN only for `NaN`). */
function floatOf(text: string, type: string): number {
  const t = text.trim().toLowerCase();
  const x =
    t === 'infinity' || t === 'inf' ? Infinity : t === '-infinity' || t === '-inf' ? -Infinity : Number(t);
  if (Number.isNaN(x) && t !== 'nan') throw new Error(`not a ${type}: ${text}`);
  return x;
}

/** hashfloat8extended: zero (either sign) is the seed itself, every NaN one NaN, else the double's bytes. */
function hashFloat8(text: string, out: Hash64): void {
  hashDouble(floatOf(text, 'float8'), out);
}

/** hashfloat4extended: the float4 widened to a float8, then hashed as hashfloat8extended does. */
function hashFloat4(text: string, out: Hash64): void {
  hashDouble(Math.fround(floatOf(text, 'float4')), out);
}

function hashDouble(x: number, out: Hash64): void {
  if (x === 0) {
    out.hi = SEED_HI;
    out.lo = SEED_LO;
    return;
  }
  if (Number.isNaN(x)) {
    floatBytes.setUint32(0, 0, true);
    floatBytes.setUint32(4, 0x7ff80000, true);
  } else floatBytes.setFloat64(0, x, true);
  hashBytes(floatView, 8, out);
}

/** 2000-01-01, PostgreSQL's epoch, in days since 1970-01-01. */
const EPOCH_DAYS = 10_957;

/** Days from 1970-01-01 to a proleptic Gregorian date (civil-from-days inverted, any year). */
function civilDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The digits of `text[from, to)` as a number, NaN where one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Days since 2000-01-01 of an ISO date (`YYYY-MM-DD`, ` BC` after the value for years before 1). */
function pgDays(text: string): number {
  const t = text.trim();
  if (t === 'infinity') return 2147483647;
  if (t === '-infinity') return -2147483648;
  const dash = t.indexOf('-', 1);
  const year = digits(t, 0, dash);
  const month = digits(t, dash + 1, dash + 3);
  const day = digits(t, dash + 4, dash + 6);
  if (dash < 4 || t[dash + 3] !== '-' || Number.isNaN(year + month + day))
    throw new Error(`not a date: ${text}`);
  return civilDays(t.endsWith(' BC') ? 1 - year : year, month, day) - EPOCH_DAYS;
}

/** Microseconds of the `HH:MM:SS[.ffffff]` time of day starting at `at`. */
function dayMicros(text: string, at = 0): number {
  const h = digits(text, at, at + 2);
  const m = digits(text, at + 3, at + 5);
  const s = digits(text, at + 6, at + 8);
  if (Number.isNaN(h + m + s) || text[at + 2] !== ':' || text[at + 5] !== ':')
    throw new Error(`not a time: ${text}`);
  let fraction = 0;
  let scale = 100_000;
  if (text[at + 8] === '.') {
    for (let i = at + 9; i < text.length && scale >= 1; i++, scale /= 10) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      fraction += d * scale;
    }
  }
  return ((h * 60 + m) * 60 + s) * 1_000_000 + fraction;
}

/** timestamp_hash_extended: microseconds since 2000-01-01 as an int64 (±infinity: its ends). */
function hashTimestamp(text: string, out: Hash64): void {
  const t = text.trim();
  if (t === 'infinity') hashInt64(0x7fffffff, 0xffffffff, out);
  else if (t === '-infinity') hashInt64(-0x80000000, 0, out);
  else {
    const days = pgDays(t);
    const space = t.indexOf(' ');
    const micros = space > 0 && t[space + 3] === ':' ? dayMicros(t, space + 1) : 0;
    const total = days * 86_400_000_000 + micros;
    if (Number.isSafeInteger(total)) hashInt64Number(total, out);
    else {
      const big = BigInt(days) * 86_400_000_000n + BigInt(micros);
      hashInt64(Number(BigInt.asIntN(32, big >> 32n)), Number(BigInt.asUintN(32, big)), out);
    }
  }
}

/** timestamptz_hash_extended: as timestamp's, of the UTC instant (the text's offset taken off). */
function hashTimestamptz(text: string, out: Hash64): void {
  const t = text.trim();
  if (t === 'infinity' || t === '-infinity') {
    hashTimestamp(t, out);
    return;
  }
  const zone = /([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(t.endsWith(' BC') ? t.slice(0, -3) : t);
  if (!zone || zone.index < 10) throw new Error(`a timestamptz without a UTC offset: ${text}`);
  const local = t.slice(0, zone.index) + (t.endsWith(' BC') ? ' BC' : '');
  const offset = (Number(zone[2]) * 3600 + Number(zone[3] ?? 0) * 60 + Number(zone[4] ?? 0)) * 1_000_000;
  const days = pgDays(local);
  const space = local.indexOf(' ');
  const micros = space > 0 && local[space + 3] === ':' ? dayMicros(local, space + 1) : 0;
  const total = BigInt(days) * 86_400_000_000n + BigInt(micros) - BigInt(zone[1] === '-' ? -offset : offset);
  hashInt64(Number(BigInt.asIntN(32, total >> 32n)), Number(BigInt.asUintN(32, total)), out);
}

/** hashvarlenaextended of bytea: its bytes (the `\x` hex form). */
function hashBytea(text: string, out: Hash64): void {
  const t = text.trim();
  if (!t.startsWith('\\x') || t.length % 2 !== 0) throw new Error(`not a bytea in hex form: ${text}`);
  const length = (t.length - 2) / 2;
  if (buffer.length < length) buffer = new Uint8Array(length);
  for (let i = 0; i < length; i++)
    buffer[i] = (hexDigit(t.charCodeAt(2 + 2 * i)) << 4) | hexDigit(t.charCodeAt(3 + 2 * i));
  hashBytes(buffer, length, out);
}

/**
 * hash_numeric_extended: the base-10000 digits (int16, little-endian) without the zero groups at either
 * end, hashed, XORed with the first group's weight (sign-extended to 64 bits; the sign of the value is not
 * hashed). Zero is the seed less one; NaN and the infinities the seed.
 */
function hashNumeric(text: string, out: Hash64): void {
  const t = text.trim().replace(/^[+-]/, '');
  if (/^(nan|infinity|inf)$/i.test(t)) {
    out.hi = SEED_HI;
    out.lo = SEED_LO;
    return;
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new Error(`not a numeric: ${text}`);
  const whole = (m[1] ?? '').replace(/^0+/, '');
  const intPart = whole.padStart(Math.ceil(whole.length / 4) * 4, '0');
  const fracRaw = m[2] ?? '';
  const frac = fracRaw.padEnd(Math.ceil(fracRaw.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < intPart.length + frac.length; i += 4)
    groups.push(Number((intPart + frac).slice(i, i + 4)));
  let weight = intPart.length / 4 - 1;
  let start = 0;
  while (start < groups.length && groups[start] === 0) {
    start++;
    weight--;
  }
  if (start === groups.length) {
    // seed - 1 (its low half is not 0: no borrow)
    out.hi = SEED_HI;
    out.lo = SEED_LO - 1;
    return;
  }
  let end = groups.length;
  while (groups[end - 1] === 0) end--;
  const length = (end - start) * 2;
  if (buffer.length < length) buffer = new Uint8Array(length);
  for (let i = start; i < end; i++) {
    const g = groups[i] as number;
    buffer[(i - start) * 2] = g & 0xff;
    buffer[(i - start) * 2 + 1] = g >>> 8;
  }
  hashBytes(buffer, length, out);
  out.lo = (out.lo ^ weight) >>> 0;
  out.hi = (out.hi ^ (weight < 0 ? 0xffffffff : 0)) >>> 0;
}

/** The types whose partition hash is computed (by base type name, pg_catalog). */
const HASHERS: Readonly<Record<string, (text: string, out: Hash64) => void>> = {
  int2: (t, out) => hashUint32(Number(t) >>> 0, out),
  int4: (t, out) => hashUint32(Number(t) >>> 0, out),
  oid: (t, out) => hashUint32(Number(t) >>> 0, out),
  int8: hashInt64Text,
  bool: (t, out) => hashUint32(/^(t|true|y|yes|on|1)$/i.test(t.trim()) ? 1 : 0, out),
  text: hashText,
  varchar: hashText,
  name: hashText,
  bpchar: hashBpchar,
  uuid: hashUuid,
  float8: hashFloat8,
  float4: hashFloat4,
  numeric: hashNumeric,
  bytea: hashBytea,
  timestamptz: hashTimestamptz,
  date: (t, out) => hashUint32(pgDays(t) >>> 0, out),
  timestamp: hashTimestamp,
  time: (t, out) => hashInt64Number(dayMicros(t), out),
};

/** Whether PostgreSQL's partition hash of a (base) type is computed here. */
export function hashTypeSupported(typeName: string): boolean {
  return Object.hasOwn(HASHERS, typeName);
}

/** hash_combine64(a, b) into `a`. */
function combine(a: Hash64, b: Hash64): void {
  // b + K + (a << 54) + (a >> 7), in 64 bits.
  const lo = b.lo + COMBINE_LO + 0 + (((a.lo >>> 7) | (a.hi << 25)) >>> 0);
  const carry = Math.floor(lo / TWO_32);
  const hi = b.hi + COMBINE_HI + ((a.lo << 22) >>> 0) + (a.hi >>> 7) + carry;
  a.hi = (a.hi ^ hi) >>> 0;
  a.lo = (a.lo ^ lo) >>> 0;
}

/**
 * The row hash of a HASH partition key of these (base) types, from the key's values as text (NULL: left
 * out, as PostgreSQL does; all NULL hash to 0). Undefined when a type is not supported.
 */
export function partitionHasher(
  typeNames: readonly string[],
): ((values: readonly (string | null)[], out: Hash64) => void) | undefined {
  const hashers = typeNames.map((t) => HASHERS[t]);
  if (hashers.some((h) => h === undefined)) return undefined;
  const one: Hash64 = { hi: 0, lo: 0 };
  return (values, out) => {
    out.hi = 0;
    out.lo = 0;
    for (let i = 0; i < hashers.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      (hashers[i] as (text: string, out: Hash64) => void)(v, one);
      combine(out, one);
    }
  };
}

/** `hash % modulus` of an unsigned 64-bit hash (modulus a positive int32). */
export function hashRemainder(hash: Hash64, modulus: number): number {
  // (hi * 2^32 + lo) mod m, 16 bits at a time so every product stays exact.
  let r = hash.hi % modulus;
  r = (r * 65536 + (hash.lo >>> 16)) % modulus;
  return (r * 65536 + (hash.lo & 0xffff)) % modulus;
}
