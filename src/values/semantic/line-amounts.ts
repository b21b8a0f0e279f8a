/**
 * Version 10: money on an order's line agrees with the line. A line's unit
 * price is the catalogue price its row leads to (`order_item.unit_price` =
 * its product's `price`; were drawn alone), a line's amount is its unit
 * price times its quantity, less its discount (`ol_amount` = `i_price` ×
 * `ol_quantity`, TPC-H's `l_extendedprice` = `p_retailprice` ×
 * `l_quantity`; version 9 took the price alone, some with a late fee), and
 * an amount paid under a status that pays nothing (a `denied` claim) is 0.
 */
import type { Table } from '../../schema/model.js';
import { formatScaled } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { isAmount } from './money-room.js';
import { unitsOf } from './money-values.js';
import { decimalShape } from './number-values.js';
import {
  type AncestorTest,
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
} from './semantic-generator.js';
import { typeFamilyOf } from './semantic-kind.js';

export type Reader = (row: number) => string | null | undefined;

const CATALOG_WORDS = new Set(['price', 'rate', 'fee', 'cost']);

/**
 * A catalogue's price (`product.price`, `i_price`, `p_retailprice`): a price by meaning or a number column named
 * so (kept inside its CHECK's bounds: `price > 0`), not an amount.
 */
const isCatalogPrice: AncestorTest = (_table, column, kind) => {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  const priced = CATALOG_WORDS.has(last) || last.endsWith('price');
  const number = kind === 'price' || (kind === null && typeFamilyOf(column.type.name) === 'decimal');
  return priced && number && !isAmount(t);
};

/** The first other column of `table` whose words `accepts`, or null. */
export function columnWhere(
  table: Table,
  own: string,
  accepts: (tokens: readonly string[]) => boolean,
): string | null {
  return (
    table.columns.find((c) => c.name !== own && !c.generated && accepts(nameTokens(c.name)))?.name ?? null
  );
}

const QUANTITY_WORDS = new Set(['quantity', 'qty']);
export const isQuantity = (t: readonly string[]) => QUANTITY_WORDS.has(t[t.length - 1] ?? '');
/** A line's unit price (`unit_price`, `price`, `unit_cost`, `l_price`), not an amount. */
export const isUnitPrice = (t: readonly string[]) => {
  const last = t[t.length - 1] ?? '';
  return (
    (last === 'price' || (last === 'cost' && t.includes('unit'))) && (t.length <= 2 || t.includes('unit'))
  );
};
const isDiscount = (t: readonly string[]) => t.some((w) => w === 'discount' || w === 'disc');
/** An extended price (`l_extendedprice`, `extended_price`, `ext_price`): quantity × price, before discount. */
export const isExtended = (t: readonly string[]) =>
  t.includes('extendedprice') || ((t.includes('extended') || t.includes('ext')) && t.includes('price'));
/** A line's amount (`ol_amount`, `line_total`, `amount`), not a total of other amounts. */
export const isLineAmount = (t: readonly string[]) =>
  isAmount(t) &&
  !t.some((w) => ['subtotal', 'balance', 'tax', 'shipping', 'paid', 'due'].includes(w) || isDiscount([w]));

/** A number text read at `scale` (units), or NaN. */
export function readUnits(read: Reader, row: number, scale: number): number {
  const text = read(row);
  return typeof text === 'string' ? (unitsOf(text, scale) ?? Number.NaN) : Number.NaN;
}

/** The price a line's row leads to: the unit price beside it, else the catalogue's through its FKs. */
function linePrice(build: SemanticBuild): Reader | null {
  const own = columnWhere(build.table, build.column.name, (t) => isUnitPrice(t) && !isExtended(t));
  if (own !== null) return siblingReader(build.ctx, own);
  const ancestor = build.ctx.ancestorColumn?.(isCatalogPrice);
  return ancestor === undefined ? null : (row) => ancestor.read(row);
}

