/**
 * Version 14's values in a locale other than en, as a dictionary of that
 * version (`localeOfVersion`: the run's row context holds it, so every
 * generator reads it) and a few factories: Spanish words for text
 * (faker's es has en's), a Japanese name's honorific (`様`, not `Mr.`), a
 * Japanese street address with its town (`西新宿2-8-1`; the prefecture and
 * city in front where the row has no city column), building names
 * (`サンハイツ 302号室`), firms mostly 株式会社, mobiles `090-####-####`;
 * French and Brazilian job titles in their order and both genders
 * (`Directrice financière`, `Analista de Sistemas Sênior`); Brazil's real
 * area codes (`(11) 3456-7890`, mobile `(11) 91234-5678`); HR departments
 * for a department's name (`Personal`, `人事部`; locale-words.ts).
 */
import type { RowRandom } from '../random.js';
import { homeRecordsOf } from './home-places.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { fillPattern, type Pattern, type PatternPart } from './locale-patterns.js';
import {
  BR_AREA_CODES,
  ES_JOBS,
  ES_WORDS,
  GENDERED_JOB_WORDS,
  HR_DEPARTMENTS,
  JA_BUILDING_NAMES,
  JA_BUILDING_SUFFIXES,
  JA_BUSINESSES,
  JA_HONORIFICS,
  JA_LEGAL_FORMS,
  JA_TOWNS,
} from './locale-words.js';
import { type SemanticBuild, type SemanticGenerator, siblingOfKind } from './semantic-generator.js';
import { capitalize, cut } from './text-fit.js';
import { createDigits, distinct, MIN_NAMES, type SemanticUniqueGenerator } from './unique-digits.js';

const digit = (min = 0, max = 9): PatternPart => ({ min, max });
const d4: readonly PatternPart[] = [digit(), digit(), digit(), digit()];

/** `m|f` → its form for gender `g` (one form: both). */
function form(entry: string, g: 'm' | 'f'): string {
  const [m = entry, f = m] = entry.split('|');
  return g === 'f' ? f : m;
}

/** Job title patterns that agree in gender: role + function (+ seniority after a `+` role), per gender. */
function genderedJobTitles(code: string, words = GENDERED_JOB_WORDS[code]): readonly Pattern[] | undefined {
  if (words === undefined) return undefined;
  const out: Pattern[] = [];
  for (const g of ['m', 'f'] as const) {
    const types = words.types.map((t) => form(t.replace(/^\+/, ''), g));
    const leveled = words.types.filter((t) => t.startsWith('+')).map((t) => form(t.slice(1), g));
    const areas = words.areas.map((a) => form(a, g));
    const plain: Pattern = [{ words: types }, ' ', { words: areas }];
    // Two plain titles for one with a seniority (`Analista de Sistemas Sênior`).
    out.push(plain, plain, [
      { words: leveled },
      ' ',
      { words: areas },
      ' ',
      { words: words.levels.map((l) => form(l, g)) },
    ]);
  }
  return out;
}

/** ja: the town and its block numbers, as `西新宿2-8-1` or `中央3丁目4番5号`. */
const JA_STREETS: readonly Pattern[] = [
  [{ words: JA_TOWNS }, digit(1, 9), '-', digit(1, 30), '-', digit(1, 20)],
  [{ words: JA_TOWNS }, digit(1, 9), '-', digit(1, 30), '-', digit(1, 20)],
  [{ words: JA_TOWNS }, digit(1, 9), '丁目', digit(1, 30), '番', digit(1, 20), '号'],
];

/** A version 14 dictionary's replacements, where the locale needs them. */
function overrides(d: LocaleDictionary): Partial<LocaleDictionary> {
  const jobTitle = genderedJobTitles(d.code);
  const jobs = jobTitle === undefined ? {} : { jobTitle };
  switch (d.code) {
    case 'es':
      return {
        nouns: ES_WORDS.nouns.map((n) => n.slice(0, n.lastIndexOf(':'))),
        adjectives: ES_WORDS.adjectives.map((a) => form(a, 'm')),
        verbs: ES_WORDS.verbs,
      };
    case 'ja': {
      const buildingName: PatternPart = { any: [[{ words: d.lastNames }], [{ words: JA_BUILDING_NAMES }]] };
      const suffix: PatternPart = { words: JA_BUILDING_SUFFIXES };
      const company: PatternPart = { words: JA_BUSINESSES };
      return {
        namePrefixes: JA_HONORIFICS,
        // Honorifics are the same for either sex: faker's ja prefixes by sex (`Mrs.`/`Mr.`) are none of them.
        ...(d.nameSexes === undefined
          ? {}
          : { nameSexes: { ...d.nameSexes, prefixes: { female: [], male: [], generic: [] } } }),
        streetAddress: JA_STREETS,
        secondaryAddress: [
          [buildingName, suffix, ' ', digit(1, 12), '0', digit(1, 9), '号室'],
          [buildingName, 'ビル ', digit(1, 9), 'F'],
        ],
        company: [
          [{ words: JA_LEGAL_FORMS }, { words: d.lastNames }, company],
          [{ words: d.lastNames }, company, { words: JA_LEGAL_FORMS }],
        ],
        phoneMobile: [['0', digit(7, 9), '0-', ...d4, '-', ...d4]],
      };
    }
    case 'pt_BR': {
      const ddd: PatternPart = { words: BR_AREA_CODES };
      return {
        ...jobs,
        phoneNational: [['(', ddd, ') ', digit(2, 5), digit(), digit(), digit(), '-', ...d4]],
        phoneMobile: [['(', ddd, ') 9', ...d4, '-', ...d4]],
      };
    }
    default:
      return jobs;
  }
}

