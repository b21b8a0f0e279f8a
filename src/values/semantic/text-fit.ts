/**
 * Making dictionary text fit a column: length limits from the type's typmod,
 * lists pre-filtered to what fits, and the ASCII folding that turns a name
 * into an email or username part.
 */
import type { TypeRef } from '../../schema/model.js';

/** The most characters a text-like type accepts: varchar(n)/bpchar(n) → n, else Infinity. */
export function textMaxLength(base: TypeRef): number {
  if ((base.name === 'varchar' || base.name === 'bpchar') && base.typmods[0] !== undefined) {
    return Math.max(0, base.typmods[0]);
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * At most `max` characters (UTF-16 units, never fewer than characters),
 * never ending in a blank left by the cut nor in half a surrogate pair.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  if (end === 0) end = max;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/**
 * Version 3: `cut` at the last blank within `max` (whole words, as a person
 * shortens text) where that keeps at least half; else `cut`.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (text.charCodeAt(max) === 32) return cut(text, max);
  const end = text.lastIndexOf(' ', max);
  return end >= max / 2 ? cut(text.slice(0, end), max) : cut(text, max);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The entries of `list` no longer than `max`; when none fits, every entry cut
 * to `max` (deduplicated), so a pick never needs a per-value length check.
 */
export function fitting(list: readonly string[], max: number): readonly string[] {
  if (!Number.isFinite(max)) return list;
  const fit = list.filter((s) => s.length <= max);
  if (fit.length > 0) return fit;
  return [...new Set(list.map((s) => cut(s, max)))];
}

/** Letters NFD cannot decompose, spelled as English keyboards do. */
const FOLD_EXTRAS: Readonly<Record<number, string>> = {
  198: 'ae',
  230: 'ae',
  208: 'd',
  240: 'd',
  216: 'o',
  248: 'o',
  222: 'th',
  254: 'th',
  223: 'ss',
  272: 'd',
  273: 'd',
  321: 'l',
  322: 'l',
  338: 'oe',
  339: 'oe',
};

/** For each Latin code point below 0x250: its lower-case ASCII letters with accents stripped, or ''. */
const FOLD: readonly string[] = Array.from({ length: 0x250 }, (_, code) => {
  const extra = FOLD_EXTRAS[code];
  if (extra !== undefined) return extra;
  const plain = String.fromCharCode(code).normalize('NFD').toLowerCase().charAt(0);
  return /[a-z0-9]/.test(plain) ? plain : '';
});

/**
 * A name as an email/username part: lower-case ASCII letters and digits only
 * (`O'Connor` → `oconnor`, `José` → `jose`); other characters are dropped.
 */
export function asciiSlug(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out += text[i];
    else if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
    else if (code < 0x250) out += FOLD[code];
  }
  return out;
}

/** For each code below 0x250: how many bytes `asciiSlug` writes for it (0, 1 or 2) and the bytes. */
const SLUG_LENGTH = new Uint8Array(0x250);
const SLUG_BYTES = new Uint8Array(0x250 * 2);
for (let code = 0; code < 0x250; code++) {
  const text = asciiSlug(String.fromCharCode(code));
  SLUG_LENGTH[code] = text.length;
  for (let i = 0; i < text.length; i++) SLUG_BYTES[code * 2 + i] = text.charCodeAt(i);
}

/** `asciiSlug(text) !== ''`, without making the slug: stops at the first character the slug keeps. */
export function hasSlug(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x250 && (SLUG_LENGTH[code] as number) > 0) return true;
  }
  return false;
}

/** `asciiSlug(text).length`, without making the slug. */
export function slugLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x250) n += SLUG_LENGTH[code] as number;
  }
  return n;
}

/**
 * The first `max` bytes of `asciiSlug(text)` into `buf` at `p` (room made by
 * the caller), without making the slug; returns the position after them.
 */
export function putSlug(buf: Uint8Array, p: number, text: string, max = Number.POSITIVE_INFINITY): number {
  const end = p + max;
  for (let i = 0; i < text.length && p < end; i++) {
    const code = text.charCodeAt(i);
    // a-z: its own byte (most of a name's letters), without the tables' two reads.
    if ((code - 97) >>> 0 < 26) {
      buf[p++] = code;
      continue;
    }
    if (code >= 0x250) continue;
    const n = SLUG_LENGTH[code] as number;
    if (n === 0) continue;
    buf[p++] = SLUG_BYTES[code * 2] as number;
    if (n === 2 && p < end) buf[p++] = SLUG_BYTES[code * 2 + 1] as number;
  }
  return p;
}

/** `word` with an upper-case first letter. */
export function capitalize(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}
