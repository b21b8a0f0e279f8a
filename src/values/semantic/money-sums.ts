/**
 * Version 22: a row's money that a person reads as a sum adds up (roles in
 * money-roles.ts). An invoice's discount is none or a round share of the
 * subtotal, its tax a usual rate of what is left, its total subtotal −
 * discount + shipping + tax + fee; a payslip's tax withheld 12% to 30% of
 * the gross, its deductions a few percent, its net gross − tax − deductions;
 * the amount paid is the total where the row's status says paid, nothing
 * where it says open, void or failed, part of it where partly paid; the
 * amount due is the total less the amount paid. Each to its type's scale.
 */
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { type MoneyRole, moneyRoleOf, moneyRolesOf } from './money-roles.js';
import { normal } from './money-values.js';
import { decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

const DISCOUNT_SHARES = [0.05, 0.1, 0.1, 0.15, 0.2, 0.25];
const SALES_TAX_RATES = [0, 0.05, 0.06, 0.07, 0.0725, 0.08, 0.0875, 0.1, 0.19, 0.2, 0.2];
const DEDUCTION_SHARES = [0, 0, 0.02, 0.04, 0.05, 0.06, 0.08];
/** Statuses of a fully paid row, and of a row nothing is paid on yet (or ever). */
const PAID = new Set('paid succeeded success settled completed complete closed refunded captured'.split(' '));
const UNPAID = new Set(
  'draft open pending new issued sent void voided uncollectible unpaid overdue pastdue failed declined cancelled canceled'.split(
    ' ',
  ),
);
const PARTLY = new Set(['partiallypaid', 'partial', 'partlypaid', 'partiallyrefunded']);

/** A pick of `list` by the draw. */
function pick(rand: RowRandom, list: readonly number[]): number {
  return list[rand.below(list.length)] as number;
}

/** The generator of a money column that takes part in its row's sum; `usual` where it does not. */
export function withMoneySum(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const role = moneyRoleOf(build.table, build.column);
  if (role === null) return usual;
  const roles = moneyRolesOf(build.table);
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = POW10[scale] as number;
  const read = (r: MoneyRole): ((row: number) => number) => {
    const name = roles.get(r);
    if (name === undefined) return () => 0;
    const reader = siblingReader(build.ctx, name);
    return (row) => {
      const text = reader(row);
      const value = typeof text === 'string' ? Number(text) : 0;
      return Number.isFinite(value) ? value : 0;
    };
  };
  // A payslip's: its total is a net (after tax), its base a gross.
  const total = roles.get('total');
  const net = total !== undefined && nameTokens(total).includes('net');
  const value = roleValue(role, net, read, statusReader(build));
  if (value === null) return usual;
  return {
    escapeFree: true,
    random(rand, row) {
      const units = Math.round(value(rand, row) * unit);
      return units > maxUnits || units < -maxUnits ? usual.random(rand, row) : formatScaled(units, scale);
    },
  };
}

type Value = (rand: RowRandom, row: number) => number;

/** A role's value from the row's other parts; null for a part drawn on its own (shipping, a fee). */
function roleValue(
  role: MoneyRole,
  net: boolean,
  read: (r: MoneyRole) => (row: number) => number,
  status: (row: number) => string | undefined,
): Value | null {
  const base = read('base');
  const discount = read('discount');
  const tax = read('tax');
  const sum = read('total');
  const paid = read('paid');
  switch (role) {
    case 'base':
      // A gross pay: a pay period's, log-normal around 3,200.
      return net ? (rand) => 3200 * Math.exp(0.45 * normal(rand)) : null;
    case 'discount':
      return (rand, row) => (rand.chance(0.7) ? 0 : base(row) * pick(rand, DISCOUNT_SHARES));
    case 'tax':
      return net
        ? (rand, row) => base(row) * (0.12 + 0.18 * rand.float())
        : (rand, row) => (base(row) - discount(row)) * pick(rand, SALES_TAX_RATES);
    case 'deductions':
      return (rand, row) => base(row) * pick(rand, DEDUCTION_SHARES);
    case 'total': {
      const [shipping, fee, deductions] = [read('shipping'), read('fee'), read('deductions')];
      return net
        ? (_rand, row) => base(row) - tax(row) - deductions(row) - fee(row)
        : (_rand, row) => base(row) - discount(row) + shipping(row) + tax(row) + fee(row);
    }
    case 'paid':
      return (rand, row) => paidShare(status(row), rand) * sum(row);
    case 'due':
      return (_rand, row) => sum(row) - paid(row);
    default:
      return null;
  }
}

/** The share of the total paid at a row of this status (none known: most rows all of it). */
function paidShare(status: string | undefined, rand: RowRandom): number {
  const compact = status?.toLowerCase().replace(/[^a-z]/g, '');
  if (compact !== undefined && PAID.has(compact)) return 1;
  if (compact !== undefined && UNPAID.has(compact)) return 0;
  if (compact !== undefined && PARTLY.has(compact)) return 0.2 + 0.6 * rand.float();
  const u = rand.float();
  return u < 0.75 ? 1 : u < 0.9 ? 0 : 0.2 + 0.6 * rand.float();
}

/** The row's status (a `status` or `state` column's value), or undefined. */
function statusReader(build: SemanticBuild): (row: number) => string | undefined {
  const status = build.table.columns.find((c) => {
    const last = nameTokens(c.name).at(-1);
    return c !== build.column && !c.generated && (last === 'status' || last === 'state');
  });
  if (status === undefined) return () => undefined;
  const reader = siblingReader(build.ctx, status.name);
  return (row) => {
    const text = reader(row);
    return typeof text === 'string' ? text : undefined;
  };
}
