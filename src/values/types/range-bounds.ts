/**
 * A range over a domain (`CREATE TYPE r AS RANGE (subtype = posint)`):
 * PostgreSQL reads each finite bound through the domain's input, so both
 * bounds must meet its CHECKs. The domain's bounds (`VALUE > 0`,
 * `VALUE BETWEEN 0 AND 100`, dates) become the subtype's window, in its units:
 * lower bounds drawn inside it, upper bounds clamped to it.
 */
import { daysFromCivil, ZONE_REACH } from '../../checks/calendar.js';
import type { RangeSpan } from '../../checks/check-hints.js';
import { parseInstant } from '../../input/date-time-fields.js';
import type { RowRandom } from '../random.js';
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
  return windowSubtype(sub, low, high);
}

/** The subtype's bounds kept in [low, high] (units; undefined: unbounded), or undefined when too narrow. */
function windowSubtype(
  sub: RangeSubtype,
  low: number | undefined,
  high: number | undefined,
): RangeSubtype | undefined {
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

/**
 * A bound's units: also a timestamp's text (`2020-01-01 00:00:00`), in seconds, for spans (multirange-hints);
 * with `strict` (version 29) read by input's `parseInstant`, its fraction kept, else by its leading fields.
 */
function spanUnits(name: string, bound: number | string, strict = false): number | undefined {
  if (name !== 'timestamp' && name !== 'timestamptz') return units(name, bound);
  if (strict) {
    const instant = parseInstant(String(bound));
    return instant === undefined ? undefined : instant.getTime() / 1000;
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d))?/.exec(String(bound).trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/**
 * A timestamptz constant's text is read in the loading session's TimeZone, which the output does not set:
 * spans are narrowed (inside) or widened (holding) by the 16 hours zones lie either side of UTC.
 */
const zoneMargin = (name: string) => (name === 'timestamptz' ? ZONE_REACH : 0);

/**
 * Multiranges inside a span (`m <@ datemultirange(daterange('2020-01-01', '2030-01-01'))`, `m && ...`): the
 * subtype's bounds kept in it; undefined when a bound has no units here or the span is too narrow.
 */
export function spanSubtype(name: string, sub: RangeSubtype, span: RangeSpan): RangeSubtype | undefined {
  const low = span.lower === null ? undefined : spanUnits(name, span.lower, span.strictTimes);
  const high = span.upper === null ? undefined : spanUnits(name, span.upper, span.strictTimes);
  if ((span.lower !== null && low === undefined) || (span.upper !== null && high === undefined))
    return undefined;
  if (low === undefined && high === undefined) return undefined;
  const margin = zoneMargin(name);
  return windowSubtype(
    sub,
    low === undefined ? undefined : Math.ceil(low) + margin + (span.lowerExclusive ? 1 : 0),
    high === undefined ? undefined : Math.floor(high) - margin,
  );
}

/**
 * Multiranges (with `multi` false, ranges) that hold a span (`m @> daterange('2021-01-01', '2021-02-01')`): a member from up to a width
 * before its lower bound to up to a width past its upper one (infinite where the span's is), one time in two a
 * second member after it; undefined when a bound has no units here (timestamps: the CHECK is evaluated).
 */
export function containingMultirange(
  name: string,
  sub: RangeSubtype,
  span: RangeSpan,
  multi = true,
): ((rand: RowRandom) => string) | undefined {
  const low = span.lower === null ? null : spanUnits(name, span.lower, span.strictTimes);
  const high = span.upper === null ? null : spanUnits(name, span.upper, span.strictTimes);
  if (low === undefined || high === undefined) return undefined;
  const step = sub.step;
  const margin = zoneMargin(name);
  return (rand) => {
    const lo = low === null ? '' : sub.format(Math.floor(low) - margin - step * rand.below(sub.width));
    if (high === null) return (multi ? `{[${lo},)}` : `[${lo},)`).replace('[,', '(,');
    const hi = Math.ceil(high) + margin + step * (1 + rand.below(sub.width));
    const member = `${low === null ? '(' : '['}${lo},${sub.format(hi)})`;
    // A range (version 29, `r @> 5`): the member alone.
    if (!multi) return member;
    if (rand.below(2) === 0) return `{${member}}`;
    const next = hi + step * (1 + rand.below(sub.width));
    return `{${member},[${sub.format(next)},${sub.format(next + step * (1 + rand.below(sub.width)))})}`;
  };
}
