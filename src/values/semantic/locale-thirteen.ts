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
import { POW10 } from '../types/format.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { fillPattern, type Pattern } from './locale-patterns.js';
import { LOCALE_DEPARTMENTS, LOCALE_JOB_WORDS } from './locale-tables.js';
import { decimalShape } from './number-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { createCurrencyCodeGenerator } from './thing-values.js';
import { createDigits, type SemanticUniqueGenerator } from './unique-digits.js';

/** Column name words that ask for a mobile number (`mobile_phone`, `cell`, de `handy`). */
export const MOBILE_WORDS = new Set([
  'mobile',
  'cell',
  'cellphone',
  'cellular',
  'mobilephone',
  'handy',
  'mobil',
]);

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
    const fit = list.filter((p) => phoneLength(p) <= build.maxLength);
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
  const anyDigit =
    part !== undefined &&
    typeof part !== 'string' &&
    'min' in part &&
    part.min === ANY_DIGIT.min &&
    part.max === ANY_DIGIT.max;
  if (!leads || !anyDigit) return pattern;
  return [...pattern.slice(0, first), NON_ZERO, ...pattern.slice(first + 1)];
}

/**
 * A unique phone column's numbers in the locale's national form (the first
 * that fits `max`, else an international one), each of its digits one place
 * of a mixed-radix number, so k → number is injective; null before version
 * 13, under en, or where no form fits (en's North American numbers then).
 * Version 14: a mobile column (`tokens`) takes the mobile form first, and a
 * form's word lists (Brazil's area codes) are places too.
 */
export function localePhoneUnique(
  max: number,
  d: LocaleDictionary | null,
  version: number,
  tokens: readonly string[] = [],
): SemanticUniqueGenerator | null {
  if (version < 13 || d === null) return null;
  const words = version >= 14;
  const placeable = (p: Pattern): boolean =>
    p.every(
      (part) =>
        typeof part === 'string' ||
        ('min' in part && part.min >= 0 && part.max <= 9) ||
        (words && 'words' in part && part.words.every((w) => w.length === part.words[0]?.length)),
    );
  const mobile = words && tokens.some((t) => MOBILE_WORDS.has(t)) ? d.phoneMobile : [];
  const form = [...mobile, ...d.phoneNational, ...d.phoneInternational].find(
    (p) => phoneLength(p) <= max && placeable(p),
  );
  if (form === undefined) return null;
  const pattern = withoutTrunkZero(form);
  const places = pattern.filter((part) => typeof part !== 'string') as PatternPlace[];
  const digits = createDigits(places.map((p) => ('words' in p ? p.words.length : p.max - p.min + 1)));
  if (!Number.isSafeInteger(digits.space)) return null;
  const out: number[] = places.map(() => 0);
  return {
    space: digits.space,
    value(k) {
      digits.split(k, out);
      let text = '';
      let i = 0;
      for (const part of pattern) {
        if (typeof part === 'string') {
          text += part;
          continue;
        }
        const place = places[i] as PatternPlace;
        const at = out[i++] as number;
        text += 'words' in place ? place.words[at] : String(place.min + at);
      }
      return text;
    },
  };
}

type PatternPlace = { readonly min: number; readonly max: number } | { readonly words: readonly string[] };

/** A phone form's length, its word lists' words counted (all one length: Brazil's area codes). */
function phoneLength(p: Pattern): number {
  let n = 0;
  for (const part of p)
    n +=
      typeof part === 'string'
        ? part.length
        : 'words' in part
          ? (part.words[0]?.length ?? 0)
          : 'min' in part
            ? String(part.max).length
            : Number.POSITIVE_INFINITY;
  return n;
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

/** Currencies with no minor unit, and about how many of them a dollar-like unit is worth. */
const WHOLE_UNITS_PER_DOLLAR: Readonly<Record<string, number>> = { JPY: 100 };

/**
 * `money`'s values rewritten as whole units of a currency with no minor unit
 * (`whole(value)`, written with the type's zero fraction, `1234.00`), when
 * the locale's is one (version 13); else `money` itself.
 */
function inWholeCurrency(
  build: SemanticBuild,
  money: SemanticGenerator,
  whole: (value: number, factor: number, maxWhole: number) => number,
): SemanticGenerator {
  const currency = build.version >= 13 ? build.locale?.home.currency : undefined;
  const factor = currency === undefined ? undefined : WHOLE_UNITS_PER_DOLLAR[currency];
  if (factor === undefined) return money;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const maxWhole = Math.floor(maxUnits / (POW10[scale] as number));
  const fraction = scale > 0 ? `.${'0'.repeat(scale)}` : '';
  return {
    escapeFree: true,
    random(rand, row) {
      const text = money.random(rand, row);
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return text;
      return `${whole(value, factor, maxWhole)}${fraction}`;
    },
  };
}

/** A value's whole units, at least 1 for a positive one. */
const rounded = (value: number): number => (value > 0 ? Math.max(1, Math.round(value)) : Math.round(value));

/**
 * Money in the locale's currency where it has no minor unit (ja: yen):
 * `money`'s value a hundred times over, in whole units (`12.34` → `1234.00`,
 * so a total stays its lines' sum); where that passes the type, the value's
 * whole units. Other locales: `money`.
 */
export function inLocaleCurrency(build: SemanticBuild, money: SemanticGenerator): SemanticGenerator {
  return inWholeCurrency(build, money, (value, factor, maxWhole) => {
    const scaled = Math.round(value * factor);
    return Math.abs(scaled) <= maxWhole ? scaled : rounded(Math.trunc(value) || value);
  });
}

/**
 * Money of a locale whose currency has no minor unit in whole units
 * (`1.95` → `2.00`): a small type's price (pagila's `rental_rate
 * numeric(4,2)`) has no room for a hundredfold, and an amount made from
 * such prices with a fee has cents. Other locales: `money`.
 */
export function inWholeUnits(build: SemanticBuild, money: SemanticGenerator): SemanticGenerator {
  return inWholeCurrency(build, money, rounded);
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
