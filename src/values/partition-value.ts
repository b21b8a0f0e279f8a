/**
 * A value strictly inside a RANGE partition's [from, to) bounds, in the text
 * form of the key's type. Bounds are the literals of `FOR VALUES FROM (...)
 * TO (...)`; the value lands in that partition whatever else is in the row.
 */
import type { TypeRef } from '../schema/model.js';
import type { RowRandom } from './random.js';

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Parse a PostgreSQL date/timestamp literal (`2022-01-01 00:00:00+00`) to epoch ms (UTC when no offset). */
export function parseTimestampLiteral(text: string): number {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*([+-]\d{2}(?::?\d{2})?|Z)?$/i.exec(
      text.trim(),
    );
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.floor(Number(frac) * 1000);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    ms -= sign * offset * 60_000;
  }
  return ms;
}

/** Format epoch ms as a timestamp (with `+00` when `withZone`), whole seconds. */
export function formatTimestamp(ms: number, withZone: boolean): string {
  const d = new Date(ms);
  const text =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return withZone ? `${text}+00` : text;
}

/**
 * A value picker for [from, to) of the key type (`(from, to)` when
 * `openFrom`), bounds parsed once; null when the type is not one we can place
 * in a range (or the range is empty).
 */
export function createRangePicker(
  type: TypeRef,
  from: string,
  to: string,
  openFrom = false,
): ((random: RowRandom) => string) | null {
  const above = openFrom ? 1 : 0;
  switch (type.name) {
    case 'int2':
    case 'int4':
    case 'int8': {
      const lo = Number(from) + above;
      const hi = Number(to);
      if (!(hi > lo)) return null;
      return (random) => String(lo + random.below(hi - lo));
    }
    case 'numeric':
    case 'float4':
    case 'float8': {
      const lo = Number(from);
      const hi = Number(to);
      if (!(hi > lo)) return null;
      const scale = Math.max(0, type.typmods[1] ?? 2);
      const step = 10 ** -scale;
      const steps = Math.floor((hi - lo) / step) - above;
      if (steps < 1) return null;
      return (random) => (lo + (random.below(steps) + above) * step).toFixed(scale);
    }
    case 'date': {
      const lo = parseTimestampLiteral(from) + above * DAY_MS;
      const days = Math.floor((parseTimestampLiteral(to) - lo) / DAY_MS);
      if (!(days >= 1)) return null;
      return (random) => formatTimestamp(lo + random.below(days) * DAY_MS, false).slice(0, 10);
    }
    case 'timestamp':
    case 'timestamptz': {
      const lo = parseTimestampLiteral(from);
      const hi = parseTimestampLiteral(to);
      const start = Math.floor(lo / 1000) * 1000 + (openFrom || lo % 1000 !== 0 ? 1000 : 0);
      const seconds = Math.floor((hi - start) / 1000);
      if (!(seconds >= 1)) return null;
      const zone = type.name === 'timestamptz';
      return (random) => formatTimestamp(start + random.below(seconds) * 1000, zone);
    }
    default:
      return null;
  }
}
