/**
 * Unique text by construction for columns with no realistic kind of their
 * own (generator version 2): `quiet-harbor-412` (two of the locale's words,
 * ASCII-folded, and a number), `KXQ-04821` for codes, hex for tokens; and a
 * dictionary's entries followed by numbered repeats (`Books`, …, `Books 2`)
 * where a dictionary kind (cities, departments) has fewer entries than rows.
 */
import { hashString, mix32 } from '../random.js';
import { HEX2 } from '../types/format.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { asciiSlug } from './text-fit.js';
import { codeLetters, wordPools } from './text-values.js';
import {
  createDigits,
  distinct,
  MIN_NAMES,
  namePairs,
  namesWithin,
  numberedWhenNeeded,
  type SemanticUniqueGenerator,
} from './unique-digits.js';

const PLAIN_WORD = /^[a-z]+$/;

/** A word list as lower-case ASCII words without digits or separators, deduplicated. */
function slugWords(list: readonly string[]): readonly string[] {
  return distinct(list.map(asciiSlug), Number.POSITIVE_INFINITY, PLAIN_WORD);
}

/**
 * `quiet-harbor-412`: an adjective, a noun and 0..999, joined by `-`. No word
 * holds a `-` or a digit, so the three parts read back unambiguously
 * (injective); lower-case, so lower() and citext keep the values distinct.
 * The locale's words where they fold to enough ASCII words, else en's.
 */
export function wordPairUnique(
  max: number,
  locale: LocaleDictionary | null,
  version = 17,
): SemanticUniqueGenerator | null {
  const names = pairWords(max - 5, locale);
  if (names === null) return null;
  // Version 18: `quiet-harbor` bare where the rows are fewer than the pairs, numbered past them only.
  if (version >= 18)
    return numberedWhenNeeded(
      namePairs(names, [], (first, last) => `${first}-${last}`),
      (n) => `-${n}`,
    );
  return namePairs(names, [1000], (first, last, d) => `${first}-${last}-${d[2]}`);
}

/** The locale's adjectives and nouns as ASCII words (en's where too few fold), a pair within `budget`. */
function pairWords(budget: number, locale: LocaleDictionary | null) {
  const own = wordPools(locale);
  let adjectives = slugWords(own.adjectives);
  let nouns = slugWords(own.nouns);
  if (adjectives.length < MIN_NAMES || nouns.length < MIN_NAMES) {
    const en = wordPools(null);
    adjectives = slugWords(en.adjectives);
    nouns = slugWords(en.nouns);
  }
  return namesWithin(adjectives, nouns, budget);
}

/** Version 19: `quiet-harbor`, an adjective and a noun of the locale (see wordPairUnique), within `budget`. */
export function wordPairs(budget: number, locale: LocaleDictionary | null): SemanticUniqueGenerator | null {
  const names = pairWords(budget, locale);
  return names === null ? null : namePairs(names, [], (first, last) => `${first}-${last}`);
}

/**
 * Version 3: unique text under a length minimum (`CHECK (length(code) >=
 * 10)`): `quiet-harbor-412` with words of the locale added (`-river-carry`)
 * until the value reaches `min`, the last one cut where `max` is near. The
 * pair ends in a digit and the added words hold none, so the pair reads
 * back from any value (injective). Null when no pair and one letter fit.
 */
export function sizedWordPairUnique(
  min: number,
  max: number,
  locale: LocaleDictionary | null,
): SemanticUniqueGenerator | null {
  if (min <= 0 || min > max) return wordPairUnique(max, locale) ?? wordDigitsUnique(0, max);
  const pairs = wordPairUnique(max - 2, locale);
  if (pairs === null) return wordDigitsUnique(min, max);
  const fillers = slugWords(wordPools(null).nouns);
  if (fillers.length === 0) return null;
  return {
    space: pairs.space,
    value(k) {
      let out = pairs.value(k);
      let h = mix32(k ^ 0x2545f491);
      while (out.length < min) {
        h = mix32(h + 0x9e3779b9);
        out += `-${fillers[h % fillers.length]}`;
      }
      // Cut the last word to the column (never below `min`, never ending on the dash: min > pair + 1).
      return out.length <= max ? out : out.slice(0, Math.max(min, max));
    },
  };
}

/** Digit counts a word takes after it, the fewest first that leaves enough words. */
const WORD_DIGITS = [3, 4, 2, 5, 6];

/**
 * Version 3: unique text too short for a word pair (`varchar(11)` with
 * `length(code) >= 11`): an English word and a fixed count of digits
 * (`umbrella042`, `jet48`), the word's length chosen so the value lands
 * between `min` and `max`. Words hold no digit and the digits are of fixed
 * width, so the parts read back (injective). Null when fewer than 16 words
 * fit every digit count.
 */
