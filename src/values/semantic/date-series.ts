/**
 * Version 10: a date beside a foreign key in a unique key (`daily_price
 * (security_id, trade_date)`, `(sensor_id, reading_date)`) is a series'
 * day: the key's bijection gives each parent the same run of consecutive
 * days ending the day before the reference date (plan/key-components.ts
 * sizes the run to the rows per parent), trading days only where the table
 * holds prices or the name says so. Version 9 made such a date unique alone,
 * over the whole type (`2807-11-22`, `8485-10-04`).
 */
import { formatDate } from '../../checks/calendar.js';
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { candlePartOf } from './price-series.js';
import { REFERENCE_DAY } from './time-values.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';

/** About a hundred years of days: more than any series asks per parent. */
const SERIES_DAYS = 36_500;
const TRADING_WORDS = new Set(['trade', 'trading', 'business', 'market', 'session', 'settlement']);

/** Monday-based weekdays since 1969-12-29 up to `days` (a weekend counts as its Friday). */
function weekdayIndex(days: number): number {
  const since = days + 3;
  const weeks = Math.floor(since / 7);
  return weeks * 5 + Math.min(since - weeks * 7, 4);
}

/** The day of weekday index `w` (weekdayIndex's inverse on weekdays). */
function dayOfWeekday(w: number): number {
  const weeks = Math.floor(w / 5);
  return weeks * 7 + (w - weeks * 5) - 3;
}

/** Whether a series' days are trading days (weekdays): a table of prices, or a trading word in the name. */
function tradingDays(table: Table, column: Column): boolean {
  return (
    nameTokens(column.name).some((w) => TRADING_WORDS.has(w)) ||
    table.columns.some((c) => candlePartOf(table, c) !== null)
  );
}

/** A series' days, k = 0 the day before the reference date and k = 1, 2, … the days before it. */
export function seriesDaysUnique(table: Table, column: Column): SemanticUniqueGenerator {
  const last = REFERENCE_DAY - 1;
  if (!tradingDays(table, column))
    return { space: SERIES_DAYS, dense: true, value: (k) => formatDate(last - k) };
  const lastWeekday = weekdayIndex(last);
  return {
    space: Math.floor((SERIES_DAYS * 5) / 7),
    dense: true,
    value: (k) => formatDate(dayOfWeekday(lastWeekday - k)),
  };
}
