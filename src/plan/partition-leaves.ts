/**
 * Version 3: the first rows of a partition tree reach every leaf. A root's
 * first rows take its partitions in turn; a partition that is partitioned
 * again (a DEFAULT partition by RANGE of a date) takes one of those rows
 * per sub-partition, its sub-partition key set to match, instead of a
 * second-level key drawn apart from the first (which left sub-partitions
 * of small tables empty).
 */
import type { Table } from '../schema/model.js';

/** A partitioned partition's sub-partition key: its bounded choices' indexes in the column's list, and its DEFAULTs. */
export interface SubRoute {
  readonly column: string;
  readonly bounded: readonly number[];
  /** Sub-partitions that take any value (a DEFAULT, HASH partitions). */
  readonly anys: number;
}

export interface LeafRows {
  /** The root choice of row i. */
  readonly root: readonly number[];
  /** A sub-partition key column's choice of row i (-1: by hash, the row's partition is not partitioned). */
  readonly sub: ReadonlyMap<string, readonly number[]>;
}

/**
 * The first rows' choices: one row per leaf, in the root's choice order. `anyIndex(column)` is the column's
 * choice that takes any value. Undefined when no partition is partitioned again (row i takes choice i).
 */
export function partitionLeafRows(
  routes: readonly Table[],
  subOf: ReadonlyMap<Table, SubRoute>,
  anyIndex: (column: string) => number,
): LeafRows | undefined {
  if (subOf.size === 0) return undefined;
  const root: number[] = [];
  const picks: { column: string; choice: number }[] = [];
  routes.forEach((partition, r) => {
    const sub = subOf.get(partition);
    if (!sub) {
      root.push(r);
      picks.push({ column: '', choice: -1 });
      return;
    }
    const choices = [...sub.bounded, ...Array.from({ length: sub.anys }, () => anyIndex(sub.column))];
    for (const choice of choices) {
      root.push(r);
      picks.push({ column: sub.column, choice });
    }
  });
  const columns = new Set([...subOf.values()].map((s) => s.column));
  const sub = new Map(
    [...columns].map((column) => [column, picks.map((p) => (p.column === column ? p.choice : -1))] as const),
  );
  return { root, sub };
}
