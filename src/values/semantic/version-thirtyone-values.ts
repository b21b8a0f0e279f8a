/**
 * Version 31's values (issue 11, session 38), for columns no CHECK or user type reads:
 * - a text column of a small domain (domain-words31.ts) takes its domain's words in their shares: a
 *   marital status `married`, `single` (was an employee's `active`), a blood type `O+`, a fuel `diesel`,
 *   a transmission, a material, a billing interval, a film's certificate `PG-13` (was `4.7`), a bug
 *   tracker's label `bug` (were readable words of the locale);
 * - a ticket's `story_points` on the planning scale 1, 2, 3, 5, 8, 13, 21 (was any int4);
 * - `stars` a rating of 1 to 5, most often 4 or 5 (was a tally to 500), but a repository's stars;
 * - a review's `score` a percentage skewed high, about 88 (was 30 to 100 around 70, an exam's);
 * - a commission (`commission_pct`) none in half the rows, else 5% to 35% in fives (was any share to 100%).
 */
import type { RowRandom } from '../random.js';
import { nameTokens, singular } from './column-names.js';
import { type DomainNames31, domainWords31 } from './domain-words31.js';
import { normal } from './money-values.js';
import { createMeasureGenerator, decimalShape } from './number-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { textMaxLength } from './text-fit.js';
import { createWeightedWordGenerator } from './text-values.js';
import { isConstrained } from './version-nineteen-names.js';

type Build31 = Pick<SemanticBuild, 'table' | 'column' | 'base' | 'version'>;
type Number31 = 'story_points' | 'stars' | 'review_score' | 'commission';

/** Tables of reviews, their `score` a critic's or a customer's percentage. */
const REVIEWS = new Set(['review', 'rating', 'feedback', 'critique', 'testimonial']);
/** Tables whose `stars` count the people who starred the row (GitHub's), not a rating. */
const STARRED = new Set(['repo', 'repository', 'project', 'gist', 'package', 'library', 'crate', 'module']);
const FIBONACCI: readonly (readonly [number, number])[] = [
  [1, 14],
  [2, 22],
  [3, 24],
  [5, 20],
  [8, 12],
  [13, 6],
  [21, 2],
];
const STARS: readonly number[] = [5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 1];

/** The last word of a table's name, singular. */
function tableWord(build: Build31): string {
  return singular(nameTokens(build.table.name).at(-1) ?? '');
}

/** Version 31's number of an integer or numeric column, or null. */
function number31Of(build: Build31): Number31 | null {
  const family = typeFamilyOf(build.base.name);
  if ((family !== 'integer' && family !== 'decimal') || isConstrained(build.table, build.column)) return null;
  const joined = nameTokens(build.column.name).join('_');
  if (joined === 'story_points' || joined === 'story_point' || joined === 'points_estimate')
    return family === 'integer' ? 'story_points' : null;
  if (joined === 'stars' || joined === 'star_rating')
    return family === 'integer' && !STARRED.has(tableWord(build)) ? 'stars' : null;
  if (joined === 'score')
    return family === 'integer' && REVIEWS.has(tableWord(build)) ? 'review_score' : null;
  if (joined === 'commission_pct' || joined === 'commission_rate' || joined === 'commission_percent')
    return 'commission';
  return null;
}

/** A weighted draw of the list's numbers (`[value, weight]` pairs). */
export function weighted(list: readonly (readonly [number, number])[]): (rand: RowRandom) => number {
  const total = list.reduce((sum, [, w]) => sum + w, 0);
  return (rand) => {
    let u = rand.below(total);
    for (const [value, w] of list) {
      if (u < w) return value;
      u -= w;
    }
    return list[0]?.[0] ?? 0;
  };
}

function numberGenerator(build: SemanticBuild, named: Number31): SemanticGenerator {
  if (named === 'story_points') return createMeasureGenerator(build, 0, weighted(FIBONACCI));
  if (named === 'stars') return createMeasureGenerator(build, 0, (rand) => rand.pick(STARS));
  if (named === 'review_score')
    return createMeasureGenerator(build, 0, (rand) =>
      Math.max(0, 100 - Math.min(100, Math.round(Math.exp(2.4 + 0.75 * normal(rand))))),
    );
  // A share as the type holds it: 0.05 to 0.35, or 5 to 35 where the type holds 100.
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const whole = maxUnits / 10 ** scale >= 100;
  return createMeasureGenerator(build, 2, (rand) =>
    rand.chance(0.5) ? 0 : ((1 + rand.below(7)) * 5) / (whole ? 1 : 100),
  );
}

/** The names a domain's words are read from. */
function domainNames(build: Build31): DomainNames31 {
  return {
    tableName: build.table.name,
    columnNames: build.table.columns.map((c) => c.name.toLowerCase()),
    tokens: nameTokens(build.column.name),
  };
}

/**
 * Version 31's words of a text column (a domain's, in the run's locale), or undefined. A number kept as
 * text (a film's `rating varchar(10)`) is built on a numeric stand-in: its declared type says text.
 */
function words31(build: Build31, localeCode: string) {
  const declared = build.column.type;
  const text =
    typeFamilyOf(build.base.name) === 'text'
      ? build.base
      : declared.arrayDims === 0 && typeFamilyOf(declared.name) === 'text'
        ? declared
        : null;
  if (text === null || isConstrained(build.table, build.column)) return undefined;
  return domainWords31(domainNames(build), localeCode, textMaxLength(text));
}

/** Version 31's generator for a column it reads, else `usual`. */
export function withVersionThirtyOne(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 31 || kind === null) return usual;
  const named = number31Of(build);
  if (named !== null) return numberGenerator(build, named);
  const words = words31(build, build.locale?.code ?? 'en');
  return words === undefined ? usual : createWeightedWordGenerator(words);
}

const NUMBER_TEXT: Readonly<Record<Number31, string>> = {
  story_points: ', story points on the planning scale 1, 2, 3, 5, 8, 13, 21 (3 most often)',
  stars: ', a rating of 1 to 5 stars, 4 or 5 in two thirds of rows',
  review_score: ", a review's score out of 100, skewed high (about 88, a tail down)",
  commission: ', a commission: none in half the rows, else 5% to 35% in fives',
};

/** The plan's words for a version 31 column, or null. */
export function versionThirtyOneText(build: Build31, kind: SemanticKind, localeCode: string): string | null {
  if (build.version < 31 || kind === null) return null;
  const named = number31Of(build);
  if (named !== null) return NUMBER_TEXT[named];
  const words = words31(build, localeCode);
  if (words === undefined) return null;
  const total = words.reduce((sum, [, weight]) => sum + weight, 0);
  if (words.length > 20)
    return `, its domain's words: ${words
      .slice(0, 3)
      .map(([w]) => w)
      .join(', ')}, … (${words.length})`;
  const shares = words.map(([w, n]) => `${w} ${Math.round((n / total) * 100)}%`).join(', ');
  return `, its domain's words: ${shares}`;
}
