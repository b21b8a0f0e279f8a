/**
 * A locale's dictionaries, read once from faker's locale definitions (the
 * locale merged over en, as faker's per-locale entry holds them): names,
 * places, phone formats, company and job patterns, and words for text.
 * Where the locale has no list of its own for a word family, the nearest
 * list it has stands in (Japanese lorem words, Spanish product words), so
 * text is in the locale's language; product names and departments fall
 * back to English as faker's own do.
 */
import { hashString, RowRandom } from '../random.js';
import { type NameSexes, nameSexesOf } from './gendered-names.js';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, NOUNS, VERBS } from './locale-data.js';
import { allStrings, at, compilePatterns, fillPattern, type Pattern } from './locale-patterns.js';
import { asciiSlug } from './text-fit.js';

export interface LocaleDictionary {
  /** The locale's name (`de`, `pt_BR`). */
  readonly code: string;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly namePrefixes: readonly string[];
  /** A full name is written family name first (ja). */
  readonly familyNameFirst: boolean;
  /** Names as ASCII email/username parts; en's where the locale's names have none (ja). */
  readonly firstSlugs: readonly string[];
  readonly lastSlugs: readonly string[];
  readonly cities: readonly string[];
  /** The cities are made from patterns (or en's stand in): the locale lists no city names (ja, pt_BR). */
  readonly citiesMade: boolean;
  readonly states: readonly string[];
  /** State abbreviations, index for index with `states` (empty when the locale has none). */
  readonly stateAbbrs: readonly string[];
  readonly countries: readonly string[];
  /** The country a row's address with a state or postcode is in, and its currency (ISO 4217). */
  readonly home: {
    readonly name: string;
    readonly alpha2: string;
    readonly alpha3: string;
    readonly currency: string;
  };
  readonly streetAddress: readonly Pattern[];
  readonly secondaryAddress: readonly Pattern[];
  readonly postcode: readonly Pattern[];
  readonly phone: readonly Pattern[];
  /** faker's national, mobile and international phone formats (version 13; empty when the locale has none). */
  readonly phoneNational: readonly Pattern[];
  readonly phoneMobile: readonly Pattern[];
  readonly phoneInternational: readonly Pattern[];
  readonly company: readonly Pattern[];
  readonly jobTitle: readonly Pattern[];
  readonly productAdjectives: readonly string[];
  readonly productMaterials: readonly string[];
  readonly productNouns: readonly string[];
  readonly departments: readonly string[];
  readonly colors: readonly string[];
  readonly nouns: readonly string[];
  readonly adjectives: readonly string[];
  readonly verbs: readonly string[];
  /** Between words of text (`''` in Japanese). */
  readonly wordSeparator: string;
  /** After a sentence (`。` in Japanese). */
  readonly sentenceEnd: string;
  /** An adjective follows its noun (fr, es, pt). */
  readonly nounFirst: boolean;
  /** Version 14: an organisation's departments (`Personal`, `人事部`; locale-fourteen.ts). */
  readonly hrDepartments?: readonly string[];
  /** Version 18: first names and prefixes by sex (gendered-names.ts). */
  readonly nameSexes?: NameSexes;
  /** Version 21: the locale's own food words and animals (ja's titles, locale-title-pairs.ts); empty when en's. */
  readonly foodAdjectives?: readonly string[];
  readonly foods?: readonly string[];
  readonly animals?: readonly string[];
}

/** Each locale's own country, as its dictionaries name it. */
const HOMES: Readonly<Record<string, LocaleDictionary['home']>> = {
  de: { name: 'Deutschland', alpha2: 'DE', alpha3: 'DEU', currency: 'EUR' },
  fr: { name: 'France', alpha2: 'FR', alpha3: 'FRA', currency: 'EUR' },
  es: { name: 'España', alpha2: 'ES', alpha3: 'ESP', currency: 'EUR' },
  ja: { name: '日本', alpha2: 'JP', alpha3: 'JPN', currency: 'JPY' },
  pt_BR: { name: 'Brasil', alpha2: 'BR', alpha3: 'BRA', currency: 'BRL' },
};

/** Cities made from a locale's city patterns when it lists no city names (ja, pt_BR). */
const PATTERN_CITIES = 500;
/** Fewer ASCII name slugs than this and en's stand in. */
const MIN_SLUGS = 16;

/** en's names as ASCII slugs, made when a locale is first loaded (an en run never needs them). */
let enSlugs: { readonly first: readonly string[]; readonly last: readonly string[] } | null = null;
function enNameSlugs(): NonNullable<typeof enSlugs> {
  enSlugs ??= {
    first: FIRST_NAMES.map(asciiSlug).filter((s) => s !== ''),
    last: LAST_NAMES.map(asciiSlug).filter((s) => s !== ''),
  };
  return enSlugs;
}

/** A locale's merged definitions, and faker's en (whose nodes the merge holds where the locale has none). */
interface Definitions {
  readonly defs: unknown;
  readonly en: unknown;
}

/** The strings at a path when the locale defines them itself (not en's, which the merge fills in). */
function own({ defs, en }: Definitions, ...path: readonly string[]): readonly string[] | null {
  const node = at(defs, ...path);
  if (node === undefined || node === null || node === at(en, ...path)) return null;
  const list = allStrings(node);
  return list.length > 0 ? list : null;
}

/** Product words (`Sopa`, `Pequeño`) as words inside a sentence. */
function lowered(list: readonly string[] | null): readonly string[] | null {
  return list === null ? null : [...new Set(list.map((w) => w.toLowerCase()))];
}

function merged(defs: unknown, ...path: readonly string[]): readonly string[] {
  return allStrings(at(defs, ...path));
}

