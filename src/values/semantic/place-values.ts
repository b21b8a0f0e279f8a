/**
 * Places: street addresses, cities, counties, states, ZIP codes, countries,
 * time zones. A ZIP code is drawn from the ranges of the row's state (read
 * from the state column when the table has one), and a country column in a
 * table with US states or ZIP codes says the United States, so one row's
 * address agrees with itself. faker's English city list carries no state, so
 * before version 5 cities are plausible but independent of the state (version
 * 5: a city beside a state is one of home-places.ts' records, with its state).
 */
import { type ByteOut, padDigits, writeAsciiText, writeInteger, writePadded } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { isThirdAddressLine } from './column-names.js';
import { COUNTRY_NUMBERS, codesOfCountry } from './country-cities.js';
import {
  CITIES,
  COUNTIES,
  COUNTRIES,
  COUNTRY_ALPHA2,
  COUNTRY_ALPHA3,
  LAST_NAMES,
  SECONDARY_UNITS,
  STATES,
  STREET_NAMES,
  STREET_SUFFIXES,
  type StateRecord,
  TIME_ZONES,
  US_COUNTRY,
} from './locale-data.js';
import {
  createPicker,
  longestOf,
  pickerOf,
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
  writeWords,
} from './semantic-generator.js';
import { typeFamilyOf } from './semantic-kind.js';
import { cut, fitting } from './text-fit.js';

/** Digits in a house number, weighted towards 3 and 4 as real streets are. */
const HOUSE_DIGITS: readonly number[] = [1, 2, 3, 3, 3, 4, 4, 4, 5];
const POW10 = [1, 10, 100, 1000, 10000, 100000];
/** The longest street address: a five-digit number, a space and the longest street. */
const LONGEST_STREET_ADDRESS =
  6 + Math.max(longestOf(STREET_NAMES), longestOf(LAST_NAMES) + 1 + longestOf(STREET_SUFFIXES));

const STREETS_ESCAPE_FREE =
  escapeFreeTexts(STREET_NAMES) && escapeFreeTexts(LAST_NAMES) && escapeFreeTexts(STREET_SUFFIXES);

/** `4821 Maple Avenue` or `17 Abbott Court`. */
export function createStreetAddressGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  return {
    escapeFree: STREETS_ESCAPE_FREE,
    // Where no address can pass the limit, the same draws written as bytes (no string built).
    ...(STREETS_ESCAPE_FREE && LONGEST_STREET_ADDRESS <= maxLength
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            const digits = rand.pick(HOUSE_DIGITS);
            const low = POW10[digits - 1] as number;
            writeInteger(out, low + rand.below((POW10[digits] as number) - low));
            out.ensure(1);
            out.buf[out.pos++] = 32;
            if (rand.chance(0.6)) writeAsciiText(out, rand.pick(STREET_NAMES));
            else {
              const last = rand.pick(LAST_NAMES);
              writeWords(out, last, rand.pick(STREET_SUFFIXES));
            }
          },
        }
      : {}),
    random(rand) {
      const digits = rand.pick(HOUSE_DIGITS);
      const number =
        (POW10[digits - 1] as number) + rand.below((POW10[digits] as number) - (POW10[digits - 1] as number));
      const street = rand.chance(0.6)
        ? rand.pick(STREET_NAMES)
        : `${rand.pick(LAST_NAMES)} ${rand.pick(STREET_SUFFIXES)}`;
      return cut(`${number} ${street}`, maxLength);
    },
  };
}

/** Words a locality line starts with (`Upper Kessler`, `Old Town`). */
const LOCALITY_WORDS = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Old', 'New', 'Little', 'Great'];
/** Third address lines that are no locality. */
const THIRD_LINES = ['Old Town', 'Town Centre', 'Business Park', 'Industrial Estate', 'Rear Entrance'];

/**
 * Version 3: an address's third line (`line_three`): a short locality line
 * (`Upper Kessler`, `Building 4`, `PO Box 2817`, `Business Park`); NULL
 * mostly, by its null rate.
 */
function createThirdLineGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  return {
    escapeFree: escapeFreeTexts(LAST_NAMES) && escapeFreeTexts(THIRD_LINES),
    random(rand) {
      const shape = rand.below(10);
      const line =
        shape < 5
          ? `${rand.pick(LOCALITY_WORDS)} ${rand.pick(LAST_NAMES)}`
          : shape < 7
            ? `PO Box ${100 + rand.below(9900)}`
            : shape < 9
              ? `Building ${1 + rand.below(20)}`
              : rand.pick(THIRD_LINES);
      return cut(line, maxLength);
    },
  };
}

/** `Apt. 512`, `Suite 40`; version 3: an address's third line, a locality line. */
export function createSecondaryAddressGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  if (build.version >= 3 && isThirdAddressLine(build.table, build.column))
    return createThirdLineGenerator(build);
  return {
    escapeFree: escapeFreeTexts(SECONDARY_UNITS),
    random: (rand) => cut(`${rand.pick(SECONDARY_UNITS)} ${1 + rand.below(999)}`, maxLength),
  };
}

export const createCityGenerator = pickerOf(CITIES);

export const createCountyGenerator = pickerOf(COUNTIES);

export const createTimeZoneGenerator = pickerOf(TIME_ZONES);

/** Whether a state column holds postal abbreviations (`state_code`, `char(2)`) rather than names. */
export function wantsAbbreviation(build: SemanticBuild): boolean {
  const { tokens, maxLength } = build;
  return tokens.includes('code') || tokens.includes('abbr') || tokens.includes('abbrev') || maxLength <= 3;
}

/** `California`, or `CA` for code columns and short types. */
export function createStateGenerator(build: SemanticBuild): SemanticGenerator {
  const names = wantsAbbreviation(build) ? STATES.map((s) => s.abbr) : STATES.map((s) => s.name);
  return createPicker(fitting(names, build.maxLength));
}

/** A US state's postal abbreviation by its name or abbreviation (`Texas` → `TX`), or undefined. */
export function usStateCode(text: string): string | undefined {
  return STATE_BY_TEXT.get(text)?.abbr;
}

/** States by name and by abbreviation, as a state column writes them. */
const STATE_BY_TEXT: ReadonlyMap<string, StateRecord> = new Map(
  STATES.flatMap((s) => [
    [s.name, s],
    [s.abbr, s],
  ]),
);

/** A 5-digit ZIP (sometimes ZIP+4 where it fits) inside the row's state, when the table has a state column. */
export function createPostalCodeGenerator(build: SemanticBuild): SemanticGenerator {
  const stateColumn = siblingOfKind(build, 'state');
  const { maxLength } = build;
  // Resolved once: no per-row lookup of the state column's function.
  const readState = stateColumn === null ? null : siblingReader(build.ctx, stateColumn);
  const rangeOf = (rand: RowRandom, row: number) => {
    const text = readState === null ? null : readState(row);
    const state = (typeof text === 'string' ? STATE_BY_TEXT.get(text) : undefined) ?? rand.pick(STATES);
    return rand.pick(state.zips);
  };
  return {
    // Digits, a prefix of digits, a `-`.
    escapeFree: true,
    random(rand, row) {
      const range = rangeOf(rand, row);
      let zip = range.prefix + String(range.min + rand.below(range.max - range.min + 1));
      if (maxLength >= 10 && rand.chance(0.2)) zip += `-${padDigits(rand.below(10000), 4)}`;
      return cut(zip, maxLength);
    },
    // The same draws as bytes, where no ZIP+4 can reach the limit (nothing is cut).
    ...(LONGEST_ZIP + 5 <= maxLength
      ? {
          write(rand: RowRandom, row: number, out: ByteOut) {
            const range = rangeOf(rand, row);
            writeAsciiText(out, range.prefix);
            writeInteger(out, range.min + rand.below(range.max - range.min + 1));
            if (rand.chance(0.2)) {
              out.ensure(1);
              out.buf[out.pos++] = 45; // -
              writePadded(out, rand.below(10000), 4);
            }
          },
        }
      : {}),
  };
}

/** The longest ZIP before a `-1234` (a state's prefix and its range's largest number). */
const LONGEST_ZIP = Math.max(
  ...STATES.flatMap((state) => state.zips.map((z) => z.prefix.length + String(z.max).length)),
);

/** Whether the table's address is a US one (it has a state or ZIP column). */
function hasUsAddress(build: SemanticBuild): boolean {
  return siblingOfKind(build, 'state', 'postal_code') !== null;
}

