/**
 * Names version 22 reads (version-twentytwo-values.ts makes their values):
 * - a measure with its unit (`width_cm`, `weight_kg`, `length_in`,
 *   `weight_lb`): a parcel's or a product's, in that unit (were any number
 *   the type holds);
 * - seats and licences (`seats`, `seats_included`, `max_users`,
 *   `license_count`): a small count;
 * - a course's credits (`credits` in a course's table, `credit_hours`):
 *   0.5 to 10;
 * - a card's last four digits (`last4`, `card_last4`, `last_four`), its
 *   brand (`card_brand`) and a payment's method (`payment_method`, a
 *   payment's `method`): four digits, a brand, a method (were words);
 * - an expected time (`estimated_delivery`, `expected_at`, `scheduled_for`,
 *   `eta`, `due_date`): after the row's creation and its latest step, within days;
 * - pay (`gross_pay`, `net_pay`, `tax_withheld`, `deductions`) and a
 *   discount beside a subtotal: money (money-sums.ts makes the row's money
 *   add up).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { moneyRoleOf } from './money-roles.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

/** What a version 22 name is. */
export type TwentyTwoName =
  | 'measure'
  | 'seats'
  | 'credits'
  | 'last4'
  | 'card_brand'
  | 'payment_method'
  | 'expected_time'
  | 'money'
  | 'channel'
  | 'leave_type'
  | 'leave_days'
  | 'hours_worked'
  | 'tracking_event'
  | 'max_points';

/** Units of a physical measure, by the scale of a usual parcel's or product's value in them. */
export const MEASURE_UNITS: Readonly<Record<string, { readonly low: number; readonly high: number }>> = {
  mm: { low: 20, high: 1200 },
  cm: { low: 2, high: 120 },
  m: { low: 0.05, high: 3 },
  in: { low: 1, high: 48 },
  inch: { low: 1, high: 48 },
  inches: { low: 1, high: 48 },
  ft: { low: 0.2, high: 8 },
  kg: { low: 0.1, high: 30 },
  kgs: { low: 0.1, high: 30 },
  g: { low: 50, high: 30000 },
  grams: { low: 50, high: 30000 },
  gr: { low: 50, high: 30000 },
  lb: { low: 0.2, high: 66 },
  lbs: { low: 0.2, high: 66 },
  oz: { low: 1, high: 160 },
};

const MEASURE_WORDS = new Set(
  'length width height depth weight thickness diameter girth mass len breadth'.split(' '),
);
const SEAT_WORDS = new Set('seats seat licenses licences license licence users members agents'.split(' '));
const COURSE_TABLE_WORDS = /course|class|subject|module|program|curricul|enrol|lesson|section|semester/;
const PLANNED_WORDS = new Set(
  'estimated estimate expected scheduled planned target eta promised projected'.split(' '),
);
const NUMBER_FAMILIES: ReadonlySet<TypeFamily | null> = new Set<TypeFamily | null>(['decimal', 'integer']);

/** The version 22 name of a column, or null. */
export function twentyTwoNameOf(
  table: Table,
  column: Column,
  family: TypeFamily | null,
): TwentyTwoName | null {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  const compact = t.join('');
  if (NUMBER_FAMILIES.has(family)) {
    if (MEASURE_UNITS[last] !== undefined && t.slice(0, -1).some((w) => MEASURE_WORDS.has(w)))
      return 'measure';
    if (compact === 'credithours' || compact === 'creditunits') return 'credits';
    if ((last === 'credits' || compact === 'credit') && COURSE_TABLE_WORDS.test(table.name.toLowerCase()))
      return 'credits';
    if (moneyRoleOf(table, column) !== null) return 'money';
    if (MAX_POINTS.has(compact)) return 'max_points';
  }
  if (family === 'integer' && t.length <= 3 && t.some((w) => SEAT_WORDS.has(w)) && !t.includes('id'))
    return 'seats';
  if ((family === 'text' || family === 'integer') && isLastFour(compact)) return 'last4';
  if (family === 'text' && t.includes('card') && ['brand', 'network', 'scheme'].includes(last))
    return 'card_brand';
  if (
    family === 'text' &&
    (compact === 'paymentmethod' || compact === 'paymenttype' || isPaymentsMethod(table, t))
  )
    return 'payment_method';
  const kept = keptNameOf(table, t, family);
  if (kept !== null) return kept;
  if (family === 'temporal' && (t.some((w) => PLANNED_WORDS.has(w)) || (t[0] === 'due' && t.length <= 2)))
    return 'expected_time';
  return null;
}

