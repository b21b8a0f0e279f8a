/**
 * Version 16: TPC-H's line dates as its specification (4.2.3) makes them
 * from the order's: `l_shipdate` 1 to 121 days after the order's
 * `o_orderdate`, `l_commitdate` 30 to 90 days after it, `l_receiptdate` 1
 * to 30 days after the ship date; and `o_orderstatus` as its lines then
 * say: O for an order placed on or after the current date (every line
 * ships after it), F for one placed 121 days or more before it (every line
 * shipped by then), P between (lines of both, mostly). Version 15 drew the
 * line dates alone (a receipt before its shipment in four lines of five).
 */
import { formatDate, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Column, Table } from '../../schema/model.js';
import { type SemanticBuild, type SemanticGenerator, siblingSeconds } from './semantic-generator.js';
import { REFERENCE_DAY } from './time-values.js';

/** The dataset's "current date" (TPC-H's CURRENTDATE): a year and a half before the reference date. */
export const CURRENT_DAY = REFERENCE_DAY - 548;

/** The column's name without a TPC-H table prefix (`o_orderstatus` → orderstatus), or null without one. */
export function tpchName(name: string): string | null {
  const m = /^(?:o|l|c|p|ps|s|n|r)_([a-z]+)$/.exec(name);
  return m ? (m[1] as string) : null;
}

/** The sibling column of the table with this TPC-H name (`o_orderdate`), or null. */
export function tpchSibling(build: Pick<SemanticBuild, 'table'>, bare: string): string | null {
  return build.table.columns.find((c) => tpchName(c.name) === bare)?.name ?? null;
}

/** The latest a line ships after its order (days). */
export const SHIP_LAG_DAYS = 121;
/** Days after its base each line date takes: ship and commit after the order, receipt after the ship. */
const LAGS: Readonly<Record<string, readonly [number, number]>> = {
  shipdate: [1, SHIP_LAG_DAYS],
  commitdate: [30, 90],
  receiptdate: [1, 30],
};
const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** A lineitem's date column's TPC-H name (`l_shipdate` → shipdate: all its table's columns `l_`), or null. */
export function tpchLineDateOf(build: Pick<SemanticBuild, 'table' | 'column'>): string | null {
  const bare = tpchName(build.column.name);
  if (bare === null || LAGS[bare] === undefined || !build.column.name.startsWith('l_')) return null;
  return build.table.columns.every((c) => c.name.startsWith('l_')) ? bare : null;
}

/** Whether a column is TPC-H's order date (`o_orderdate`), the base of a line's ship and commit dates. */
export const isTpchOrderDate = (_table: Table, c: Column): boolean => tpchName(c.name) === 'orderdate';

/** The plan's words for a line date made from `base` (the order's date column, or the row's ship date). */
export function tpchLineDateText(bare: string, base: string): string {
  const [low, high] = LAGS[bare] ?? [0, 0];
  return `, ${low} to ${high} days after ${base} (TPC-H's specification, 4.2.3)`;
}

/**
 * Version 16: a lineitem's date (`l_shipdate`, `l_commitdate`, `l_receiptdate`) from its order's date or
 * its ship date; null where the column is none of them, the base is no FK away, or the type no date.
 */
export function tpchLineDateGenerator(build: SemanticBuild, bare: string): SemanticGenerator | null {
  const lag = LAGS[bare];
  if (lag === undefined || !TIME_TYPES.has(build.base.name)) return null;
  let read: (row: number) => number | undefined;
  if (bare === 'receiptdate') {
    const ship = tpchSibling(build, 'shipdate');
    if (ship === null) return null;
    read = siblingSeconds(build.ctx, ship);
  } else {
    const order = build.ctx.ancestorColumn?.(isTpchOrderDate);
    if (order === undefined) return null;
    read = (row) => {
      const text = order.read(row);
      if (typeof text !== 'string') return undefined;
      const day = Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(day) ? undefined : day / 1000;
    };
  }
  const [low, high] = lag;
  const asDate = build.base.name === 'date';
  return {
    escapeFree: true,
    random(rand, row) {
      const base = read(row);
      const days = low + rand.below(high - low + 1);
      // A NULL base (no order date): about the current date.
      const day = (base === undefined ? CURRENT_DAY : Math.floor(base / SECONDS_PER_DAY)) + days;
      return asDate ? formatDate(day) : formatTimestamp(day * SECONDS_PER_DAY);
    },
  };
}
