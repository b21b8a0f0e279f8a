/**
 * A column with foreign keys to two parents whose keys are not integers
 * counting up (`posts.id text REFERENCES items REFERENCES commentables`, uuid
 * keys): no window of either parent's rows is known to hold the other's
 * keys, so both parents are made to hold a list of shared values instead.
 * The list joins the column's hints as its value list; listed-fk-values.ts
 * then puts the values in both parents' first rows (`holds`) and the child
 * draws from the list, as for a CHECK IN list.
 *
 * Only for parents whose key columns have the same type and no CHECKs of
 * their own: the shared values are that type's unique values, valid in
 * both. Others keep the "cannot be intersected" warning.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { columnUniqueGenerator } from '../values/column-generators.js';
import { INTEGER_TYPES } from './key-capacity.js';

/** Shared values at most: each costs the parents a row. */
const MAX_SHARED = 1000;

export interface SharedKeyContext {
  readonly table: Table;
  readonly fks: readonly ForeignKey[];
  /** The table an FK's parent is, and its rows asked for, by FK index (undefined when not in the schema). */
  parent(
    fk: number,
  ):
    | { readonly table: Table; readonly rows: number; readonly hints: ReadonlyMap<string, ColumnHints> }
    | undefined;
  readonly hints: Map<string, ColumnHints>;
  readonly lookup: TypeLookup;
  /** The value generators' version (the shared values are the keys' own values of it). */
  readonly generatorVersion: number;
}

/** Sets a value list on every column with FKs to two parents it can share non-integer keys of. */
export function shareParentKeys(ctx: SharedKeyContext): void {
  const byColumn = new Map<string, number[]>();
  ctx.fks.forEach((fk, i) => {
    if (fk.columns.length !== 1) return;
    const column = fk.columns[0] as string;
    byColumn.set(column, [...(byColumn.get(column) ?? []), i]);
  });
  for (const [column, fkIndexes] of byColumn) {
    const parents = fkIndexes.map((i) => ({ fk: ctx.fks[i] as ForeignKey, parent: ctx.parent(i) }));
    const distinct = new Set(
      parents.map((p) => `${nameKey(p.fk.references)}\u0000${p.fk.referencedColumns[0]}`),
    );
    if (distinct.size < 2 || (ctx.hints.get(column)?.oneOf ?? null) !== null) continue;
    const keys = parents.map(({ fk, parent }) => {
      const name = fk.referencedColumns[0] as string;
      const col = parent?.table.columns.find((c) => c.name === name);
      const hints = parent?.hints.get(name) ?? {};
      return parent && col && !col.sequence && !col.generated && Object.keys(hints).length === 0
        ? { parent, col, base: resolveDomains(col.type, ctx.lookup).base }
        : undefined;
    });
    const first = keys[0];
    if (!first || keys.some((k) => k === undefined)) continue;
    const sameType = keys.every(
      (k) =>
        k?.base.name === first.base.name &&
        k.base.arrayDims === 0 &&
        k.base.typmods.join() === first.base.typmods.join(),
    );
    if (!sameType || INTEGER_TYPES.has(first.base.name)) continue;
    const count = Math.min(MAX_SHARED, ...keys.map((k) => k?.parent.rows ?? 0));
    if (count === 0) continue;
    const unique = columnUniqueGenerator(first.parent.table, first.col, first.base, {}, ctx.lookup, {
      preferSemantic: false,
      rows: count,
      generatorVersion: ctx.generatorVersion,
    });
    const n = Math.min(count, unique.space);
    // Spread over the value space, as the keys' own bijection spreads them (a space past 2^52: the first n).
    const spread = Number.isFinite(unique.space) && unique.space <= 2 ** 52;
    const values = Array.from({ length: n }, (_, i) =>
      unique.value(spread ? Math.floor((i * unique.space) / n) : i),
    );
    ctx.hints.set(column, { ...(ctx.hints.get(column) ?? {}), oneOf: values });
  }
}
