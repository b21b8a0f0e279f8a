/**
 * Realistic values that are unique by construction (design.md, principle 3):
 * an index k maps to a tuple of dictionary picks plus a fixed-width suffix,
 * joined with separators no dictionary entry contains, so distinct k give
 * distinct text. Each tuple digit is shifted by a hash of the digits before
 * it (still a bijection), so consecutive k do not share a first name.
 */

import { daysFromCivil, formatDate, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import { padDigits } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import { GENERATOR_VERSION } from '../../version.js';
import { CODE_ALPHABET, encodeWord, MAX_ENCODED_WORD_LENGTH } from '../types/words.js';
import {
  AREA_CODES,
  CITIES,
  COLORS,
  COUNTIES,
  COUNTRIES,
  COUNTRY_ALPHA2,
  COUNTRY_ALPHA3,
  CURRENCY_CODES,
  DEPARTMENTS,
  EXAMPLE_DOMAINS,
  EXCHANGE_CODES,
  FIRST_NAMES,
  LANGUAGE_ALPHA2,
  LANGUAGE_NAMES,
  LAST_NAMES,
  NAME_PREFIXES,
  PRODUCT_ADJECTIVES,
  PRODUCT_MATERIALS,
  PRODUCT_NOUNS,
  SECONDARY_UNITS,
  STATES,
  STREET_NAMES,
  TIME_ZONES,
} from './locale-data.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { localeCompanyUnique, localeFullNameUnique, localeProductUnique } from './locale-unique.js';
import { migrationVersionUnique } from './migration-values.js';
import { heldAsTextUnique } from './numbers-as-text.js';
import type { SemanticKind } from './semantic-kind.js';
import { asciiSlug, textMaxLength } from './text-fit.js';
import { codeUnique, numberedDictionary, tokenUnique, wordPairUnique } from './text-unique.js';
import { BIRTH_FIRST_DAY, BIRTH_LAST_DAY, CREATED_FIRST_DAY, REFERENCE_DAY } from './time-values.js';
import {
  codes,
  createDigits,
  dictionary,
  distinct,
  MIN_NAMES,
  namePairs,
  namesWithin,
  type SemanticUniqueGenerator,
} from './unique-digits.js';

const DAY_2000 = daysFromCivil(2000, 1, 1);

/** Dictionary kinds whose unique values go on past the entries with numbered repeats (version 2). */
function numberedList(kind: SemanticKind, locale: LocaleDictionary | null): readonly string[] | undefined {
  switch (kind) {
    case 'category':
      return locale?.departments ?? DEPARTMENTS;
    case 'city':
      return locale?.cities ?? CITIES;
    case 'county':
      return COUNTIES;
    case 'country':
      return locale?.countries ?? COUNTRIES;
    case 'first_name':
      return locale?.firstNames ?? FIRST_NAMES;
    case 'last_name':
      return locale?.lastNames ?? LAST_NAMES;
    default:
      return undefined;
  }
}

/**
 * Version 2's unique text: readable words, codes, tokens, numbered
 * dictionaries, and names in the run's locale; undefined: version 1's way.
 */
function textUnique(
  kind: SemanticKind,
  max: number,
  locale: LocaleDictionary | null,
): SemanticUniqueGenerator | null | undefined {
  switch (kind) {
    case 'phrase':
    case 'label':
      return wordPairUnique(max, locale);
    case 'code':
      return codeUnique(max);
    case 'token':
      return tokenUnique(max);
    case 'full_name':
      return locale === null ? undefined : (localeFullNameUnique(max, locale) ?? undefined);
    case 'company':
      return locale === null ? undefined : (localeCompanyUnique(max, locale) ?? undefined);
    case 'product_name':
      return locale === null ? undefined : (localeProductUnique(max, locale) ?? undefined);
    default: {
      const list = numberedList(kind, locale);
      return list === undefined ? undefined : (numberedDictionary(list, max) ?? undefined);
    }
  }
}

const NAME_WORD = /^[A-Za-z][A-Za-z'-]*$/;
const FIRST_SLUGS = distinct(FIRST_NAMES.map(asciiSlug));
const LAST_SLUGS = distinct(LAST_NAMES.map(asciiSlug));
const FIRST_WORDS = distinct(FIRST_NAMES, Number.POSITIVE_INFINITY, NAME_WORD);
const LAST_WORDS = distinct(LAST_NAMES, Number.POSITIVE_INFINITY, NAME_WORD);
const MAX_DOMAIN = EXAMPLE_DOMAINS.reduce((m, d) => Math.max(m, d.length), 0);
const SHORT_DOMAIN = EXAMPLE_DOMAINS.reduce((a, b) => (b.length < a.length ? b : a));
const BASE36 = CODE_ALPHABET;
const SUFFIX_SPACE = 36 ** 3;

/** Three base-36 characters for 0 <= n < 46656. */
function suffix3(n: number): string {
  return BASE36[Math.floor(n / 1296)]! + BASE36[Math.floor(n / 36) % 36]! + BASE36[n % 36]!;
}

/** `ana.silva.3f9@example.com`. */
function emailUnique(max: number): SemanticUniqueGenerator | null {
  const names = namesWithin(FIRST_SLUGS, LAST_SLUGS, max - (3 + 3 + MAX_DOMAIN));
  if (names === null) return codes('', `@${SHORT_DOMAIN}`, max);
  return namePairs(
    names,
    [EXAMPLE_DOMAINS.length, SUFFIX_SPACE],
    (first, last, d) => `${first}.${last}.${suffix3(d[3]!)}@${EXAMPLE_DOMAINS[d[2]!]}`,
  );
}

/** `ana.silva042`: the last name has no digits and the suffix is exactly three. */
function usernameUnique(max: number, locale: LocaleDictionary | null): SemanticUniqueGenerator | null {
  const names = namesWithin(
    locale === null ? FIRST_SLUGS : distinct(locale.firstSlugs),
    locale === null ? LAST_SLUGS : distinct(locale.lastSlugs),
    max - 4,
  );
  if (names === null) return codes('', '', max);
  return namePairs(names, [1000], (first, last, d) => `${first}.${last}${padDigits(d[2]!, 3)}`);
}

/** `Ana Silva`: single-word names, so the space splits the pair unambiguously. */
function fullNameUnique(max: number): SemanticUniqueGenerator | null {
  const names = namesWithin(FIRST_WORDS, LAST_WORDS, max - 1);
  if (names === null) return null;
  return namePairs(names, [], (first, last) => `${first} ${last}`);
}

/** `Ward, Lind and Becker`: three single-word last names. */
function companyUnique(max: number): SemanticUniqueGenerator | null {
  const budget = max - 7;
  const cap = Number.isFinite(budget) ? Math.floor(budget / 3) : Number.POSITIVE_INFINITY;
  const lasts = LAST_WORDS.filter((s) => s.length <= cap);
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
function productUnique(max: number): SemanticUniqueGenerator | null {
  const single = /^[A-Za-z]+$/;
  const lists = [PRODUCT_ADJECTIVES, PRODUCT_MATERIALS, PRODUCT_NOUNS].map((l) =>
    distinct(l, Number.POSITIVE_INFINITY, single),
  );
  const longest = lists.reduce((sum, l) => sum + l.reduce((m, s) => Math.max(m, s.length), 0), 2);
  if (longest > max || lists.some((l) => l.length === 0)) return null;
  const digits = createDigits(lists.map((l) => l.length));
  const d: number[] = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${lists[0]![d[0]!]} ${lists[1]![d[1]!]} ${lists[2]![d[2]!]}`;
    },
  };
}

/** `(212) 555-0199`, `212-555-0199` or `2125550199`, whichever fits. */
function phoneUnique(max: number): SemanticUniqueGenerator | null {
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

/** ZIP (`02134`) or ZIP+4 (`02134-0042`) when the column fits ten characters. */
function postalUnique(max: number): SemanticUniqueGenerator | null {
  if (max < 5) return null;
  if (max < 10) {
    const zip = createDigits([100000]);
    const d: number[] = [0];
    return {
      space: zip.space,
      value(k) {
        zip.split(k, d);
        return padDigits(d[0]!, 5);
      },
    };
  }
  const digits = createDigits([100000, 10000]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${padDigits(d[0]!, 5)}-${padDigits(d[1]!, 4)}`;
    },
  };
}

/** IPv4 addresses with a first octet 1..223 and a last one 1..254, as hosts have. */
function ipUnique(max: number): SemanticUniqueGenerator | null {
  if (max < 15) return null;
  const digits = createDigits([223, 256, 256, 254]);
  const d: number[] = [0, 0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${1 + d[0]!}.${d[1]}.${d[2]}.${1 + d[3]!}`;
    },
  };
}

/** `https://example.com/abbas-12`. */
function urlUnique(max: number): SemanticUniqueGenerator | null {
  const prefix = 'https://example.com/';
  if (!Number.isFinite(max) || max >= prefix.length + MAX_ENCODED_WORD_LENGTH) {
    return { space: Number.POSITIVE_INFINITY, value: (k) => prefix + encodeWord(k) };
  }
  return codes(prefix, '', max);
}

/** `4821 Maple Avenue`: a house number, a space, then a street name from the list. */
function streetUnique(max: number): SemanticUniqueGenerator | null {
  const streets = distinct(STREET_NAMES, max - 6);
  if (streets.length < MIN_NAMES) return null;
  const digits = createDigits([99999, streets.length]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${1 + d[0]!} ${streets[d[1]!]}`;
    },
  };
}

/** `Apt. 512`, `Suite 40`. */
function secondaryUnique(max: number): SemanticUniqueGenerator | null {
  const units = distinct(SECONDARY_UNITS, max - 6);
  if (units.length === 0) return null;
  const digits = createDigits([units.length, 99999]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${units[d[0]!]} ${1 + d[1]!}`;
    },
  };
}

/** Distinct moments (seconds) or days, spread over a window by the digit hash. */
function timesUnique(base: TypeRef, firstDay: number, lastDay: number): SemanticUniqueGenerator {
  const d: number[] = [0];
  if (base.name === 'date') {
    const days = createDigits([lastDay - firstDay]);
    return {
      space: days.space,
      value(k) {
        days.split(k, d);
        return formatDate(firstDay + d[0]!);
      },
    };
  }
  const start = firstDay * SECONDS_PER_DAY;
  const seconds = createDigits([(lastDay - firstDay) * SECONDS_PER_DAY]);
  const zone = base.name === 'timestamptz' ? '+00' : '';
  return {
    space: seconds.space,
    value(k) {
      seconds.split(k, d);
      return formatTimestamp(start + d[0]!) + zone;
    },
  };
}

/**
 * Injective realistic values for unique columns (e.g. email →
 * `ana.silva.3f9@example.com`, `(212) 555-0199`, `Ana Silva`), fitting the
 * type's length, or null if the kind has none (numbers, descriptions,
 * updated_at, …) or nothing realistic fits the length. Dictionary kinds
 * (city, country, …) have small spaces: use them only when `space` covers
 * the row count, else fall back to the type's own unique generator.
 *
 * Usernames take the ASCII name slugs of `locale` (--locale); the other kinds
 * keep en's dictionaries in generator version 1. From version 2, text with no
 * realistic kind is unique readable text (text-unique.ts) and dictionary
 * kinds continue past their entries with numbered repeats.
 *
 * @example createSemanticUniqueGenerator('email', varchar60)?.value(0) // 'lyla.bergnaum.k3q@example.org'
 */
export function createSemanticUniqueGenerator(
  kind: SemanticKind,
  base: TypeRef,
  locale: LocaleDictionary | null = null,
  version: number = GENERATOR_VERSION,
): SemanticUniqueGenerator | null {
  const max = textMaxLength(base);
  const n = base.typmods[0];
  if (version >= 2) {
    const text = textUnique(kind, max, locale);
    if (text !== undefined) return text;
  }
  if (version >= 3) {
    const held = heldAsTextUnique(kind, base, (standIn) => createSemanticUniqueGenerator(kind, standIn));
    if (held !== undefined) return held;
  }
  switch (kind) {
    case 'email':
      return emailUnique(max);
    case 'username':
      return usernameUnique(max, locale);
    case 'full_name':
      return fullNameUnique(max);
    case 'company':
      return companyUnique(max);
    case 'product_name':
      return productUnique(max);
    case 'phone':
      return phoneUnique(max);
    case 'postal_code':
      return postalUnique(max);
    case 'ip':
      return ipUnique(max);
    case 'url':
      return urlUnique(max);
    case 'street_address':
      return streetUnique(max);
    case 'secondary_address':
      return secondaryUnique(max);
    case 'first_name':
      return dictionary(FIRST_NAMES, max);
    case 'last_name':
      return dictionary(LAST_NAMES, max);
    case 'name_prefix':
      return dictionary(NAME_PREFIXES, max);
    case 'city':
      return dictionary(CITIES, max);
    case 'county':
      return dictionary(COUNTIES, max);
    case 'state':
      return dictionary(
        STATES.map((s) => (max <= 3 ? s.abbr : s.name)),
        max,
      );
    case 'country':
      return dictionary(COUNTRIES, max);
    case 'country_code':
      return dictionary(base.name === 'bpchar' && n === 3 ? COUNTRY_ALPHA3 : COUNTRY_ALPHA2, max);
    case 'currency_code':
      return dictionary(CURRENCY_CODES, max);
    case 'language':
      return dictionary(max <= 3 ? LANGUAGE_ALPHA2 : LANGUAGE_NAMES, max);
    case 'time_zone':
      return dictionary(TIME_ZONES, max);
    case 'category':
      return dictionary(DEPARTMENTS, max);
    case 'color':
      return base.name !== 'text' && (n === 6 || n === 7)
        ? { space: 2 ** 24, value: (k) => (n === 7 ? '#' : '') + k.toString(16).padStart(6, '0') }
        : dictionary(COLORS, max);
    case 'created_at':
      // Dates get a wider window (since 2000) so a few thousand rows still fit.
      return timesUnique(base, base.name === 'date' ? DAY_2000 : CREATED_FIRST_DAY, REFERENCE_DAY);
    case 'birth_date':
      return timesUnique(base, BIRTH_FIRST_DAY, BIRTH_LAST_DAY);
    case 'migration_version':
      return max >= 14 ? migrationVersionUnique() : null;
    default:
      return null;
  }
}
