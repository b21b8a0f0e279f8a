/**
 * Columns that two composite foreign keys of one table share (Quartz's
 * `sched_name` is in every FK) cannot take each FK's parent value at once.
 * Their whole equivalence class (the columns FKs tie together, across tables)
 * is pinned to one value, so every FK that contains it agrees.
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { ForeignKey, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { RowRandom, streamKey } from '../values/random.js';
import { createValueGenerator } from '../values/types/index.js';

/** Map from `nameKey(table) + '\0' + column` to the pinned value (text form). */
export function findPinnedColumns(schema: Schema, seed: number, lookup: TypeLookup): Map<string, string> {
  const parentOf = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parentOf.has(root) && parentOf.get(root) !== root) root = parentOf.get(root) as string;
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parentOf.set(ra, rb);
  };
  const conflicted = new Set<string>();
  const tablesByKey = new Map(schema.tables.map((t) => [nameKey(t), t]));
  for (const table of schema.tables) {
    // Every earlier FK on the column, not only the last: (a, p), p, (b, p) conflict through the first and the third.
    const seen = new Map<string, number[]>();
    table.foreignKeys.forEach((fk, i) => {
      fk.columns.forEach((col, k) => {
        const child = nameKey(table) + '\u0000' + col;
        const parent = nameKey(fk.references) + '\u0000' + (fk.referencedColumns[k] ?? '');
        union(child, parent);
        const before = seen.get(col) ?? [];
        if (before.some((b) => b !== i && !implied(table.foreignKeys, b, i, col, tablesByKey))) {
          conflicted.add(child);
        }
        seen.set(col, [...before, i]);
      });
    });
  }
  if (conflicted.size === 0) return new Map();
  const pinnedRoots = new Set([...conflicted].map(find));
  const members = new Map<string, string[]>();
  for (const key of parentOf.keys()) {
    const root = find(key);
    if (pinnedRoots.has(root)) members.set(root, [...(members.get(root) ?? []), key]);
  }
  for (const root of pinnedRoots) if (!members.get(root)?.includes(root)) members.get(root)?.push(root);

  const result = new Map<string, string>();
  const random = new RowRandom();
  for (const [root, keys] of members) {
    const [tableKey, column] = splitKey(root);
    const table = schema.tables.find((t) => nameKey(t) === tableKey);
    const col = table?.columns.find((c) => c.name === column);
    if (!col) continue;
    const base = resolveDomains(col.type, lookup).base;
    const value = createValueGenerator(base, lookup).random(random.at(streamKey(seed, 'pinned', root), 0));
    for (const key of keys) result.set(key, value);
  }
  return result;
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}

/**
 * Whether one of two FKs sharing `column` holds whenever the other does
 * (two plain FKs: the planner intersects their parents' keys);
 * a plain FK (`org_id → orgs(id)`) is implied by a composite one that
 * contains the column (`(m_id, org_id) → m(id, org_id)`) when the parent's
 * matching column has that same plain FK (`m.org_id → orgs(id)`). The
 * column then follows the composite FK (the planner sources wider FKs
 * first) and need not be pinned.
 */
function implied(
  fks: readonly ForeignKey[],
  a: number,
  b: number,
  column: string,
  tables: ReadonlyMap<string, Table>,
): boolean {
  const x = fks[a];
  const y = fks[b];
  if (!x || !y) return false;
  // Two plain FKs on one column (a duplicate, or FKs to two parents): the
  // planner draws the column from the first parent's keys that the others
  // hold too (fk-sourcing.ts, intersectParentKeys).
  if (x.columns.length === 1 && y.columns.length === 1) return true;
  const [plain, wide] =
    x.columns.length === 1 ? [x, y] : y.columns.length === 1 ? [y, x] : [undefined, undefined];
  if (!plain || !wide || wide.columns.length < 2) return false;
  const parentColumn = wide.referencedColumns[wide.columns.indexOf(column)];
  const parent = tables.get(nameKey(wide.references));
  return (
    parent?.foreignKeys.some(
      (f) =>
        f.columns.length === 1 &&
        f.columns[0] === parentColumn &&
        nameKey(f.references) === nameKey(plain.references) &&
        f.referencedColumns[0] === plain.referencedColumns[0],
    ) === true
  );
}
