/**
 * Version 10: a table of daily prices (`open`, `high`, `low`, `close`, and
 * its `volume`) holds candles a trader would take for real: low ≤ open,
 * close ≤ high in every row, each series (the row's other key columns: a
 * security) a random walk over its dates, the next day opening near the
 * last close. Version 9 drew each column alone over the type (an open of
 * 9,947,720,715 beside a high of 94.80).
 *
 * Every part is a pure function of (seed, table, series, day): the walk is
 * a Brownian bridge over blocks of 4,096 days, its value at a day found by
 * halving the block down to that day (one hashed normal per level), so any
 * row is made alone and each column of the row computes the same candle.
 */
import type { Column, Table } from '../../schema/model.js';
import { mix32, streamKey } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import { typeFamilyOf } from './semantic-kind.js';
import { readTimestampSeconds } from './time-text.js';

export type CandlePart = 'open' | 'high' | 'low' | 'close' | 'volume';

const PART_WORDS: Readonly<Record<string, CandlePart>> = {
  open: 'open',
  opening: 'open',
  high: 'high',
  highest: 'high',
  low: 'low',
  lowest: 'low',
  close: 'close',
  closing: 'close',
  volume: 'volume',
};
/** Words beside a part that leave its meaning (`open_price`, `day_high`, `adj_close`, `px_last`). */
const BESIDE = new Set([
  'price',
  'px',
  'day',
  'daily',
  'adj',
  'adjusted',
  'value',
  'rate',
  'trade',
  'traded',
]);

/** The part of a candle a column's words name, when its other words are price words. */
function partOfName(name: string): CandlePart | null {
  const tokens = nameTokens(name);
  let part: CandlePart | null = null;
  for (const word of tokens) {
    const found = PART_WORDS[word];
    if (found !== undefined) {
      if (part !== null) return null;
      part = found;
    } else if (!BESIDE.has(word)) return null;
  }
  return part;
}

const NUMBER_FAMILIES = new Set(['integer', 'decimal']);

/** Whether `table` has a number column for each of open, high, low and close. */
function hasCandle(table: Table): boolean {
  const parts = new Set<CandlePart>();
  for (const c of table.columns) {
    const part = partOfName(c.name);
    if (part !== null && part !== 'volume' && NUMBER_FAMILIES.has(typeFamilyOf(c.type.name) ?? ''))
      parts.add(part);
  }
  return parts.size === 4;
}

/** The candle part a number column is in a table of open, high, low and close prices, else null. */
export function candlePartOf(table: Table, column: Column): CandlePart | null {
  const part = partOfName(column.name);
  return part !== null && hasCandle(table) ? part : null;
}

/** Days in a bridge block: the walk is pinned back to the series' level at each block's ends. */
const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS;
/** Daily volatility of the close (log return's standard deviation). */
const DAILY_SIGMA = 0.018;
/** The open's gap from the last close, and the high's and low's reach past the body. */
const GAP_SIGMA = 0.004;
const WICK_SIGMA = 0.009;
const GOLDEN = 0x9e3779b9;

/** A standard normal from a 32-bit hash (Box-Muller over two words of it). */
function hashedNormal(h: number): number {
  const a = mix32(h ^ 0x68e31da4);
  const b = mix32(h ^ 0x1b56c4e9);
  const u = 1 - a / 4294967296;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos((2 * Math.PI * b) / 4294967296);
}

/** The walk of series `key` at `day` (in daily standard deviations): a Brownian bridge pinned to 0 at block ends. */
function walkAt(key: number, day: number): number {
  const block = Math.floor(day / BLOCK);
  const pos = day - block * BLOCK;
  const h = mix32(key ^ Math.imul(block | 0, GOLDEN));
  let a = 0;
  let b = BLOCK;
  let wa = 0;
  let wb = 0;
  while (b - a > 1) {
    const m = (a + b) >>> 1;
    const wm = (wa + wb) / 2 + Math.sqrt((b - a) / 4) * hashedNormal(mix32(h ^ Math.imul(m, GOLDEN)));
    if (pos < m) {
      b = m;
      wb = wm;
    } else {
      a = m;
      wa = wm;
    }
  }
  return wa;
}

