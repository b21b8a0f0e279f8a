/**
 * date, time(p), timetz(p), timestamp(p) and timestamptz(p). Random values
 * fall in 2000..2030 unless CHECK bounds say otherwise; fractional seconds
 * get exactly p digits when the type has a precision and none otherwise;
 * timestamptz always carries an explicit `+00` so the session time zone
 * never matters. Unique values are consecutive days or seconds from a base.
 */

import {
  daysFromCivil,
  formatDate,
  formatTimeOfDay,
  formatTimestamp,
  parseTimestampText,
  parseTimeText,
  SECONDS_PER_DAY,
  writeDate,
  writeTimestamp,
  ZONE_REACH,
} from '../../checks/calendar.js';
import { type ByteOut, padDigits, writeAsciiText, writePadded } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { POW10 } from './format.js';
import {
  type GeneratorHints,
  type TypeSupport,
  type UniqueValueGenerator,
  unsatisfiableError,
} from './generator.js';

const DAY_2000 = daysFromCivil(2000, 1, 1);
const DAY_2031 = daysFromCivil(2031, 1, 1);
const DAY_10000 = daysFromCivil(10000, 1, 1);
// Year 1: earlier years need the BC suffix, which these formatters do not write.
const DAY_1 = daysFromCivil(1, 1, 1);

type Parse = (text: string, side: 'min' | 'max') => number | undefined;

/**
 * Inclusive whole-unit range from the hints, the type's limits and a default
 * plausible window (used on any side the hints leave open).
 */
function hintedRange(
  type: TypeRef,
  hints: GeneratorHints,
  parse: Parse,
  window: readonly [number, number],
  limits: readonly [number, number],
): { lo: number; hi: number } {
  const min = typeof hints.min === 'string' ? parse(hints.min, 'min') : undefined;
  const max = typeof hints.max === 'string' ? parse(hints.max, 'max') : undefined;
  let lo = limits[0];
  let hi = limits[1];
  if (min !== undefined) lo = Math.max(lo, hints.minExclusive ? Math.floor(min) + 1 : Math.ceil(min));
  if (max !== undefined) hi = Math.min(hi, hints.maxExclusive ? Math.ceil(max) - 1 : Math.floor(max));
  if (lo > hi) throw unsatisfiableError(type, `bounds [${hints.min}, ${hints.max}]`);
  const width = window[1] - window[0];
  if (min === undefined) lo = Math.max(lo, hi >= window[0] ? window[0] : hi - width);
  if (max === undefined) hi = Math.min(hi, lo <= window[1] ? window[1] : lo + width);
  return { lo, hi };
}

function precisionOf(type: TypeRef): number {
  const p = type.typmods[0];
  return p === undefined ? 0 : Math.max(0, Math.min(6, p));
}

function fraction(rand: RowRandom, p: number): string {
  return p === 0 ? '' : `.${padDigits(rand.below(POW10[p]!), p)}`;
}

/** `fraction(rand, p)`'s bytes (p > 0). */
function writeFraction(out: ByteOut, rand: RowRandom, p: number): void {
  out.ensure(1);
  out.buf[out.pos++] = 46; // .
  writePadded(out, rand.below(POW10[p]!), p);
}

const parseDay: Parse = (text) => {
  const t = parseTimestampText(text);
  return t === undefined ? undefined : Math.floor(t.seconds / SECONDS_PER_DAY);
};

export const dateSupport: TypeSupport = {
  random(type, hints) {
    const { lo, hi } = hintedRange(type, hints, parseDay, [DAY_2000, DAY_2031 - 1], [DAY_1, DAY_10000 - 1]);
    const size = hi - lo + 1;
    return {
      random: (rand) => formatDate(lo + rand.below(size)),
      write: (rand, out) => writeDate(out, lo + rand.below(size)),
    };
  },
  unique(type, hints) {
    const { lo, hi } = hintedRange(type, hints, parseDay, [DAY_2000, DAY_10000 - 1], [DAY_1, DAY_10000 - 1]);
    return { space: hi - lo + 1, value: (k) => formatDate(lo + k) };
  },
};

/**
 * timestamptz bounds without an offset are read in the session time zone: stay a day inside them (`margin`;
 * where that leaves no value, the 16 hours zones lie either side of UTC: `withinZones`).
 */
function parseSeconds(withZone: boolean, margin = SECONDS_PER_DAY): Parse {
  return (text, side) => {
    const t = parseTimestampText(text);
    if (t === undefined) return undefined;
    if (!withZone || t.hasOffset) return t.seconds;
    return side === 'min' ? t.seconds + margin : t.seconds - margin;
  };
}

