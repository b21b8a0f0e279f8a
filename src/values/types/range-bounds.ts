/**
 * A range over a domain (`CREATE TYPE r AS RANGE (subtype = posint)`):
 * PostgreSQL reads each finite bound through the domain's input, so both
 * bounds must meet its CHECKs. The domain's bounds (`VALUE > 0`,
 * `VALUE BETWEEN 0 AND 100`, dates) become the subtype's window, in its units:
 * lower bounds drawn inside it, upper bounds clamped to it.
 */
import { daysFromCivil } from '../../checks/calendar.js';
import type { GeneratorHints } from './generator.js';
import type { RangeSubtype } from './range.js';

/** Units per value: hundredths for numeric and float, one for integers and dates. */
const SCALE: Readonly<Record<string, number>> = {
  int4: 1,
  int8: 1,
  numeric: 100,
  float8: 100,
  float4: 100,
  date: 1,
};

function units(name: string, bound: number | string): number | undefined {
  if (name === 'date') {
    const m = typeof bound === 'string' ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(bound.trim()) : null;
    return m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  }
  const value = typeof bound === 'number' ? bound : Number(bound);
  const scale = SCALE[name];
  return scale === undefined || !Number.isFinite(value) ? undefined : value * scale;
}

/**
 * The subtype inside the domain's bounds, or undefined when they cannot be
 * honoured (a value list, a length, a bound of a type without units here, or
 * a window too narrow for a range with two distinct bounds).
 */
export function boundedRangeSubtype(
  name: string,
  sub: RangeSubtype,
  hints: GeneratorHints,
): RangeSubtype | undefined {
  if (hints.values || hints.minLength !== undefined || hints.maxLength !== undefined || hints.fields)
    return undefined;
  if (hints.min === undefined && hints.max === undefined) return sub;
  const rawLow = hints.min === undefined ? undefined : units(name, hints.min);
  const rawHigh = hints.max === undefined ? undefined : units(name, hints.max);
  if ((hints.min !== undefined && rawLow === undefined) || (hints.max !== undefined && rawHigh === undefined))
    return undefined;
  const low =
    rawLow === undefined
      ? undefined
      : Math.ceil(rawLow) + (hints.minExclusive && Number.isInteger(rawLow) ? 1 : 0);
  const high =
    rawHigh === undefined
      ? undefined
      : Math.floor(rawHigh) - (hints.maxExclusive && Number.isInteger(rawHigh) ? 1 : 0);
  if (low !== undefined && high !== undefined && high - low < 1) return undefined;
  // Lower bounds: the subtype's usual spread, moved to start at the domain's minimum and kept below its maximum.
  const start = low ?? (high !== undefined ? Math.min(sub.start, high - 1) : sub.start);
  const room = high === undefined ? Number.POSITIVE_INFINITY : high - start;
  const spread = Math.max(1, Math.min(room, 100 * sub.width));
  return {
    lower: (rand) => start + rand.below(spread),
    // A window of 50 values gets ranges of up to a quarter of it, not the subtype's usual 1,000.
    width: Number.isFinite(room) ? Math.max(1, Math.min(sub.width, Math.floor(room / 4))) : sub.width,
    format: sub.format,
    start,
    step: sub.step,
    uniqueSpace: Math.min(sub.uniqueSpace, Math.floor(room / sub.step)),
    ...(high === undefined ? {} : { max: high }),
  };
}
