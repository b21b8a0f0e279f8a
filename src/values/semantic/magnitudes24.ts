/**
 * Version 24's magnitudes by meaning:
 * - a course's or an exam's grade kept as a number (`final_grade`,
 *   `course_grade numeric(5,2)`): a score out of 100 (was any number of the
 *   type, up to 999.99);
 * - a plan's price (`plans.price_monthly`, `tiers.price`): a SaaS tier's
 *   price, 0 to 499 a month, ten months' worth a year (was up to 39,681);
 * - a person's weight and height (`students.weight_kg`, `patients.height_cm`):
 *   an adult's (were a parcel's: 0.1 to 30 kg, 2 to 120 cm);
 * - a discount in percent (`discount_percent`): 5 to 50 in round steps, 10
 *   most often (was any share up to 100);
 * - a book's pages, years of experience, a loan's renewals: their usual
 *   counts (were any number of the type, up to 38,848).
 */
import type { Column, Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { normal } from './money-values.js';
import { createMeasureGenerator, decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

/** What a version 24 magnitude is. */
export type Magnitude24 =
  | 'grade'
  | 'plan_price'
  | 'person_weight'
  | 'person_height'
  | 'discount_percent'
  | 'pages'
  | 'years_experience'
  | 'renewals';

/** Whole-number magnitudes by the name's words compacted (`page_count` → pagecount). */
const COUNT_NAMES: Readonly<Record<string, Magnitude24>> = {
  pages: 'pages',
  pagecount: 'pages',
  numpages: 'pages',
  numberofpages: 'pages',
  yearsexperience: 'years_experience',
  yearsofexperience: 'years_experience',
  experienceyears: 'years_experience',
  renewals: 'renewals',
  renewalcount: 'renewals',
  timesrenewed: 'renewals',
};

const GRADE_WORDS = new Set([
  'final',
  'course',
  'exam',
  'overall',
  'average',
  'avg',
  'term',
  'semester',
  'midterm',
]);
const PLAN_TABLE =
  /(^|_)(plans?|tiers?|pricing|pricing_plans?|subscription_plans?|billing_plans?|editions?)$/;
const PRICE_WORDS = new Set(['price', 'cost', 'fee', 'amount', 'rate']);
const PERSON_TABLE =
  /(^|_)(students?|patients?|persons?|people|users?|members?|employees?|athletes?|players?|customers?|clients?|staff|profiles?|participants?|subjects?|residents?)$/;

/** The version 24 magnitude of a number column, or null. */
export function magnitudeOf(table: Table, column: Column, family: TypeFamily | null): Magnitude24 | null {
  if (family !== 'integer' && family !== 'decimal') return null;
  const t = nameTokens(column.name);
  const name = table.name.toLowerCase();
  const counted = family === 'integer' ? COUNT_NAMES[t.join('')] : undefined;
  if (counted !== undefined) return counted;
  if (t.includes('grade') && t.length === 2 && t.some((w) => GRADE_WORDS.has(w))) return 'grade';
  if (PLAN_TABLE.test(name) && t.some((w) => PRICE_WORDS.has(w)) && !t.includes('id')) return 'plan_price';
  if (PERSON_TABLE.test(name) && t.length <= 2) {
    if (t[0] === 'weight' && ['kg', 'kgs', 'lb', 'lbs', 'weight'].includes(t.at(-1) ?? ''))
      return 'person_weight';
    if (t[0] === 'height' && ['cm', 'in', 'inches', 'height'].includes(t.at(-1) ?? ''))
      return 'person_height';
  }
  if (t.includes('discount') && t.some((w) => ['percent', 'pct', 'percentage'].includes(w)))
    return 'discount_percent';
  return null;
}

/** The kind a magnitude is read as. */
export function magnitudeKind(m: Magnitude24): SemanticKind {
  return {
    grade: 'score',
    plan_price: 'price',
    person_weight: 'dimension',
    person_height: 'dimension',
    discount_percent: 'percentage',
    pages: 'quantity',
    years_experience: 'quantity',
    renewals: 'quantity',
  }[m] as SemanticKind;
}

/** Monthly prices of SaaS tiers, by how often they are seen. */
const TIER_PRICES: readonly (readonly [number, number])[] = [
  [0, 8],
  [9, 10],
  [12, 6],
  [15, 8],
  [19, 10],
  [29, 12],
  [39, 6],
  [49, 12],
  [79, 6],
  [99, 10],
  [149, 4],
  [199, 4],
  [299, 2],
  [499, 2],
];
const DISCOUNTS: readonly (readonly [number, number])[] = [
  [5, 15],
  [10, 30],
  [15, 15],
  [20, 20],
  [25, 8],
  [30, 6],
  [40, 3],
  [50, 3],
];

function pick(list: readonly (readonly [number, number])[], rand: RowRandom): number {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let u = rand.below(total);
  for (const [value, weight] of list) {
    if (u < weight) return value;
    u -= weight;
  }
  return list[0]?.[0] ?? 0;
}

const isYearly = (t: readonly string[]) =>
  t.some((w) => ['yearly', 'annual', 'annually', 'year', 'yr'].includes(w));

/** A plan's price: a tier's monthly price, ten months of the row's monthly price where a column is yearly. */
function planPriceGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const format = (whole: number) => formatScaled(Math.min(maxUnits, whole * (POW10[scale] as number)), scale);
  if (!isYearly(build.tokens)) return { escapeFree: true, random: (rand) => format(pick(TIER_PRICES, rand)) };
  const monthly = build.table.columns.find((c) => {
    const t = nameTokens(c.name);
    return (
      c.name !== build.column.name &&
      t.some((w) => PRICE_WORDS.has(w)) &&
      t.some((w) => w === 'monthly' || w === 'month')
    );
  });
  const read = monthly === undefined ? null : siblingReader(build.ctx, monthly.name);
  return {
    escapeFree: true,
    random(rand, row) {
      const said = Number(read?.(row) ?? Number.NaN);
      return format(Number.isFinite(said) ? Math.round(said) * 10 : pick(TIER_PRICES, rand) * 10);
    },
  };
}

/** Version 24's generator for a magnitude. */
export function magnitudeGenerator(build: SemanticBuild, m: Magnitude24): SemanticGenerator {
  const last = build.tokens.at(-1) ?? '';
  switch (m) {
    case 'grade':
      return createMeasureGenerator(build, 2, (rand) => Math.min(100, Math.max(0, 78 + 12 * normal(rand))));
    case 'plan_price':
      return planPriceGenerator(build);
    case 'person_weight': {
      const factor = last === 'lb' || last === 'lbs' ? 2.2046 : 1;
      return createMeasureGenerator(
        build,
        1,
        (rand) => factor * Math.min(150, Math.max(40, 74 + 14 * normal(rand))),
      );
    }
    case 'person_height': {
      const factor = last === 'in' || last === 'inches' ? 1 / 2.54 : 1;
      return createMeasureGenerator(
        build,
        1,
        (rand) => factor * Math.min(205, Math.max(145, 170 + 9 * normal(rand))),
      );
    }
    case 'pages':
      return createMeasureGenerator(build, 0, (rand) =>
        Math.min(1500, Math.max(24, Math.exp(5.7 + 0.5 * normal(rand)))),
      );
    case 'years_experience':
      return createMeasureGenerator(build, 0, (rand) =>
        Math.min(40, Math.floor(-Math.log(1 - rand.float()) * 7)),
      );
    case 'renewals':
      return createMeasureGenerator(build, 0, (rand) => (rand.chance(0.6) ? 0 : 1 + rand.below(3)));
    default:
      return createMeasureGenerator(build, 0, (rand) => pick(DISCOUNTS, rand));
  }
}

/** The plan's words for a magnitude. */
export function magnitudeText(m: Magnitude24): string {
  return {
    grade: ', a grade out of 100 (around 78)',
    plan_price: ", a plan's price (0 to 499 a month, 9, 19, 29, 49, 99 most often; ten months' worth a year)",
    person_weight: ", a person's weight (40 to 150 kg, around 74)",
    person_height: ", a person's height (145 to 205 cm, around 170)",
    discount_percent: ', a discount in percent (5 to 50 in round steps, 10 most often)',
    pages: ", a book's pages (24 to 1500, around 300)",
    years_experience: ', years of experience (0 to 40, a few most often)',
    renewals: ', renewals (0 in most rows, up to 3)',
  }[m];
}
