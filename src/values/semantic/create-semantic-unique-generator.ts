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
import { mix32 } from '../random.js';
import { CODE_ALPHABET, codeSpace, encodeCode, encodeWord, MAX_ENCODED_WORD_LENGTH } from '../types/words.js';
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
import type { SemanticKind } from './semantic-kind.js';
import { asciiSlug, textMaxLength } from './text-fit.js';
import { BIRTH_FIRST_DAY, BIRTH_LAST_DAY, CREATED_FIRST_DAY, REFERENCE_DAY } from './time-values.js';

const DAY_2000 = daysFromCivil(2000, 1, 1);

export interface SemanticUniqueGenerator {
  /** How many distinct values exist (Infinity when unbounded). */
  readonly space: number;
  /** An injective map of k in [0, space) to a value's text form. */
  value(k: number): string;
}

/** Distinct entries, case-insensitively (so citext and lower() unique indexes see them as distinct too). */
function distinct(
  list: readonly string[],
  max = Number.POSITIVE_INFINITY,
  pattern?: RegExp,
): readonly string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of list) {
    const key = s.toLowerCase();
    if (s === '' || s.length > max || seen.has(key) || (pattern !== undefined && !pattern.test(s))) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
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
/** The fewest entries a name list may keep after length filtering before we fall back to codes. */
const MIN_NAMES = 16;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A multiplier coprime to r, near r/phi (so neighbours land far apart) and
 * below 2^20 (so raw * multiplier stays exact for radices up to 2^33).
 */
function coprimeMultiplier(r: number): number {
  if (r <= 2) return 1;
  let m = Math.max(1, Math.min(Math.floor(r * 0.6180339887), 1048573));
  while (gcd(m, r) !== 1) m--;
  return m;
}

/** A bijection of [0, prod(radices)) onto digit tuples (see `split`). */
interface Digits {
  readonly space: number;
  /**
   * Mixed-radix digits of k, each multiplied by a unit mod its radix and
   * shifted by a hash of the digits already chosen: still a bijection, but
   * consecutive k share no digit.
   */
  split(k: number, out: number[]): void;
}

function createDigits(radices: readonly number[]): Digits {
  const multipliers = radices.map(coprimeMultiplier);
  return {
    space: radices.reduce((a, b) => a * b, 1),
    split(k, out) {
      let rest = k;
      let h = 0x2545f491;
      for (let i = 0; i < radices.length; i++) {
        const r = radices[i] as number;
        const raw = rest % r;
        rest = (rest - raw) / r;
        const digit = (((raw * (multipliers[i] as number)) % r) + (h % r)) % r;
        out[i] = digit;
        h = mix32(h ^ (digit + 0x9e3779b9));
      }
    },
  };
}

/** Three base-36 characters for 0 <= n < 46656. */
function suffix3(n: number): string {
  return BASE36[Math.floor(n / 1296)]! + BASE36[Math.floor(n / 36) % 36]! + BASE36[n % 36]!;
}

/** Unique values over a dictionary: the entries that fit, in a hashed order. */
function dictionary(list: readonly string[], max: number): SemanticUniqueGenerator | null {
  const values = distinct(list, max);
  if (values.length === 0) return null;
  return { space: values.length, value: (k) => values[k] as string };
}

/** Codes (`a`, `b`, … `aa`) around a fixed prefix/suffix when the realistic form cannot fit. */
function codes(prefix: string, tail: string, max: number): SemanticUniqueGenerator | null {
  const room = max - prefix.length - tail.length;
  if (room < 1) return null;
  return { space: codeSpace(36, room), value: (k) => prefix + encodeCode(k) + tail };
}

/** Name lists cut to fit `budget` characters for both together, or null when too few remain. */
function namesWithin(
  firsts: readonly string[],
  lasts: readonly string[],
  budget: number,
): { firsts: readonly string[]; lasts: readonly string[] } | null {
  if (!Number.isFinite(budget)) return { firsts, lasts };
  const cap = Math.floor(budget / 2);
  const f = firsts.filter((s) => s.length <= cap);
  const l = lasts.filter((s) => s.length <= budget - cap);
  return f.length >= MIN_NAMES && l.length >= MIN_NAMES ? { firsts: f, lasts: l } : null;
}

/** `ana.silva.3f9@example.com`. */
function emailUnique(max: number): SemanticUniqueGenerator | null {
  const names = namesWithin(FIRST_SLUGS, LAST_SLUGS, max - (3 + 3 + MAX_DOMAIN));
  if (names === null) return codes('', `@${SHORT_DOMAIN}`, max);
  const { firsts, lasts } = names;
  const digits = createDigits([firsts.length, lasts.length, EXAMPLE_DOMAINS.length, SUFFIX_SPACE]);
  const d: number[] = [0, 0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${firsts[d[0]!]}.${lasts[d[1]!]}.${suffix3(d[3]!)}@${EXAMPLE_DOMAINS[d[2]!]}`;
    },
  };
}

/** `ana.silva042`: the last name has no digits and the suffix is exactly three. */
function usernameUnique(max: number, locale: LocaleDictionary | null): SemanticUniqueGenerator | null {
  const names = namesWithin(
    locale === null ? FIRST_SLUGS : distinct(locale.firstSlugs),
    locale === null ? LAST_SLUGS : distinct(locale.lastSlugs),
    max - 4,
  );
  if (names === null) return codes('', '', max);
  const { firsts, lasts } = names;
  const digits = createDigits([firsts.length, lasts.length, 1000]);
  const d: number[] = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${firsts[d[0]!]}.${lasts[d[1]!]}${padDigits(d[2]!, 3)}`;
    },
  };
}

/** `Ana Silva`: single-word names, so the space splits the pair unambiguously. */
function fullNameUnique(max: number): SemanticUniqueGenerator | null {
  const names = namesWithin(FIRST_WORDS, LAST_WORDS, max - 1);
  if (names === null) return null;
  const { firsts, lasts } = names;
  const digits = createDigits([firsts.length, lasts.length]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${firsts[d[0]!]} ${lasts[d[1]!]}`;
    },
  };
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
 * keep en's dictionaries, whatever the locale.
 *
 * @example createSemanticUniqueGenerator('email', varchar60)?.value(0) // 'lyla.bergnaum.k3q@example.org'
 */
export function createSemanticUniqueGenerator(
  kind: SemanticKind,
  base: TypeRef,
  locale: LocaleDictionary | null = null,
): SemanticUniqueGenerator | null {
  const max = textMaxLength(base);
  const n = base.typmods[0];
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
    default:
      return null;
  }
}
