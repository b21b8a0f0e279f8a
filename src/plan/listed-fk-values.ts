/**
 * A foreign-key column restricted to a list of values (`kind IN ('photos',
 * 'locations')`, or LIST partitions `FOR VALUES IN ('photos')`) can only
 * point to parent rows holding those values. The parent is generated too:
 * its key column's first rows take the listed values (`hints.holds`, the
 * other rows never do), and the child then draws from its list, every value
 * of which the parent holds.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { partitionRouting } from './partition-choices.js';
import type { TablePlan } from './plan-model.js';

/** The values a table's column is restricted to: its CHECK list, or its LIST partitions' values. */
export function listedValues(
  table: Table,
  column: string,
  hints: ReadonlyMap<string, ColumnHints>,
  partitions: readonly Table[],
  childrenOf: (t: Table) => readonly Table[],
): readonly string[] | undefined {
  const oneOf = hints.get(column)?.oneOf;
  let listed: readonly string[] | undefined;
  if (table.partitionBy?.strategy === 'list') {
    const routing = partitionRouting(table, partitions, childrenOf);
    if (routing.column === column && routing.problem === null && routing.choices.length > 0) {
      const lists = routing.choices.map((c) => (c.kind === 'list' ? c.values : null));
      if (lists.every((l) => l !== null)) listed = [...new Set(lists.flat())];
    }
  }
  if (listed && oneOf) return listed.filter((v) => oneOf.includes(v));
  return listed ?? oneOf;
}

export interface HeldDemand {
  /** Index of the parent table, and its referenced column. */
  readonly parent: number;
  readonly column: string;
  readonly values: readonly string[];
}

/** The demands on each parent column as one, their values united (first seen first). */
function mergedDemands(demands: readonly HeldDemand[]): HeldDemand[] {
  const merged = new Map<string, HeldDemand>();
  for (const d of demands) {
    const key = `${d.parent}\u0000${d.column}`;
    const before = merged.get(key)?.values ?? [];
    merged.set(key, { ...d, values: [...new Set([...before, ...d.values])] });
  }
  return [...merged.values()];
}

/**
 * Adds the listed values children demand to their parents' key-column hints
 * (`holds`, and `exclude` so the other rows never repeat them); with
 * --append, `heldBy` tells the values the parent's rows in the target hold. A parent
 * column fed by a sequence, or whose own CHECK list lacks a value, is left
 * alone: its children keep drawing parent rows.
 */
export function holdDemandedValues(
  demands: readonly HeldDemand[],
  tables: readonly Table[],
  hintsOf: (table: number) => Map<string, ColumnHints>,
  heldBy: (parent: number, column: string) => (value: string) => boolean = () => () => false,
): void {
  for (const d of mergedDemands(demands)) {
    const column = tables[d.parent]?.columns.find((c) => c.name === d.column);
    if (!column || column.sequence || column.generated) continue;
    const hints = hintsOf(d.parent);
    const h = hints.get(d.column) ?? {};
    if (h.oneOf && !d.values.every((v) => h.oneOf?.includes(v))) continue;
    // Its own list is all the child lists (an enum table and its children's CHECK IN): its rows are that list
    // already; held and excluded, its other rows would have no value left (1 row, NULL in its key).
    if (h.oneOf?.every((v) => d.values.includes(v))) continue;
    if (d.values.some((v) => h.exclude?.includes(v))) continue;
    // --append: the values the target's rows hold already are never made again (its new rows hold the rest).
    const held = heldBy(d.parent, d.column);
    const holds = d.values.filter((v) => !held(v));
    hints.set(d.column, {
      ...h,
      ...(holds.length > 0 ? { holds } : {}),
      exclude: [...(h.exclude ?? []), ...d.values],
    });
  }
}

/**
 * Values a child FK column's CHECKs keep out (`<>`, `NOT IN`) kept out of
 * the parent's referenced column as well, where nothing else decides it (no
 * sequence, identity or generation, no listed or held values): a child whose
 * FK a unique key decides cannot pick another parent row (plan-table.ts,
 * `exclusionHeldByParent`).
 */
