/**
 * A table's rows as a multiple of its parent table's (`.datagen.yaml`:
 * `tables.order_items.rows: {per_parent: 3}`): resolved once every table's
 * own count is known, parents before children, so a chain of them
 * (order_items per orders per customers) follows the root's count.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { RowsPerParent, TableConfig } from '../input/spec/config-file.js';
import type { Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { findTable, nearestTables } from './row-counts.js';

/** The one table `table`'s foreign keys reference (itself left out), or an error saying which to name. */
function parentOf(table: Table, setting: RowsPerParent, tables: readonly Table[]): Table {
  const where = `${setting.where}: tables.${displayName(table)}.rows`;
  if (setting.parent !== undefined) {
    const matches = findTable(setting.parent, tables);
    if (matches.length !== 1)
      throw new DatagenError(
        ErrorCodes.UNKNOWN_TABLE,
        matches.length === 0
          ? `${where}: parent: no table "${setting.parent}" in the schema. Did you mean: ${nearestTables(setting.parent, tables).join(', ')}?`
          : `${where}: parent: "${setting.parent}" is ambiguous (${matches.map(displayName).join(', ')}); qualify it with its schema.`,
        {},
      );
    return matches[0] as Table;
  }
  const own = nameKey(table);
  const parents = [...new Set(table.foreignKeys.map((fk) => nameKey(fk.references)))].filter(
    (k) => k !== own,
  );
  const found = parents.map((k) => tables.find((t) => nameKey(t) === k)).filter((t) => t !== undefined);
  if (found.length !== 1)
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      found.length === 0
        ? `${where}: per_parent needs a parent table, and ${displayName(table)} has no foreign key to another table: give its rows as a number`
        : `${where}: ${displayName(table)} references ${found.map(displayName).join(', ')}: name the one its rows follow with parent: (e.g. parent: ${displayName(found[0] as Table)})`,
      {},
    );
  return found[0] as Table;
}

/**
 * Sets `rows[i]` of every table configured per parent row (and not named by
 * `--rows`, which wins: `explicit`) to round(per_parent × its parent's rows).
 * A cycle of such settings is an error naming it.
 */
export function applyRowsPerParent(
  tables: readonly Table[],
  rows: number[],
  explicit: boolean[],
  settings: Readonly<Record<string, TableConfig>> | undefined,
): void {
  const perParent = new Map<number, RowsPerParent>();
  for (const [name, config] of Object.entries(settings ?? {})) {
    if (config.rowsPerParent === undefined) continue;
    const matches = findTable(name, tables);
    if (matches.length !== 1) continue; // the configuration's table names are checked where its settings are
    const index = tables.indexOf(matches[0] as Table);
    if (!explicit[index]) perParent.set(index, config.rowsPerParent);
  }
  const done = new Set<number>();
  const resolve = (index: number, path: readonly number[]): number => {
    const setting = perParent.get(index);
    if (setting === undefined || done.has(index)) return rows[index] as number;
    if (path.includes(index))
      throw new DatagenError(
        ErrorCodes.BAD_OPTION,
        `${setting.where}: rows per parent row go round in a circle (${[
          ...path.slice(path.indexOf(index)),
          index,
        ]
          .map((i) => displayName(tables[i] as Table))
          .join(' → ')}): give one of them its rows as a number`,
        {},
      );
    const parent = tables.indexOf(parentOf(tables[index] as Table, setting, tables));
    const count = Math.round(setting.perParent * resolve(parent, [...path, index]));
    rows[index] = count;
    explicit[index] = true;
    done.add(index);
    return count;
  };
  for (const index of perParent.keys()) resolve(index, []);
}
