/**
 * Version 23's values for the names version-twentythree-names.ts reads (a
 * week's overtime, an hourly rate, a booking's party, a room's capacity and
 * floor, a stay's nights, a sensor's reading in its unit), and a score within the most points its task allows (a
 * submission's `score` under its assignment's `max_points`, a quiz attempt's
 * under the quiz's `points_possible`), the same share of it a score out of
 * 100 would be.
 */

import type { RowRandom } from '../random.js';
import { formatScaled } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { columnWhere, readUnits } from './line-amounts.js';
import { normal } from './money-values.js';
import { fittingNamedThings } from './named-things.js';
import { createMeasureGenerator, decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { supportTextGenerator, supportTextOf } from './support-text.js';
import { createWeightedWordGenerator } from './text-values.js';
import { sensorRangeOf, type TwentyThreeName, twentyThreeNameOf } from './version-twentythree-names.js';
import { isMaxPoints } from './version-twentytwo-names.js';

/** Weighted small counts: [value, weight]. */
type Weighted = readonly (readonly [number, number])[];
const COUNTS: Readonly<Partial<Record<TwentyThreeName, Weighted>>> = {
  adults: [
    [1, 30],
    [2, 52],
    [3, 9],
    [4, 9],
  ],
  children: [
    [0, 72],
    [1, 14],
    [2, 11],
    [3, 3],
  ],
  room_capacity: [
    [1, 10],
    [2, 50],
    [3, 15],
    [4, 18],
    [5, 3],
    [6, 4],
  ],
  nights: [
    [1, 22],
    [2, 24],
    [3, 18],
    [4, 11],
    [5, 8],
    [6, 4],
    [7, 8],
    [10, 2],
    [14, 3],
  ],
};

function weighted(list: Weighted): (rand: RowRandom) => number {
  const total = list.reduce((s, [, w]) => s + w, 0);
  return (rand) => {
    let u = rand.below(total);
    for (const [value, weight] of list) {
      if (u < weight) return value;
      u -= weight;
    }
    return list[0]?.[0] ?? 0;
  };
}

/** Currencies by how often a business bills in them (were any of ISO 4217's, `XAF`, `KHR` as often as `USD`). */
export const COMMON_CURRENCIES: readonly (readonly [string, number])[] = [
  ['USD', 40],
  ['EUR', 20],
  ['GBP', 10],
  ['CAD', 5],
  ['AUD', 5],
  ['JPY', 4],
  ['INR', 3],
  ['CHF', 3],
  ['SEK', 2],
  ['BRL', 2],
  ['MXN', 2],
  ['CNY', 2],
  ['SGD', 1],
  ['NZD', 1],
];

/** The values of a version 23 name. */
function namedGenerator(build: SemanticBuild, name: TwentyThreeName): SemanticGenerator | null {
  const counts = COUNTS[name];
  if (counts !== undefined) return createMeasureGenerator(build, 0, weighted(counts));
  if (name === 'overtime')
    return createMeasureGenerator(build, 1, (rand) =>
      rand.chance(0.65) ? 0 : Math.min(20, 0.5 + -Math.log(1 - rand.float()) * 4),
    );
  if (name === 'hourly_rate')
    return createMeasureGenerator(build, 2, (rand) =>
      Math.min(120, Math.max(15, Math.exp(3.4 + 0.35 * normal(rand)))),
    );
  if (name === 'floor')
    return createMeasureGenerator(build, 0, (rand) =>
      rand.chance(0.08) ? 0 : Math.min(30, 1 + Math.floor(-Math.log(1 - rand.float()) * 4)),
    );
  const r = sensorRangeOf(nameTokens(build.column.name));
  if (r === undefined) return null;
  return createMeasureGenerator(build, r.decimals, (rand) =>
    Math.min(r.high, Math.max(r.low, r.mid + r.spread * normal(rand))),
  );
}

/** The row's most points: a column beside the score, else one of the task its row's FKs lead to. */
function maxPointsOf(build: SemanticBuild): ((row: number) => string | null | undefined) | null {
  const own = columnWhere(build.table, build.column.name, isMaxPoints);
  if (own !== null) return siblingReader(build.ctx, own);
  const ancestor = build.ctx.ancestorColumn?.((_t, column) => isMaxPoints(nameTokens(column.name)));
  return ancestor === undefined ? null : (row) => ancestor.read(row);
}

/** A score as a share of the row's most points (its usual value read as out of 100). */
function withinMaxPoints(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const max = maxPointsOf(build);
  if (max === null) return usual;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const share = decimalShape(build.base, 1).scale;
  return {
    escapeFree: true,
    random(rand, row) {
      const out = readUnits(max, row, 2) / 100;
      const drawn = Number(usual.random(rand, row));
      if (!(out > 0) || !Number.isFinite(drawn)) return usual.random(rand, row);
      const ratio = Math.min(1, Math.max(0, drawn / 100));
      const units = Math.min(maxUnits, Math.round(ratio * out * 10 ** share) * 10 ** (scale - share));
      return formatScaled(units, scale);
    },
  };
}

/** Version 23's generator for a column, else `usual`. */
export function withVersionTwentyThree(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 23) return usual;
  // A plan's, a team's, a hotel's name of its kind (named-things.ts).
  const fit =
    build.locale === null && typeFamilyOf(build.base.name) === 'text'
      ? fittingNamedThings(build.table.name, build.tokens, build.maxLength, false)
      : undefined;
  if (fit !== undefined) return createWeightedWordGenerator(fit.map((w) => [w, 1] as const));
  // A ticket's subject, a comment's body in a helpdesk's words (support-text.ts).
  const support =
    build.locale === null && typeFamilyOf(build.base.name) === 'text'
      ? supportTextOf(build.table, build.tokens)
      : null;
  const supportText = support === null ? null : supportTextGenerator(support, build.maxLength);
  if (supportText !== null) return supportText;
  const name = twentyThreeNameOf(build.table, build.column, typeFamilyOf(build.base.name));
  const named = name === null ? null : namedGenerator(build, name);
  if (named !== null) return named;
  if (kind === 'currency_code' && typeFamilyOf(build.base.name) === 'text' && build.maxLength >= 3)
    return createWeightedWordGenerator(COMMON_CURRENCIES);
  if (kind === 'score') return withinMaxPoints(build, usual);
  return usual;
}
