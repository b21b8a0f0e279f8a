/**
 * Semantic values in a locale other than en (`--locale de`): names, places,
 * phone numbers, companies, jobs, products and text from the locale's
 * dictionaries (locale-dictionary.ts), picked with our hashing. Kinds with
 * nothing locale-specific (emails, numbers, dates, codes) keep the en
 * generators, which read the locale's ASCII name slugs where they use names.
 * Lengths are counted in UTF-16 units, never fewer than characters, and cuts
 * never split a surrogate pair (text-fit.ts), so values fit varchar(n).
 */

import { hashString, type RowRandom } from '../random.js';
import { homeRecordsOf, homeRegionCode, localeRegionCodes } from './home-places.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { hrDepartmentsOf, japaneseFullAddress, spanishTitle } from './locale-fourteen.js';
import { fillPattern, fixedLength, type Pattern } from './locale-patterns.js';
import { localeProductDescription, localeProductName } from './locale-products.js';
import {
  departmentsOf,
  homeCurrency,
  inLocaleCurrency,
  jobTitlesOf,
  nationalPhone,
} from './locale-thirteen.js';
import { createSalaryGenerator } from './number-values.js';
import { madeRegionCode } from './region-codes.js';
import {
  createPicker,
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { capitalize, cut, fitting } from './text-fit.js';
import { type WordPools, wordPools } from './text-values.js';

const LATIN_END = /[A-Za-z]$/;

type LocaleFactory = (build: SemanticBuild, d: LocaleDictionary) => SemanticGenerator | null;

const picker =
  (list: (d: LocaleDictionary) => readonly string[]): LocaleFactory =>
  (build, d) => {
    const items = list(d);
    return items.length === 0 ? null : createPicker(fitting(items, build.maxLength));
  };

/** Text from patterns, cut to the column (or `short` of the row when the pattern's text is too long). */
function patterned(patterns: readonly Pattern[]): LocaleFactory {
  return (build) => {
    const { maxLength } = build;
    return { random: (rand) => cut(fillPattern(rand, patterns), maxLength) };
  };
}

/**
 * Version 7: a postal code whose locale form is longer than the column is
 * never cut (`400-4` of `400-4521`): its digits without the separator where
 * they fit (`4004521`), else its first five digits, the shorter form the
 * country once used (Japan's and Brazil's five-digit codes), else its first
 * digits (a ZIP prefix). Version 6 and older cut the form as it is.
 */
function postalCode(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  if (build.version < 7) return patterned(d.postcode)(build, d);
  const { maxLength } = build;
  return {
    random(rand) {
      const code = fillPattern(rand, d.postcode);
      if (code.length <= maxLength) return code;
      return shorterPostalCode(code, maxLength);
    },
  };
}

/** A postal code's form that fits `maxLength` without cutting inside it (see `postalCode`). */
export function shorterPostalCode(code: string, maxLength: number): string {
  const compact = code.replace(/[^0-9A-Za-z]/g, '');
  if (compact.length <= maxLength) return compact;
  return compact.slice(0, Math.min(5, maxLength));
}

/** `Last First` in locales that write the family name first, else `First Last`; from the row's name columns. */
function fullName(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator {
  const firstColumn = siblingOfKind(build, 'first_name');
  const lastColumn = siblingOfKind(build, 'last_name');
  const readFirst = firstColumn === null ? null : siblingReader(build.ctx, firstColumn);
  const readLast = lastColumn === null ? null : siblingReader(build.ctx, lastColumn);
  const { maxLength } = build;
  return {
    random(rand, row) {
      const first = readFirst === null ? null : readFirst(row);
      const last = readLast === null ? null : readLast(row);
      const f = typeof first === 'string' && first !== '' ? first : rand.pick(d.firstNames);
      const l = typeof last === 'string' && last !== '' ? last : rand.pick(d.lastNames);
      return cut(d.familyNameFirst ? `${l} ${f}` : `${f} ${l}`, maxLength);
    },
  };
}

/** One phone format per column (as real data has), among those that fit; version 13: the national form. */
function phone(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator {
  const national = build.version >= 13 ? nationalPhone(build, d) : null;
  if (national !== null) return national;
  const fit = d.phone.filter((p) => fixedLength(p) <= build.maxLength);
  const { maxLength } = build;
  const choice = hashString(`${build.table.name}.${build.column.name}`);
  const format = fit.length === 0 ? null : [fit[choice % fit.length] as Pattern];
  if (format === null) return { random: (rand) => cut(fillPattern(rand, d.phone), maxLength) };
  return { random: (rand) => fillPattern(rand, format) };
}

/** A company from the locale's name patterns; its first name alone when the pattern is too long. */
function company(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator {
  const { maxLength } = build;
  return {
    random(rand) {
      const name = fillPattern(rand, d.company);
      return name.length <= maxLength ? name : cut(rand.pick(d.lastNames), maxLength);
    },
  };
}

/** Two words in the locale's order: `Kleiner Tisch`, `Table petite`. */
function twoWords(
  d: LocaleDictionary,
  rand: RowRandom,
  nouns: readonly string[],
  adjectives: readonly string[],
): string {
  const noun = rand.pick(nouns);
  const adjective = rand.pick(adjectives);
  const [a, b] = d.nounFirst ? [noun, adjective] : [adjective, noun];
  // Words without spaces between them (ja) still get one between Latin words (en's product words).
  return capitalize(a + (LATIN_END.test(a) ? ' ' : d.wordSeparator) + b);
}

function productName(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  if (d.productNouns.length === 0 || d.productAdjectives.length === 0) return null;
  const { maxLength } = build;
  return {
    random(rand) {
      const name = twoWords(d, rand, d.productNouns, d.productAdjectives);
      return name.length <= maxLength ? name : cut(rand.pick(d.productNouns), maxLength);
    },
  };
}

/** The locale's words for text: from generator version 2 without the blocklist's words (word-blocklist.ts). */
function textWords(
  build: SemanticBuild,
  d: LocaleDictionary,
): Pick<WordPools, 'nouns' | 'adjectives' | 'verbs'> {
  return build.version >= 2 ? wordPools(d) : d;
}

function title(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator {
  const { maxLength } = build;
  const { nouns, adjectives } = textWords(build, d);
  return {
    random(rand) {
      const text = twoWords(d, rand, nouns, adjectives);
      return text.length <= maxLength ? text : cut(capitalize(rand.pick(nouns)), maxLength);
    },
  };
}

/** Sentences of 4 to 9 of the locale's words, ended as the locale ends them, whole sentences within the limit. */
function description(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator {
  const { maxLength } = build;
  const long = build.tokens.includes('body') || build.tokens.includes('content');
  const maxSentences = long ? 6 : 3;
  const { nouns, adjectives, verbs } = textWords(build, d);
  const pools = [nouns, adjectives, nouns, ...(d.verbs.length > 0 ? [verbs] : [])];
  const sentence = (rand: RowRandom): string => {
    const words = 4 + rand.below(6);
    let out = capitalize(rand.pick(nouns));
    for (let w = 1; w < words; w++) out += d.wordSeparator + rand.pick(rand.pick(pools));
    return out + d.sentenceEnd;
  };
  const between = d.wordSeparator;
  return {
    random(rand) {
      const sentences = 1 + rand.below(maxSentences);
      let out = '';
      for (let s = 0; s < sentences; s++) {
        const next = out === '' ? sentence(rand) : out + between + sentence(rand);
        if (next.length > maxLength) {
          if (out === '') out = cut(next, maxLength);
          break;
        }
        out = next;
      }
      return out;
    },
  };
}

/** Whether a state column holds abbreviations (`state_code`, `char(2)`). */
function wantsAbbreviation(build: SemanticBuild): boolean {
  const { tokens, maxLength } = build;
  return tokens.includes('code') || tokens.includes('abbr') || tokens.includes('abbrev') || maxLength <= 3;
}

function state(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  const abbreviated = wantsAbbreviation(build);
  // Version 4: a code column of a locale without abbreviations takes codes of its regions' letters, not cut names.
  if (abbreviated && d.stateAbbrs.length === 0 && d.states.length > 0 && build.version >= 4)
    return createPicker([...new Set(d.states.map((s) => madeRegionCode(s, build.maxLength)))]);
  if (abbreviated && build.version >= 5) {
    // Version 5: the region's real code (ISO 3166-2 where faker's are none), never a code cut short.
    const codes = localeRegionCodes(d, build.version);
    const fit = codes.filter((c) => c.length <= build.maxLength);
    if (fit.length === codes.length && fit.length > 0) return createPicker(fit);
    if (d.states.length > 0) return createPicker([...new Set(d.states.map((s) => homeRegionCode(build, s)))]);
  }
  const list = abbreviated && d.stateAbbrs.length > 0 ? d.stateAbbrs : d.states;
  return list.length === 0 ? null : createPicker(fitting(list, build.maxLength));
}

/** The locale's own country when the row's address has a state or postcode, else any country. */
function country(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  if (siblingOfKind(build, 'state', 'postal_code') !== null) {
    const name = fitting([d.home.name, d.home.alpha3, d.home.alpha2], build.maxLength)[0] as string;
    return { random: () => name };
  }
  return d.countries.length === 0 ? null : createPicker(fitting(d.countries, build.maxLength));
}

/** `DE` (or `DEU`) when the row's address has a state or postcode; other rows keep en's ISO codes. */
function countryCode(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  if (siblingOfKind(build, 'state', 'postal_code') === null) return null;
  const { tokens, base } = build;
  const alpha3 =
    tokens.includes('3') ||
    tokens.includes('alpha3') ||
    tokens.includes('iso3') ||
    (base.name === 'bpchar' && base.typmods[0] === 3);
  const code = cut(alpha3 ? d.home.alpha3 : d.home.alpha2, build.maxLength);
  return { random: () => code };
}

/** Kinds whose values come from the locale; a factory returning null leaves the column to en's. */
/**
 * A city of the locale; version 6: where the locale lists no city names (ja,
 * pt_BR: cities made from patterns, `心春市`), the home country's real ones
 * (home-places.ts).
 */
function city(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  const home = build.version >= 6 && d.citiesMade ? homeRecordsOf(d.home.alpha2) : undefined;
  return picker((x) => (home === undefined ? x.cities : home.map((r) => r.city)))(build, d);
}

export const LOCALE_FACTORIES: Partial<Record<SemanticKind, LocaleFactory>> = {
  first_name: picker((d) => d.firstNames),
  last_name: picker((d) => d.lastNames),
  name_prefix: picker((d) => d.namePrefixes),
  full_name: fullName,
  phone,
  job_title: (build, d) => patterned(jobTitlesOf(d, build.version))(build, d),
  company,
  // Version 14: the locale's own product words in its grammar (locale-products.ts).
  product_name: (build, d) => localeProductName(build, d) ?? productName(build, d),
  category: (build, d) =>
    build.tokens.includes('genre')
      ? null
      : picker(
          // Version 14: a department's name HR's departments (locale-fourteen.ts).
          (x) => hrDepartmentsOf(x, build.table.name, build.tokens) ?? departmentsOf(x, build.version),
        )(build, d),
  currency_code: (build, d) => (build.version >= 13 ? homeCurrency(build, d) : null),
  salary: (build) => (build.version >= 13 ? inLocaleCurrency(build, createSalaryGenerator(build)) : null),
  // Version 14: es titles that agree, a product table's descriptions of products.
  title: (build, d) => spanishTitle(build, d) ?? title(build, d),
  description: (build, d) => localeProductDescription(build, d) ?? description(build, d),
  color: (build, d) => {
    const n = build.base.typmods[0];
    const hex = build.tokens.includes('hex') || (build.base.name !== 'text' && (n === 6 || n === 7));
    return hex ? null : picker((x) => x.colors)(build, d);
  },
  // Version 14: ja's whole address where the row has no city column (locale-fourteen.ts).
  street_address: (build, d) => japaneseFullAddress(build, d) ?? patterned(d.streetAddress)(build, d),
  secondary_address: (build, d) => patterned(d.secondaryAddress)(build, d),
  city,
  state,
  postal_code: postalCode,
  country,
  country_code: countryCode,
};
