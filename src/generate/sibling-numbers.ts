/**
 * Version 12: a key's counter within its parent where the key is an exact
 * fan-out's foreign key and one integer column (TPC-C's `order_line
 * (ol_w_id, ol_d_id, ol_o_id, ol_number)`, an issue's `(project_id,
 * number)`): the row's place among its parent's children, from 1
 * (`ol_number` 1..n for each order, were 1..rows over the table). Unique by
 * construction: a parent's children hold distinct places. Only where
 * nothing else may repeat the number or move the row to another parent: no
 * CHECK reads the column or the FK, every unique key holding the column
 * holds the FK's columns too, no rows held before (--append), no partitions
 * or exclusions, no sequence or default on the column.
 */
import type { ColumnPlan, ColumnSource, TablePlan } from '../plan/plan-model.js';
import { columnsReadByRowChecks } from '../plan/table-checks.js';
import type { ExactFanOut } from './exact-fan-out.js';

type UniqueSource = Extract<ColumnSource, { kind: 'unique' }>;

/** The place numbers (1..n per parent) of a key's counter column, or undefined where they may not be used. */
export function siblingNumbers(
  t: TablePlan,
  tableIndex: number,
  c: ColumnPlan,
  source: UniqueSource,
  exactFanOut: (tableIndex: number, fkIndex: number) => ExactFanOut | undefined,
): ((row: number) => string) | undefined {
  const table = t.table;
  const name = c.column.name;
  const driver = t.drivers[source.driver];
  if (driver === undefined || driver.existing || driver.wrapFrom !== undefined || driver.pair)
    return undefined;
  if (table.partitionBy || table.partitionOf || table.exclusions.length > 0) return undefined;
  // A sequence's column (serial, identity) keeps its sequence's values.
  if (c.column.identity !== null || c.column.sequence !== null || c.column.default !== null) return undefined;
  const { hints } = c;
  if (hints.min !== undefined || hints.max !== undefined || hints.oneOf || hints.exclude) return undefined;
  const checked = columnsReadByRowChecks(t.checks);
  if (checked.has(name)) return undefined;
  const key = [table.primaryKey, ...table.uniques].find((k) => k?.name === driver.key);
  if (!key || key.where !== null || key.columns.some((col) => col === null)) return undefined;
  const others = key.columns.filter((col) => col !== name);
  if (others.length !== key.columns.length - 1) return undefined;
  for (const [fkIndex, fkPlan] of t.foreignKeys.entries()) {
    const fkColumns = fkPlan.fk.columns;
    if (fkColumns.length !== others.length || !others.every((col) => fkColumns.includes(col as string)))
      continue;
    if (fkColumns.some((col) => checked.has(col))) continue;
    // Every unique key with the column must also hold the FK: elsewhere the numbers repeat.
    const keys = [table.primaryKey, ...table.uniques].filter((k) => k?.columns.includes(name));
    if (!keys.every((k) => fkColumns.every((col) => k?.columns.includes(col)))) return undefined;
    const fanOut = exactFanOut(tableIndex, fkIndex);
    if (fanOut === undefined) return undefined;
    return (row) => String(fanOut.placeOf(row).index + 1);
  }
  return undefined;
}
