/**
 * Integer keys that count up (1, 2, 3, … in row order) when a key is driven by one of them alone: an
 * integer column, not one holding a moment (epoch seconds, spread by the keyed bijection instead). Under
 * --append such a key starts past the maximum the table holds.
 */
import { resolveDomains } from '../checks/type-resolution.js';
import type { Column, TypeRef } from '../schema/model.js';
import { semanticKindOf } from '../values/column-kind.js';
import { isTimeKind } from '../values/semantic/time-stages.js';
import type { KeyPlanContext } from './key-capacity.js';

export const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);

/**
 * Version 5: an integer key holding a moment (`created integer UNIQUE`, values/semantic/epoch-times.ts): its
 * epoch seconds spread over their window by the keyed bijection, not counted up from the first one.
 */
function isEpochKey(ctx: KeyPlanContext, col: Column, base: TypeRef, semantic: boolean): boolean {
  if (ctx.generatorVersion < 5 || !semantic) return false;
  return isTimeKind(
    semanticKindOf(ctx.table, col, base, ctx.hints.get(col.name) ?? {}, ctx.generatorVersion),
  );
}

/** Whether a key driven by this column alone counts up (1, 2, 3, … in row order): an integer, not a moment's. */
export function countsUpColumn(
  ctx: KeyPlanContext,
  column: string,
  semanticColumns: ReadonlySet<string>,
): boolean {
  const col = ctx.table.columns.find((c) => c.name === column);
  const base = col ? resolveDomains(col.type, ctx.lookup).base : undefined;
  return (
    col !== undefined &&
    base !== undefined &&
    INTEGER_TYPES.has(base.name) &&
    base.arrayDims === 0 &&
    !isEpochKey(ctx, col, base, semanticColumns.has(col.name))
  );
}

/**
 * Version 25, --append: a composite key's counting-up integer (`create_event` of `(create_event, target_id)`)
 * may drive it alone, past the held maximum, as without --append, so its FK stays free for the table's other
 * keys (koji's `UNIQUE (build_target_id, active)`) instead of decided by this key's tuples.
 */
export function appendCountsUp(
  ctx: KeyPlanContext,
  semanticColumns: ReadonlySet<string>,
): ((column: string) => boolean) | undefined {
  if (ctx.generatorVersion < 25 || ctx.wholeKeys !== true) return undefined;
  return (column) => countsUpColumn(ctx, column, semanticColumns);
}
