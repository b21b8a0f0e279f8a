/**
 * interval, honouring a field restriction (`YEAR TO MONTH`, `DAY TO SECOND`,
 * …) by only ever writing the allowed fields. Values are strictly positive
 * whole seconds (so `CHECK (d > '0')` holds and any precision fits).
 * Unique values count one unit of the restriction's finest field, so no two
 * are equal even under interval comparison (which equates 24 hours and 1 day).
 */

import { PAD2 } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import type { TypeSupport, ValueGenerator } from './generator.js';

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

export const intervalSupport: TypeSupport = {
  random(type): ValueGenerator {
    const generate = BY_FIELDS[fieldsOf(type)] ?? mixed;
    return { random: generate };
  },
  unique(type) {
    const fields = fieldsOf(type);
    const [, unit, space] = UNIQUE_UNITS.find(([re]) => re.test(fields)) ?? [null, 'secs', 2 ** 40];
    return { space, value: (k) => `${k + 1} ${unit}` };
  },
};
