/**
 * Unique people and organisations by construction (see
 * create-semantic-unique-generator.ts): emails and usernames from name
 * slugs and a fixed-width suffix, full names, companies, products, phones.
 */
import { padDigits } from '../../checks/digits.js';
import { lazyTable } from '../lazy-table.js';
import { CODE_ALPHABET } from '../types/words.js';
import {
  AREA_CODES,
  EXAMPLE_DOMAINS,
  EXCHANGE_CODES,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCT_ADJECTIVES,
  PRODUCT_MATERIALS,
  PRODUCT_NOUNS,
} from './locale-data.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { asciiSlug } from './text-fit.js';
import {
  codes,
  createDigits,
  distinct,
  MIN_NAMES,
  namePairs,
  namesWithin,
  numberedWhenNeeded,
  type SemanticUniqueGenerator,
  wordTriples,
} from './unique-digits.js';

const NAME_WORD = /^[A-Za-z][A-Za-z'-]*$/;
const firstSlugs = lazyTable(() => distinct(FIRST_NAMES.map(asciiSlug)));
const lastSlugs = lazyTable(() => distinct(LAST_NAMES.map(asciiSlug)));
const firstWords = lazyTable(() => distinct(FIRST_NAMES, Number.POSITIVE_INFINITY, NAME_WORD));
const lastWords = lazyTable(() => distinct(LAST_NAMES, Number.POSITIVE_INFINITY, NAME_WORD));
const MAX_DOMAIN = EXAMPLE_DOMAINS.reduce((m, d) => Math.max(m, d.length), 0);
const SHORT_DOMAIN = EXAMPLE_DOMAINS.reduce((a, b) => (b.length < a.length ? b : a));
const BASE36 = CODE_ALPHABET;
const SUFFIX_SPACE = 36 ** 3;

/** Three base-36 characters for 0 <= n < 46656. */
function suffix3(n: number): string {
  return BASE36[Math.floor(n / 1296)]! + BASE36[Math.floor(n / 36) % 36]! + BASE36[n % 36]!;
}

/** `ana.silva.3f9@example.com`. */
export function emailUnique(max: number): SemanticUniqueGenerator | null {
  const names = namesWithin(firstSlugs(), lastSlugs(), max - (3 + 3 + MAX_DOMAIN));
  if (names === null) return codes('', `@${SHORT_DOMAIN}`, max);
  return namePairs(
    names,
    [EXAMPLE_DOMAINS.length, SUFFIX_SPACE],
    (first, last, d) => `${first}.${last}.${suffix3(d[3]!)}@${EXAMPLE_DOMAINS[d[2]!]}`,
  );
}

/** `ana.silva042`: the last name has no digits and the suffix is exactly three. */
export function usernameUnique(
  max: number,
  locale: LocaleDictionary | null,
  version = 17,
): SemanticUniqueGenerator | null {
  const names = namesWithin(
    locale === null ? firstSlugs() : distinct(locale.firstSlugs),
    locale === null ? lastSlugs() : distinct(locale.lastSlugs),
    max - 4,
  );
  if (names === null) return codes('', '', max);
  // Version 18: `ana.silva` bare where the rows are fewer than the name pairs, numbered past them only.
  if (version >= 18)
    return numberedWhenNeeded(
      namePairs(names, [], (first, last) => `${first}.${last}`),
      (n) => padDigits(n, 3),
    );
  return namePairs(names, [1000], (first, last, d) => `${first}.${last}${padDigits(d[2]!, 3)}`);
}

/** `Ana Silva`: single-word names, so the space splits the pair unambiguously. */
export function fullNameUnique(max: number): SemanticUniqueGenerator | null {
  const names = namesWithin(firstWords(), lastWords(), max - 1);
  if (names === null) return null;
  return namePairs(names, [], (first, last) => `${first} ${last}`);
}

/** `Ward, Lind and Becker`: three single-word last names. */
export function companyUnique(max: number): SemanticUniqueGenerator | null {
  const budget = max - 7;
  const cap = Number.isFinite(budget) ? Math.floor(budget / 3) : Number.POSITIVE_INFINITY;
  const lasts = lastWords().filter((s) => s.length <= cap);
  if (lasts.length < MIN_NAMES) return null;
  const digits = createDigits([lasts.length, lasts.length, lasts.length]);
  const d: number[] = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${lasts[d[0]!]}, ${lasts[d[1]!]} and ${lasts[d[2]!]}`;
    },
  };
}

/** `Ergonomic Wooden Chair`: one word from each list. */
export function productUnique(max: number): SemanticUniqueGenerator | null {
  const single = /^[A-Za-z]+$/;
  const lists = [PRODUCT_ADJECTIVES, PRODUCT_MATERIALS, PRODUCT_NOUNS].map((l) =>
    distinct(l, Number.POSITIVE_INFINITY, single),
  );
  return wordTriples(lists, max);
}

/** `(212) 555-0199`, `212-555-0199` or `2125550199`, whichever fits. */
export function phoneUnique(max: number): SemanticUniqueGenerator | null {
  const areas = distinct(AREA_CODES);
  const exchanges = distinct(EXCHANGE_CODES);
  const digits = createDigits([areas.length, exchanges.length, 10000]);
  const d: number[] = [0, 0, 0];
  const write =
    max >= 14
      ? (a: string, e: string, l: string) => `(${a}) ${e}-${l}`
      : max >= 12
        ? (a: string, e: string, l: string) => `${a}-${e}-${l}`
        : max >= 10
          ? (a: string, e: string, l: string) => a + e + l
          : null;
  if (write === null) return null;
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return write(areas[d[0]!]!, exchanges[d[1]!]!, padDigits(d[2]!, 4));
    },
  };
}
