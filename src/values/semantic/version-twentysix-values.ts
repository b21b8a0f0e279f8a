/**
 * Version 26's values for the names version-twentysix-names.ts reads: a
 * car's year, mileage and price by its age; a mailing's audience and what
 * was sent of it; its send time after its creation; a home listing's
 * headline; a bank statement's line by the sign of its amount.
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from '../types/format.js';
import { normal } from './money-values.js';
import { createMeasureGenerator, decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { cut } from './text-fit.js';
import { columnNamed26, type Named26, named26For } from './version-twentysix-names.js';
import { expectedTime } from './version-twentytwo-values.js';

/** The model year a car's age counts from (the reference date is 2026-01-01). */
const MODEL_YEAR = 2025;
const OLDEST_AGE = 22;
const MILES_A_YEAR = 11_500;
const KM_PER_MILE = 1.609;

const list = (text: string): readonly string[] => text.split(',').map((w) => w.trim());
const HOME_ADJECTIVES = list(
  'Charming, Spacious, Bright, Updated, Renovated, Cozy, Stunning, Modern, Light-filled, Move-in ready, Classic, Quiet',
);
const HOME_TYPES = list(
  'Bungalow, Colonial, Townhouse, Condo, Ranch, Craftsman, Cape Cod, Victorian, Loft, Duplex',
);
const HOME_FEATURES = list(
  'near the park, with a large yard, close to schools, with a two-car garage, on a quiet street, with a new kitchen, with mountain views, steps from downtown, with a finished basement, by the water',
);
const MERCHANTS = list(
  'Tesco, Starbucks, Amazon, Shell, Uber, Netflix, Spotify, Walmart, Target, Costco, IKEA, Whole Foods, Apple, Lidl, Aldi, Home Depot, CVS Pharmacy, McDonalds, Airbnb, Zara',
);
const BILLERS = list(
  'Vodafone, Comcast, British Gas, Verizon, AT&T, Allianz, City Water, EDF Energy, Geico, Gym Plus',
);
const EMPLOYERS = list(
  'Acme Corp, Globex Ltd, Initech, Umbrella Health, Stark Industries, Northwind Traders',
);
const DEBITS: readonly ((rand: RowRandom) => string)[] = [
  (rand) => `Card payment to ${pick(rand, MERCHANTS)}`,
  (rand) => `Card payment to ${pick(rand, MERCHANTS)}`,
  (rand) => `Direct debit ${pick(rand, BILLERS)}`,
  () => 'ATM withdrawal',
  () => 'Transfer to savings',
  () => 'Standing order: rent',
  (rand) => `Online purchase ${pick(rand, MERCHANTS)}`,
  () => 'Monthly account fee',
];
const CREDITS: readonly ((rand: RowRandom) => string)[] = [
  (rand) => `Salary ${pick(rand, EMPLOYERS)}`,
  () => 'Transfer from savings',
  (rand) => `Refund from ${pick(rand, MERCHANTS)}`,
  () => 'Cash deposit',
  () => 'Interest paid',
  (rand) => `Payment received from ${pick(rand, EMPLOYERS)}`,
];

const pick = (rand: RowRandom, from: readonly string[]) => from[rand.below(from.length)] as string;

/** A sibling integer's value (undefined where NULL, absent or not a number). */
function numberReader(build: SemanticBuild, column: string | null): (row: number) => number | undefined {
  if (column === null) return () => undefined;
  const read = siblingReader(build.ctx, column);
  return (row) => {
    const text = read(row);
    const value = typeof text === 'string' ? Number(text) : Number.NaN;
    return Number.isFinite(value) ? value : undefined;
  };
}

/** A car's age in years, from the row's model year where it has one, else drawn as a year is. */
function carAge(build: SemanticBuild): (rand: RowRandom, row: number) => number {
  const year = numberReader(build, columnNamed26(build.table, 'car_year', 'integer'));
  return (rand, row) => {
    const y = year(row);
    return Math.max(0, Math.min(60, y === undefined ? drawnAge(rand) : MODEL_YEAR - y)) + rand.float();
  };
}

/** A car's age: recent models most often, up to OLDEST_AGE years. */
const drawnAge = (rand: RowRandom): number => Math.floor(OLDEST_AGE * rand.float() ** 1.4);

/** A car's number by its age: the mileage it has run, the price it asks. */
function carGenerator(build: SemanticBuild, named: 'mileage' | 'car_price'): SemanticGenerator {
  const age = carAge(build);
  const metric = build.tokens.some((w) => w.startsWith('km') || w.startsWith('kilomet'));
  const { scale, maxUnits } = decimalShape(build.base, named === 'mileage' ? 0 : 2);
  const unit = 10 ** scale;
  const draw = (rand: RowRandom, years: number): number => {
    if (named === 'mileage') {
      const miles = years * MILES_A_YEAR * Math.exp(0.35 * normal(rand));
      return Math.max(5, Math.round(miles * (metric ? KM_PER_MILE : 1)));
    }
    const isNew = Math.exp(Math.log(34_000) + 0.35 * normal(rand));
    return Math.max(1500, Math.round((isNew * 0.85 ** years) / 50) * 50);
  };
  return {
    escapeFree: true,
    random: (rand, row) =>
      formatScaled(Math.min(maxUnits, Math.round(draw(rand, age(rand, row)) * unit)), scale),
  };
}

