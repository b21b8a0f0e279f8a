/**
 * The word list behind text-like values: faker's lorem dictionary (design.md,
 * principle 6: dictionaries from locale data, picking by our own hash-indexed
 * code). Only plain lower-case ASCII words, deduplicated, so any word is safe
 * in every text syntax (tsvector lexemes, ltree labels, JSON strings, XML).
 */
import { EN } from '../locale-definitions.js';

const FALLBACK = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(' ');

function loadWords(): readonly string[] {
  const source: readonly string[] = (EN.lorem as { word?: readonly string[] } | undefined)?.word ?? FALLBACK;
  const words = [...new Set(source.filter((w) => /^[a-z]+$/.test(w)))];
  return words.length > 0 ? words : FALLBACK;
}

export const WORDS: readonly string[] = loadWords();
/** The same words with an upper-case first letter (sentence starts). */
export const CAPITALIZED: readonly string[] = WORDS.map((w) => w[0]!.toUpperCase() + w.slice(1));
/** Length of the longest word. */
export const MAX_WORD_LENGTH: number = WORDS.reduce((m, w) => Math.max(m, w.length), 0);

/** Lower-case letters then digits: the alphabet of compact unique codes. */
export const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** How many codes of length 1..maxLength exist over an alphabet of `radix` (Infinity past 2^52). */
export function codeSpace(radix: number, maxLength: number, minLength = 1): number {
  let total = 0;
  let count = radix ** minLength;
  for (let l = minLength; l <= maxLength; l++) {
    total += count;
    if (total > 2 ** 52) return Number.POSITIVE_INFINITY;
    count *= radix;
  }
  return total;
}

/**
 * Bijective numbering of strings over `alphabet`, shortest first: with the
 * default alphabet 0 → `a`, 25 → `z`, 36 → `aa`. Injective for every k < 2^53.
 */
export function encodeCode(k: number, alphabet: string = CODE_ALPHABET, minLength = 1): string {
  const radix = alphabet.length;
  let length = minLength;
  let count = radix ** minLength;
  while (k >= count) {
    k -= count;
    length++;
    count *= radix;
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    const digit = k % radix;
    out = alphabet[digit]! + out;
    k = (k - digit) / radix;
  }
  return out;
}

/** A readable unique word: `abbas`, …, then `abbas-1`, … (injective: words contain no `-`). */
export function encodeWord(k: number): string {
  const w = WORDS.length;
  const q = Math.floor(k / w);
  const word = WORDS[k - q * w]!;
  return q === 0 ? word : `${word}-${q}`;
}

/** Longest `encodeWord` output for k < 2^53. */
export const MAX_ENCODED_WORD_LENGTH: number =
  MAX_WORD_LENGTH + 1 + String(Math.floor(2 ** 53 / WORDS.length)).length;

/**
 * `encodeWord` over another list of plain lower-case words (generator
 * version 3's readable words), with its longest output.
 */
export function wordEncoding(words: readonly string[]): {
  readonly encode: (k: number) => string;
  readonly maxLength: number;
} {
  if (words === WORDS) return { encode: encodeWord, maxLength: MAX_ENCODED_WORD_LENGTH };
  const w = words.length;
  const longest = words.reduce((m, x) => Math.max(m, x.length), 0);
  return {
    encode(k) {
      const q = Math.floor(k / w);
      const word = words[k - q * w]!;
      return q === 0 ? word : `${word}-${q}`;
    },
    maxLength: longest + 1 + String(Math.floor(2 ** 53 / w)).length,
  };
}
