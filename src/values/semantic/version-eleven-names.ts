/**
 * Names version 11 reads before the older rules, checked against the
 * TPC-C specification (clause 4.3.3.1) and a StackOverflow-like schema:
 * an order's carrier (`o_carrier_id`, 1 to 10), whether all its lines are
 * local (`o_all_local`, 1 in most orders), a tax rate in a type of fractions
 * (`w_tax numeric(4,4)`, 0 to 0.2), money to date and balances (`w_ytd`,
 * `c_ytd_payment`, `c_balance`, `c_credit_lim`), a customer's credit code
 * (`c_credit char(2)`, GC or BC), a stock table's quantity (on hand, not an
 * order's), a post's type (`post_type_id`, 1 to 8) and a badge's class
 * (1 to 3). Names are read without their table's prefix.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { withoutTablePrefix } from './version-ten-names.js';

/** The column's name words without its table's prefix (`o_carrier_id` of `oorder`: carrier, id). */
export function bareTokens(table: Table, name: string): readonly string[] {
  return nameTokens(withoutTablePrefix(table, name) ?? name);
}

/** A numeric type that holds only fractions (`numeric(4,4)`). */
function holdsFractionsOnly(column: Column): boolean {
  const [precision, scale] = column.type.typmods;
  return column.type.name === 'numeric' && precision !== undefined && precision === scale;
}

/** What a version 11 name is: the kind detection gives it, and the value rule its generator takes. */
export type ElevenTerm =
  | 'carrier'
  | 'all_local'
  | 'tax_rate'
  | 'money'
  | 'credit'
  | 'stock'
  | 'post_type'
  | 'badge_class';

const TERM_KINDS: Readonly<Record<ElevenTerm, SemanticKind>> = {
  carrier: 'small_code',
  all_local: 'flag',
  tax_rate: 'fraction',
  money: 'price',
  credit: 'code',
  stock: 'stock',
  post_type: 'small_code',
  badge_class: 'small_code',
};

/** The version 11 term of a column, or null. */
export function elevenTermOf(table: Table, column: Column, family: TypeFamily): ElevenTerm | null {
  const t = bareTokens(table, column.name);
  const joined = t.join('_');
  const tableWords = nameTokens(table.name);
  if (family === 'integer') {
    if (joined === 'carrier_id') return 'carrier';
    if (joined === 'all_local') return 'all_local';
    if (joined === 'post_type_id' || joined === 'posttypeid') return 'post_type';
    if (joined === 'class' && tableWords.some((w) => w === 'badge' || w === 'badges')) return 'badge_class';
    if (joined === 'quantity' && tableWords.some((w) => w === 'stock' || w === 'inventory')) return 'stock';
  }
  if (family === 'decimal') {
    if (t.includes('tax') && holdsFractionsOnly(column)) return 'tax_rate';
    if (t.includes('ytd') || joined === 'balance' || joined === 'credit_lim' || joined === 'credit_limit')
      return 'money';
  }
  if (family === 'text' && joined === 'credit' && (column.type.typmods[0] ?? 0) <= 2) return 'credit';
  return null;
}

/** Version 11's kind for a column of `table`, or null. */
export function versionElevenKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  const term = elevenTermOf(table, column, family);
  return term === null ? null : TERM_KINDS[term];
}

/** TPC-C's share of each district's orders not delivered yet (clause 4.3.3.1: O_CARRIER_ID null for O_ID > 2,100 of 3,000). */
export const UNDELIVERED_SHARE = 0.3;

/**
 * Version 12: the rows from which a nullable carrier (`o_carrier_id`) is NULL: the newest orders, the last
 * 30% of the table's rows (its `o_id` order), have no carrier yet; undefined for any other column.
 */
export function undeliveredFrom(table: Table, column: Column, rows: number): number | undefined {
  if (column.notNull || elevenTermOf(table, column, 'integer') !== 'carrier') return undefined;
  return Math.round(rows * (1 - UNDELIVERED_SHARE));
}