/** A line's unit price: the catalogue price its row leads to, where the table has a quantity. */
export function withCatalogPrice(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!isUnitPrice(build.tokens) || isExtended(build.tokens)) return usual;
  if (columnWhere(build.table, build.column.name, isQuantity) === null) return usual;
  const price = build.ctx.ancestorColumn?.(isCatalogPrice);
  if (price === undefined) return usual;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    escapeFree: true,
    random(rand, row) {
      const units = readUnits((r) => price.read(r), row, scale);
      return units > 0 && units <= maxUnits ? formatScaled(units, scale) : usual.random(rand, row);
    },
  };
}

/** A line's amount or extended price: its unit price times its quantity (less its discount: amounts only). */
export function withLineAmount(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const extended = isExtended(build.tokens);
  if (!extended && !isLineAmount(build.tokens)) return usual;
  const quantityColumn = columnWhere(build.table, build.column.name, isQuantity);
  if (quantityColumn === null) return usual;
  const price = linePrice(build);
  if (price === null) return usual;
  const quantity = siblingReader(build.ctx, quantityColumn);
  const discountColumn = extended ? null : columnWhere(build.table, build.column.name, isDiscount);
  const discount = discountColumn === null ? null : siblingReader(build.ctx, discountColumn);
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    escapeFree: true,
    random(rand, row) {
      const units = readUnits(price, row, scale);
      const count = Number(quantity(row));
      let amount = Math.round(units * count);
      if (discount !== null) {
        const off = Number(discount(row) ?? 0);
        // A rate (0.05) takes its share off, a sum (4.50) itself.
        amount = off > 0 && off < 1 ? Math.round(amount * (1 - off)) : amount - Math.round(off * 10 ** scale);
      }
      return amount > 0 && amount <= maxUnits ? formatScaled(amount, scale) : usual.random(rand, row);
    },
  };
}

const PAID_WORDS = new Set(['paid', 'reimbursed', 'settled', 'collected', 'received']);
/** Statuses under which nothing is paid (yet). */
const UNPAID = new Set([
  'denied',
  'rejected',
  'declined',
  'refused',
  'void',
  'voided',
  'cancelled',
  'canceled',
  'submitted',
  'pending',
  'draft',
  'open',
  'new',
  'received',
]);

/** An amount paid beside a status: 0 under a status that pays nothing (`denied`, `submitted`). */
export function withStatusPaid(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!isAmount(build.tokens) || !build.tokens.some((w) => PAID_WORDS.has(w))) return usual;
  const statusColumn = columnWhere(build.table, build.column.name, (t) => {
    const last = t[t.length - 1] ?? '';
    return last === 'status' || last === 'state';
  });
  if (statusColumn === null) return usual;
  const status = siblingReader(build.ctx, statusColumn);
  const { scale } = decimalShape(build.base, 2);
  const zero = formatScaled(0, scale);
  return {
    escapeFree: true,
    random(rand, row) {
      const value = status(row);
      return typeof value === 'string' && UNPAID.has(value.toLowerCase()) ? zero : usual.random(rand, row);
    },
  };
}

/** Words a bound's pair differs by: `ib_max_bid` of `ib_bid`, `i_current_price` of `i_initial_price`. */
const ABOVE: readonly (readonly [string, string | null])[] = [
  ['max', null],
  ['maximum', null],
  ['current', 'initial'],
  ['current', 'starting'],
  ['current', 'start'],
];

/** The column a money column stays at or above (`ib_bid` for `ib_max_bid`), or null. */
function floorColumnOf(build: SemanticBuild): string | null {
  const own = build.tokens;
  for (const [word, lower] of ABOVE) {
    const at = own.indexOf(word);
    if (at < 0) continue;
    const wanted = own.flatMap((w, i) => (i !== at ? [w] : lower === null ? [] : [lower])).join(' ');
    const found = columnWhere(build.table, build.column.name, (t) => t.join(' ') === wanted);
    if (found !== null) return found;
  }
  return null;
}

/** A maximum bid at or above the bid, a current price at or above the initial one: up to half more. */
export function withAtLeast(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const floor = floorColumnOf(build);
  if (floor === null) return usual;
  const read = siblingReader(build.ctx, floor);
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    escapeFree: true,
    random(rand, row) {
      const units = readUnits(read, row, scale);
      const above = Math.round(units * (1 + 0.5 * rand.float() * rand.float()));
      return units > 0 && above <= maxUnits ? formatScaled(above, scale) : usual.random(rand, row);
    },
  };
}
