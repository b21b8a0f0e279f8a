/**
 * interval, honouring a field restriction (`YEAR TO MONTH`, `DAY TO SECOND`,
 * …) by only ever writing the allowed fields. Values are strictly positive
 * whole seconds (so `CHECK (d > '0')` holds and any precision fits).
 * Unique values count one unit of the restriction's finest field, so no two
 * are equal even under interval comparison (which equates 24 hours and 1 day).
 * CHECK bounds (`d > interval '1 day' AND d < interval '1 year'`) are met in
 * whole units of that field, compared as PostgreSQL does (a month is 30 days).
 */
import { PAD2 } from '../../checks/digits.js';
import { parseInterval } from '../../checks/sql-value.js';
import { DatagenError, ErrorCodes } from '../../errors.js';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import type { GeneratorHints, TypeSupport, ValueGenerator } from './generator.js';

function fieldsOf(type: TypeRef): string {
  return (type.intervalFields ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
}

/** `HH:MM:SS` with hours possibly past 24 (interval syntax allows it). */
function clock(h: number, m: number, s: number): string {
  return `${h < 100 ? PAD2[h] : String(h)}:${PAD2[m]}:${PAD2[s]}`;
}

const BY_FIELDS: Readonly<Record<string, (rand: RowRandom) => string>> = {
  YEAR: (r) => `${1 + r.below(10)} years`,
  MONTH: (r) => `${1 + r.below(36)} mons`,
  DAY: (r) => `${1 + r.below(365)} days`,
  HOUR: (r) => `${1 + r.below(100)} hours`,
  MINUTE: (r) => `${1 + r.below(600)} mins`,
  SECOND: (r) => `${1 + r.below(3600)} secs`,
  'YEAR TO MONTH': (r) => `${1 + r.below(10)} years ${r.below(12)} mons`,
  'DAY TO HOUR': (r) => `${1 + r.below(30)} days ${r.below(24)} hours`,
  'DAY TO MINUTE': (r) => `${1 + r.below(30)} days ${PAD2[r.below(24)]}:${PAD2[r.below(60)]}`,
  'DAY TO SECOND': (r) => `${1 + r.below(30)} days ${clock(r.below(24), r.below(60), r.below(60))}`,
  'HOUR TO MINUTE': (r) => `${PAD2[1 + r.below(99)]}:${PAD2[r.below(60)]}`,
  'HOUR TO SECOND': (r) => clock(1 + r.below(99), r.below(60), r.below(60)),
  'MINUTE TO SECOND': (r) => `${1 + r.below(600)} mins ${r.below(60)} secs`,
};

function mixed(rand: RowRandom): string {
  const r = rand.below(10);
  if (r < 4) return clock(rand.below(24), rand.below(60), 1 + rand.below(59));
  if (r < 7) return `${1 + rand.below(30)} days ${clock(rand.below(24), rand.below(60), rand.below(60))}`;
  if (r < 9) return `${1 + rand.below(11)} mons ${rand.below(30)} days`;
  return `${1 + rand.below(5)} years ${rand.below(12)} mons`;
}

/** The finest field of a restriction, the unit unique values count in, and how many fit. */
const UNIQUE_UNITS: readonly (readonly [RegExp, string, number])[] = [
  [/SECOND$/, 'secs', 2 ** 40],
  [/MINUTE$/, 'mins', 2 ** 31 - 2],
  [/HOUR$/, 'hours', 2 ** 31 - 2],
  [/DAY$/, 'days', 2 ** 31 - 2],
  [/MONTH$/, 'mons', 2 ** 31 - 2],
  [/YEAR$/, 'years', 178956969],
];

/** Seconds per unit as interval comparison counts them (interval_cmp_value: a month is 30 days). */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  secs: 1,
  mins: 60,
  hours: 3600,
  days: 86_400,
  mons: 30 * 86_400,
  years: 360 * 86_400,
};

/** Seconds of a CHECK bound (`'1 day'`, `'0'`, a number of seconds); undefined when unreadable. */
function boundSeconds(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const iv = parseInterval(String(v));
  return iv ? iv.months * 30 * 86_400 + iv.days * 86_400 + iv.seconds : undefined;
}

/**
 * Whole units of the restriction's finest field (seconds without one) that
 * CHECK bounds allow (`d > interval '1 day' AND d < interval '1 year'`,
 * `d >= '0'`): [from, to], or undefined without bounds. One side alone gets a
 * span of a year (at least 100 units) on the other.
 */
function boundedUnits(
  type: TypeRef,
  hints: GeneratorHints,
): { unit: string; from: number; to: number } | undefined {
  const min = boundSeconds(hints.min);
  const max = boundSeconds(hints.max);
  if (min === undefined && max === undefined) return undefined;
  const fields = fieldsOf(type);
  const unit = UNIQUE_UNITS.find(([re]) => re.test(fields))?.[1] ?? 'secs';
  const size = UNIT_SECONDS[unit] ?? 1;
  const span = Math.max(100, Math.ceil((365 * 86_400) / size));
  const lo =
    min === undefined ? undefined : hints.minExclusive ? Math.floor(min / size) + 1 : Math.ceil(min / size);
  const hi =
    max === undefined ? undefined : hints.maxExclusive ? Math.ceil(max / size) - 1 : Math.floor(max / size);
  // Without a lower bound values stay positive where the upper one allows (as unbounded ones are).
  const from = lo ?? (hi !== undefined && hi >= 1 ? 1 : (hi ?? 0) - span);
  return { unit, from, to: hi ?? from + span };
}

/** `n` units as interval text: days and a clock for seconds, else `n <unit>`. */
function formatUnits(n: number, unit: string): string {
  if (unit !== 'secs' || n < 0) return `${n} ${unit}`;
  const days = Math.floor(n / 86_400);
  const rest = n % 86_400;
  const time = clock(Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60);
  return days > 0 ? `${days} days ${time}` : time;
}

export const intervalSupport: TypeSupport = {
  random(type, hints): ValueGenerator {
    const bounded = boundedUnits(type, hints);
    if (bounded) {
      const { unit, from, to } = bounded;
      if (from > to)
        throw new DatagenError(ErrorCodes.UNSATISFIABLE, 'its CHECK bounds leave no interval', {});
      return { random: (rand) => formatUnits(from + rand.below(to - from + 1), unit) };
    }
    const generate = BY_FIELDS[fieldsOf(type)] ?? mixed;
    return { random: generate };
  },
  unique(type, hints) {
    const bounded = boundedUnits(type, hints);
    if (bounded) {
      const { unit, from, to } = bounded;
      const space = Math.max(0, to - from + 1);
      return { space, value: (k) => formatUnits(from + k, unit) };
    }
    const fields = fieldsOf(type);
    const [, unit, space] = UNIQUE_UNITS.find(([re]) => re.test(fields)) ?? [null, 'secs', 2 ** 40];
    return { space, value: (k) => `${k + 1} ${unit}` };
  },
};
