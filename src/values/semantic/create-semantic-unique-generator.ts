/**
 * Realistic values that are unique by construction (design.md, principle 3):
 * an index k maps to a tuple of dictionary picks plus a fixed-width suffix,
 * joined with separators no dictionary entry contains, so distinct k give
 * distinct text. Each tuple digit is shifted by a hash of the digits before
 * it (still a bijection), so consecutive k do not share a first name. This
 * file chooses the form per kind; the forms of people and organisations are
 * in unique-people.ts, of places and times in unique-places.ts.
 */

import { daysFromCivil, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { TypeRef } from '../../schema/model.js';
import { GENERATOR_VERSION } from '../../version.js';
import { COUNTRY_NUMBERS } from './country-cities.js';
import { epochUnique } from './epoch-times.js';
import {
  CITIES,
  COLORS,
  COUNTIES,
  COUNTRIES,
  COUNTRY_ALPHA2,
  COUNTRY_ALPHA3,
  CURRENCY_CODES,
  DEPARTMENTS,
  FIRST_NAMES,
  LANGUAGE_ALPHA2,
  LANGUAGE_NAMES,
  LAST_NAMES,
  NAME_PREFIXES,
  STATES,
  TIME_ZONES,
} from './locale-data.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { hrDepartmentsOf, japaneseCompanyUnique } from './locale-fourteen.js';
import { grammaticalProductUnique } from './locale-products.js';
import { departmentsOf, localePhoneUnique } from './locale-thirteen.js';
import { localeCompanyUnique, localeFullNameUnique, localeProductUnique } from './locale-unique.js';
import { metadataKeyUnique, migrationVersionUnique } from './migration-values.js';
import { fittingNamedThings } from './named-things.js';
import { heldAsTextUnique } from './numbers-as-text.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { textMaxLength } from './text-fit.js';
import { codeUnique, numberedDictionary, tokenUnique, wordPairUnique } from './text-unique.js';
import { isTimeKind } from './time-stages.js';
import {
  BIRTH_FIRST_DAY,
  BIRTH_LAST_DAY,
  CREATED_FIRST_DAY,
  PAST_FIRST_DAY,
  REFERENCE_DAY,
} from './time-values.js';
import { dictionary, type SemanticUniqueGenerator } from './unique-digits.js';
import {
  companyUnique,
  emailUnique,
  fullNameUnique,
  phoneUnique,
  productUnique,
  usernameUnique,
} from './unique-people.js';
import {
  ipUnique,
  postalUnique,
  secondaryUnique,
  streetUnique,
  timesUnique,
  urlUnique,
} from './unique-places.js';
import { versionTwentyFiveUnique } from './version-twentyfive-values.js';

const DAY_2000 = daysFromCivil(2000, 1, 1);

/** The column a unique value is for: its table's name and its name's words (version 14's locale forms). */
export interface UniqueColumn {
  readonly table: string;
  readonly tokens: readonly string[];
}
const NO_COLUMN: UniqueColumn = { table: '', tokens: [] };

/** Dictionary kinds whose unique values go on past the entries with numbered repeats (version 2). */
function numberedList(
  kind: SemanticKind,
  locale: LocaleDictionary | null,
  version: number,
  column: UniqueColumn,
): readonly string[] | undefined {
  switch (kind) {
    case 'category':
      // Version 14: a department's name HR's departments in the locale (locale-fourteen.ts).
      return locale === null
        ? DEPARTMENTS
        : (hrDepartmentsOf(locale, column.table, column.tokens) ?? departmentsOf(locale, version));
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
  version: number,
  column: UniqueColumn,
): SemanticUniqueGenerator | null | undefined {
  // Version 25: identifiers with their check digits, people, vocabularies (version-twentyfive-values.ts).
  const twentyFifth =
    version >= 25
      ? versionTwentyFiveUnique(kind, { name: column.table }, column.tokens.join('_'), max, locale)
      : undefined;
  if (twentyFifth !== undefined) return twentyFifth;
  // Version 23: a plan's, a team's, a hotel's names of their kind (named-things.ts).
  const things =
    version >= 23 && locale === null ? fittingNamedThings(column.table, column.tokens, max, true) : undefined;
  const named = things === undefined ? null : numberedDictionary(things, max);
  if (named !== null) return named;
  switch (kind) {
    case 'phrase':
    case 'label':
      return wordPairUnique(max, locale, version);
    case 'code':
      return codeUnique(max);
    case 'token':
      return tokenUnique(max);
    case 'full_name':
      return locale === null ? undefined : (localeFullNameUnique(max, locale) ?? undefined);
    case 'company':
      // Version 14: ja's firms as Japanese firms are named (locale-fourteen.ts).
      return locale === null
        ? undefined
        : (japaneseCompanyUnique(max, locale, version) ?? localeCompanyUnique(max, locale) ?? undefined);
    case 'product_name':
      // Version 14: the locale's product words in its grammar (locale-products.ts).
      return locale === null
        ? undefined
        : (grammaticalProductUnique(max, locale, version) ?? localeProductUnique(max, locale) ?? undefined);
    default: {
      const list = numberedList(kind, locale, version, column);
      return list === undefined ? undefined : (numberedDictionary(list, max) ?? undefined);
    }
  }
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
  epochMillis = false,
  column: UniqueColumn = NO_COLUMN,
): SemanticUniqueGenerator | null {
  const max = textMaxLength(base);
  const n = base.typmods[0];
  // Version 5: a unique moment kept as an integer (`created integer`) is epoch seconds of its window.
  if (typeFamilyOf(base.name) === 'integer' && isTimeKind(kind)) {
    if (version < 5) return null;
    const end = kind === 'due_at' ? REFERENCE_DAY + 365 : REFERENCE_DAY;
    return epochUnique(CREATED_FIRST_DAY * SECONDS_PER_DAY, end * SECONDS_PER_DAY, epochMillis);
  }
  if (version >= 2) {
    const text = textUnique(kind, max, locale, version, column);
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
      return usernameUnique(max, locale, version);
    case 'full_name':
      return fullNameUnique(max);
    case 'company':
      return companyUnique(max);
    case 'product_name':
      return productUnique(max);
    case 'phone':
      // Version 13: the locale's national form (locale-thirteen.ts).
      // Version 14: a mobile column's in the locale's mobile form.
      return localePhoneUnique(max, locale, version, column.tokens) ?? phoneUnique(max);
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
      // Version 3: a country table's `numcode integer` holds ISO numeric codes.
      if (typeFamilyOf(base.name) === 'integer') return dictionary(COUNTRY_NUMBERS, max);
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
    case 'past_time':
      // Version 3: a unique time no name places (Discourse's daily `application_requests.date`) in the
      // past as its random values are, not spread to the year 9999 (was `7440-01-01`).
      return timesUnique(base, base.name === 'date' ? DAY_2000 : PAST_FIRST_DAY, REFERENCE_DAY);
    case 'migration_version':
      return max >= 14 ? migrationVersionUnique() : null;
    case 'metadata_key':
      return metadataKeyUnique(max);
    default:
      return null;
  }
}
