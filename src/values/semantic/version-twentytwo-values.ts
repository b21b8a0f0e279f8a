/**
 * Version 22's values for the names version-twentytwo-names.ts reads: a
 * measure in its unit's usual range, small counts of seats, a course's
 * credits, a card's last four digits and brand, a payment's method, and an
 * expected time after the row's creation and its latest step.
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { withMoneySum } from './money-sums.js';
import { normal } from './money-values.js';
import { isCreationName } from './number-time-names.js';
import { createMeasureGenerator } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingSeconds } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { typeFamilyOf } from './semantic-kind.js';
import { createWeightedWordGenerator } from './text-values.js';
import { createTimeWriter, REFERENCE_SECONDS } from './time-values.js';
import { MEASURE_UNITS, twentyTwoNameOf } from './version-twentytwo-names.js';

const SEAT_COUNTS = [1, 1, 2, 3, 5, 5, 10, 10, 10, 20, 25, 25, 50, 50, 100];
const CREDITS: readonly (readonly [number, number])[] = [
  [3, 40],
  [4, 18],
  [1, 10],
  [2, 10],
  [5, 6],
  [6, 4],
  [0.5, 4],
  [1.5, 3],
  [10, 1],
  [7.5, 1],
];
const CARD_BRANDS: readonly (readonly [string, number])[] = [
  ['visa', 45],
  ['mastercard', 30],
  ['amex', 12],
  ['discover', 6],
  ['jcb', 3],
  ['unionpay', 2],
  ['diners', 2],
];
const PAYMENT_METHODS: readonly (readonly [string, number])[] = [
  ['card', 55],
  ['bank_transfer', 12],
  ['paypal', 10],
  ['ach', 8],
  ['apple_pay', 6],
  ['google_pay', 4],
  ['sepa_debit', 3],
  ['check', 2],
];

/** Words of the names version 22 draws from a list. */
const LISTS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  channel: [
    ['email', 40],
    ['web', 25],
    ['phone', 15],
    ['chat', 12],
    ['api', 5],
    ['social', 3],
  ],
  leave_type: [
    ['vacation', 45],
    ['sick', 25],
    ['personal', 12],
    ['unpaid', 7],
    ['parental', 5],
    ['bereavement', 3],
    ['jury_duty', 3],
  ],
  tracking_event: [
    ['label_created', 10],
    ['picked_up', 12],
    ['departed_facility', 15],
    ['arrived_at_facility', 15],
    ['in_transit', 20],
    ['out_for_delivery', 12],
    ['delivered', 12],
    ['delivery_attempted', 2],
    ['exception', 2],
  ],
};
const LEAVE_DAYS: readonly (readonly [number, number])[] = [
  [1, 30],
  [0.5, 10],
  [2, 15],
  [3, 12],
  [5, 15],
  [4, 5],
  [10, 8],
  [15, 3],
  [7, 2],
];
const MAX_POINTS = [10, 20, 25, 50, 100, 100, 100, 100];
const LEAVE_DAYS_TOTAL = LEAVE_DAYS.reduce((s, [, w]) => s + w, 0);

/** Version 22's generator for the column, wrapping `usual` (see above); `usual` before version 22. */
export function withVersionTwentyTwo(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 22) return usual;
  const family = typeFamilyOf(build.base.name);
  const name = twentyTwoNameOf(build.table, build.column, family);
  if (name === null) return usual;
  if (name === 'money') return kind === 'price' ? withMoneySum(build, usual) : usual;
  if (name === 'measure') {
    const { low, high } = MEASURE_UNITS[nameTokens(build.column.name).at(-1) ?? ''] ?? { low: 1, high: 100 };
    const decimals = high <= 10 ? 2 : 1;
    return createMeasureGenerator(build, decimals, (rand) =>
      Math.exp(Math.log(low) + rand.float() ** 1.6 * Math.log(high / low)),
    );
  }
  if (name === 'seats')
    return createMeasureGenerator(build, 0, (rand) =>
      rand.chance(0.6) ? (SEAT_COUNTS[rand.below(SEAT_COUNTS.length)] as number) : 1 + rand.below(60),
    );
  if (name === 'credits') {
    const whole = family === 'integer';
    const fit = CREDITS.filter(([c]) => !whole || Number.isInteger(c));
    const total = fit.reduce((s, [, w]) => s + w, 0);
    return createMeasureGenerator(build, 1, (rand) => weightedPick(rand, fit, total));
  }
  if (name === 'last4') return lastFour(family === 'integer');
  if (name === 'card_brand') return fitting(CARD_BRANDS, build.maxLength) ?? usual;
  if (name === 'payment_method') return fitting(PAYMENT_METHODS, build.maxLength) ?? usual;
  const listed = LISTS[name];
  if (listed !== undefined) return fitting(listed, build.maxLength) ?? usual;
  if (name === 'leave_days')
    return createMeasureGenerator(build, 1, (rand) => weightedPick(rand, LEAVE_DAYS, LEAVE_DAYS_TOTAL));
  if (name === 'max_points')
    return createMeasureGenerator(build, 0, (rand) => MAX_POINTS[rand.below(MAX_POINTS.length)] as number);
  if (name === 'hours_worked')
    return createMeasureGenerator(build, 2, (rand) => Math.max(0, Math.min(180, 80 + 14 * normal(rand))));
  return kind === 'due_at' ? expectedTime(build) : usual;
}

