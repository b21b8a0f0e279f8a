/**
 * Version 18: a period kept as a range (`tsrange`, `tstzrange`, `daterange`)
 * with nothing bounding it is a period of the recent past, as a plain date
 * column's moments are: its lower bound in the five years before the
 * reference date, up to a year long (a timestamp's up to 30 days), mostly
 * short, never reaching past the reference date; one in twenty still open
 * (`[lo,)`). A name telling of what is to come (`scheduled`, `booking`,
 * `reservation`, `validity`, `planned`) puts the period within a year either
 * side of the reference date. Version 17 drew the type's own values, 2000
 * to 2030, empty ranges and ones open below among them.
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { ColumnHints } from '../../checks/check-hints.js';
import type { Column, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import type { ValueGenerator } from '../types/generator.js';
import { builtinRangeSubtype, type RangeSubtype, rangeSubtype } from '../types/range.js';
import { nameTokens } from './column-names.js';
import { CREATED_FIRST_DAY, REFERENCE_DAY } from './time-values.js';

/** The subtype of a `daterange`, `tsrange` or `tstzrange` (not a multirange: its text is a list of ranges). */
function timeSubtype(name: string): 'date' | 'timestamp' | 'timestamptz' | undefined {
  const subtype = name.endsWith('multirange') ? undefined : builtinRangeSubtype(name);
  return subtype === 'date' || subtype === 'timestamp' || subtype === 'timestamptz' ? subtype : undefined;
}

/** Words of a period still to come (or both past and to come). */
const FUTURE_WORDS = new Set([
  'scheduled',
  'schedule',
  'planned',
  'plan',
  'upcoming',
  'future',
  'booking',
  'booked',
  'reservation',
  'reserved',
  'validity',
  'valid',
  'availability',
  'available',
  'expires',
  'expiry',
  'due',
]);

/** Whether a range column with these hints takes a recent period (version 18; see above). */
export function isRecentPeriod(base: TypeRef, hints: ColumnHints): boolean {
  return (
    timeSubtype(base.name) !== undefined &&
    (base.arrayDims ?? 0) === 0 &&
    hints.min === undefined &&
    hints.max === undefined &&
    hints.infiniteBounds === undefined &&
    hints.emptyRange === undefined &&
    hints.oneOf === undefined &&
    // A span to hold or stay inside (version 29's `r @> daterange(...)`, plan/multirange-hints.ts).
    hints.containsSpan === undefined &&
    hints.withinSpan === undefined
  );
}

/** Whether the period's name tells of what is to come. */
export function isFuturePeriod(column: Column): boolean {
  return nameTokens(column.name).some((t) => FUTURE_WORDS.has(t));
}

/** Version 19: how long a period runs by its name: a booking's hours to two weeks, a validity's a month to three years. */
export type PeriodLength = 'booking' | 'validity';

const BOOKING_WORDS = new Set([
  'booking',
  'booked',
  'reservation',
  'reserved',
  'stay',
  'during',
  'appointment',
  'slot',
  'session',
  'rental',
  'shift',
  'meeting',
  'visit',
]);
const VALIDITY_WORDS = new Set([
  'validity',
  'valid',
  'effective',
  'contract',
  'subscription',
  'membership',
  'term',
  'lease',
  'coverage',
  'license',
  'licence',
  'warranty',
  'tenure',
  'employment',
]);

/** Version 19: the length a period's name tells (see PeriodLength), or undefined. */
export function periodLengthOf(column: Column): PeriodLength | undefined {
  const t = nameTokens(column.name);
  if (t.some((w) => BOOKING_WORDS.has(w))) return 'booking';
  return t.some((w) => VALIDITY_WORDS.has(w)) ? 'validity' : undefined;
}

/** Version 19: a period's width in the subtype's units: a booking 1 hour to 14 days, a validity 30 days to 3 years. */
function namedWidth(length: PeriodLength, subtype: string, rand: RowRandom): number {
  const u = rand.float();
  if (subtype === 'date')
    return length === 'booking' ? 1 + Math.floor(14 * u * u) : 30 + Math.floor(1066 * u * u);
  const hours = length === 'booking' ? 1 + Math.floor(335 * u * u * u) : 24 * (30 + Math.floor(1066 * u * u));
  return hours * 3600;
}

/** A recent period's generator for a range column (see above); version 19: its length by `length`. */
export function createRecentPeriodGenerator(
  base: TypeRef,
  column: Column,
  length?: PeriodLength,
): ValueGenerator {
  const subtype = timeSubtype(base.name) ?? 'date';
  // The subtype's own bounds: their text, and how long a range runs (a date's up to a year, a time's 30 days).
  const { format, width } = rangeSubtype(subtype) as RangeSubtype;
  const future = isFuturePeriod(column);
  const unit = subtype === 'date' ? 1 : SECONDS_PER_DAY;
  const reference = REFERENCE_DAY * unit;
  const first = future ? reference - 365 * unit : CREATED_FIRST_DAY * unit;
  const last = future ? reference + 365 * unit : reference - 2 * unit;
  return {
    random(rand: RowRandom): string {
      const lo = first + rand.below(last - first);
      if (rand.below(20) === 0) return `[${format(lo)},)`;
      let hi: number;
      if (length === undefined) {
        const u = rand.float();
        hi = lo + 1 + Math.floor(width * u * u);
      } else hi = lo + namedWidth(length, subtype, rand);
      if (!future) hi = Math.min(hi, reference);
      return `[${format(lo)},${format(hi)})`;
    },
  };
}