export function wordDigitsUnique(min: number, max: number): SemanticUniqueGenerator | null {
  const pools = wordPools(null);
  const words = slugWords([...pools.nouns, ...pools.adjectives]);
  for (const d of WORD_DIGITS) {
    const fit = words.filter((w) => w.length + d >= min && w.length + d <= max);
    if (fit.length < MIN_NAMES) continue;
    const n = fit.length;
    return {
      space: n * 10 ** d,
      value(k) {
        const r = k % n;
        return fit[r] + String((k - r) / n).padStart(d, '0');
      },
    };
  }
  return null;
}

/** `KXQ-04821`: three letters, a dash, five digits (17,576 × 100,000 values); null below nine characters. */
export function codeUnique(max: number): SemanticUniqueGenerator | null {
  if (max < 9) return null;
  const digits = createDigits([17576, 100000]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${codeLetters(d[0]!)}-${String(d[1]!).padStart(5, '0')}`;
    },
  };
}

const HEAD_DIGITS = 13;

function hex8(x: number): string {
  return HEX2[x >>> 24]! + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!;
}

/**
 * Up to 32 hex digits: k in 13 hex digits (injective for k < 2^52), then
 * digits hashed from k; null below 13 characters.
 */
export function tokenUnique(max: number): SemanticUniqueGenerator | null {
  if (max < HEAD_DIGITS) return null;
  const length = Math.min(32, max);
  return {
    space: 2 ** 52,
    value(k) {
      const head = k.toString(16).padStart(HEAD_DIGITS, '0');
      if (length === HEAD_DIGITS) return head;
      const t1 = mix32((k >>> 0) ^ mix32(Math.floor(k / 4294967296) + 0x632be5ab));
      const t2 = mix32(t1 ^ 0x9e3779b9);
      const t3 = mix32(t2 + 0x7f4a7c15);
      return (head + hex8(t1) + hex8(t2) + hex8(t3)).slice(0, length);
    },
  };
}

/** Repeats of an entry in a short column are numbered 2 … 9999 (`Books 9999`): five characters kept for the suffix. */
const REPEATS = 9999;
/** Room for any repeat number below 2^53: a blank and 16 digits. */
const ANY_REPEAT = 17;
const ENDS_IN_NUMBER = /\s\d+$/;

/**
 * A dictionary's entries, then each again numbered (`Books`, `Garden`, …,
 * `Books 2`, …). No entry ends in a blank and digits, so a numbered repeat
 * never equals an entry. Where the column has room for any repeat number the
 * space is unbounded: the key's row index comes as it is (not spread over a
 * space, nor scrambled: `dense`), so the plain entries come first. In a
 * short column the repeats stop at 9999 and the index is spread over them.
 */
export function numberedDictionary(list: readonly string[], max: number): SemanticUniqueGenerator | null {
  // Made once per list and length (a pure function of both): a plan asks again for each table and key
  // of a name column (plan/name-pairs.ts, then the key's own generator), and sorting 3,000 names by hash
  // was most of planning 20 tables of unique first and last names.
  let byMax = madeDictionaries.get(list);
  if (byMax === undefined) {
    byMax = new Map();
    madeDictionaries.set(list, byMax);
  }
  let made = byMax.get(max);
  if (made === undefined) {
    made = makeNumberedDictionary(list, max);
    byMax.set(max, made);
  }
  return made;
}

const madeDictionaries = new WeakMap<readonly string[], Map<number, SemanticUniqueGenerator | null>>();

function makeNumberedDictionary(list: readonly string[], max: number): SemanticUniqueGenerator | null {
  const roomy = distinct(list, max - ANY_REPEAT).filter((e) => !ENDS_IN_NUMBER.test(e));
  const entries =
    roomy.length >= MIN_NAMES ? roomy : distinct(list, max - 5).filter((e) => !ENDS_IN_NUMBER.test(e));
  const n = entries.length;
  if (n === 0) return null;
  // In a hashed order: the first rows take entries from the whole list, not its alphabetical start.
  const order = [...entries].sort((a, b) => hashString(a) - hashString(b) || (a < b ? -1 : 1));
  return {
    space: entries === roomy ? Number.POSITIVE_INFINITY : n * REPEATS,
    dense: true,
    value(k) {
      const r = k % n;
      const q = (k - r) / n;
      return q === 0 ? (order[r] as string) : `${order[r]} ${q + 1}`;
    },
  };
}
