/**
 * Version 25: a home's numbers as listings show them (were any number of
 * the type: 419 bedrooms, built in the year 577, listed at 721.50):
 * bedrooms 1 to 6 (3 most often), bathrooms 1 to 4.5 in halves, a US
 * floor area of 600 to 6,000 sq ft (about 1,800; square metres where the
 * name says so), a lot of 1,500 sq ft to 2 acres, built 1900 to 2024 (more
 * recent more often), an HOA fee of 50 to 800 a month, a price of 90,000 to
 * 3,000,000 (about 420,000; a sale within a few percent of the row's list
 * price), 1 to 180 days on the market.
 */
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { normal } from './money-values.js';
import { createMeasureGenerator, decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** A home's magnitude. */
export type Home25 =
  | 'bedrooms'
  | 'bathrooms'
  | 'floor_area'
  | 'lot_area'
  | 'year_built'
  | 'hoa_fee'
  | 'home_price'
  | 'days_on_market';

const clamp = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v));
const BEDROOMS = [1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6];

/** Square feet or square metres by the name's words. */
const isMetric = (tokens: readonly string[]) =>
  tokens.some((w) => ['m2', 'sqm', 'meters', 'metres', 'm'].includes(w));

/** A home's price: log-normal around 420,000, in thousands. */
function homePrice(rand: RowRandom): number {
  return 1000 * Math.round(clamp(Math.exp(Math.log(420) + 0.55 * normal(rand)), 90, 3000));
}

/** A sale's price: the row's list or asking price within -8% to +4%, else a home's price. */
function salePriceGenerator(build: SemanticBuild): SemanticGenerator {
  const listed = build.table.columns.find((c) =>
    /^(list|asking|original)_?price$/.test(c.name.toLowerCase()),
  );
  const read =
    listed === undefined || listed.name === build.column.name ? null : siblingReader(build.ctx, listed.name);
  const plain = createMeasureGenerator(build, 0, homePrice);
  if (read === null) return plain;
  const { scale, maxUnits } = decimalShape(build.base, 0);
  return {
    escapeFree: true,
    random(rand, row) {
      const base = Number(read(row));
      if (!Number.isFinite(base) || base <= 0) return plain.random(rand, row);
      const sold = 500 * Math.round((base * (0.92 + 0.12 * rand.float())) / 500);
      return formatScaled(Math.min(maxUnits, sold * (POW10[scale] as number)), scale);
    },
  };
}

/** Version 25's generator of a home's magnitude. */
export function homeMagnitudeGenerator(build: SemanticBuild, m: Home25): SemanticGenerator {
  switch (m) {
    case 'bedrooms':
      return createMeasureGenerator(build, 0, (rand) => BEDROOMS[rand.below(BEDROOMS.length)] as number);
    case 'bathrooms':
      return createMeasureGenerator(build, 1, (rand) => 1 + rand.below(8) / 2);
    case 'floor_area': {
      const factor = isMetric(build.tokens) ? 0.0929 : 1;
      return createMeasureGenerator(
        build,
        0,
        (rand) => factor * clamp(Math.exp(Math.log(1800) + 0.4 * normal(rand)), 600, 6000),
      );
    }
    case 'lot_area':
      return createMeasureGenerator(build, 0, (rand) =>
        clamp(Math.round(Math.exp(Math.log(7500) + 0.7 * normal(rand)) / 10) * 10, 1500, 87120),
      );
    case 'year_built':
      return createMeasureGenerator(build, 0, (rand) => 2024 - Math.floor(124 * rand.float() ** 1.6));
    case 'hoa_fee':
      return createMeasureGenerator(
        build,
        2,
        (rand) => 5 * Math.round(clamp(60 + 80 * -Math.log(1 - rand.float()), 50, 800) / 5),
      );
    case 'home_price':
      return build.tokens.includes('sold') ||
        build.tokens.includes('sale') ||
        build.tokens.includes('closing')
        ? salePriceGenerator(build)
        : createMeasureGenerator(build, 0, homePrice);
    default:
      return createMeasureGenerator(build, 0, (rand) =>
        clamp(Math.round(-Math.log(1 - rand.float()) * 35), 1, 180),
      );
  }
}

/** The plan's words for a home's magnitude. */
export function homeMagnitudeText(m: Home25): string {
  return {
    bedrooms: ', bedrooms (1 to 6, 3 most often)',
    bathrooms: ', bathrooms (1 to 4.5 in halves)',
    floor_area: ", a home's floor area (600 to 6,000 sq ft, about 1,800)",
    lot_area: ', a lot (1,500 sq ft to 2 acres, about 7,500 sq ft)',
    year_built: ', a year built (1900 to 2024, recent more often)',
    hoa_fee: ', an HOA fee (50 to 800 a month)',
    home_price:
      ", a home's price (90,000 to 3,000,000, about 420,000; a sale within -8% to +4% of the row's list price)",
    days_on_market: ', days on the market (1 to 180, a month most often)',
  }[m];
}
