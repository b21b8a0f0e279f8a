/**
 * Version 4: a region code column (`state_code`, `province char(2)`) in a
 * row that also names its region (`state`) writes that region's code, so
 * `Texas` never sits beside `WA`: the US postal code, the locale's own
 * abbreviation, the listed code of the row's country's region, else a code
 * of the name's letters (`Provence-Alpes-Côte d'Azur` → `PAC`).
 */
import { nameTokens } from './column-names.js';
import { regionCodeOfName } from './country-addresses.js';
import { countryReader, listedCountry } from './country-places.js';
import { localeRegionCodes } from './home-places.js';
import { usStateCode, wantsAbbreviation } from './place-values.js';
import { madeRegionCode } from './region-codes.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** The row's named region column (a `state` kind that writes names), or null. */
function namedRegionColumn(build: SemanticBuild): string | null {
  for (const column of build.table.columns) {
    if (column.name === build.column.name || column.generated) continue;
    if (build.ctx.siblingKind(column.name) !== 'state') continue;
    const t = nameTokens(column.name);
    const length = column.type.typmods[0];
    const coded = t.includes('code') || t.includes('abbr') || t.includes('abbrev');
    if (!coded && (length === undefined || length > 3)) return column.name;
  }
  return null;
}

/** `made`, or (version 4, a code column beside a named region) the code of the row's region. */
export function withRowRegionCode(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  if (build.version < 4 || !wantsAbbreviation(build)) return made;
  const named = namedRegionColumn(build);
  if (named === null) return made;
  const readRegion = siblingReader(build.ctx, named);
  const readCountry = countryReader(build);
  const locale = build.locale;
  const { maxLength } = build;
  const codeOf = (region: string, row: number): string => {
    const alpha2 = readCountry === undefined ? undefined : listedCountry(build, readCountry(row));
    const listed = alpha2 === undefined ? undefined : regionCodeOfName(alpha2, region, build.version);
    if (listed !== undefined && listed.length <= maxLength) return listed;
    const at = locale?.states.indexOf(region) ?? -1;
    // Version 5: ISO 3166-2 codes where the locale's abbreviations are none (`And` → `AN`, `1` → `01`).
    const own = at >= 0 && locale ? localeRegionCodes(locale, build.version)[at] : undefined;
    const code = own ?? usStateCode(region);
    // A code longer than the column (`And` in a char(2)): one of the name's letters that fits.
    return code !== undefined && code.length <= maxLength ? code : madeRegionCode(region, maxLength);
  };
  return {
    random(rand, row) {
      const region = readRegion(row);
      if (typeof region !== 'string') return made.random(rand, row);
      const code = codeOf(region, row);
      return code.length <= maxLength ? code : made.random(rand, row);
    },
  };
}
