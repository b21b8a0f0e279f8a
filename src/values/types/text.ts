/**
 * text, varchar(n), bpchar(n), name, "char" and citext. Random values are
 * short lorem sentences cut to the length limit (lengths are in characters;
 * the words are ASCII). Unique values are compact codes (`a`, `b`, … `aa`)
 * when the limit is small and readable numbered words otherwise; both are
 * lower-case with no spaces, so they stay distinct under citext and under
 * bpchar's blank-insensitive comparison.
 */
import { constants } from 'node:buffer';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import {
  type GeneratorHints,
  type TypeSupport,
  type UniqueValueGenerator,
  unsatisfiableError,
  type ValueGenerator,
} from './generator.js';
import { CAPITALIZED, CODE_ALPHABET, codeSpace, encodeCode, WORDS, wordEncoding } from './words.js';

/** The longest string V8 makes (about 512 MiB of characters): a length minimum past it is no value at all. */
const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** UTF-8 bytes per character at most: a character of 4 bytes (U+10000 and past). */
export const MAX_CHARACTER_BYTES = 4;

/**
 * Effective [minLength, maxLength] in characters for a text-like type; `bytes`: a byte minimum
 * (`octet_length(s) > 5`) its ASCII characters cannot hold under the type's limit, which
 * multi-byte characters meet (`withBytes`).
 */
export function textLengthLimits(
  type: TypeRef,
  hints: GeneratorHints,
): { min: number; max: number; bytes?: number } {
  let max = Number.POSITIVE_INFINITY;
  if (type.name === 'name') max = 63;
  else if ((type.name === 'varchar' || type.name === 'bpchar') && type.typmods[0] !== undefined) {
    max = type.typmods[0];
  }
  if (hints.maxLength !== undefined) max = Math.min(max, hints.maxLength);
  const min = Math.max(0, hints.minLength ?? 0);
  const bytes = hints.minBytes;
  // The character minimum is the byte minimum's (no character CHECK asks more): fewer characters of more bytes.
  if (min > max && bytes !== undefined && min <= bytes && type.name !== 'name') {
    if (max * MAX_CHARACTER_BYTES >= bytes && max > 0) return { min: max, max, bytes };
    throw unsatisfiableError(
      type,
      `at least ${bytes} bytes in at most ${max} characters (a character is at most ${MAX_CHARACTER_BYTES} bytes in UTF-8)`,
    );
  }
  if (min > max) throw unsatisfiableError(type, `length between ${min} and ${max}`);
  // `length(c) > 2000000000`: PostgreSQL holds a value of up to 1 GB, and a JavaScript string this long is none.
  if (min > MAX_STRING_LENGTH)
    throw unsatisfiableError(
      type,
      `a length of at least ${min}: the longest value datagen makes is ${MAX_STRING_LENGTH} characters (PostgreSQL's limit is 1 GB)`,
    );
  return { min, max };
}

/**
 * Whether a byte minimum (`octet_length(c) >= 8`) is more than ASCII holds under the length limit
 * (`char_length(c) <= 3`): only the type's generator, which widens characters (`withBytes`), meets it.
 */
export function widensCharacters(
  hints: Pick<GeneratorHints, 'minBytes' | 'minLength' | 'maxLength'>,
): boolean {
  const { minBytes, minLength, maxLength } = hints;
  return (
    minBytes !== undefined && minLength !== undefined && maxLength !== undefined && minLength > maxLength
  );
}

/**
 * `value` with its characters from the end made wider until it holds `bytes` bytes in UTF-8: a character
 * of code c becomes U+20000 + c (4 bytes) or U+4E00 + c (3 bytes), CJK ideographs with no case, so values
 * of one length made wider alike stay distinct (under citext too).
 */
export function withBytes(value: string, bytes: number): string {
  const chars = [...value];
  let total = Buffer.byteLength(value, 'utf8');
  for (let i = chars.length - 1; i >= 0 && total < bytes; i--) {
    const c = chars[i] as string;
    const code = c.codePointAt(0) ?? 0;
    if (code >= 128) continue;
    const wider = String.fromCodePoint((bytes - total >= 3 ? 0x20000 : 0x4e00) + code);
    chars[i] = wider;
    total += Buffer.byteLength(wider, 'utf8') - 1;
  }
  return chars.join('');
}

