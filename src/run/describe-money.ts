/**
 * `datagen plan`'s words for a money column: a part of a sum, a figure at its
 * name's scale, an amount at the price its row leads to, a price around its
 * type's room; version 26: in the row's currency.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { findAncestorColumn } from '../generate/ancestor-values.js';
import type { ColumnPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { displayColumn } from '../schema/names.js';
import { nameTokens } from '../values/semantic/column-names.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { moneySumText } from '../values/semantic/money-roles.js';
import {
  billedAmountOf,
  isPriceOfAmount,
  roomMedianOf,
  takesAncestorPrice,
} from '../values/semantic/money-room.js';
import { moneyScaleText } from '../values/semantic/money-scales.js';
import { ROW_CURRENCY_TEXT, ROW_WHOLE_TEXT } from '../values/semantic/row-currency26.js';

/** Version 9: an amount at the price its row leads to, else a price or an amount around a small type's room (money-room.ts). */
export function moneyText(
  plan: GenerationPlan,
  tableIndex: number,
  c: ColumnPlan,
  kindOf: (tableIndex: number, column: string) => SemanticKind | null,
  lookup: TypeLookup,
  version: number,
): string {
  const tokens = nameTokens(c.column.name);
  const t = plan.tables[tableIndex] as TablePlan;
  // Version 22: a part of the row's money sum (money-sums.ts).
  // Version 26: in the row's currency where a currency code is beside it (row-currency26.ts).
  const currency =
    version >= 26 &&
    t.table.columns.some((o) => o !== c.column && kindOf(tableIndex, o.name) === 'currency_code');
  const sum = version >= 22 ? moneySumText(t.table, c.column) : null;
  if (sum !== null) return sum + (currency ? ROW_WHOLE_TEXT : '');
  // Version 13: a budget, a revenue, a credit limit at their names' scales (money-scales.ts).
  const scaled = version >= 13 ? moneyScaleText(tokens, resolveDomains(c.column.type, lookup).base) : null;
  if (scaled !== null) return scaled + (currency ? ROW_WHOLE_TEXT : '');
  const billed = billedAmountOf(t.table, c.column.name, (name) => kindOf(tableIndex, name));
  const within = billed === null ? '' : `, never more than ${billed} in the row (most rows all of it)`;
  const path = takesAncestorPrice(tokens)
    ? findAncestorColumn(plan, kindOf, tableIndex, isPriceOfAmount)
    : undefined;
  if (path !== undefined) {
    const parent = (plan.tables[path.parent] as TablePlan).table;
    return `, the price its row leads to (${displayColumn(parent, path.column)}), some with a late fee of 1 to 5 units${within}${currency ? ROW_CURRENCY_TEXT : ''}`;
  }
  const median = roomMedianOf(resolveDomains(c.column.type, lookup).base, tokens);
  const around =
    median === undefined
      ? within
      : `, log-normal around ${Number(median.toPrecision(2))} (a fiftieth of its type's largest value)${within}`;
  return around + (currency ? ROW_CURRENCY_TEXT : '');
}
