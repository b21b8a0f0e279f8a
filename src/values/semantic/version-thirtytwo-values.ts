/**
 * Version 32's values (issue 11, session 39), for integer and numeric columns no CHECK or user type
 * reads, by their names (were random values of the type, up to 39,917 in a percentage):
 * - a share of reviewers who recommend (`percent_recommended`, `recommended_pct`): 0 to 100, skewed
 *   high (about 85, a tail down);
 * - a rating out of ten (`rating_10`, `out_of_ten`, `score_out_of_10`): 1 to 10, 7 to 9 most often;
 * - a net promoter answer (`nps`, `nps_score`, `likelihood_to_recommend`): 0 to 10, 9 and 10 in half
 *   the rows, a fifth 6 or below.
 */
import { normal } from './money-values.js';
import { createMeasureGenerator } from './number-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { isConstrained } from './version-nineteen-names.js';
import { weighted } from './version-thirtyone-values.js';
import { type Number32, named32 } from './version-thirtytwo-names.js';

type Build32 = Pick<SemanticBuild, 'table' | 'column' | 'base' | 'version'>;

/** Ratings out of ten and their weights: 7 to 9 most often. */
const TEN: readonly (readonly [number, number])[] = [
  [1, 2],
  [2, 2],
  [3, 3],
  [4, 4],
  [5, 6],
  [6, 9],
  [7, 16],
  [8, 24],
  [9, 20],
  [10, 14],
];
/** Net promoter answers and their weights: promoters (9, 10) half, detractors (0 to 6) a fifth. */
const PROMOTER: readonly (readonly [number, number])[] = [
  [0, 2],
  [1, 1],
  [2, 1],
  [3, 2],
  [4, 3],
  [5, 5],
  [6, 6],
  [7, 12],
  [8, 18],
  [9, 22],
  [10, 28],
];

function number32Of(build: Build32): Number32 | null {
  return isConstrained(build.table, build.column) ? null : named32(build.column, build.base);
}

function numberGenerator(build: SemanticBuild, named: Number32): SemanticGenerator {
  if (named === 'out_of_ten') return createMeasureGenerator(build, 0, weighted(TEN));
  if (named === 'nps') return createMeasureGenerator(build, 0, weighted(PROMOTER));
  return createMeasureGenerator(build, 0, (rand) =>
    Math.max(0, 100 - Math.min(100, Math.round(Math.exp(2.5 + 0.8 * normal(rand))))),
  );
}

/** Version 32's generator for a column it reads, else `usual`. */
export function withVersionThirtyTwo(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 32 || kind === null) return usual;
  const named = number32Of(build);
  return named === null ? usual : numberGenerator(build, named);
}

const NUMBER_TEXT: Readonly<Record<Number32, string>> = {
  recommended: ', a share of reviewers who recommend, 0 to 100, skewed high (about 85, a tail down)',
  out_of_ten: ', a rating out of ten, 1 to 10, 7 to 9 most often',
  nps: ', a net promoter answer, 0 to 10, 9 or 10 in half the rows',
};

/** The plan's words for a version 32 column, or null. */
export function versionThirtyTwoText(build: Build32, kind: SemanticKind): string | null {
  if (build.version < 32 || kind === null) return null;
  const named = number32Of(build);
  return named === null ? null : NUMBER_TEXT[named];
}
