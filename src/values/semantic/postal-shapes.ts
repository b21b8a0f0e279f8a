/**
 * Version 9: postal codes named by their shape. A nine-digit ZIP (`zip9`,
 * `zip_plus4`, `zip_plus_4`) is a ZIP+4, `12345-6789` where it fits, its
 * nine digits in a column of nine; the +4 alone (`zip4`, `plus4`) four
 * digits (version 8: words). A British outward code (`outward_code`,
 * `postcode_outward`) is the first part of a British postcode (`SW1A`,
 * `M1`) wherever the row's country is no listed one (version 8: a US ZIP's
 * first four digits, `9021`); a listed foreign country's first part
 * (Canada's `K1A`) as version 8.
 */
import type { RowRandom } from '../random.js';
import { postalCodeOf } from './country-addresses.js';
import { countryReader, listedCountry } from './country-places.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';

/** Which shape a postal code's name asks for: `plus4` (ZIP+4), `four` (the +4 alone), `outward`, or null. */
export function postalShapeOf(tokens: readonly string[]): 'plus4' | 'four' | 'outward' | null {
  const name = tokens.join(' ');
  if (/(^| )zip ?(9|plus ?4|code ?9)$/.test(name)) return 'plus4';
  if (/(^| )(zip ?4|plus ?4)$/.test(name)) return 'four';
  if (tokens.includes('outward')) return 'outward';
  return null;
}

function fourDigits(rand: RowRandom): string {
  return String(rand.below(10000)).padStart(4, '0');
}

/** The first part of a British postcode (`SW1A` of `SW1A 2AA`), at most `maxLength` characters. */
function outwardCode(rand: RowRandom, maxLength: number): string {
  const code = postalCodeOf('GB', rand);
  return code.slice(0, Math.min(code.indexOf(' '), maxLength));
}

/** `usual` (the row's postal code) in the shape the column's name asks for (see the module). */
export function withPostalShape(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const shape = postalShapeOf(build.tokens);
  const { maxLength } = build;
  if (shape === 'four' && maxLength >= 4) return { escapeFree: true, random: fourDigits };
  if (shape === 'plus4' && maxLength >= 9) {
    const dash = maxLength >= 10;
    return {
      escapeFree: usual.escapeFree === true,
      random(rand, row) {
        const zip = usual.random(rand, row);
        // A ZIP (or a ZIP+4 already) of the row: its five digits and four more; another country's code as it is.
        if (!/^[0-9]{5}($|-)/.test(zip)) return zip;
        return `${zip.slice(0, 5)}${dash ? '-' : ''}${fourDigits(rand)}`;
      },
    };
  }
  if (shape !== 'outward') return usual;
  const readCountry = countryReader(build);
  return {
    escapeFree: usual.escapeFree === true,
    random(rand, row) {
      if (readCountry !== undefined && listedCountry(build, readCountry(row)) !== undefined)
        return usual.random(rand, row);
      return outwardCode(rand, maxLength);
    },
  };
}