/** A sentence of 1..maxWords of `words` within [minLength, maxLength] characters. */
export function createSentenceGenerator(
  minLength: number,
  maxLength: number,
  separator = ' ',
  words: readonly string[] = WORDS,
): ValueGenerator {
  const capitalized = words === WORDS ? CAPITALIZED : words.map((w) => w[0]!.toUpperCase() + w.slice(1));
  const maxWords = Number.isFinite(maxLength) ? Math.max(1, Math.min(12, Math.ceil(maxLength / 5))) : 12;
  const pad = 'x'.repeat(Math.min(minLength, 10_000));
  return {
    random(rand: RowRandom): string {
      const count = 1 + rand.below(maxWords);
      let out = capitalized[rand.below(capitalized.length)]!;
      if (out.length > maxLength) out = out.slice(0, maxLength);
      for (let i = 1; i < count; i++) {
        const w = words[rand.below(words.length)]!;
        if (out.length + separator.length + w.length > maxLength) break;
        out += separator + w;
      }
      if (out.length < minLength) out = (out + pad).slice(0, minLength);
      return out;
    },
  };
}

/** Unique strings of at most maxLength characters (and at least minLength). */
export function createCodeUnique(
  minLength: number,
  maxLength: number,
  words: readonly string[] = WORDS,
): UniqueValueGenerator {
  const encoding = wordEncoding(words);
  if (minLength <= 1 && maxLength >= encoding.maxLength) {
    return { space: Number.POSITIVE_INFINITY, value: encoding.encode };
  }
  const min = Math.max(1, minLength);
  const space = codeSpace(CODE_ALPHABET.length, maxLength, min);
  return { space, value: (k) => encodeCode(k, CODE_ALPHABET, min) };
}

/** Text types whose random sentences are of `words` (lorem before generator version 3, readable words after). */
export function createTextSupport(words: readonly string[]): TypeSupport {
  return {
    random(type, hints) {
      const { min, max, bytes } = textLengthLimits(type, hints);
      const sentences = createSentenceGenerator(min, max, type.name === 'name' ? '_' : ' ', words);
      if (bytes === undefined) return sentences;
      return { random: (rand) => withBytes(sentences.random(rand), bytes) };
    },
    unique(type, hints) {
      const { min, max, bytes } = textLengthLimits(type, hints);
      if (max === 0) return { space: 1, value: () => '' };
      const codes = createCodeUnique(min, max, words);
      // Codes of the same length made wider at the end alike stay distinct (their ASCII prefixes differ).
      if (bytes === undefined) return codes;
      return { ...codes, value: (k) => withBytes(codes.value(k), bytes) };
    },
  };
}

/** citext: like text, but generated lower-case so case-insensitive equality never merges values. */
export function createCitextSupport(text: TypeSupport): TypeSupport {
  return {
    random(type, hints) {
      const inner = text.random(type, hints);
      return { random: (rand) => inner.random(rand).toLowerCase() };
    },
    unique: text.unique,
  };
}

export const textSupport: TypeSupport = createTextSupport(WORDS);
export const citextSupport: TypeSupport = createCitextSupport(textSupport);

/** Printable ASCII without space, letters first: the values of the one-byte `"char"` type we use. */
const CHAR_ALPHABET = (() => {
  let rest = '';
  for (let c = 33; c < 127; c++) {
    const ch = String.fromCharCode(c);
    if (!/[a-zA-Z0-9]/.test(ch)) rest += ch;
  }
  return `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789${rest}`;
})();

export const charSupport: TypeSupport = {
  random: () => ({ random: (rand) => CHAR_ALPHABET[rand.below(26)]! }),
  unique: () => ({ space: CHAR_ALPHABET.length, value: (k) => CHAR_ALPHABET[k]! }),
};
