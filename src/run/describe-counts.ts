/**
 * Version 30: how `datagen plan` tells a parent's count of its children
 * (`posts.comment_count`): exactly the rows of the child table that point at
 * it (generate/counted-children.ts), or why that count is unknowable.
 */
import { childRowsOf } from '../generate/child-rows.js';
import { countedForeignKeyBlock } from '../generate/counted-children.js';
import { createRowPicks } from '../generate/row-picks.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import type { Column } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { countedNoun, tableHoldsNoun } from '../values/semantic/child-counts30.js';
import { nameTokens } from '../values/semantic/column-names.js';

/** How the plan names a count its child rows make (never NULL: generate/compile-column.ts). */
export const COUNTED_CHILDREN = ' point at it (exactly';

/** The plan's words for a parent's count of its children (version 30), or ''. */
export function countedChildrenText(plan: GenerationPlan, tableIndex: number, column: Column): string {
  const noun = countedNoun(nameTokens(column.name));
  if (noun === null) return '';
  const picks = createRowPicks(plan);
  const deps = { plan, exactFanOut: picks.exactFanOut, valueOf: () => () => null };
  const counted = childRowsOf(deps, tableIndex, (child) => tableHoldsNoun(child, noun));
  if (counted !== undefined)
    return `, how many rows of ${displayName(counted.table)}${COUNTED_CHILDREN}, never NULL)`;
  for (const [childIndex, child] of plan.tables.entries()) {
    if (childIndex === tableIndex || !tableHoldsNoun(child.table, noun)) continue;
    const fk = child.foreignKeys.findIndex((f) => f.parent === tableIndex);
    if (fk < 0) continue;
    const why = countedForeignKeyBlock(child, fk) ?? 'its rows are picked another way';
    return `, not the count of the rows of ${displayName(child.table)} pointing at it (unknowable: ${why})`;
  }
  return '';
}
