/**
 * Version 25's values for the names version-twentyfive-names.ts reads: a
 * person's name, a vocabulary's entry, an identifier with its check digit,
 * a person's sentences, a home's magnitude; `usual` for any other column.
 */
import type { RowRandom } from '../random.js';
import {
  type CheckedCode,
  checkedCodeFits,
  checkedCodeUnique,
  randomCheckedCode,
} from './check-digit-codes.js';
import { type Home25, homeMagnitudeGenerator, homeMagnitudeText } from './home-magnitudes25.js';
import { HR_DEPARTMENTS } from './hr-histories.js';
import { FIRST_NAMES, LAST_NAMES } from './locale-data.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { localeFullNameUnique } from './locale-unique.js';
import { REGION_COORDINATES_TEXT, withRegionCoordinates } from './region-coordinates.js';
import {
  createPicker,
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { supportTextGenerator } from './support-text.js';
import { cut, fitting } from './text-fit.js';
import { numberedDictionary } from './text-unique.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';
import { fullNameUnique } from './unique-people.js';
import { type Named25, named25For, type Table25 } from './version-twentyfive-names.js';
import {
  CAR_MAKES,
  CAR_MODELS,
  INDUSTRIES,
  type Prose25,
  proseOf,
  ROLES,
  skillsOf,
  TEAMS,
} from './work-words25.js';

const CHECKED = new Set<Named25>(['isbn13', 'isbn10', 'issn', 'ean13', 'upc', 'gtin14', 'vin', 'iban']);
const PROSE = new Set<Named25>([
  'cover_letter',
  'interview_feedback',
  'recruiter_notes',
  'viewing_feedback',
  'home_text',
  'job_text',
  'rating_comment',
]);
const HOME = new Set<Named25>([
  'bedrooms',
  'bathrooms',
  'floor_area',
  'lot_area',
  'year_built',
  'hoa_fee',
  'home_price',
  'days_on_market',
]);
const VOCABULARIES: Readonly<Partial<Record<Named25, readonly string[]>>> = {
  industry: INDUSTRIES,
  team: TEAMS,
  role: ROLES,
  department: HR_DEPARTMENTS,
  car_make: CAR_MAKES,
  car_model: Object.values(CAR_MODELS).flat(),
};
/**
 * What version 25 gives under every locale: names of the locale's people, check-digit codes, plates, car
 * makes and models. Its vocabularies and sentences are English: under another locale those columns keep
 * what version 24 gave (the locale's words).
 */
function anyLocale(named: Named25): boolean {
  return (
    named === 'person' ||
    named === 'plate' ||
    named === 'car_make' ||
    named === 'car_model' ||
    CHECKED.has(named)
  );
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A person's name of the locale: any person, not the row's own. */
function personGenerator(build: SemanticBuild): SemanticGenerator {
  const firsts = build.locale?.firstNames ?? FIRST_NAMES;
  const lasts = build.locale?.lastNames ?? LAST_NAMES;
  return { random: (rand) => cut(`${rand.pick(firsts)} ${rand.pick(lasts)}`, build.maxLength) };
}

/** A car's model of the row's make (a sibling `make` or `manufacturer`), any model where none. */
function carModelGenerator(build: SemanticBuild): SemanticGenerator | null {
  const make = build.table.columns.find((c) => ['make', 'manufacturer'].includes(c.name.toLowerCase()));
  const read = make === undefined ? null : siblingReader(build.ctx, make.name);
  const all = fitting(Object.values(CAR_MODELS).flat(), build.maxLength);
  if (all.length < 2) return null;
  return {
    random(rand, row) {
      const own = CAR_MODELS[String(read?.(row) ?? '')];
      const fits = own === undefined ? [] : fitting(own, build.maxLength);
      return fits.length > 0 ? rand.pick(fits) : rand.pick(all);
    },
  };
}

/** A licence plate: `ABC-1234` or `7ABC123`. */
function plate(rand: RowRandom): string {
  const letter = () => PLATE_LETTERS[rand.below(PLATE_LETTERS.length)] as string;
  const digits = (n: number) => String(rand.below(10 ** n)).padStart(n, '0');
  return rand.chance(0.5)
    ? `${letter()}${letter()}${letter()}-${digits(4)}`
    : `${1 + rand.below(9)}${letter()}${letter()}${letter()}${digits(3)}`;
}

/** The row's currency (a sibling currency code), read for an IBAN's country. */
function currencyReader(build: SemanticBuild): (row: number) => string | undefined {
  const column = siblingOfKind(build, 'currency_code');
  const read = column === null ? null : siblingReader(build.ctx, column);
  return (row) => {
    const v = read?.(row);
    return typeof v === 'string' ? v : undefined;
  };
}

/** The generator of a text name, or null where the column cannot hold it. */
function textGenerator(build: SemanticBuild, named: Named25): SemanticGenerator | null {
  const max = build.maxLength;
  if (build.locale !== null && !anyLocale(named)) return null;
  if (named === 'person') return personGenerator(build);
  if (CHECKED.has(named)) {
    const code = named as CheckedCode;
    if (!checkedCodeFits(code, max)) return null;
    const currency = code === 'iban' ? currencyReader(build) : () => undefined;
    return { escapeFree: true, random: (rand, row) => randomCheckedCode(code, rand, max, currency(row)) };
  }
  if (PROSE.has(named)) return max < 40 ? null : { random: (rand) => proseOf(named as Prose25, rand, max) };
  if (named === 'skills') return max < 12 ? null : { random: (rand) => skillsOf(rand, max) };
  if (named === 'ticket_text') return supportTextGenerator('body', max);
  if (named === 'car_model') return carModelGenerator(build);
  if (named === 'plate') return max < 8 ? null : { escapeFree: true, random: plate };
  const list = VOCABULARIES[named];
  const fits = list === undefined ? [] : fitting(list, max);
  return fits.length < 2 ? null : createPicker(fits);
}

/** Version 25's generator for a column its names read, else `usual`. */
export function withVersionTwentyFive(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 25) return usual;
  if (kind === 'latitude' || kind === 'longitude')
    return withRegionCoordinates(build, usual, kind === 'latitude' ? 'lat' : 'lng');
  const family = typeFamilyOf(build.base.name);
  const named = named25For(build.table, build.column.name, family, kind);
  if (named === null) return usual;
  if (HOME.has(named)) return homeMagnitudeGenerator(build, named as Home25);
  return family === 'text' ? (textGenerator(build, named) ?? usual) : usual;
}

/** Version 25's unique values for a column its names read (an identifier, a person, a vocabulary), else undefined. */
export function versionTwentyFiveUnique(
  kind: SemanticKind,
  table: Table25,
  column: string,
  max: number,
  locale: LocaleDictionary | null,
): SemanticUniqueGenerator | null | undefined {
  const named = named25For(table, column, 'text', kind);
  if (named === null || (locale !== null && !anyLocale(named))) return undefined;
  if (CHECKED.has(named))
    return checkedCodeFits(named as CheckedCode, max)
      ? checkedCodeUnique(named as CheckedCode, max)
      : undefined;
  if (named === 'person')
    return (locale === null ? null : localeFullNameUnique(max, locale)) ?? fullNameUnique(max);
  const list = VOCABULARIES[named];
  return list === undefined ? undefined : (numberedDictionary(fitting(list, max), max) ?? undefined);
}

/** The plan's words for a version 25 column, or null. */
export function versionTwentyFiveText(
  table: Table25,
  column: string,
  family: ReturnType<typeof typeFamilyOf> | null,
  kind: SemanticKind | null,
  maxLength: number,
  en: boolean,
): string | null {
  if ((kind === 'latitude' || kind === 'longitude') && en) return REGION_COORDINATES_TEXT;
  const named = named25For(table, column, family, kind);
  if (named === null) return null;
  if (HOME.has(named)) return homeMagnitudeText(named as Home25);
  if (family !== 'text' || (!en && !anyLocale(named))) return null;
  if (CHECKED.has(named))
    return checkedCodeFits(named as CheckedCode, maxLength) ? CHECKED_TEXT[named as CheckedCode] : null;
  return TEXT_WORDS[named] ?? null;
}

const CHECKED_TEXT: Readonly<Record<CheckedCode, string>> = {
  isbn13: ', an ISBN-13 with its check digit (978…)',
  isbn10: ', an ISBN-10 with its check digit (mod 11, X for ten)',
  issn: ', an ISSN with its check digit',
  ean13: ', an EAN-13 with its check digit',
  upc: ', a UPC-A with its check digit',
  gtin14: ', a GTIN-14 with its check digit',
  vin: ", a VIN with its check digit (a maker's WMI, a model year)",
  iban: ', an IBAN with its mod-97 check digits (DE, GB, FR, NL, ES, IT, BE, AT)',
};
const TEXT_WORDS: Readonly<Partial<Record<Named25, string>>> = {
  person: ", a person's name (not the row's own)",
  industry: ', an industry (Software, Healthcare, Retail, …)',
  skills: ', two to five skills (Python, SQL, Project Management, …)',
  team: ', a support team (Tier 1 Support, Billing, …)',
  role: ", a user's role (member most often, viewer, editor, admin, owner)",
  department: ", a company's department (Sales, Engineering, Finance, …)",
  car_make: ", a car's make (Toyota, Ford, …)",
  car_model: ", a car's model of the row's make (Corolla, Civic, F-150, …)",
  plate: ', a licence plate (ABC-1234, 7ABC123)',
  cover_letter: ", a cover letter's sentences (greeting, interest, experience, closing)",
  interview_feedback: ", an interviewer's feedback (one or two sentences)",
  recruiter_notes: ", a recruiter's notes (one or two sentences)",
  viewing_feedback: ", a viewing's feedback (one or two sentences)",
  home_text: ", a home's listing text (three sentences)",
  rating_comment: ", a rating's comment (one or two sentences)",
  ticket_text:
    ', support sentences (Thanks for reaching out. Could you send a screenshot of the error you see?)',
  job_text: ", a job posting's text (the team, the role, requirements, benefits)",
  position: ', a job title (Senior Data Analyst, …)',
};
