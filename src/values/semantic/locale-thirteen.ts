/**
 * Version 13's values in a locale other than en (`--locale de`): phone
 * numbers in the locale's national form (`0#### ######` in de, `04 ## ## ##
 * ##` in fr; a mobile column the locale's mobile form, `01#########`),
 * never the `+49-###-#######` of faker's "human" list; a currency column
 * mostly the locale's own currency (EUR, JPY, BRL); shop departments and job
 * titles in the locale's language where faker's locale data has none
 * (locale-tables.ts). Earlier versions keep locale-values.ts' values.
 */

import { hashString } from '../random.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { fillPattern, fixedLength, type Pattern } from './locale-patterns.js';
import { LOCALE_DEPARTMENTS, LOCALE_JOB_WORDS } from './locale-tables.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { createCurrencyCodeGenerator } from './thing-values.js';

/** Column name words that ask for a mobile number (`mobile_phone`, `cell`, de `handy`). */
const MOBILE_WORDS = new Set(['mobile', 'cell', 'cellphone', 'cellular', 'mobilephone', 'handy', 'mobil']);

/**
 * The locale's national phone form, one per column among those that fit it
 * (a mobile column: its mobile forms first); the international forms where
 * no national one fits; null where none fits (the caller's older way cuts).
 */
export function nationalPhone(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  const mobile = build.tokens.some((t) => MOBILE_WORDS.has(t));
  const choice = hashString(`${build.table.name}.${build.column.name}`);
  const lists = mobile
    ? [d.phoneMobile, d.phoneNational, d.phoneInternational]
    : [d.phoneNational, d.phoneInternational];
  for (const list of lists) {
    const fit = list.filter((p) => fixedLength(p) <= build.maxLength);
    if (fit.length === 0) continue;
    const format = [withoutTrunkZero(fit[choice % fit.length] as Pattern)];
    return { escapeFree: true, random: (rand) => fillPattern(rand, format) };
  }
  return null;
}

const ANY_DIGIT = { min: 0, max: 9 } as const;
const NON_ZERO = { min: 1, max: 9 } as const;

/**
 * A phone form whose first drawn digit is never 0 where that would dial
 * abroad or nowhere: a number's first digit, the one after a trunk `0`
 * (`0#### ######`: never `00…`), after `(` (`(##)`: Brazil's area codes)
 * or after a `+` country code (`+49##…`). faker's forms draw any digit.
 */
function withoutTrunkZero(pattern: Pattern): Pattern {
  const first = pattern.findIndex((part) => typeof part !== 'string');
  if (first < 0) return pattern;
  const before = pattern.slice(0, first).join('');
  const digits = before.replace(/[^0-9]/g, '');
  const leads = digits === '' || digits === '0' || before.startsWith('+') || before.endsWith('(');
  const part = pattern[first];
  if (
    !leads ||
    part === undefined ||
    typeof part === 'string' ||
    !('min' in part) ||
    part.min !== ANY_DIGIT.min
  )
    return pattern;
  if (part.max !== ANY_DIGIT.max) return pattern;
  return [...pattern.slice(0, first), NON_ZERO, ...pattern.slice(first + 1)];
}

/** Rows of a currency column in the locale's own currency; the rest as en's mix (USD, EUR, GBP, …). */
const HOME_CURRENCY_SHARE = 0.8;

/** `EUR` in most rows under de, fr and es, `JPY` under ja, `BRL` under pt_BR. */
export function homeCurrency(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  const home = d.home.currency;
  if (home.length > build.maxLength) return null;
  const other = createCurrencyCodeGenerator(build);
  return {
    escapeFree: other.escapeFree === true,
    random: (rand, row) => (rand.float() < HOME_CURRENCY_SHARE ? home : other.random(rand, row)),
  };
}

/** The locale's shop departments: faker's, or locale-tables.ts' where faker's locale has none (version 13). */
export function departmentsOf(d: LocaleDictionary, version: number): readonly string[] {
  return (version >= 13 ? LOCALE_DEPARTMENTS[d.code] : undefined) ?? d.departments;
}

/** The locale's job title patterns: locale-tables.ts' words where faker's locale has none (version 13). */
export function jobTitlesOf(d: LocaleDictionary, version: number): readonly Pattern[] {
  const words = version >= 13 ? LOCALE_JOB_WORDS[d.code] : undefined;
  if (words === undefined) return d.jobTitle;
  const role: Pattern = [{ words: words.types }, ' ', { words: words.areas }];
  // Half the titles with a descriptor (`Senior Referent Vertrieb`), half without (`Leiter Einkauf`).
  return [role, [{ words: words.descriptors }, ' ', ...role]];
}