/**
 * hintedRange under a day's margin, else (a window under two days: `t > '2020-01-01' AND t < '2020-01-03'`,
 * which left the table empty) under the zones' spread.
 */
function zonedRange(
  withZone: boolean,
  type: TypeRef,
  hints: GeneratorHints,
  window: readonly [number, number],
  limits: readonly [number, number],
): { lo: number; hi: number } {
  try {
    return hintedRange(type, hints, parseSeconds(withZone), window, limits);
  } catch (error) {
    if (!withZone) throw error;
    return hintedRange(type, hints, parseSeconds(withZone, ZONE_REACH), window, limits);
  }
}

function timestampSupport(withZone: boolean): TypeSupport {
  const suffix = withZone ? '+00' : '';
  const window = [DAY_2000 * SECONDS_PER_DAY, DAY_2031 * SECONDS_PER_DAY - 1] as const;
  const limits = [DAY_1 * SECONDS_PER_DAY, DAY_10000 * SECONDS_PER_DAY - 1] as const;
  return {
    random(type, hints) {
      const p = precisionOf(type);
      const { lo, hi } = zonedRange(withZone, type, hints, window, limits);
      // A fraction is only safe below the upper bound's whole second.
      const top = p > 0 && hi > lo ? hi - 1 : hi;
      const frac = p > 0 && hi > lo;
      const size = top - lo + 1;
      return {
        random: (rand) => formatTimestamp(lo + rand.below(size)) + (frac ? fraction(rand, p) : '') + suffix,
        write(rand, out) {
          writeTimestamp(out, lo + rand.below(size));
          if (frac) writeFraction(out, rand, p);
          if (withZone) writeAsciiText(out, suffix);
        },
      };
    },
    unique(type, hints) {
      const { lo, hi } = zonedRange(withZone, type, hints, [window[0], limits[1]], limits);
      return { space: hi - lo + 1, value: (k) => formatTimestamp(lo + k) + suffix };
    },
  };
}

export const timestampTypeSupport: TypeSupport = timestampSupport(false);
export const timestamptzTypeSupport: TypeSupport = timestampSupport(true);

const ZONES = ['+00', '+00', '+00', '+01', '+02', '-03', '-05', '+05:30', '+09'];

const parseTime: Parse = (text) => parseTimeText(text);

function timeSupport(withZone: boolean): TypeSupport {
  return {
    random(type, hints) {
      const p = precisionOf(type);
      const { lo, hi } = hintedRange(
        type,
        hints,
        parseTime,
        [0, SECONDS_PER_DAY - 1],
        [0, SECONDS_PER_DAY - 1],
      );
      const bounded = hints.min !== undefined || hints.max !== undefined;
      const top = p > 0 && hi > lo ? hi - 1 : hi;
      const frac = p > 0 && hi > lo;
      const size = top - lo + 1;
      return {
        random(rand) {
          const t = formatTimeOfDay(lo + rand.below(size)) + (frac ? fraction(rand, p) : '');
          if (!withZone) return t;
          return t + (bounded ? '+00' : ZONES[rand.below(ZONES.length)]!);
        },
      };
    },
    unique(type, hints): UniqueValueGenerator {
      const p = precisionOf(type);
      const { lo, hi } = hintedRange(
        type,
        hints,
        parseTime,
        [0, SECONDS_PER_DAY - 1],
        [0, SECONDS_PER_DAY - 1],
      );
      const suffix = withZone ? '+00' : '';
      const per = POW10[p]!;
      return {
        // Fractions past the upper bound's whole second would exceed it.
        space: (hi - lo) * per + 1,
        value(k) {
          const s = Math.floor(k / per);
          const f = k - s * per;
          return formatTimeOfDay(lo + s) + (p > 0 ? `.${padDigits(f, p)}` : '') + suffix;
        },
      };
    },
  };
}

export const timeTypeSupport: TypeSupport = timeSupport(false);
export const timetzTypeSupport: TypeSupport = timeSupport(true);

/** Random generator for values used elsewhere (ranges): plain whole-second timestamps in the default window. */
export function randomTimestampSeconds(rand: RowRandom): number {
  return DAY_2000 * SECONDS_PER_DAY + rand.below((DAY_2031 - DAY_2000) * SECONDS_PER_DAY);
}

export { DAY_2000, DAY_2031 };
