/**
 * Version 17: TPC-H's `o_orderstatus` as its lines say (specification
 * 4.2.3): F when every line's `l_linestatus` is F (shipped), O when every
 * one is O, P when they differ; read from the order's own lines (a line
 * table keyed by `(l_orderkey, l_linenumber)`, or one with an exact
 * fan-out), never stored. Version 16 judged the order by its date alone,
 * so an order placed in the 121 days before the current date was P even
 * where all its lines had shipped, or none had.
 */
import type { Table } from '../../schema/model.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { tpchName } from './tpch-dates.js';

/** A TPC-H line table: every column `l_`, one of them its line status. */
const isTpchLineTable = (table: Table): boolean =>
  table.columns.every((c) => c.name.startsWith('l_')) &&
  table.columns.some((c) => tpchName(c.name) === 'linestatus');

/**
 * The order's status from its lines' statuses, falling back to `byDate` for an order without lines
 * (or a schema whose lines the order cannot read); null where the order has no such lines table.
 */
export function orderStatusFromLines(
  build: SemanticBuild,
  byDate: SemanticGenerator,
): SemanticGenerator | null {
  const lines = build.ctx.childRows?.(isTpchLineTable) ?? build.ctx.keyedChildRows?.(isTpchLineTable);
  const name = lines?.table.columns.find((c) => tpchName(c.name) === 'linestatus')?.name;
  const status = name === undefined ? undefined : lines?.column(name);
  if (lines === undefined || status === undefined) return null;
  return {
    escapeFree: true,
    random(rand, row) {
      let shipped = 0;
      let open = 0;
      for (const line of lines.rowsOf(row)) {
        const s = status(line);
        if (s === 'F') shipped++;
        else if (s === 'O') open++;
      }
      if (shipped + open === 0) return byDate.random(rand, row);
      return open === 0 ? 'F' : shipped === 0 ? 'O' : 'P';
    },
  };
}
