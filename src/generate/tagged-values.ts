/**
 * A tagged column's values (plan/tagged-references.ts): row r takes one arm and a slot of it, rows
 * dealt to the arms in turn while each has room (so a tag's rows spread over the table), and writes
 * `tag + delimiter + id`: the key of the arm's parent at row `slot`, or `slot + 1` without a parent.
 * Every (arm, slot) is taken once, so the values are distinct.
 */
import type { PlannedTaggedArm } from '../plan/plan-model.js';
import { createPermutation } from '../values/permutation.js';
import type { ValueFn } from './value-source.js';

/** Where row r lands: its arm and its slot in that arm, dealing rows in turn to the arms with room. */
export function taggedSlots(rooms: readonly number[]): (row: number) => readonly [number, number] {
  // Phases: while k arms have room, each round gives one row to each of them, in arm order.
  const order = rooms.map((room, arm) => ({ room, arm })).sort((a, b) => a.room - b.room || a.arm - b.arm);
  const phases: { start: number; from: number; arms: number[] }[] = [];
  let start = 0;
  let from = 0;
  for (let k = 0; k < order.length; k++) {
    const until = (order[k] as { room: number }).room;
    const arms = order
      .slice(k)
      .map((o) => o.arm)
      .sort((a, b) => a - b);
    if (until > from) phases.push({ start, from, arms });
    if (!Number.isFinite(until)) break;
    start += (until - from) * arms.length;
    from = until;
  }
  return (row) => {
    let phase = phases[0] as (typeof phases)[number];
    for (const p of phases) if (p.start <= row) phase = p;
    const offset = row - phase.start;
    return [
      phase.arms[offset % phase.arms.length] as number,
      phase.from + Math.floor(offset / phase.arms.length),
    ];
  };
}

/**
 * The column's values over the table's `rows`, the rows shuffled by a keyed permutation before they are dealt
 * (so tags and ids come in no visible order): `parentKey(parent, column)` gives a parent's key column at a row.
 */
export function taggedValues(
  source: { readonly delimiter: string; readonly arms: readonly PlannedTaggedArm[] },
  table: { readonly rows: number; readonly key: number },
  parentKey: (parent: number, column: string) => ValueFn,
): ValueFn {
  const { delimiter, arms } = source;
  const shuffle = createPermutation(table.rows, table.key);
  const slotOf = taggedSlots(arms.map((a) => a.room ?? Number.POSITIVE_INFINITY));
  const keys = arms.map((a) =>
    a.parent === undefined || a.parentColumn === undefined
      ? undefined
      : { parent: a.parent, column: a.parentColumn },
  );
  // Resolved at the first row, as a foreign key's parent function is (a parent compiled no earlier).
  const keyFns: (ValueFn | undefined)[] = [];
  return (row) => {
    const [arm, slot] = slotOf(row < table.rows ? shuffle.apply(row) : row);
    const at = keys[arm];
    let id: string | null = String(slot + 1);
    if (at !== undefined) {
      keyFns[arm] ??= parentKey(at.parent, at.column);
      id = (keyFns[arm] as ValueFn)(slot);
    }
    return id === null ? null : `${(arms[arm] as PlannedTaggedArm).tag}${delimiter}${id}`;
  };
}
