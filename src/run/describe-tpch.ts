/**
 * Version 16: what `datagen plan` says of TPC-H's line dates (values/semantic/tpch-dates.ts).
 */
import { findAncestorColumn } from '../generate/ancestor-values.js';
import type { GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { displayColumn } from '../schema/names.js';
import {
  isTpchOrderDate,
  tpchLineDateOf,
  tpchLineDateText,
  tpchSibling,
} from '../values/semantic/tpch-dates.js';
import type { KindOf } from './describe-histories.js';

/** The plan's words for a lineitem's date made from its order's or its ship date (from version 16), or ''. */
export function tpchDateText(
  plan: GenerationPlan,
  tableIndex: number,
  c: TablePlan['columns'][number],
  kindOf: KindOf,
  version: number,
): string {
  const t = (plan.tables[tableIndex] as TablePlan).table;
  const bare =
    version >= 16 && kindOf(tableIndex, c.column.name) !== null
      ? tpchLineDateOf({ table: t, column: c.column })
      : null;
  if (bare === null) return '';
  if (bare === 'receiptdate') {
    const ship = tpchSibling({ table: t }, 'shipdate');
    return ship === null ? '' : tpchLineDateText(bare, `${ship} in the row`);
  }
  const order = findAncestorColumn(plan, kindOf, tableIndex, isTpchOrderDate);
  if (order === undefined) return '';
  const parent = (plan.tables[order.parent] as TablePlan).table;
  return tpchLineDateText(bare, `its row's ${displayColumn(parent, order.column)}`);
}
