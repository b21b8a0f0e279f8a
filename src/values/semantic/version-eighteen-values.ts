/**
 * Version 18's values for the names version-eighteen-names.ts reads, and the
 * agreements it adds to a row's values: a prefix and a gender agreeing with
 * the first name (gendered-names.ts).
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from '../types/format.js';
import { withNameSex } from './gendered-names.js';
import { decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { costPriceOf, isIterationCount, isProductSize, isReadingTime } from './version-eighteen-names.js';

/** Clothing sizes by how often they sell. */
const SIZES: readonly (readonly [string, number])[] = [
  ['XS', 6],
  ['S', 16],
  ['M', 24],
  ['L', 22],
  ['XL', 14],
  ['XXL', 6],
];
const SIZE_TOTAL = SIZES.reduce((sum, [, w]) => sum + w, 0);

/** Version 18's generator of `kind` for the column, wrapping `usual` (see above); `usual` before version 18. */
export function withVersionEighteen(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 18) return usual;
  const { column, table } = build;
  const integer = build.base.name === 'int2' || build.base.name === 'int4' || build.base.name === 'int8';
  if (kind === 'duration' && integer && isReadingTime(column)) return readingTimes(build);
  if (kind === 'tally' && integer && isIterationCount(column)) return iterationCounts(build);
  if (kind === 'price') {
    const price = costPriceOf(table, column);
    if (price !== null) return costUnder(build, price, usual);
  }
  if (kind === 'label' && isProductSize(column) && build.maxLength >= 3) return sizes();
  return withNameSex(build, kind, usual);
}

/** Minutes of reading, 1 to 30: a few most often (seconds where the name says so). */
function readingTimes(build: SemanticBuild): SemanticGenerator {
  const seconds = build.tokens.includes('seconds') || build.tokens.includes('secs');
  return {
    escapeFree: true,
    random(rand: RowRandom) {
      const u = rand.float();
      const minutes = 1 + Math.floor(29 * u * u * u + 3 * rand.float());
      return String(Math.min(30, minutes) * (seconds ? 60 : 1));
    },
  };
}

/** A work factor: the current one in most rows, older ones in some; what the type holds. */
function iterationCounts(build: SemanticBuild): SemanticGenerator {
  const factors =
    build.base.name === 'int2'
      ? [10000, 10000, 10000, 4096]
      : [600000, 600000, 600000, 600000, 310000, 100000];
  return { escapeFree: true, random: (rand: RowRandom) => String(factors[rand.below(factors.length)]) };
}

/** A cost 35% to 85% of the row's price (`usual` where the price is NULL or not a number). */
function costUnder(build: SemanticBuild, price: string, usual: SemanticGenerator): SemanticGenerator {
  const read = siblingReader(build.ctx, price);
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = 10 ** scale;
  return {
    random(rand: RowRandom, row: number) {
      const text = read(row);
      const value = typeof text === 'string' ? Number(text.replace(/[^0-9.-]/g, '')) : Number.NaN;
      if (!Number.isFinite(value) || value <= 0 || text?.includes(',') === true)
        return usual.random(rand, row);
      const units = Math.floor(value * (0.35 + 0.5 * rand.float()) * unit);
      return formatScaled(Math.min(Math.max(units, 0), maxUnits), scale);
    },
  };
}

/** Clothing sizes in most rows, even numbers 28 to 48 in a quarter. */
function sizes(): SemanticGenerator {
  return {
    escapeFree: true,
    random(rand: RowRandom) {
      if (rand.chance(0.25)) return String(28 + 2 * rand.below(11));
      let u = rand.below(SIZE_TOTAL);
      for (const [size, weight] of SIZES) {
        if (u < weight) return size;
        u -= weight;
      }
      return 'M';
    },
  };
}