const VERSIONED = new WeakMap<LocaleDictionary, LocaleDictionary>();

/**
 * The dictionary a run of `version` reads: `d` itself before version 14,
 * else `d` with version 14's words and forms, made once per dictionary.
 */
export function localeOfVersion(d: LocaleDictionary | null, version: number): LocaleDictionary | null {
  if (d === null || version < 14) return d;
  let out = VERSIONED.get(d);
  if (out === undefined) {
    out = { ...d, ...overrides(d), hrDepartments: HR_DEPARTMENTS[d.code] ?? [] };
    VERSIONED.set(d, out);
  }
  if (version < 17 || d.code !== 'es') return out;
  // Version 17: Spanish job titles (were faker's English ones under es).
  let es = VERSIONED_17.get(d);
  if (es === undefined) {
    es = { ...out, jobTitle: genderedJobTitles(d.code, ES_JOBS) ?? out.jobTitle };
    VERSIONED_17.set(d, es);
  }
  return es;
}
const VERSIONED_17 = new WeakMap<LocaleDictionary, LocaleDictionary>();

const HR_TABLE = /^(departments?|depts?|divisions?|abteilungen|abteilung|departements?|departamentos?)$/;
const HR_WORDS = new Set(['department', 'departments', 'dept', 'division', 'abteilung', 'departamento']);

/**
 * Whether a category column names an organisation's department (an HR
 * `department_name`, `employees.department`, a `departments` table's
 * `name`), not a shop's.
 */
export function isHrDepartment(tableName: string, tokens: readonly string[]): boolean {
  return tokens.some((t) => HR_WORDS.has(t)) || HR_TABLE.test(tableName.toLowerCase());
}

/** Version 14: a department column's HR departments in the locale; null elsewhere. */
export function hrDepartmentsOf(d: LocaleDictionary, tableName: string, tokens: readonly string[]) {
  const list = d.hrDepartments ?? [];
  return list.length > 0 && isHrDepartment(tableName, tokens) ? list : null;
}

/**
 * Version 14 under ja: a street address column with no city or region
 * beside it is the whole address, `東京都新宿区西新宿2-8-1`: a real city
 * with its prefecture, a town and block numbers; null elsewhere.
 */
export function japaneseFullAddress(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  if (build.version < 14 || d.code !== 'ja' || siblingOfKind(build, 'city', 'state') !== null) return null;
  const records = homeRecordsOf('JP') ?? [];
  if (records.length === 0) return null;
  const { maxLength } = build;
  return {
    random(rand) {
      const street = fillPattern(rand, d.streetAddress);
      const r = rand.pick(records);
      const full = `${r.region}${r.city}${street}`;
      return full.length <= maxLength ? full : cut(street, maxLength);
    },
  };
}

/** es: a title whose adjective agrees with its noun (`Casa nueva`, `Libro antiguo`). */
export function spanishTitle(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  if (build.version < 14 || d.code !== 'es') return null;
  const { maxLength } = build;
  const pick = (rand: RowRandom): string => {
    const entry = rand.pick(ES_WORDS.nouns);
    const colon = entry.lastIndexOf(':');
    const g = entry.slice(colon + 1) === 'f' ? 'f' : 'm';
    return `${capitalize(entry.slice(0, colon))} ${form(rand.pick(ES_WORDS.adjectives), g)}`;
  };
  return { random: (rand) => cut(pick(rand), maxLength) };
}

/** The legal forms a unique Japanese firm takes (the common three; a bijection cannot weight them). */
const JA_UNIQUE_FORMS = ['株式会社', '有限会社', '合同会社'];

/**
 * Version 14 under ja: unique firms as Japanese firms are named (`株式会社田中商事`,
 * `山本建設有限会社`): family name, trade and legal form before or after, each
 * tuple written one way (no trade ends another); null elsewhere.
 */
export function japaneseCompanyUnique(
  max: number,
  d: LocaleDictionary,
  version: number,
): SemanticUniqueGenerator | null {
  if (version < 14 || d.code !== 'ja') return null;
  const budget = max - 4 - JA_BUSINESSES.reduce((m, b) => Math.max(m, b.length), 0);
  const names = distinct(d.lastNames, budget);
  if (names.length < MIN_NAMES) return null;
  const digits = createDigits([names.length, JA_BUSINESSES.length, JA_UNIQUE_FORMS.length, 2]);
  const out = [0, 0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, out);
      const firm = `${names[out[0] as number]}${JA_BUSINESSES[out[1] as number]}`;
      const legal = JA_UNIQUE_FORMS[out[2] as number] as string;
      return out[3] === 0 ? legal + firm : firm + legal;
    },
  };
}