function weightedPick(rand: RowRandom, list: readonly (readonly [number, number])[], total: number): number {
  let u = rand.below(total);
  for (const [value, weight] of list) {
    if (u < weight) return value;
    u -= weight;
  }
  return list[0]?.[0] ?? 0;
}

function fitting(words: readonly (readonly [string, number])[], maxLength: number): SemanticGenerator | null {
  const fit = words.filter(([w]) => w.length <= maxLength);
  return fit.length < 2 ? null : createWeightedWordGenerator(fit);
}

/** A card's last four digits: `0417` (an integer column: 417). */
function lastFour(integer: boolean): SemanticGenerator {
  return {
    escapeFree: true,
    random: (rand) => {
      const n = rand.below(10000);
      return integer ? String(n) : String(n).padStart(4, '0');
    },
  };
}

/** Steps a row reaches before its expected time (a shipment's dispatch, an invoice's issue). */
const EARLIER_STEPS = new Set(
  'shipped dispatched sent issued published opened started submitted picked posted assigned'.split(' '),
);

/** Days from the row's latest step to an expected time, by its words. */
function daysAhead(tokens: readonly string[]): readonly [number, number] {
  if (tokens.some((w) => ['delivery', 'arrival', 'arrive', 'eta', 'ship', 'shipping', 'pickup'].includes(w)))
    return [1, 10];
  if (tokens.includes('due')) return [7, 45];
  return [1, 30];
}

/**
 * An expected time (`estimated_delivery`): after the latest of the row's
 * creation and its earlier steps that are set, a few days later for a
 * delivery, up to a month and a half for a due date.
 */
/** The columns of a row an expected time follows: its creation, its earlier steps (`submitted_at`). */
export function expectedStartsOf(
  table: Table,
  column: string,
  kindOf: (name: string) => SemanticKind | null,
): readonly string[] {
  return table.columns
    .filter((c) => {
      if (c.name === column || c.generated || typeFamilyOf(c.type.name) !== 'temporal') return false;
      const kind = kindOf(c.name);
      return (
        (kind === 'created_at' && isCreationName(c.name)) ||
        nameTokens(c.name).some((w) => EARLIER_STEPS.has(w))
      );
    })
    .map((c) => c.name);
}

export function expectedTime(build: SemanticBuild): SemanticGenerator {
  const write = createTimeWriter(build.base, build.tokens);
  const names = expectedStartsOf(build.table, build.column.name, (name) => build.ctx.siblingKind(name));
  const starts = names.map((name) => siblingSeconds(build.ctx, name));
  const [low, high] = daysAhead(build.tokens);
  const isDate = build.base.name === 'date';
  // Version 25: a row with no start of its own (an interview's `scheduled_at`) days after its parent rows' starts.
  const parents = build.version >= 25 && names.length === 0 ? build.ctx.earliestStart : undefined;
  const fallback = createdFallback();
  return {
    random(rand, row) {
      let latest: number | undefined;
      for (const s of starts) {
        const at = s(row);
        if (at !== undefined && (latest === undefined || at > latest)) latest = at;
      }
      const parent = parents?.(row, build.base.name);
      const after =
        parent === undefined
          ? undefined
          : parent + Math.floor(-Math.log(1 - rand.float()) * FOLLOW_UP_DAYS * SECONDS_PER_DAY);
      const from = latest ?? after ?? fallback(rand);
      const days = low + rand.float() * (high - low);
      const at = from + Math.floor(days * SECONDS_PER_DAY);
      return write(isDate ? Math.ceil(at / SECONDS_PER_DAY) * SECONDS_PER_DAY : at);
    },
  };
}

/** Version 25: the mean days from a parent row's start to a row that only expects a time (an application to its interview's scheduling). */
const FOLLOW_UP_DAYS = 6;

/** With no creation in the row: a moment of the two years before the reference date. */
function createdFallback(): (rand: RowRandom) => number {
  return (rand) => REFERENCE_SECONDS - 1 - rand.below(730 * SECONDS_PER_DAY);
}
