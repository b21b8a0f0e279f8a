/**
 * A child's unique key over part of a composite FK whose parent columns are
 * no key of the parent (Inbox Zero: `AutomationJob UNIQUE (emailAccountId)`
 * beside its FK `(messagingChannelId, emailAccountId) → MessagingChannel (id,
 * emailAccountId)`): distinct parent rows need not differ in those columns,
 * so the key had no component and the table got one row. When the parent
 * takes those columns from an FK of its own (`MessagingChannel.emailAccountId
 * → EmailAccount`), that FK's first rows can pick distinct rows of its parent
 * (`distinctFirst`: row r < min(rows, parent rows) picks a keyed permutation
 * of r, generate/row-picks.ts); the parent rows in that prefix then differ in
 * the child's key columns, and the child's FK is a key component over them
 * (one row per email account, as the unique allows). A single-component key
 * of the parent that picks the FK (distinct over every row) serves the same.
 */

import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import type { ForeignKeyPlan, TablePlan } from './plan-model.js';
import type { TableFamily } from './table-family.js';
import type { Draft } from './table-work.js';

/**
 * `parent:fk` of every parent FK some child's unique key would read through a composite FK: the FK's
 * columns among the parent columns the key's columns map to. Decided once from the schema (the parent
 * checks at planning whether its FK can take distinct first picks).
 */
export function distinctPrefixDemands(family: TableFamily, drafts: readonly Draft[]): Set<string> {
  const demands = new Set<string>();
  for (const draft of drafts) {
    if (draft.filledThrough !== null) continue;
    const table = draft.table;
    const keys = tableKeys(table).filter((k) => k.where === null && k.columns.every((c) => c !== null));
    family.foreignKeysOf(table).forEach((fk, i) => {
      const parent = family.parentIndex(table, i);
      const parentTable = drafts[parent]?.table;
      if (parent < 0 || parent === draft.index || !parentTable || fk.columns.length < 2) return;
      for (const key of keys) {
        const mapped = mappedKeyColumns(fk, key.columns as readonly string[]);
        if (mapped.size === 0 || mapped.size === fk.columns.length) continue;
        family.foreignKeysOf(parentTable).forEach((own, j) => {
          const grand = family.parentIndex(parentTable, j);
          if (grand >= 0 && grand !== parent && own.columns.every((c) => mapped.has(c)))
            demands.add(`${parent}:${j}`);
        });
      }
    });
  }
  return demands;
}

/** The parent columns an FK maps the key's columns to. */
function mappedKeyColumns(fk: ForeignKey, keyColumns: readonly string[]): Set<string> {
  return new Set(
    fk.columns.flatMap((c, k) => (keyColumns.includes(c) ? [fk.referencedColumns[k] as string] : [])),
  );
}

/**
 * Whether a parent's FK plan may take distinct first picks: a plain hash pick (no window, fan-out setting,
 * held rows, tree) over columns only it decides and no CHECK reads (the row engine never picks it again).
 */
export function takesDistinctFirst(
  plan: ForeignKeyPlan,
  fkIndex: number,
  selfIndex: number,
  decidedBy: (column: string) => number | undefined,
  checked: (column: string) => boolean,
): boolean {
  return (
    plan.pick.kind === 'hash' &&
    plan.window === undefined &&
    plan.fanOut === undefined &&
    plan.existing === undefined &&
    plan.parent !== selfIndex &&
    plan.fk.columns.every((c) => decidedBy(c) === fkIndex && !checked(c))
  );
}

/** Parent rows [0, n) of an FK plan whose picks differ (undefined: none known to). */
function distinctRows(
  plans: readonly TablePlan[],
  parent: TablePlan,
  fk: ForeignKeyPlan,
): number | undefined {
  if (fk.distinctFirst || fk.sameRowsFirst) return Math.min(parent.rows, plans[fk.parent]?.rows ?? 0);
  if (fk.pick.kind !== 'driver') return undefined;
  const driver = parent.drivers[fk.pick.driver];
  return driver?.components.length === 1 ? parent.rows : undefined;
}

/**
 * How many rows of a child FK's parent differ in the columns the child's key maps to (from the pass
 * before): the child's FK is then a key component over those first rows. Undefined when none is known.
 */
export function distinctParentPrefix(
  previous: readonly TablePlan[] | null,
  fk: ForeignKey | undefined,
  parent: number,
  keyColumns: readonly string[],
): number | undefined {
  const plan = previous?.[parent];
  if (!fk || !plan || !previous || nameKey(fk.references) !== nameKey(plan.table)) return undefined;
  const mapped = mappedKeyColumns(fk, keyColumns);
  // The parent's columns must take this FK's values (not a pinned tenant value, not another FK's).
  const from = (column: string, index: number) => {
    const source = plan.columns.find((c) => c.column.name === column)?.source;
    return source?.kind === 'foreign-key' && source.fk === index;
  };
  let best: number | undefined;
  for (const [index, own] of plan.foreignKeys.entries()) {
    if (own.parent === parent || !own.fk.columns.every((c) => mapped.has(c) && from(c, index))) continue;
    const n = distinctRows(previous, plan, own);
    if (n !== undefined && n > 0) best = Math.max(best ?? 0, n);
  }
  return best;
}
