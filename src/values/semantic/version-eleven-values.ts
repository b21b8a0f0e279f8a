/**
 * Version 11's generators that take a column before its kind's own
 * (version-eleven-names.ts): TPC-C's carriers, all-local orders, tax rates
 * and credit codes as the specification draws them, a post's type and a
 * badge's class as a Q&A site's data holds them.
 */
import { createMeasureGenerator } from './number-values.js';
import { createPicker, type SemanticBuild, type SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { typeFamilyOf } from './semantic-kind.js';
import { elevenTermOf } from './version-eleven-names.js';

/** A post's type: questions and answers most, then wiki excerpts, wikis, moderator nominations, ... (1 to 8). */
const POST_TYPES: readonly number[] = [
  1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 6, 7, 8,
];
/** A badge's class: gold (1) rare, silver (2), bronze (3) most. */
const BADGE_CLASSES: readonly number[] = [1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3];

/** Version 11's generator of a column of kind `kind`, or null where the kind's own generator stays. */
export function versionElevenGenerator(kind: SemanticKind, build: SemanticBuild): SemanticGenerator | null {
  if (build.version < 11) return null;
  const family = typeFamilyOf(build.base.name);
  const term = family === null ? null : elevenTermOf(build.table, build.column, family);
  switch (term) {
    case 'carrier':
      // TPC-C: O_CARRIER_ID random within [1 .. 10] (was any integer, 14,758).
      return kind === 'small_code' ? createMeasureGenerator(build, 0, (rand) => 1 + rand.below(10)) : null;
    case 'all_local':
      // TPC-C: O_ALL_LOCAL 1 at load; a remote line in about 1% of orders (was any integer).
      return kind === 'flag' ? { escapeFree: true, random: (rand) => (rand.chance(0.01) ? '0' : '1') } : null;
    case 'tax_rate':
      // TPC-C: W_TAX, D_TAX random within [0.0000 .. 0.2000] (version 10: money, 0.49 to 0.99).
      return kind === 'fraction' ? createMeasureGenerator(build, 4, (rand) => rand.float() * 0.2) : null;
    case 'credit':
      // TPC-C: C_CREDIT "BC" in 10% of customers, else "GC" (were two capital letters, BG, XI).
      return kind === 'code'
        ? createPicker(['GC', 'GC', 'GC', 'GC', 'GC', 'GC', 'GC', 'GC', 'GC', 'BC'])
        : null;
    case 'post_type':
      return kind === 'small_code'
        ? createMeasureGenerator(build, 0, (rand) => rand.pick(POST_TYPES) as number)
        : null;
    case 'badge_class':
      return kind === 'small_code'
        ? createMeasureGenerator(build, 0, (rand) => rand.pick(BADGE_CLASSES) as number)
        : null;
    default:
      return null;
  }
}
