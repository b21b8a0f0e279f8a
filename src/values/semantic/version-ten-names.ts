/**
 * Names version 10 reads before the older rules: the prices and volume of a
 * table of candles (price-series.ts); a clinic's drugs, doses and ICD-10
 * codes and titles (medical-values.ts); the lines an order counts; a Q&A
 * site's badges and licences (community-values.ts), a user's location.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens, tableClassOf } from './column-names.js';
import { communityTermOf } from './community-values.js';
import { medicalTermOf } from './medical-values.js';
import { candlePartOf } from './price-series.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

const MEDICAL_KINDS = {
  drug: 'category',
  icd_code: 'code',
  icd_title: 'description',
  dose: 'quantity',
} as const;
const MEDICAL_FAMILIES = { drug: 'text', icd_code: 'text', icd_title: 'text', dose: 'number' } as const;

/** `o_ol_cnt` (TPC-C), `line_count`, `item_count`, `num_items`: the lines of an order, one or more. */
export function isLineCount(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1] ?? '';
  const before = tokens[tokens.length - 2] ?? '';
  const counted = ['ol', 'line', 'lines', 'item', 'items'];
  return (
    (['cnt', 'count'].includes(last) && counted.includes(before)) ||
    (['num', 'number', 'n'].includes(before) && ['lines', 'items'].includes(last))
  );
}

/**
 * A column's name without its table's prefix (benchmark kits' `i_created` of `item`, `ic_updated` of
 * `item_comment`, `o_entry_d` of `oorder`): the rest, or null where the first word is no such prefix.
 */
export function withoutTablePrefix(table: Table, name: string): string | null {
  const tokens = nameTokens(name);
  const first = tokens[0] ?? '';
  if (tokens.length < 2 || first.length > 3) return null;
  const words = nameTokens(table.name);
  const initials = words.map((w) => w[0] ?? '').join('');
  const prefixed = first === initials || (first.length <= 2 && (words[0] ?? '').startsWith(first));
  return prefixed ? tokens.slice(1).join('_') : null;
}

const MONEY_WORDS = new Set(['bid', 'chrg', 'charge', 'comm', 'commission', 'fee', 'fees', 'tax']);

/** A numeric type's scale (0 for other types and a bare numeric). */
function scaleOf(column: Column): number {
  return column.type.name === 'numeric' ? (column.type.typmods[1] ?? 0) : 0;
}

/** `exchange_rate`, `fx_rate`, `conversion_rate`, `ex_rate`: one currency's price in another. */
export function isExchangeRate(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1] ?? '';
  return last === 'rate' && tokens.some((w) => ['exchange', 'fx', 'conversion', 'forex', 'ex'].includes(w));
}

/**
 * Whether a medical or community term's generator may make the column's values: the type family
 * of its text, or a number for a dose (a boolean `allowDifferentLicense` is a flag, not a licence: civitai).
 */
export function termFitsFamily(table: Table, column: Column, family: TypeFamily | null): boolean {
  if (family === 'text') return true;
  const term = medicalTermOf(table, column.name);
  return (
    term !== null && MEDICAL_FAMILIES[term] === 'number' && (family === 'decimal' || family === 'integer')
  );
}

/** Version 10's kind for a column of `table`, or null. */
export function versionTenKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  const number = family === 'decimal' || family === 'integer';
  const term = medicalTermOf(table, column.name);
  if (term !== null && (MEDICAL_FAMILIES[term] === 'number' ? number : family === 'text'))
    return MEDICAL_KINDS[term];
  if (family === 'text' && communityTermOf(table, column.name) !== null) return 'category';
  // A person's `location` (a user's profile): a city (were words).
  if (family === 'text' && column.name.toLowerCase() === 'location' && tableClassOf(table) === 'person')
    return 'city';
  if (!number) return null;
  const tokens = nameTokens(column.name);
  if (family === 'integer' && isLineCount(tokens)) return 'tally';
  const last = tokens[tokens.length - 1] ?? '';
  // An auction's bid (`ib_bid`, `ib_max_bid` float), a trade's charge, commission and tax (TPC-E `t_chrg`,
  // `t_comm`), a bare `rate` in money's scale: money (were any value of the type, 119,996,582.64).
  if (
    family === 'decimal' &&
    (MONEY_WORDS.has(last) || (tokens.length === 1 && last === 'rate' && scaleOf(column) <= 2))
  )
    return 'price';
  // An exchange rate (`exchange_rate`, `fx_rate`, `conversion_rate`): around 1 (exchange-rate values, version-ten-values.ts).
  if (family === 'decimal' && isExchangeRate(tokens)) return 'fraction';
  const part = candlePartOf(table, column);
  if (part !== null) return part === 'volume' ? 'quantity' : 'price';
  return null;
}