/** What was sent of the row's audience: all of it most often, else a share (a campaign still running). */
function sentGenerator(build: SemanticBuild): SemanticGenerator | null {
  const audience = numberReader(build, columnNamed26(build.table, 'audience', 'integer'));
  return {
    escapeFree: true,
    random(rand, row) {
      const of = audience(row);
      if (of === undefined) return String(rand.below(1000));
      return String(rand.chance(0.6) ? of : Math.floor(of * rand.float()));
    },
  };
}

/** A home listing's headline: `Charming 3-Bedroom Bungalow near the park`, the row's bedrooms where it has them. */
function headlineGenerator(build: SemanticBuild): SemanticGenerator | null {
  const max = build.maxLength;
  if (max < 24) return null;
  const bedrooms = build.table.columns.find((c) =>
    /^(bedrooms|beds|num_?bedrooms|bedroom_?count)$/i.test(c.name),
  );
  const beds = numberReader(build, bedrooms?.name ?? null);
  return {
    random(rand, row) {
      const n = beds(row) ?? 1 + rand.below(5);
      const core = `${pick(rand, HOME_ADJECTIVES)} ${n}-Bedroom ${pick(rand, HOME_TYPES)}`;
      const full = `${core} ${pick(rand, HOME_FEATURES)}`;
      return full.length <= max ? full : cut(core, max);
    },
  };
}

/** A statement's line by the sign of the row's amount: a payment out, or money in. */
function statementGenerator(build: SemanticBuild): SemanticGenerator | null {
  if (build.maxLength < 30) return null;
  const amount = build.table.columns.find((c) => c.name.toLowerCase() === 'amount' && !c.generated);
  const read = numberReader(build, amount?.name ?? null);
  return {
    random(rand, row) {
      const value = read(row);
      const credit = value === undefined ? rand.chance(0.3) : value > 0 && rand.chance(0.85);
      const from = credit ? CREDITS : DEBITS;
      return cut((from[rand.below(from.length)] as (r: RowRandom) => string)(rand), build.maxLength);
    },
  };
}

/** The generator of a version 26 name, or null where another reading is kept. */
function generatorOf(build: SemanticBuild, named: Named26): SemanticGenerator | null {
  switch (named) {
    case 'car_year':
      return createMeasureGenerator(build, 0, (rand) => MODEL_YEAR - drawnAge(rand));
    case 'mileage':
    case 'car_price':
      return carGenerator(build, named);
    case 'audience':
      return createMeasureGenerator(build, 0, (rand) =>
        Math.max(1, Math.min(2_000_000, Math.round(Math.exp(Math.log(2500) + 1.3 * normal(rand))))),
      );
    case 'sent':
      return sentGenerator(build);
    case 'send_at':
      return expectedTime(build);
    case 'headline':
      return build.locale === null ? headlineGenerator(build) : null;
    case 'statement_text':
      return build.locale === null ? statementGenerator(build) : null;
  }
}

/** Version 26's generator for a column its names read, else `usual`. */
export function withVersionTwentySix(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 26) return usual;
  const named = named26For(build.table, build.column.name, typeFamilyOf(build.base.name), kind);
  return named === null ? usual : (generatorOf(build, named) ?? usual);
}

/** The plan's words for a version 26 column, or null. */
export function versionTwentySixText(
  build: Pick<SemanticBuild, 'table' | 'column' | 'base'>,
  kind: SemanticKind | null,
  en: boolean,
): string | null {
  const named = named26For(build.table, build.column.name, typeFamilyOf(build.base.name), kind);
  if (named === null || ((named === 'headline' || named === 'statement_text') && !en)) return null;
  return TEXT[named];
}

const TEXT: Readonly<Record<Named26, string>> = {
  car_year: ", a car's model year (2003 to 2025, recent most often)",
  mileage: ", a car's mileage by its age (about 11,500 miles a year of the row's model year; km where named)",
  car_price: ", a car's price by its age (new about 34,000, 15% less a year, at least 1,500)",
  audience: ', how many a mailing goes to (tens to hundreds of thousands, about 2,500)',
  sent: ", at most the row's audience (all of it in most rows)",
  send_at: ", expected after the row's creation and its latest step, within days or weeks",
  headline: ", a home listing's headline (Charming 3-Bedroom Bungalow near the park; the row's bedrooms)",
  statement_text: ", a bank statement's line by the amount's sign (Card payment to Tesco, Salary Acme Corp)",
};
