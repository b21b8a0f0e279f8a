/**
 * `--size` on a schema that gives no ratios between its tables: rows per
 * table read from the foreign-key graph instead of the same count for every
 * table. The rule (README "Sizing by volume"):
 *
 * - a **lookup** table (referenced by at least LOOKUP_REFERRERS other
 *   tables, referencing none, at most LOOKUP_COLUMNS columns, and no
 *   referencing foreign key unique in its table) keeps LOOKUP_ROWS rows at
 *   every size (statuses, countries, currencies);
 * - a **root** (no foreign key to another table but lookups) gets the
 *   default count (`--rows N`, else 1000), the unit of the ratios;
 * - a **child** gets FAN_OUT rows per row of its largest parent (one when
 *   the foreign key's columns are unique in it: one row per parent), for
 *   MAX_LEVELS levels below a root or named table (deeper ones: as many as
 *   their parent, so a long chain does not swallow the size);
 * - a table `--rows TABLE=N` (or the configuration) names keeps N, and its
 *   children follow it.
 *
 * A self-reference, a lookup parent and the edge that closes a foreign-key
 * cycle are left out of the fan-out.
 */

import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';

/** Rows of a child per row of its parent. */
export const FAN_OUT = 5;
/** Levels of fan-out below a root (or a named table): a deeper child has its parent's rows. */
export const MAX_LEVELS = 3;
/** A lookup's rows, at every size. */
export const LOOKUP_ROWS = 100;
/** A lookup has at most this many columns (`id, code, name, description`). */
export const LOOKUP_COLUMNS = 4;
/** A lookup is referenced by at least this many other tables. */
export const LOOKUP_REFERRERS = 2;

export interface GraphRatios {
  /** Rows by `schema.table` for every table not named. */
  readonly rows: Record<string, number>;
  /** The lookups among them (`schema.table`): their rows do not scale. */
  readonly lookups: readonly string[];
}

/** True when `fk`'s columns hold a unique key of `table` (its primary key or a UNIQUE): one row per parent row. */
function oneToOne(table: Table, fk: ForeignKey): boolean {
  const keys = tableKeys(table);
  return keys.some(
    (k) =>
      k.where === null &&
      k.columns.length > 0 &&
      k.columns.every((c) => c !== null && fk.columns.includes(c)),
  );
}

/**
 * Rows for `tables` (the ones that get rows; partitions are filled through
 * their root and not listed) from their foreign keys. `named`: the rows
 * asked for tables by name, which are kept and which their children follow.
 */
export function graphRatios(
  tables: readonly Table[],
  named: ReadonlyMap<Table, number>,
  defaultRows: number,
): GraphRatios {
  const byKey = new Map(tables.map((t) => [nameKey(t), t]));
  const parentEdges = new Map<Table, { parent: Table; fk: ForeignKey }[]>();
  const referrers = new Map<Table, Set<Table>>();
  for (const t of tables) {
    const edges: { parent: Table; fk: ForeignKey }[] = [];
    for (const fk of t.foreignKeys) {
      const parent = byKey.get(nameKey(fk.references));
      if (parent === undefined || parent === t) continue;
      edges.push({ parent, fk });
      const set = referrers.get(parent) ?? new Set();
      set.add(t);
      referrers.set(parent, set);
    }
    parentEdges.set(t, edges);
  }
  const isLookup = (t: Table) =>
    !named.has(t) &&
    (parentEdges.get(t) ?? []).length === 0 &&
    (referrers.get(t)?.size ?? 0) >= LOOKUP_REFERRERS &&
    t.columns.filter((c) => c.generated === null).length <= LOOKUP_COLUMNS &&
    tables.every((c) => (parentEdges.get(c) ?? []).every((e) => e.parent !== t || !oneToOne(c, e.fk)));
  const lookups = new Set(tables.filter(isLookup));
  // Rows and levels below a root or a named table (fan-out stops after MAX_LEVELS).
  const done = new Map<Table, { rows: number; level: number }>();
  const visiting = new Set<Table>();
  const sized = (t: Table): { rows: number; level: number } => {
    const given = named.get(t);
    if (given !== undefined) return { rows: given, level: 0 };
    const known = done.get(t);
    if (known !== undefined) return known;
    if (lookups.has(t)) return { rows: LOOKUP_ROWS, level: 0 };
    visiting.add(t);
    let best: { rows: number; level: number } | undefined;
    for (const { parent, fk } of parentEdges.get(t) ?? []) {
      if (lookups.has(parent) || visiting.has(parent)) continue;
      const p = sized(parent);
      const fan = oneToOne(t, fk) || p.level >= MAX_LEVELS ? 1 : FAN_OUT;
      const here = { rows: p.rows * fan, level: p.level + (fan === 1 ? 0 : 1) };
      if (best === undefined || here.rows > best.rows) best = here;
    }
    visiting.delete(t);
    const result = best ?? { rows: defaultRows, level: 0 };
    done.set(t, result);
    return result;
  };
  const result: Record<string, number> = {};
  // Keyed as `--rows` reads a name (`a."b.c"`, `"a.b".c`), so a dot or quote in a name is not misread.
  for (const t of tables) if (!named.has(t)) result[quoteQualified(t)] = sized(t).rows;
  return { rows: result, lookups: [...lookups].map(quoteQualified) };
}
