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
import { formatDate, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { ColumnHints } from '../../checks/check-hints.js';
import type { Column, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import type { ValueGenerator } from '../types/generator.js';
import { nameTokens } from './column-names.js';
import { CREATED_FIRST_DAY, REFERENCE_DAY } from './time-values.js';

const SUBTYPES: Readonly<Record<string, 'date' | 'timestamp' | 'timestamptz'>> = {
  daterange: 'date',
  tsrange: 'timestamp',
  tstzrange: 'timestamptz',
};

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
    SUBTYPES[base.name] !== undefined &&
    (base.arrayDims ?? 0) === 0 &&
    hints.min === undefined &&
    hints.max === undefined &&
    hints.infiniteBounds === undefined &&
    hints.emptyRange === undefined &&
    hints.oneOf === undefined
  );
}

/** Whether the period's name tells of what is to come. */
export function isFuturePeriod(column: Column): boolean {
  return nameTokens(column.name).some((t) => FUTURE_WORDS.has(t));
}

/** A recent period's generator for a range column (see above). */
export function createRecentPeriodGenerator(base: TypeRef, column: Column): ValueGenerator {
  const subtype = SUBTYPES[base.name] ?? 'date';
  const future = isFuturePeriod(column);
  const unit = subtype === 'date' ? 1 : SECONDS_PER_DAY;
  const reference = REFERENCE_DAY * unit;
  const first = future ? reference - 365 * unit : CREATED_FIRST_DAY * unit;
  const last = future ? reference + 365 * unit : reference - 2 * unit;
  const width = subtype === 'date' ? 365 : 30 * SECONDS_PER_DAY;
  const format =
    subtype === 'date'
      ? formatDate
      : subtype === 'timestamp'
        ? (s: number) => `"${formatTimestamp(s)}"`
        : (s: number) => `"${formatTimestamp(s)}+00"`;
  return {
    random(rand: RowRandom): string {
      const lo = first + rand.below(last - first);
      if (rand.below(20) === 0) return `[${format(lo)},)`;
      const u = rand.float();
      let hi = lo + 1 + Math.floor(width * u * u);
      if (!future) hi = Math.min(hi, reference);
      return `[${format(lo)},${format(hi)})`;
    },
  };
}