function slugs(names: readonly string[], fallback: readonly string[]): readonly string[] {
  const out = [...new Set(names.map(asciiSlug).filter((s) => s.length >= 2))];
  return out.length >= MIN_SLUGS ? out : fallback;
}

/** Up to `n` distinct texts from patterns, made with a fixed stream (the same list in every process). */
function expand(patterns: readonly Pattern[] | null, n: number, code: string): readonly string[] {
  if (patterns === null) return [];
  const rand = new RowRandom();
  const key = hashString(`locale:${code}:cities`);
  const out = new Set<string>();
  for (let i = 0; i < n * 4 && out.size < n; i++) out.add(fillPattern(rand.at(key, i), patterns));
  return [...out];
}

/** The patterns at a path, else the fallback patterns. */
function patterns(defs: unknown, path: readonly string[], fallback: readonly string[]): readonly Pattern[] {
  return (
    compilePatterns(defs, merged(defs, ...path)) ?? compilePatterns(defs, fallback) ?? [[fallback[0] ?? '']]
  );
}

/** Whether the locale's usual full name puts the family name first. */
function familyFirst(defs: unknown): boolean {
  const names = at(defs, 'person', 'name');
  if (!Array.isArray(names)) return false;
  let best: { value: string; weight: number } | null = null;
  for (const entry of names as unknown[]) {
    const value = at(entry, 'value');
    const weight = at(entry, 'weight');
    if (typeof value !== 'string') continue;
    const w = typeof weight === 'number' ? weight : 1;
    if (best === null || w > best.weight) best = { value, weight: w };
  }
  if (best === null) return false;
  const last = best.value.indexOf('person.lastName');
  const first = best.value.indexOf('person.firstName');
  return last >= 0 && first >= 0 && last < first;
}

/**
 * A locale's dictionaries from its merged faker definitions (`faker.rawDefinitions` of
 * `@faker-js/faker/locale/<code>`) and en's (of `@faker-js/faker/locale/en`, the same process's).
 */
export function createLocaleDictionary(code: string, defs: unknown, en: unknown): LocaleDictionary {
  const sources: Definitions = { defs, en };
  const firstNames = merged(defs, 'person', 'first_name');
  const lastNames = merged(defs, 'person', 'last_name');
  const states = merged(defs, 'location', 'state');
  const abbrs = merged(defs, 'location', 'state_abbr');
  const ownCities = own(sources, 'location', 'city_name');
  const cities =
    ownCities ??
    expand(compilePatterns(defs, merged(defs, 'location', 'city_pattern')), PATTERN_CITIES, code);
  const nouns =
    own(sources, 'word', 'noun') ??
    own(sources, 'lorem', 'word') ??
    lowered(own(sources, 'commerce', 'product_name', 'product')) ??
    NOUNS;
  const japanese = code === 'ja';
  return {
    code,
    firstNames,
    lastNames,
    namePrefixes: merged(defs, 'person', 'prefix'),
    nameSexes: nameSexesOf(defs),
    familyNameFirst: familyFirst(defs),
    firstSlugs: slugs(firstNames, enNameSlugs().first),
    lastSlugs: slugs(lastNames, enNameSlugs().last),
    cities: cities.length > 0 ? cities : merged(defs, 'location', 'city_name'),
    citiesMade: ownCities === null,
    states,
    stateAbbrs: abbrs.length === states.length ? abbrs : [],
    countries: merged(defs, 'location', 'country'),
    home: HOMES[code] ?? { name: 'United States of America', alpha2: 'US', alpha3: 'USA', currency: 'USD' },
    streetAddress: patterns(
      defs,
      ['location', 'street_address', 'normal'],
      ['{{location.buildingNumber}} {{location.street}}'],
    ),
    secondaryAddress: patterns(defs, ['location', 'secondary_address'], ['Apt. ###']),
    postcode: patterns(defs, ['location', 'postcode'], ['#####']),
    phone: patterns(defs, ['phone_number', 'format', 'human'], ['##########']),
    phoneNational: compilePatterns(defs, merged(defs, 'phone_number', 'format', 'national')) ?? [],
    phoneMobile: compilePatterns(defs, merged(defs, 'phone_number', 'format', 'mobile')) ?? [],
    phoneInternational: compilePatterns(defs, merged(defs, 'phone_number', 'format', 'international')) ?? [],
    company: patterns(defs, ['company', 'name_pattern'], ['{{person.lastName}}']),
    jobTitle: patterns(defs, ['person', 'job_title_pattern'], ['{{person.jobType}}']),
    productAdjectives: merged(defs, 'commerce', 'product_name', 'adjective'),
    productMaterials: merged(defs, 'commerce', 'product_name', 'material'),
    productNouns: merged(defs, 'commerce', 'product_name', 'product'),
    departments: merged(defs, 'commerce', 'department'),
    colors: merged(defs, 'color', 'human'),
    nouns,
    adjectives:
      own(sources, 'word', 'adjective') ??
      lowered(own(sources, 'commerce', 'product_name', 'adjective')) ??
      (nouns === NOUNS ? ADJECTIVES : nouns),
    verbs: own(sources, 'word', 'verb') ?? (nouns === NOUNS ? VERBS : []),
    wordSeparator: japanese ? '' : ' ',
    sentenceEnd: japanese ? '。' : '.',
    nounFirst: code === 'fr' || code === 'es' || code.startsWith('pt'),
    foodAdjectives: own(sources, 'food', 'adjective') ?? [],
    foods: ['dish', 'fruit', 'vegetable'].flatMap((k) => own(sources, 'food', k) ?? []),
    animals: ['bird', 'fish', 'cat', 'dog'].flatMap((k) => own(sources, 'animal', k) ?? []),
  };
}
