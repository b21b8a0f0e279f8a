/**
 * Version 17: the periods of a range column that an EXCLUDE `(room_id WITH
 * =, during WITH &&)` or a `WITHOUT OVERLAPS` key keeps apart
 * (plan/key-components.ts marks it a series): each slot k of the key's
 * bijection is one step of time, [hi - (k+1)·step, hi - k·step) for times
 * and dates (k = 0 the latest, ending by the reference date) and
 * [lo + k·step, lo + (k+1)·step) for numbers, and the row's range lies
 * inside its slot (its start and length drawn per row, on a grain of 15
 * minutes, a minute or a second as the step allows). Rows equal on the
 * key's other columns take distinct slots, so their ranges never overlap;
 * the step is the few years a series spans over the table's rows, so the
 * periods are recent (version 16: one-second ranges spread over the years
 * 2000-9999). Bounds a CHECK puts on the range (`lower(during) >=
 * '2020-01-01'`, range-bound-hints.ts) narrow the window.
 */
import { formatDate, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { ColumnHints } from '../../checks/check-hints.js';
import { mix32, type RowRandom } from '../random.js';
import { formatScaled } from '../types/format.js';
import { builtinRangeSubtype } from '../types/range.js';
import { readTimestampSeconds } from './time-text.js';
import { REFERENCE_DAY, REFERENCE_SECONDS } from './time-values.js';

/** How far back a series of times reaches over the table's rows. */
const SPAN_DAYS = 3 * 365;

interface SeriesUnits {
  /** Times count back from `hi`; numbers count up from `lo`. */
  readonly descending: boolean;
  /** The window's last unit (exclusive for a slot's end: an upper bound reaches at most `hi`). */
  readonly hi: number;
  readonly lo: number;
  /** Units per step, wanted (before the rows narrow it). */
  readonly step: number;
  /** The grains a slot's bounds fall on, largest first (the largest that leaves a step 4 grains). */
  readonly grains: readonly number[];
  readonly format: (units: number) => string;
  /** A bound as a column of the subtype holds it (unquoted). */
  readonly bound: (units: number) => string;
}

/** A bound of a CHECK (`lower(r) >= '2020-01-01'`, `upper(r) <= 500`) in the subtype's units. */
function boundUnits(subtype: string, value: number | string): number | undefined {
  if (subtype === 'date' || subtype === 'timestamp' || subtype === 'timestamptz') {
    const seconds = typeof value === 'string' ? readTimestampSeconds(value.trim()) : undefined;
    if (seconds === undefined) return undefined;
    return subtype === 'date' ? Math.ceil(seconds / SECONDS_PER_DAY) : seconds;
  }
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return undefined;
  return subtype === 'numeric' ? Math.round(n * 100) : n;
}

function unitsOf(subtype: string): Omit<SeriesUnits, 'hi' | 'lo'> | undefined {
  switch (subtype) {
    case 'timestamp':
    case 'timestamptz': {
      const zone = subtype === 'timestamptz' ? '+00' : '';
      return {
        descending: true,
        step: SPAN_DAYS * SECONDS_PER_DAY,
        grains: [900, 60, 1],
        format: (s) => `"${formatTimestamp(s)}${zone}"`,
        bound: (s) => `${formatTimestamp(s)}${zone}`,
      };
    }
    case 'date':
      return { descending: true, step: SPAN_DAYS, grains: [1], format: formatDate, bound: formatDate };
    case 'int4':
    case 'int8':
      return { descending: false, step: 10, grains: [1], format: String, bound: String };
    case 'numeric': {
      const format = (u: number) => formatScaled(u, 2);
      return { descending: false, step: 1000, grains: [100, 1], format, bound: format };
    }
    default:
      return undefined;
  }
}

/** The series' window in units under the column's bounds, or undefined where they leave none. */
function seriesWindow(
  subtype: string,
  hints: ColumnHints,
  units: Omit<SeriesUnits, 'hi' | 'lo'>,
): { lo: number; hi: number } | undefined {
  const min = hints.min === undefined ? undefined : boundUnits(subtype, hints.min);
  const max = hints.max === undefined ? undefined : boundUnits(subtype, hints.max);
  if ((hints.min !== undefined && min === undefined) || (hints.max !== undefined && max === undefined))
    return undefined;
  const low = min === undefined ? undefined : min + (hints.minExclusive ? 1 : 0);
  const high = max === undefined ? undefined : max - (hints.maxExclusive ? 1 : 0);
  const integerMax = subtype === 'int4' ? 2 ** 31 - 2 : 2 ** 52;
  if (units.descending) {
    const reference = subtype === 'date' ? REFERENCE_DAY : REFERENCE_SECONDS;
    const far = 100 * 365 * (subtype === 'date' ? 1 : SECONDS_PER_DAY);
    // The reference date, else the bound's window (a CHECK wanting periods after it: from the minimum on).
    const hi =
      high !== undefined && high < reference
        ? high
        : low !== undefined && low >= reference
          ? (high ?? low + units.step)
          : reference;
    const lo = low ?? hi - far;
    return hi - lo >= 1 ? { lo, hi } : undefined;
  }
  const lo = low ?? (subtype === 'numeric' ? 100 : 1);
  const hi = Math.min(high ?? integerMax, integerMax);
  return hi - lo >= 1 ? { lo, hi } : undefined;
}

/** A generator of the series' ranges, or undefined for a range type or bounds it does not cover. */
export interface RangeSeries {
  readonly space: number;
  value(k: number): string;
  rowValue(k: number, rand: RowRandom): string;
}

/**
 * The series of a built-in range type (not a multirange) for `rows` slots (each a step of the window over
 * them, at least one unit; the planner asks with the table's rows, the engine with the key's slots, fewer,
 * which leaves at least as many): undefined for other types, or bounds it cannot read.
 */
export function rangeSeriesUnique(
  typeName: string,
  hints: ColumnHints,
  rows: number,
): RangeSeries | undefined {
  const slots = seriesSlots(typeName, hints, rows);
  if (slots === undefined) return undefined;
  const { units, space, range } = slots;
  const text = (k: number, draw: (n: number) => number): string => {
    const [start, end] = range(k, draw);
    return `[${units.format(start)},${units.format(end)})`;
  };
  return {
    space,
    value: (k) => text(k, slotDraws(k)),
    rowValue: (k, rand) => text(k, (n) => rand.below(n)),
  };
}

/** Draws of slot k's period, a hash of k alone. */
function slotDraws(k: number): (n: number) => number {
  let h = mix32(k ^ 0x5bd1e995);
  return (n) => {
    h = mix32(h + 0x9e3779b9);
    return h % n;
  };
}

/** Slot k's period in a row as its two bounds, each as a column of the range's subtype holds it. */
export interface PeriodBoundSeries {
  readonly space: number;
  lower(k: number, row: number): string;
  upper(k: number, row: number): string;
}

/**
 * Version 19: the series' periods as two columns, `EXCLUDE (room_id WITH =, tsrange(start_at, end_at) WITH
 * &&)` (plan/table-family.ts): slot k's period, drawn from k and the row (both columns read the same draws),
 * its start the lower column's value and its end the upper's (one unit before the end where the range takes its upper bound inclusive, `'[]'`).
 */
export function periodBoundSeries(
  typeName: string,
  hints: ColumnHints,
  rows: number,
  upperInclusive: boolean,
  wideSlots = false,
): PeriodBoundSeries | undefined {
  // Version 20 (`wideSlots`): an inclusive upper bound's slots two units or more, however many the rows (one
  // unit made the start and the inclusive end the same: `CHECK (a < b)` failed past 547 rows a key).
  const slots = seriesSlots(typeName, hints, rows, upperInclusive && wideSlots ? 2 : 1);
  if (slots === undefined) return undefined;
  const { units, space, range } = slots;
  const fewest = upperInclusive ? 2 : 1;
  return {
    space,
    lower: (k, row) => units.bound(range(k, slotDraws(k ^ mix32(row)), fewest)[0]),
    upper: (k, row) => units.bound(range(k, slotDraws(k ^ mix32(row)), fewest)[1] - (upperInclusive ? 1 : 0)),
  };
}

/** The series' slots: how many, and slot k's period [start, end) in units from the draws given. */
function seriesSlots(
  typeName: string,
  hints: ColumnHints,
  rows: number,
  leastStep = 1,
):
  | {
      units: Omit<SeriesUnits, 'hi' | 'lo'>;
      space: number;
      range: (k: number, draw: (n: number) => number, fewest?: number) => [number, number];
    }
  | undefined {
  const subtype = builtinRangeSubtype(typeName);
  const infinite = hints.infiniteBounds?.lower === true || hints.infiniteBounds?.upper === true;
  if (subtype === undefined || typeName.endsWith('multirange') || infinite) return undefined;
  if (hints.emptyRange === true || (hints.exclude ?? []).some((v) => v !== 'empty')) return undefined;
  const units = unitsOf(subtype);
  if (units === undefined) return undefined;
  const window = seriesWindow(subtype, hints, units);
  if (window === undefined) return undefined;
  const wanted = Math.max(
    leastStep,
    Math.floor(Math.min(units.step * (units.descending ? 1 : rows), window.hi - window.lo) / rows),
  );
  const grain = units.grains.find((g) => wanted >= 4 * g) ?? 1;
  // The window's ends on the grain, so the bounds fall on it (15 minutes: 10:15, not 10:14:59).
  const hi = units.descending ? Math.floor(window.hi / grain) * grain : window.hi;
  const lo = units.descending ? window.lo : Math.ceil(window.lo / grain) * grain;
  const step = Math.max(grain, Math.floor(wanted / grain) * grain);
  const cells = step / grain;
  const space = Math.max(0, Math.floor((hi - lo) / step));
  const slotStart = units.descending ? (k: number) => hi - (k + 1) * step : (k: number) => lo + k * step;
  // Inside the slot: a start in its first quarter of cells, a length of a third of the rest or more.
  // (At least `least` cells where the slot has them: an inclusive upper bound one unit before the end stays
  // after the start.)
  const range = (k: number, draw: (n: number) => number, fewest = 1): [number, number] => {
    const lead = draw(Math.max(1, Math.floor(cells / 4)));
    const rest = cells - lead;
    const least = Math.min(rest, Math.max(fewest, Math.ceil(rest / 3)));
    const length = least + draw(rest - least + 1);
    const start = slotStart(k) + lead * grain;
    return [start, start + length * grain];
  };
  return { units, space, range };
}
