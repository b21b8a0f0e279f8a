/**
 * Version 10's generators that take a column before its kind's own: a
 * candle's prices and volume (price-series.ts), a clinic's terms
 * (medical-values.ts), the lines an order counts (1 to 15, TPC-C's 5 to 15
 * most; version 9's tally was 0 in most rows), an exchange rate around 1.
 */
import { createCommunityGenerator } from './community-values.js';
import { createMedicalGenerator } from './medical-values.js';
import { normal } from './money-values.js';
import { createMeasureGenerator } from './number-values.js';
import { createCandleGenerator } from './price-series.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { isExchangeRate, isLineCount, termFitsFamily } from './version-ten-names.js';

/** Lines per order: 5 to 15 in most, a few smaller orders. */
const LINE_COUNTS: readonly number[] = [
  1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 14, 15,
];

/** Version 10's generator of a column of kind `kind`, or null where the kind's own generator stays. */
export function versionTenGenerator(kind: SemanticKind, build: SemanticBuild): SemanticGenerator | null {
  if (build.version < 10) return null;
  if (kind === 'tally' && isLineCount(build.tokens))
    return createMeasureGenerator(build, 0, (rand) => rand.pick(LINE_COUNTS) as number);
  // An exchange rate: log-normal around 1 (0.05 to 20 in most rows), were 15,511.18 or a fraction of 1.
  if (kind === 'fraction' && isExchangeRate(build.tokens))
    return createMeasureGenerator(build, 6, (rand) => Math.exp(1.5 * normal(rand)));
  const fits = termFitsFamily(build.table, build.column, typeFamilyOf(build.base.name));
  const medical = fits ? (createMedicalGenerator(build) ?? createCommunityGenerator(build)) : null;
  if (medical !== null) return medical;
  if (kind === 'price' || kind === 'quantity') return createCandleGenerator(build);
  return null;
}
