/**
 * The dictionaries behind semantic values, read once from faker's locale
 * definitions (design.md, principle 6: the data comes from a well-kept
 * library, the picking is our own hash-indexed code). Everything here is a
 * plain deduplicated string array or a small table built at module load;
 * no faker function is ever called.
 */
import { EN, EN_US } from '../locale-definitions.js';

/** The value at a path in a locale definition, or undefined. */
function at(root: unknown, ...path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every string in a (possibly nested) array or object of strings, deduplicated, first seen first. */
function strings(node: unknown, fallback: readonly string[] = []): readonly string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.add(value);
    else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) walk(v);
  };
  walk(node);
  return out.size > 0 ? [...out] : fallback;
}

/** One string field of each object in an array (e.g. `code` of every currency), deduplicated. */
function fieldOf(node: unknown, field: string, fallback: readonly string[]): readonly string[] {
  if (!Array.isArray(node)) return fallback;
  const out = new Set<string>();
  for (const item of node) {
    const value = at(item, field);
    if (typeof value === 'string' && value !== '') out.add(value);
  }
  return out.size > 0 ? [...out] : fallback;
}

/** Only entries made of the characters `ok` accepts (keeps generated text simple and safe). */
function only(list: readonly string[], pattern: RegExp): readonly string[] {
  return list.filter((s) => pattern.test(s));
}

