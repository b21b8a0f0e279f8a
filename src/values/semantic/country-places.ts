/**
 * A row's country steering its place columns (version 3): a city, region
 * or postal code of the row's country (its own country column, else its
 * parent place's), the usual generator's value else.
 */
import { writeAsciiText } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { foreignCountry, postalCodeOf, regionOfCity, regionsOf } from './country-addresses.js';
import { citiesOfCountry } from './country-cities.js';
import { wantsAbbreviation } from './place-values.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import { fitting } from './text-fit.js';

/**
 * Version 3: a city of the row's country, where the row has one (a country
 * column of its own, else its parent place's: a `city` row's `country_id`)
 * and it is a country of country-cities.ts; `usual`'s city else (the United
 * States: faker's list of US cities).
 */
export function withCountryCities(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const readCountry = countryReader(build);
  if (readCountry === undefined) return usual;
  const { maxLength } = build;
  const fitted = new Map<readonly string[], readonly string[]>();
  return {
    random(rand, row) {
      const text = readCountry(row);
      const cities = typeof text === 'string' ? citiesOfCountry(text) : undefined;
      if (cities === undefined || cities === 'us') return usual.random(rand, row);
      // Version 5: the locale's own country's cities are the usual ones (home-places.ts: with their regions).
      if (build.version >= 5 && listedCountry(build, text) === undefined) return usual.random(rand, row);
      let list = fitted.get(cities);
      if (list === undefined) {
        list = fitting(cities, maxLength);
        fitted.set(cities, list);
      }
      return list.length === 0 ? usual.random(rand, row) : (list[rand.below(list.length)] as string);
    },
  };
}

/**
 * Version 3: the row's country (a country column of its own, else its parent
 * place's), undefined where neither exists or before version 3.
 */
export function countryReader(
  build: SemanticBuild,
): ((row: number) => string | null | undefined) | undefined {
  if (build.version < 3) return undefined;
  const column = siblingOfKind(build, 'country', 'country_code');
  return column === null ? build.ctx.parentCountry : siblingReader(build.ctx, column);
}

/**
 * The row's country (alpha-2) when its places come from the country lists:
 * not the United States, nor the run's locale's home country (`--locale fr`:
 * France's regions and postcodes are the locale's own, `usual`).
 */
export function listedCountry(build: SemanticBuild, country: string | null | undefined): string | undefined {
  const alpha2 = foreignCountry(country);
  return alpha2 === undefined || alpha2 === build.locale?.home.alpha2 ? undefined : alpha2;
}

/**
 * Version 3: a state/district/region column of a row whose country is not
 * the United States takes a region of that country (its abbreviation in a
 * code column; a city of the country where no regions are listed: pagila's
 * `district`); `usual` else.
 */
export function withCountryRegions(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const readCountry = countryReader(build);
  if (readCountry === undefined) return usual;
  const abbreviated = wantsAbbreviation(build);
  const { maxLength } = build;
  const lists = new Map<string, readonly string[]>();
  // The row's own city, where it has one: its region is the city's (Salvador's is Bahia).
  const cityColumn = siblingOfKind(build, 'city');
  const readCity = cityColumn === null ? undefined : siblingReader(build.ctx, cityColumn);
  return {
    random(rand, row) {
      const country = readCountry(row);
      const alpha2 = listedCountry(build, country);
      if (alpha2 === undefined) return usual.random(rand, row);
      const city = readCity?.(row);
      const region =
        typeof city === 'string' ? regionOfCity(alpha2, city, abbreviated, build.version) : undefined;
      if (region !== undefined && region.length <= maxLength) return region;
      let list = lists.get(alpha2);
      if (list === undefined) {
        const regions = regionsOf(alpha2, country as string, abbreviated, build.version);
        list = regions === undefined ? [] : regions.filter((r) => r.length <= maxLength);
        lists.set(alpha2, list);
      }
      return list.length === 0 ? usual.random(rand, row) : (list[rand.below(list.length)] as string);
    },
  };
}

/**
 * Version 3: a postal code of a row whose country is not the United States
 * in that country's shape (`231-0062` in Japan, `SW1A 2AA`'s in the United
 * Kingdom); `usual`'s ZIP else, and where the shape is longer than the column.
 */
export function withCountryPostalCodes(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const readCountry = countryReader(build);
  if (readCountry === undefined) return usual;
  const { maxLength } = build;
  // Version 8: a code longer than the column keeps its country's shape (was the usual ZIP).
  const fitted = build.version >= 8;
  const random = (rand: RowRandom, row: number): string => {
    const alpha2 = listedCountry(build, readCountry(row));
    if (alpha2 === undefined) return usual.random(rand, row);
    const code = postalCodeOf(alpha2, rand);
    if (code.length <= maxLength) return code;
    return fitted ? postalCodeWithin(code, maxLength) : usual.random(rand, row);
  };
  const usualWrite = usual.write;
  if (usual.escapeFree !== true || usualWrite === undefined)
    return { escapeFree: usual.escapeFree === true, random };
  return {
    escapeFree: true,
    random,
    // Postal codes are digits, letters, `-` and spaces: bytes as they are; the usual ZIP by its own writer.
    write(rand, row, out) {
      const alpha2 = listedCountry(build, readCountry(row));
      if (alpha2 === undefined) return usualWrite(rand, row, out);
      const code = postalCodeOf(alpha2, rand);
      if (code.length <= maxLength) writeAsciiText(out, code);
      else if (fitted) writeAsciiText(out, postalCodeWithin(code, maxLength));
      else usualWrite(rand, row, out);
    },
  };
}

/**
 * Version 8: a country's postal code in a column too short for it, in the
 * country's shape: its letters and digits without the separator where they
 * fit (`1234AB`), else its first part (the British outward code `SW1A` of
 * `SW1A 2AA`, Canada's `K1A` of `K1A 0B1`, Japan's `123` of `123-4567`),
 * else its first characters (a prefix, as `zip3` holds a ZIP's).
 */
export function postalCodeWithin(code: string, maxLength: number): string {
  const compact = code.replace(/[^0-9A-Za-z]/g, '');
  if (compact.length <= maxLength) return compact;
  const first = /^[0-9A-Za-z]+/.exec(code)?.[0] ?? '';
  return first !== '' && first.length <= maxLength ? first : compact.slice(0, maxLength);
}