/** The weekday before `day` (days since 1970-01-01, a Thursday): Friday's close is Monday's last. */
function lastWeekday(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7;
  return day - (weekday === 0 ? 3 : weekday === 6 ? 2 : 1);
}

/** One day's candle of a series, in the column type's units. */
interface Candle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * The candle of series `key` (hashed from the seed, the table and the row's
 * key columns) at `day`; `level` its usual close.
 */
function candleAt(key: number, day: number, level: number, out: Candle): void {
  const close = level * Math.exp(DAILY_SIGMA * walkAt(key, day));
  const last = level * Math.exp(DAILY_SIGMA * walkAt(key, lastWeekday(day)));
  const dayKey = mix32(key ^ Math.imul(day | 0, 0x85ebca6b));
  const open = last * Math.exp(GAP_SIGMA * hashedNormal(dayKey));
  out.open = open;
  out.close = close;
  out.high = Math.max(open, close) * Math.exp(WICK_SIGMA * Math.abs(hashedNormal(dayKey ^ 0x27d4eb2f)));
  out.low = Math.min(open, close) * Math.exp(-WICK_SIGMA * Math.abs(hashedNormal(dayKey ^ 0x165667b1)));
  // Shares traded: the series' usual volume, more on days that move.
  const usual = 10 ** (3 + 3.5 * ((key >>> 8) / 16777216));
  const move = Math.abs(Math.log(close / last)) / DAILY_SIGMA;
  out.volume = Math.round(usual * Math.exp(0.45 * hashedNormal(dayKey ^ 0x3c6ef372) + 0.25 * move));
}

/** The row's series columns (its key's other columns, else its foreign keys') and its date column. */
function seriesColumns(table: Table): { series: string[]; date: string | null } {
  const temporal = (name: string) =>
    typeFamilyOf(table.columns.find((c) => c.name === name)?.type.name ?? '') === 'temporal';
  const key = (table.primaryKey?.columns ?? []).filter((c): c is string => c !== null);
  const date =
    key.find(temporal) ??
    table.columns.find((c) => typeFamilyOf(c.type.name) === 'temporal' && !c.generated)?.name ??
    null;
  const series = key.filter((c) => c !== date);
  if (series.length > 0 || key.length > 0) return { series, date };
  return { series: [...new Set(table.foreignKeys.flatMap((fk) => fk.columns))], date };
}

/**
 * Version 10: an open, high, low, close or volume column of a table with all
 * four prices, or null for any other column.
 */
export function createCandleGenerator(build: SemanticBuild): SemanticGenerator | null {
  if (build.version < 10) return null;
  const part = candlePartOf(build.table, build.column);
  if (part === null) return null;
  const { series, date } = seriesColumns(build.table);
  const readSeries = series.map((c) => siblingReader(build.ctx, c));
  const readDate = date === null ? null : siblingReader(build.ctx, date);
  const tableKey = streamKey(build.ctx.seed ?? 0, build.table.schema, build.table.name, 'candles');
  const { scale, maxUnits } = decimalShape(build.base, part === 'volume' ? 0 : 4);
  const unit = POW10[scale] as number;
  // A series' usual close: log-normal around 40, inside a fiftieth of the type's room.
  const room = maxUnits / unit / 50;
  const candle: Candle = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const toUnits = (value: number) => Math.min(maxUnits, Math.max(1, Math.round(value * unit)));
  return {
    escapeFree: true,
    random(_rand, row) {
      let key = tableKey;
      for (const read of readSeries) key = streamKey(key, read(row) ?? '');
      const seconds = readDate === null ? undefined : readTimestampSeconds(readDate(row) ?? '');
      const day = seconds === undefined ? row : Math.floor(seconds / 86400);
      candleAt(key, day, Math.min(room, Math.max(1, 40 * Math.exp(1.1 * hashedNormal(key)))), candle);
      return formatScaled(toUnits(candle[part]), scale);
    },
  };
}
