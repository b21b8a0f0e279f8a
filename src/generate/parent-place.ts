/**
 * Places that agree across tables: a `city` row names a city of the country
 * its `country_id` picks (pagila's city → country), and an address's
 * region follows its city's country. A table's country is its own country
 * column (name or code) when it has one, else the country of the first
 * parent (through an own-picked FK, see parent-time.ts) that has one, at
 * the parent row the FK picks. Nothing is stored: the parent's value
 * function is called at the picked row, as foreign keys do.
 */

import type { ForeignKeyPlan } from '../plan/plan-model.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { newParentPick } from './existing-parents.js';
import { ownPickedParents, type ParentTimeDeps } from './parent-time.js';

/** A row's country as a column of its table or an ancestor writes it (name or code), or null/undefined. */
export type CountryOf = (row: number) => string | null | undefined;

const COUNTRY_KINDS: readonly SemanticKind[] = ['country', 'country_code'];

/**
 * Per table, the country its parents give a row (undefined when no parent
 * chain reaches a table with a country column). A table's own country column
 * is not in it: its generators read that as a sibling.
 *
 * @example createParentCountries(deps)(city)?.(0) // 'Japan': the name of the country row 0's country_id picks
 */
export function createParentCountries(deps: ParentTimeDeps): (tableIndex: number) => CountryOf | undefined {
  const parentMemo = new Map<number, CountryOf | undefined>();
  const ownMemo = new Map<number, CountryOf | undefined>();

  /** A table's own country column, else its parents'. */
  function countryOf(tableIndex: number): CountryOf | undefined {
    if (ownMemo.has(tableIndex)) return ownMemo.get(tableIndex);
    const column = deps.plan.tables[tableIndex]?.columns.find(
      (c) => c.written && COUNTRY_KINDS.includes(deps.kindOf(tableIndex, c.column.name) as SemanticKind),
    );
    let own: CountryOf | undefined;
    if (column) {
      let fn: ((row: number) => string | null) | undefined;
      // Resolved on first use: the column's function may not be built yet.
      own = (row) => {
        fn ??= deps.valueOf(tableIndex, column.column.name);
        return fn(row);
      };
    } else {
      own = parentCountry(tableIndex);
    }
    ownMemo.set(tableIndex, own);
    return own;
  }

  function parentCountry(tableIndex: number): CountryOf | undefined {
    if (parentMemo.has(tableIndex)) return parentMemo.get(tableIndex);
    // Own-picked FKs never loop back (parent-time.ts), so the recursion ends.
    parentMemo.set(tableIndex, undefined);
    let found: CountryOf | undefined;
    for (const fkIndex of ownPickedParents(deps.plan, tableIndex)) {
      const fkPlan = deps.plan.tables[tableIndex]?.foreignKeys[fkIndex] as ForeignKeyPlan;
      const country = countryOf(fkPlan.parent);
      if (country === undefined) continue;
      // An existing parent's country is not known (--append): only new parent rows say it.
      const pick = newParentPick(fkPlan, deps.pickOf(tableIndex, fkIndex));
      found = (row) => {
        const j = pick(row);
        return j < 0 ? undefined : country(j);
      };
      break;
    }
    parentMemo.set(tableIndex, found);
    return found;
  }

  return parentCountry;
}
