/**
 * Version 12: sums and defaults that agree across tables, where a child
 * table's foreign key has an exact fan-out (`per_parent: {min, max}`) so a
 * parent row knows its child rows (generate/child-rows.ts). An order's
 * total (`total`, `total_amount`, `order_total`, `amount`, `subtotal`) is
 * the sum of its lines' amounts: a line's amount (`amount`, `line_total`,
 * `extended_price`), else its quantity times its unit price; an order
 * without lines totals 0. Exactly one child per parent is its default
 * (`is_default`, `is_primary`, `is_main`): the first in its parent's
 * children. An order's line count (`o_ol_cnt`) is how many lines it has.
 */
import type { Table } from '../../schema/model.js';
import { formatScaled } from '../types/format.js';
import { nameTokens } from './column-names.js';
import {
  columnWhere,
  isExtended,
  isLineAmount,
  isQuantity,
  isUnitPrice,
  type Reader,
  readUnits,
} from './line-amounts.js';
import { decimalShape } from './number-values.js';
import type { ChildRows, SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { isLineCount } from './version-ten-names.js';

/** Names of an order's total over its lines. */
const TOTAL_NAMES = new Set([
  'total',
  'total amount',
  'order total',
  'amount',
  'subtotal',
  'sub total',
  'total price',
  'order amount',
]);

/** A line table's amount columns: its line amount, else its quantity and unit price; null when it has neither. */
function lineColumns(
  table: Table,
): { readonly amount: string } | { readonly quantity: string; readonly price: string } | null {
  const quantity = columnWhere(table, '', isQuantity);
  if (quantity === null) return null;
  const amount = columnWhere(table, '', (t) => isLineAmount(t) || isExtended(t));
  if (amount !== null) return { amount };
  const price = columnWhere(table, '', (t) => isUnitPrice(t) && !isExtended(t));
  return price === null ? null : { quantity, price };
}

/** Whether a column's words name an order's total over its lines. */
export const isChildTotalName = (tokens: readonly string[]): boolean => TOTAL_NAMES.has(tokens.join(' '));

/** Whether a table holds an order's lines: a quantity and a line amount or a unit price. */
export const isLineTable = (table: Table): boolean => lineColumns(table) !== null;

/** A line's amount in units at `scale` (NaN when unreadable), or null when the line table lacks a column. */
function lineReader(lines: ChildRows, scale: number): ((row: number) => number) | null {
  const columns = lineColumns(lines.table);
  if (columns === null) return null;
  if ('amount' in columns) {
    const amount = lines.column(columns.amount);
    return amount === undefined ? null : (row) => readUnits(amount, row, scale);
  }
  const quantity = lines.column(columns.quantity);
  const price: Reader | undefined = lines.column(columns.price);
  if (quantity === undefined || price === undefined) return null;
  return (row) => Math.round(readUnits(price, row, scale) * Number(quantity(row) ?? Number.NaN));
}

/** An order's total: the sum of its lines' amounts, where its lines' table has an exact fan-out to it. */
export function withChildLineSum(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!isChildTotalName(build.tokens)) return usual;
  const lines = build.ctx.childRows?.(isLineTable);
  if (lines === undefined) return usual;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const line = lineReader(lines, scale);
  if (line === null) return usual;
  return {
    escapeFree: true,
    random(rand, row) {
      let sum = 0;
      for (const child of lines.rowsOf(row)) {
        const units = line(child);
        if (!Number.isFinite(units)) return usual.random(rand, row);
        sum += units;
      }
      return sum > maxUnits || sum < 0 ? usual.random(rand, row) : formatScaled(sum, scale);
    },
  };
}

/** Flags naming the one child of its parent (`is_default`, `primary`, `is_main_address`). */
const ONE_OF_WORDS = new Set(['default', 'primary', 'main', 'preferred']);

/** Whether a flag's words name the one child of its parent. */
export const isOneOfFlag = (t: readonly string[]): boolean =>
  t.some((w) => ONE_OF_WORDS.has(w)) && !t.some((w) => w === 'not' || w === 'non');

/** A default child flag: set on the first of its parent's children only, under an exact fan-out. */
export function withFirstChild(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!isOneOfFlag(build.tokens)) return usual;
  const place = build.ctx.placeAmongSiblings?.();
  if (place === undefined) return usual;
  const bool = build.base.name === 'bool';
  const yes = bool ? 't' : '1';
  const no = bool ? 'f' : '0';
  return { escapeFree: true, random: (_rand, row) => (place(row).index === 0 ? yes : no) };
}

/** A table of an order's lines by its name (`order_line`, `order_items`, `lineitem`). */
export const isLinesByName = (table: Table): boolean =>
  nameTokens(table.name).some((w) => LINE_TABLE_WORDS.has(w));

const LINE_TABLE_WORDS = new Set(['line', 'lines', 'item', 'items', 'lineitem', 'orderline']);

/** An order's line count (`o_ol_cnt`, `line_count`, `num_items`): how many lines it has, under an exact fan-out. */
export function withChildCount(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!isLineCount(build.tokens)) return usual;
  const lines = build.ctx.childRows?.(isLinesByName);
  if (lines === undefined) return usual;
  return { escapeFree: true, random: (_rand, row) => String(lines.rowsOf(row).length) };
}