/** Whether a country code column holds alpha-3 codes (`iso3`, `alpha3`, `char(3)`). */
function wantsAlpha3(build: SemanticBuild): boolean {
  const { tokens, base } = build;
  return (
    tokens.includes('3') ||
    tokens.includes('alpha3') ||
    tokens.includes('iso3') ||
    (base.name === 'bpchar' && base.typmods[0] === 3)
  );
}

/**
 * Version 3: a country table's own name column (`name` holding countries),
 * which its other country columns (`iso_name`, codes) follow; null when
 * this column is it or there is none.
 */
function countryNameSibling(build: SemanticBuild): string | null {
  if (build.version < 3 || build.column.name.toLowerCase() === 'name') return null;
  const name = build.table.columns.find((c) => c.name.toLowerCase() === 'name' && !c.generated);
  return name !== undefined && build.ctx.siblingKind(name.name) === 'country' ? name.name : null;
}

/** A country name; the United States when the row's address has a US state or ZIP; a country table's `name` in its `iso_name` (upper-case, as ISO writes it). */
export function createCountryGenerator(build: SemanticBuild): SemanticGenerator {
  const nameColumn = countryNameSibling(build);
  if (nameColumn !== null) {
    const readName = siblingReader(build.ctx, nameColumn);
    const upper = build.tokens.includes('iso');
    const usual = createPicker(fitting(COUNTRIES, build.maxLength));
    const { maxLength } = build;
    return {
      random(rand, row) {
        const name = readName(row);
        if (typeof name !== 'string' || name.length > maxLength) return usual.random(rand, row);
        return upper ? name.toUpperCase() : name;
      },
    };
  }
  if (hasUsAddress(build)) {
    const us = fitting(
      [US_COUNTRY.name, 'United States', US_COUNTRY.alpha3, US_COUNTRY.alpha2],
      build.maxLength,
    );
    const name = us[0] as string;
    return { escapeFree: escapeFreeTexts([name]), random: () => name };
  }
  return createPicker(fitting(COUNTRIES, build.maxLength));
}

/**
 * Version 3: a country table's ISO numeric code (`numcode integer`): its
 * own country's (`196` beside `Cyprus`), read from its name column, else
 * its alpha code column; any country's where it has neither.
 */
function createCountryNumberGenerator(build: SemanticBuild): SemanticGenerator {
  const usual = createPicker(COUNTRY_NUMBERS);
  const column =
    countryNameSibling(build) ?? siblingOfKind(build, 'country') ?? siblingOfKind(build, 'country_code');
  if (column === null) return usual;
  const read = siblingReader(build.ctx, column);
  return {
    escapeFree: true,
    random(rand, row) {
      const text = read(row);
      return (
        (typeof text === 'string' ? codesOfCountry(text)?.numeric : undefined) ?? usual.random(rand, row)
      );
    },
  };
}

/** An ISO 3166 alpha-2 (or alpha-3) code; `US` when the row's address has a US state or ZIP. */
export function createCountryCodeGenerator(build: SemanticBuild): SemanticGenerator {
  if (typeFamilyOf(build.base.name) === 'integer') return createCountryNumberGenerator(build);
  const alpha3 = wantsAlpha3(build);
  if (hasUsAddress(build)) {
    const code = cut(alpha3 ? US_COUNTRY.alpha3 : US_COUNTRY.alpha2, build.maxLength);
    return { escapeFree: escapeFreeTexts([code]), random: () => code };
  }
  const usual = createPicker(fitting(alpha3 ? COUNTRY_ALPHA3 : COUNTRY_ALPHA2, build.maxLength));
  // Version 3: the code of the row's own country name (a country table's `iso` beside its `name`).
  const nameColumn =
    build.version >= 3 ? (countryNameSibling(build) ?? siblingOfKind(build, 'country')) : null;
  if (nameColumn === null) return usual;
  const readName = siblingReader(build.ctx, nameColumn);
  const { maxLength } = build;
  return {
    escapeFree: true,
    random(rand, row) {
      const name = readName(row);
      const codes = typeof name === 'string' ? codesOfCountry(name) : undefined;
      const code = codes === undefined ? undefined : alpha3 ? codes.alpha3 : codes.alpha2;
      return code !== undefined && code.length <= maxLength ? code : usual.random(rand, row);
    },
  };
}
