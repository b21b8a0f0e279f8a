/**
 * A date or timestamp column's configured `values`, `min` and `max` (and a
 * `sql` setting's value) in the text PostgreSQL writes for what it reads
 * (checks/pg-time-text.ts). What PostgreSQL reads only as the load's time
 * (`now`, `today`, ...) is left as written, for the checks to refuse with
 * the remedy. A float or numeric column's NaN and infinities likewise
 * (`-inf` as `-Infinity`).
 */

import { parseTimestampText } from '../checks/calendar.js';
import { pgTimeText } from '../checks/pg-time-text.js';
import type { ColumnConfig } from '../input/spec/column-config.js';
import type { TypeRef } from '../schema/model.js';

const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** Types whose input takes NaN and infinities (`'NaN'`, `'Infinity'`, `'-inf'`, any case, spaces around). */
export const SPECIAL_NUMBER_TYPES = new Set(['float4', 'float8', 'numeric']);
export const SPECIAL_NUMBER = /^\s*(?:[+-]?inf(?:inity)?|nan)\s*$/i;

/** Whether `text` (as pgTimeText writes it) is one of the infinite values. */
export function isInfinite(text: string): boolean {
  return text === 'infinity' || text === '-infinity';
}

/** `config` with its date and timestamp values (a float's or numeric's special ones) written as PostgreSQL writes them. */
export function pgTimeSettings(config: ColumnConfig, base: TypeRef): ColumnConfig {
  if (!TIME_TYPES.has(base.name) || base.arrayDims > 0) return pgSpecialNumberSettings(config, base);
  if (config.values === undefined && config.min === undefined && config.max === undefined) return config;
  // Text datagen read before is kept as written (the same plan, manifest and bytes as version 19 made).
  const text = (v: string) => (parseTimestampText(v) !== undefined ? v : pgTimeText(v, base.name));
  // `min: 20200101` unquoted is a YAML number: PostgreSQL reads its text as the date.
  const bound = (v: number | string) => text(String(v));
  return {
    ...config,
    ...(config.values === undefined ? {} : { values: config.values.map(text) }),
    ...(config.min === undefined ? {} : { min: bound(config.min) }),
    ...(config.max === undefined ? {} : { max: bound(config.max) }),
  };
}

/** `config` with a float or numeric column's NaN and infinities in `values` written as PostgreSQL writes them (`-inf` as `-Infinity`). */
function pgSpecialNumberSettings(config: ColumnConfig, base: TypeRef): ColumnConfig {
  if (!SPECIAL_NUMBER_TYPES.has(base.name) || base.arrayDims > 0 || config.values === undefined)
    return config;
  const canonical = (v: string) => {
    const m = SPECIAL_NUMBER.exec(v);
    if (m === null) return v;
    if (/nan/i.test(v)) return 'NaN';
    return v.trim().startsWith('-') ? '-Infinity' : 'Infinity';
  };
  return { ...config, values: config.values.map(canonical) };
}
