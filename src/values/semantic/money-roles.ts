/**
 * Version 22: the part a money column plays in its row's sum, by its name
 * (units and `amount` aside: `tax_cents`, `amount_paid`, `net_pay`), in a
 * table that has the sum's base (`subtotal`, `items_total`, `gross_pay`):
 * total = base − discount + shipping + tax + fee; net = gross − tax −
 * deductions − fee; due = total − paid (money-sums.ts makes the values).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';

export type MoneyRole =
  | 'base'
  | 'discount'
  | 'tax'
  | 'shipping'
  | 'fee'
  | 'deductions'
  | 'total'
  | 'paid'
  | 'due';

/** Words that tell a unit or the money-ness, not the part (`tax_amount_cents` is the tax). */
const UNIT_WORDS = new Set(['cents', 'amount', 'amt', 'pay', 'cost', 'usd', 'eur', 'value']);

const ROLE_PHRASES: Readonly<Record<string, MoneyRole>> = {
  subtotal: 'base',
  'sub total': 'base',
  'items total': 'base',
  'item total': 'base',
  gross: 'base',
  'total gross': 'base',
  discount: 'discount',
  discounts: 'discount',
  'discount total': 'discount',
  tax: 'tax',
  taxes: 'tax',
  'tax total': 'tax',
  vat: 'tax',
  'sales tax': 'tax',
  'tax withheld': 'tax',
  withholding: 'tax',
  'income tax': 'tax',
  shipping: 'shipping',
  'shipping total': 'shipping',
  'shipment total': 'shipping',
  freight: 'shipping',
  handling: 'shipping',
  fee: 'fee',
  fees: 'fee',
  'service fee': 'fee',
  'processing fee': 'fee',
  surcharge: 'fee',
  // Solidus/Spree's orders: total = item_total + shipment_total + adjustment_total (version 3's sum, kept).
  adjustment: 'fee',
  adjustments: 'fee',
  'adjustment total': 'fee',
  'additional tax total': 'tax',
  deductions: 'deductions',
  deduction: 'deductions',
  'total deductions': 'deductions',
  total: 'total',
  'grand total': 'total',
  'order total': 'total',
  'invoice total': 'total',
  net: 'total',
  paid: 'paid',
  'total paid': 'paid',
  due: 'due',
  'balance due': 'due',
  remaining: 'due',
  outstanding: 'due',
};

/** The role a name alone gives (no look at the table), or null. */
function roleOfName(name: string): MoneyRole | null {
  const phrase = nameTokens(name)
    .filter((w) => !UNIT_WORDS.has(w))
    .join(' ');
  return ROLE_PHRASES[phrase] ?? null;
}

/** Whether the column's type holds money of a few thousands or more (not a rate: `discount numeric(3,2)`). */
function holdsMoney(column: Column): boolean {
  const { name, typmods } = column.type;
  if (column.generated || column.type.arrayDims > 0) return false;
  if (name === 'int4' || name === 'int8' || name === 'money') return true;
  if (name !== 'numeric') return false;
  const [p, s] = typmods;
  return p === undefined || p - Math.max(0, s ?? 0) >= 4;
}

/** A table's money columns by role (the first of each), where it has a base; empty else. */
export function moneyRolesOf(table: Table): ReadonlyMap<MoneyRole, string> {
  const roles = new Map<MoneyRole, string>();
  for (const c of table.columns) {
    const role = holdsMoney(c) ? roleOfName(c.name) : null;
    if (role !== null && !roles.has(role)) roles.set(role, c.name);
  }
  return roles.has('base') ? roles : new Map();
}

/** The role of a column in its table's money sum, or null (no base in the table, another name, a rate's type). */
export function moneyRoleOf(table: Table, column: Column): MoneyRole | null {
  const role = holdsMoney(column) ? roleOfName(column.name) : null;
  if (role === null) return null;
  return moneyRolesOf(table).get(role) === column.name ? role : null;
}

/** What `datagen plan` says of a money column in its row's sum (money-sums.ts), or null. */
export function moneySumText(table: Table, column: Column): string | null {
  const role = moneyRoleOf(table, column);
  if (role === null) return null;
  const roles = moneyRolesOf(table);
  const name = (r: MoneyRole): string => roles.get(r) ?? r;
  const total = roles.get('total');
  const net = total !== undefined && nameTokens(total).includes('net');
  const present = (list: readonly MoneyRole[]): string =>
    list
      .filter((r) => roles.has(r))
      .map((r) => name(r))
      .join(net ? ' − ' : ' + ');
  switch (role) {
    case 'base':
      return net ? ", a pay period's gross, log-normal around 3,200" : null;
    case 'discount':
      return `, none in most rows, else 5% to 25% of ${name('base')}`;
    case 'tax':
      return net
        ? `, 12% to 30% of ${name('base')}`
        : `, a sales tax rate (0 to 20%) of ${name('base')}${roles.has('discount') ? ` less ${name('discount')}` : ''}`;
    case 'deductions':
      return `, 0 to 8% of ${name('base')}`;
    case 'total': {
      const added = present(net ? ['tax', 'deductions', 'fee'] : ['shipping', 'tax', 'fee']);
      const discount = !net && roles.has('discount') ? ` − ${name('discount')}` : '';
      return `, the row's ${name('base')}${discount}${added === '' ? '' : net ? ` − ${added}` : ` + ${added}`}`;
    }
    case 'paid':
      return `, all of ${name('total')} where the row's status says paid, none where open, void or failed, part where partly paid (no status: most rows all)`;
    case 'due':
      return roles.has('paid') ? `, ${name('total')} − ${name('paid')} of the row` : null;
    default:
      return null;
  }
}
