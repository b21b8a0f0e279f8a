/**
 * A RANGE partition key that is a foreign key takes its parent's keys, so a
 * partition whose range holds none of them gets no rows (MIMIC-III's 207
 * chartevents partitions by itemid up to 1,000,000, over d_items' keys 1 to
 * the rows asked): where the parent's key counts up in row order, those
 * partitions are named in a warning, with the parent rows that reach them.
 */

import type { Table } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { orderedKeyRange } from './fk-sourcing.js';
import type { ForeignKeyFrame } from './foreign-key-frame.js';
import { integerRangeBounds, partitionRouting } from './partition-choices.js';
import type { TablePlan } from './plan-model.js';
import type { PlanContext, TableWork } from './table-work.js';

interface Unreached {
  readonly partition: Table;
  readonly from: number;
}

/** The partitions (by name, the first few and the last) a warning lists. */
function partitionList(unreached: readonly Unreached[]): string {
  const names = unreached.map((u) => displayName(u.partition));
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, …, ${names.at(-1)}`;
}

/** Warns of the table's RANGE partitions its FK partition key's parent keys never reach. */
export function warnUnreachedPartitions(
  ctx: PlanContext,
  work: TableWork,
  frame: Pick<ForeignKeyFrame, 'fkParents' | 'existing'>,
  previous: readonly TablePlan[] | null,
): void {
  const { table, sources } = work;
  if (!table.partitionBy || previous === null || work.rows === 0) return;
  const { partitionsOf } = ctx.family;
  const keyBounds = integerRangeBounds(table, partitionsOf(table), partitionsOf);
  const source = keyBounds && sources.get(keyBounds.column);
  if (!keyBounds || source?.kind !== 'foreign-key' || frame.existing[source.fk]) return;
  const parent = previous[frame.fkParents[source.fk] ?? -1];
  const range = parent && orderedKeyRange(parent, source.parentColumn, ctx.lookup);
  if (!parent || !range || range.count === 0) return;
  const last = range.first + range.count - 1;
  const routing = partitionRouting(table, partitionsOf(table), partitionsOf);
  const unreached = routing.choices.flatMap((c, i): Unreached[] => {
    const partition = routing.partitions[i];
    if (c.kind !== 'range' || !partition) return [];
    const from = Number(c.from);
    const to = Number(c.to);
    // Only those inside the bounds the key takes (disjoint ranges: the widest, the others warned already).
    if (from < keyBounds.min || to > keyBounds.max) return [];
    return to <= range.first || from > last ? [{ partition, from }] : [];
  });
  if (unreached.length === 0) return;
  const parentName = displayName(parent.table);
  const above = unreached.filter((u) => u.from > last);
  const needed = Math.max(...above.map((u) => u.from)) - range.first + 1;
  const fix =
    above.length > 0
      ? ` To give ${above.length === unreached.length ? 'them' : `the ${above.length} above`} rows, give ${parentName} at least ${needed} rows (--rows ${parentName}=${needed})${above.length === unreached.length ? '' : '; those below its keys take rows only when its keys start lower'}.`
      : ` Its keys start at ${range.first}, above their ranges.`;
  work.warnings.push({
    code: 'PARTITION_ROUTING',
    where: displayName(table),
    message: `${displayName(table)}: ${unreached.length} of its ${routing.partitions.length} partitions get no rows (${partitionList(unreached)}): its partition key ${keyBounds.column} is a foreign key to ${parentName}.${source.parentColumn}, whose ${range.count} rows hold ${range.first} to ${last}, and their ranges hold none of those.${fix}`,
  });
}