const WORDISH = /^[A-Za-z][A-Za-z' .-]*$/;

export const FIRST_NAMES: readonly string[] = only(
  strings(at(EN, 'person', 'first_name'), ['Ana', 'John']),
  WORDISH,
);
export const LAST_NAMES: readonly string[] = only(
  strings(at(EN, 'person', 'last_name'), ['Silva', 'Smith']),
  WORDISH,
);
export const NAME_PREFIXES: readonly string[] = strings(at(EN, 'person', 'prefix'), ['Mr.', 'Ms.', 'Dr.']);

export const JOB_DESCRIPTORS: readonly string[] = strings(at(EN, 'person', 'job_descriptor'), ['Senior']);
export const JOB_AREAS: readonly string[] = strings(at(EN, 'person', 'job_area'), ['Marketing']);
export const JOB_TYPES: readonly string[] = strings(at(EN, 'person', 'job_type'), ['Manager']);

export const CITIES: readonly string[] = strings(at(EN, 'location', 'city_name'), ['Springfield']);
export const COUNTIES: readonly string[] = strings(at(EN, 'location', 'county'), ['Adams County']);
export const STREET_NAMES: readonly string[] = strings(at(EN, 'location', 'street_name'), ['Main Street']);
export const STREET_SUFFIXES: readonly string[] = strings(at(EN, 'location', 'street_suffix'), ['Street']);
/** `Apt.`, `Suite`: the words before the number in faker's secondary address patterns. */
export const SECONDARY_UNITS: readonly string[] = strings(at(EN, 'location', 'secondary_address'), [
  'Apt. ###',
])
  .map((p) => p.replace(/#+/g, '').trim())
  .filter((p) => p !== '');

export const COUNTRIES: readonly string[] = strings(at(EN, 'location', 'country'), [
  'United States of America',
]);
export const COUNTRY_ALPHA2: readonly string[] = fieldOf(at(EN, 'location', 'country_code'), 'alpha2', [
  'US',
]);
export const COUNTRY_ALPHA3: readonly string[] = fieldOf(at(EN, 'location', 'country_code'), 'alpha3', [
  'USA',
]);
/** ISO 3166 numeric codes (`840`), aligned with COUNTRY_ALPHA2. */
export const COUNTRY_NUMERIC: readonly string[] = fieldOf(at(EN, 'location', 'country_code'), 'numeric', [
  '840',
]);
/** The country (name, alpha2, alpha3) addresses with a US state belong to. */
export const US_COUNTRY = {
  name: COUNTRIES.find((c) => c === 'United States of America') ?? 'United States of America',
  alpha2: 'US',
  alpha3: 'USA',
} as const;

export const TIME_ZONES: readonly string[] = strings(at(EN, 'location', 'time_zone'), ['UTC']);

/** A US state: its name, postal abbreviation and the ZIP ranges it owns (prefix + [min, max]). */
export interface StateRecord {
  readonly name: string;
  readonly abbr: string;
  readonly zips: readonly { readonly prefix: string; readonly min: number; readonly max: number }[];
}

const ZIP_RANGE = /^(\d*)\{\{number\.int\(\{"min":\s*(\d+),\s*"max":\s*(\d+)\}\)\}\}$/;

/** States joined with en_US's ZIP ranges by state (a state without ranges gets any 5-digit ZIP). */
function loadStates(): readonly StateRecord[] {
  const names = strings(at(EN, 'location', 'state'));
  const abbrs = strings(at(EN, 'location', 'state_abbr'));
  const byState = at(EN_US, 'location', 'postcode_by_state');
  const states: StateRecord[] = [];
  for (let i = 0; i < names.length && i < abbrs.length; i++) {
    const abbr = abbrs[i] as string;
    const zips: { prefix: string; min: number; max: number }[] = [];
    for (const pattern of strings(at(byState, abbr))) {
      const m = ZIP_RANGE.exec(pattern);
      if (!m) continue;
      const prefix = m[1] ?? '';
      const min = Number(m[2]);
      const max = Number(m[3]);
      // Only ranges that print as exactly five digits.
      if (
        min <= max &&
        prefix.length + String(max).length === 5 &&
        prefix.length + String(min).length === 5
      ) {
        zips.push({ prefix, min, max });
      }
    }
    if (zips.length === 0) zips.push({ prefix: '', min: 10000, max: 99999 });
    states.push({ name: names[i] as string, abbr, zips });
  }
  return states.length > 0
    ? states
    : [{ name: 'California', abbr: 'CA', zips: [{ prefix: '', min: 90001, max: 96162 }] }];
}

export const STATES: readonly StateRecord[] = loadStates();

export const AREA_CODES: readonly string[] = only(
  strings(at(EN_US, 'phone_number', 'area_code'), ['212']),
  /^\d{3}$/,
);
export const EXCHANGE_CODES: readonly string[] = only(
  strings(at(EN_US, 'phone_number', 'exchange_code'), ['555']),
  /^\d{3}$/,
);

export const LEGAL_ENTITY_TYPES: readonly string[] = strings(at(EN, 'company', 'legal_entity_type'), ['Inc']);
export const PRODUCT_ADJECTIVES: readonly string[] = strings(
  at(EN, 'commerce', 'product_name', 'adjective'),
  ['Small'],
);
export const PRODUCT_MATERIALS: readonly string[] = strings(at(EN, 'commerce', 'product_name', 'material'), [
  'Steel',
]);
export const PRODUCT_NOUNS: readonly string[] = strings(at(EN, 'commerce', 'product_name', 'product'), [
  'Chair',
]);
export const DEPARTMENTS: readonly string[] = strings(at(EN, 'commerce', 'department'), ['Books']);
export const BOOK_TITLES: readonly string[] = strings(at(EN, 'book', 'title'), ['Moby Dick']);

/** Lower-case plain words (faker's word lists), for titles and domains. */
export const ADJECTIVES: readonly string[] = only(
  strings(at(EN, 'word', 'adjective'), ['quiet']),
  /^[a-z]+$/,
);
export const NOUNS: readonly string[] = only(strings(at(EN, 'word', 'noun'), ['river']), /^[a-z]+$/);
export const VERBS: readonly string[] = only(strings(at(EN, 'word', 'verb'), ['carry']), /^[a-z]+$/);
export const ADVERBS: readonly string[] = only(strings(at(EN, 'word', 'adverb'), ['quickly']), /^[a-z]+$/);

export const COLORS: readonly string[] = only(strings(at(EN, 'color', 'human'), ['blue']), /^[a-z ]+$/);
export const CURRENCY_CODES: readonly string[] = only(
  fieldOf(at(EN, 'finance', 'currency'), 'code', ['USD']),
  /^[A-Z]{3}$/,
);
export const LANGUAGE_NAMES: readonly string[] = fieldOf(at(EN, 'location', 'language'), 'name', ['English']);
export const LANGUAGE_ALPHA2: readonly string[] = fieldOf(at(EN, 'location', 'language'), 'alpha2', ['en']);
export const LANGUAGE_ALPHA3: readonly string[] = fieldOf(at(EN, 'location', 'language'), 'alpha3', ['eng']);

/** Domains reserved for examples (RFC 2606), so no generated address reaches a real mailbox. */
export const EXAMPLE_DOMAINS: readonly string[] = strings(at(EN, 'internet', 'example_email'), [
  'example.com',
  'example.net',
  'example.org',
]);
export const DOMAIN_SUFFIXES: readonly string[] = only(
  strings(at(EN, 'internet', 'domain_suffix'), ['com']),
  /^[a-z]+$/,
);
export const MUSIC_GENRES: readonly string[] = strings(at(EN, 'music', 'genre'), ['Rock']);
export const BOOK_GENRES: readonly string[] = strings(at(EN, 'book', 'genre'), ['Fiction']);
export const SONG_NAMES: readonly string[] = strings(at(EN, 'music', 'song_name'), ['Yesterday']);
export const ALBUM_NAMES: readonly string[] = strings(at(EN, 'music', 'album'), ['Abbey Road']);