/** A table of leave requests (`time_off_requests`, `leave_requests`, `absences`). */
const LEAVE_TABLE = /time_?off|leave|absence|vacation|pto/;
/** A table of a shipment's tracking events (`tracking_events`, `shipment_events`, `parcel_scans`). */
const TRACKING_TABLE = /(track|shipment|parcel|package|delivery).*(event|scan|histor|update)/;

/** An assignment's or a test's most points (`max_points`, `points_possible`). */
const MAX_POINTS = new Set(['maxpoints', 'pointspossible', 'maxscore', 'totalpoints', 'possiblepoints']);

/** Whether a column's words name a task's most points (`max_points`, `points_possible`). */
export const isMaxPoints = (tokens: readonly string[]): boolean => MAX_POINTS.has(tokens.join(''));

/** Version 22: a ticket's channel, a leave's type and days, hours worked, a tracking event's type. */
function keptNameOf(table: Table, t: readonly string[], family: TypeFamily | null): TwentyTwoName | null {
  const compact = t.join('');
  const name = table.name.toLowerCase();
  if (family === 'text' && (compact === 'channel' || compact === 'sourcechannel' || compact === 'via'))
    return 'channel';
  if (
    family === 'text' &&
    LEAVE_TABLE.test(name) &&
    (compact === 'type' || compact === 'leavetype' || compact === 'kind')
  )
    return 'leave_type';
  if (family === 'decimal' && LEAVE_TABLE.test(name) && (compact === 'days' || compact === 'daysrequested'))
    return 'leave_days';
  if (
    (family === 'decimal' || family === 'integer') &&
    (compact === 'hoursworked' || compact === 'workedhours')
  )
    return 'hours_worked';
  if (
    family === 'text' &&
    TRACKING_TABLE.test(name) &&
    ['eventtype', 'eventcode', 'type', 'event', 'status'].includes(compact)
  )
    return 'tracking_event';
  return null;
}

function isLastFour(compact: string): boolean {
  return /^(card|pan|account|acct)?(last4|lastfour)(digits)?$/.test(compact);
}

/** A payment table's bare `method` or `type`. */
function isPaymentsMethod(table: Table, t: readonly string[]): boolean {
  return (
    t.length === 1 && (t[0] === 'method' || t[0] === 'type') && /payment|charge|transaction/.test(table.name)
  );
}

/** The semantic kind a version 22 name gives (its values from version-twentytwo-values.ts), or null. */
export function versionTwentyTwoKind(
  table: Table,
  column: Column,
  family: TypeFamily | null,
): SemanticKind | null {
  const name = twentyTwoNameOf(table, column, family);
  if (name === null) return null;
  if (name === 'measure') return 'dimension';
  if (name === 'seats' || name === 'credits') return 'quantity';
  if (name === 'last4') return family === 'integer' ? 'small_code' : 'code';
  if (name === 'expected_time') return 'due_at';
  if (name === 'money') return 'price';
  if (name === 'leave_days' || name === 'hours_worked' || name === 'max_points') return 'quantity';
  return 'label';
}

/** The plan's words for such a column, or null. */
export function versionTwentyTwoText(table: Table, column: Column, family: TypeFamily | null): string | null {
  const name = twentyTwoNameOf(table, column, family);
  if (name === null || name === 'money') return null;
  if (name === 'measure') {
    const unit = nameTokens(column.name).at(-1) ?? '';
    const { low, high } = MEASURE_UNITS[unit] ?? { low: 0, high: 0 };
    return `, a parcel's measure in ${unit} (${low} to ${high})`;
  }
  return {
    seats: ', a small count of seats or users (1 to 100, round numbers most often)',
    credits: ", a course's credits (0.5 to 10, 3 most often)",
    last4: ", a card's last four digits (0417)",
    card_brand: ', a card brand (visa, mastercard, amex, discover)',
    payment_method: ', a payment method (card, bank_transfer, paypal)',
    expected_time: ", expected after the row's creation and its latest step, within days or weeks",
    channel: ', a support channel (email, web, phone, chat)',
    leave_type: ', a kind of leave (vacation, sick, personal)',
    leave_days: ', days of leave (0.5 to 15)',
    hours_worked: ", a pay period's hours (around 80)",
    max_points: ', the most points of a task (10, 20, 25, 50 or 100)',
    tracking_event: ", a parcel's tracking event (picked_up, in_transit, delivered)",
  }[name];
}