export function excludeDemandedValues(
  demands: readonly HeldDemand[],
  tables: readonly Table[],
  hintsOf: (table: number) => Map<string, ColumnHints>,
): void {
  for (const d of mergedDemands(demands)) {
    const column = tables[d.parent]?.columns.find((c) => c.name === d.column);
    if (!column || column.sequence || column.identity || column.generated) continue;
    const hints = hintsOf(d.parent);
    const h = hints.get(d.column) ?? {};
    if (h.oneOf || h.holds) continue;
    const values = d.values.filter((v) => !h.exclude?.includes(v));
    if (values.length > 0) hints.set(d.column, { ...h, exclude: [...(h.exclude ?? []), ...values] });
  }
}

/**
 * A composite FK's column restricted to a list (a subtype table's
 * `CHECK (model_name = 'Grant')` in `(tenant_id, model_name, id) →
 * instances(tenant_id, model_name, id)`): the parent's column, when nothing
 * else decides it (not a key of its own, not in the parent's FKs, no
 * sequence), takes its values from what its children list (their union,
 * within its own list), so the child's picks find parent rows that hold them.
 */
export function listDemandedValues(
  demands: readonly HeldDemand[],
  tables: readonly Table[],
  hintsOf: (table: number) => Map<string, ColumnHints>,
  listedByParent: (table: number, column: string) => readonly string[] | undefined = () => undefined,
): void {
  for (const d of mergedDemands(demands)) {
    const table = tables[d.parent];
    const column = table?.columns.find((c) => c.name === d.column);
    if (!table || !column || column.sequence || column.identity || column.generated) continue;
    const keys = tableKeys(table);
    if (keys.some((k) => k.columns.length === 1 && k.columns[0] === d.column)) continue;
    // In an FK of its own, only one to an enum table listing every value (Boundary's iam_role_global.grant_scope
    // → iam_role_global_grant_scope_enm): the column then draws from the list, which that table's rows are.
    const inFks = table.foreignKeys.filter((fk) => fk.columns.includes(d.column));
    const enumList = inFks.length > 0 ? listedByParent(d.parent, d.column) : undefined;
    if (inFks.length > 0 && !d.values.every((v) => enumList?.includes(v))) continue;
    const hints = hintsOf(d.parent);
    const h = hints.get(d.column) ?? {};
    // Such a column takes the values every child lists where there are any: a child whose key picks its parent
    // row (so it cannot pick again) then meets its list in every row.
    const common = d.values.filter((v) =>
      demands.every((e) => e.parent !== d.parent || e.column !== d.column || e.values.includes(v)),
    );
    const demanded = inFks.length > 0 && common.length > 0 ? common : d.values;
    const values = demanded.filter((v) => (!h.oneOf || h.oneOf.includes(v)) && !h.exclude?.includes(v));
    if (values.length === 0 || h.holds) continue;
    hints.set(d.column, { ...h, oneOf: values, ...(inFks.length > 0 ? { listedByChildren: true } : {}) });
  }
}

/**
 * Whether the parent's planned rows hold every listed value: its column is
 * a unique key of its own whose first rows take them (--append: those the
 * target's rows do not hold, `held`).
 */
export function parentHolds(
  fk: ForeignKey,
  parent: TablePlan | undefined,
  values: readonly string[],
  held: (value: string) => boolean = () => false,
): boolean {
  values = values.filter((v) => !held(v));
  if (values.length === 0) return true;
  const plan = parent?.columns.find((c) => c.column.name === fk.referencedColumns[0]);
  const source = plan?.source;
  if (!parent || !plan || source?.kind !== 'unique') return false;
  const driver = parent.drivers[source.driver];
  if (driver?.components.length !== 1) return false;
  // Its rows are its own list (an enum table, every label once: its key's space is no more than its rows).
  const list = plan.hints.oneOf;
  if (
    !plan.hints.holds &&
    list !== undefined &&
    (plan.hints.exclude?.length ?? 0) === 0 &&
    list.length <= parent.rows &&
    (driver.components[0]?.space ?? Number.POSITIVE_INFINITY) <= parent.rows &&
    values.every((v) => list.includes(v))
  )
    return true;
  const holds = plan.hints.holds ?? [];
  return values.every((v) => {
    const at = holds.indexOf(v);
    return at >= 0 && at < parent.rows;
  });
}
