/**
 * Version 9: a row reads a column of the rows its foreign keys lead to,
 * through up to three tables (a rental's return after its film's
 * `rental_duration`: rental → inventory → film; a payment's amount from the
 * film's `rental_rate`). The nearest table first, in the order of its FKs;
 * only own-picked FKs (parent-time.ts), so no loop. Nothing is stored: each
 * FK's pick is called at the row, then the ancestor's value function at the
 * row reached, as parent-place.ts does for a country.
 */

import type { ForeignKeyPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import type { AncestorColumn, AncestorTest } from '../values/semantic/index.js';
import { newParentPick } from './existing-parents.js';
import { ownPickedParents, type ParentTimeDeps } from './parent-time.js';

/** FK hops an ancestor may be away (a payment → its rental → its inventory → its film). */
const MAX_HOPS = 3;

/** Where an ancestor's column is: the FKs followed from the table (its own, then each parent's), and the column. */
export interface AncestorPath {
  readonly hops: readonly { readonly table: number; readonly fk: number }[];
  readonly parent: number;
  readonly column: string;
}

/**
 * The first column `accepts` of the tables a table's rows lead to (nearest
 * first, each table's FKs in order), or undefined. Reads only the plan, so
 * `datagen plan` names what `generate` reads.
 */
export function findAncestorColumn(
  plan: GenerationPlan,
  kindOf: ParentTimeDeps['kindOf'],
  tableIndex: number,
  accepts: AncestorTest,
): AncestorPath | undefined {
  const seen = new Set<number>([tableIndex]);
  const queue: { readonly table: number; readonly hops: AncestorPath['hops'] }[] = [
    { table: tableIndex, hops: [] },
  ];
  for (let at = 0; at < queue.length; at++) {
    const from = queue[at] as (typeof queue)[number];
    if (from.hops.length >= MAX_HOPS) continue;
    const fks = plan.tables[from.table]?.foreignKeys ?? [];
    for (const fk of ownPickedParents(plan, from.table)) {
      const parent = (fks[fk] as ForeignKeyPlan).parent;
      if (seen.has(parent)) continue;
      seen.add(parent);
      const hops = [...from.hops, { table: from.table, fk }];
      const p = plan.tables[parent];
      const column = p?.columns.find(
        (c) => c.written && accepts(p.table, c.column, kindOf(parent, c.column.name)),
      );
      if (column) return { hops, parent, column: column.column.name };
      queue.push({ table: parent, hops });
    }
  }
  return undefined;
}

/**
 * The first column `accepts` of the tables a table's rows lead to (see
 * findAncestorColumn), read at the row reached; undefined when none.
 *
 * @example createAncestorColumns(deps)(rental, (t, c) => c.name === 'rental_duration')?.read(0) // '5'
 */
export function createAncestorColumns(
  deps: ParentTimeDeps,
): (tableIndex: number, accepts: AncestorTest) => AncestorColumn | undefined {
  return (tableIndex, accepts) => {
    const path = findAncestorColumn(deps.plan, deps.kindOf, tableIndex, accepts);
    if (path === undefined) return undefined;
    // An existing parent's values are not known (--append): only new parent rows lead on.
    const picks = path.hops.map(({ table, fk }) =>
      newParentPick(deps.plan.tables[table]?.foreignKeys[fk] as ForeignKeyPlan, deps.pickOf(table, fk)),
    );
    let fn: ((row: number) => string | null) | undefined;
    return {
      table: (deps.plan.tables[path.parent] as TablePlan).table.name,
      column: path.column,
      read: (row) => {
        let j = row;
        for (const pick of picks) {
          j = pick(j);
          if (j < 0) return undefined;
        }
        // Resolved on first use: the ancestor's function may not be built yet.
        fn ??= deps.valueOf(path.parent, path.column);
        return fn(j);
      },
    };
  };
}
