/**
 * A date or timestamp column's configured `values`, `min` and `max` (and a
 * `sql` setting's value) in the text PostgreSQL writes for what it reads
 * (checks/pg-time-text.ts). What PostgreSQL reads only as the load's time
 * (`now`, `today`, ...) is left as written, for the checks to refuse with
 * the remedy.
 */

import { parseTimestampText } from '../checks/calendar.js';
import { pgTimeText } from '../checks/pg-time-text.js';
import type { ColumnConfig } from '../input/spec/column-config.js';
import type { TypeRef } from '../schema/model.js';

const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** Whether `text` (as pgTimeText writes it) is one of the infinite values. */
export function isInfinite(text: string): boolean {
  return text === 'infinity' || text === '-infinity';
}

/** `config` with its date and timestamp values written as PostgreSQL writes them. */
export function pgTimeSettings(config: ColumnConfig, base: TypeRef): ColumnConfig {
  if (!TIME_TYPES.has(base.name) || base.arrayDims > 0) return config;
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
