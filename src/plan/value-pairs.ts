/**
 * Two CHECK-bounded integer columns of one unique key compared by a CHECK
 * (`UNIQUE (a, b)`, `CHECK (a < b)`, both `BETWEEN 1 AND 10`): the key's
 * driver enumerates the pairs of values that meet the comparison (45 for
 * `<`, 55 for `<=`, 90 for `<>` in that example) instead of all 100 pairs,
 * so no row can fail the CHECK and the capacity is counted exactly.
 *
 * Pairs are ordered by the left value, then the right one: pair k is found
 * by a binary search over the left values on a closed-form count of the
 * pairs before each, so nothing is stored whatever the ranges' sizes.
 */
import type { IntegerRange } from '../checks/bounded-integer.js';
import type { Atom } from '../checks/check-atoms.js';
import type { KeyComponent, KeyPair } from './plan-model.js';

/** `left op right`; `>` and `>=` are planned as `<` and `<=` with the columns swapped. */
export type ValuePairOp = '<' | '<=' | '<>';

export interface ValuePairs {
  readonly op: ValuePairOp;
  readonly left: IntegerRange;
  readonly right: IntegerRange;
}

function size(r: IntegerRange): number {
  return Math.max(0, r.max - r.min + 1);
}

/** Pairs whose left value is below `x` (x in [left.min, left.max + 1]). */
function pairsBefore(x: number, p: ValuePairs): number {
  const { left, right } = p;
  const last = x - 1;
  if (last < left.min) return 0;
  if (p.op === '<>') {
    const overlap = Math.max(0, Math.min(last, right.max) - Math.max(left.min, right.min) + 1);
    return (last - left.min + 1) * size(right) - overlap;
  }
  const d = p.op === '<' ? 1 : 0;
  // Left values up to right.min - d pair with every right value.
  const full = Math.max(0, Math.min(last, right.min - d) - left.min + 1);
  // Then right.max - x' - d + 1 of them, down to 1 at x' = right.max - d.
  const lo = Math.max(left.min, right.min - d + 1);
  const hi = Math.min(last, right.max - d);
  const n = Math.max(0, hi - lo + 1);
  const top = right.max - d + 1 - lo;
  return full * size(right) + n * top - (n * (n - 1)) / 2;
}

/** How many (left, right) value pairs meet the comparison. */
export function valuePairSpace(p: ValuePairs): number {
  return size(p.left) === 0 ? 0 : pairsBefore(p.left.max + 1, p);
}

/**
 * Pair `k` of [0, valuePairSpace(p)) as offsets into the two ranges
 * (`value - range.min`), the unique generators' indices of bounded integers.
 */
export function valuePairAt(k: number, p: ValuePairs): readonly [number, number] {
  let lo = p.left.min;
  let hi = p.left.max;
  // The smallest x whose pairs reach past k.
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (pairsBefore(mid + 1, p) > k) hi = mid;
    else lo = mid + 1;
  }
  const x = lo;
  const r = k - pairsBefore(x, p);
  let y: number;
  if (p.op === '<>') {
    y = p.right.min + r;
    if (x >= p.right.min && x <= p.right.max && y >= x) y += 1;
  } else y = Math.max(p.right.min, p.op === '<' ? x + 1 : x) + r;
  return [x - p.left.min, y - p.right.min];
}

type RelationAtom = Extract<Atom, { kind: 'relation' }>;

/** Above this many pairs the ranges are wide enough for the row engine's retries (and sums stay exact). */
const MAX_PAIRS = 2 ** 52;

/**
 * The first pair of column components of a key that a CHECK compares and
 * whose values are CHECK-bounded integers (`rangeOf` gives the range of a
 * column whose unique values are `min + k`, else null).
 */
export function findValuePair(
  components: readonly KeyComponent[],
  relations: readonly RelationAtom[],
  rangeOf: (column: string) => IntegerRange | null,
): KeyPair | undefined {
  for (let a = 0; a < components.length; a++) {
    for (let b = a + 1; b < components.length; b++) {
      const ca = components[a] as KeyComponent;
      const cb = components[b] as KeyComponent;
      if (ca.kind !== 'column' || cb.kind !== 'column') continue;
      const relation = relations.find(
        (r) =>
          !r.offset &&
          r.op !== '=' &&
          ((r.left === ca.column && r.right === cb.column) ||
            (r.left === cb.column && r.right === ca.column)),
      );
      const ra = rangeOf(ca.column);
      const rb = rangeOf(cb.column);
      if (!relation || !ra || !rb || size(ra) * size(rb) > MAX_PAIRS) continue;
      // Written as left op right with op one of <, <=, <>.
      const swap = relation.op === '>' || relation.op === '>=';
      const leftColumn = swap ? relation.right : relation.left;
      const [first, second] = leftColumn === ca.column ? [a, b] : [b, a];
      const values: ValuePairs = {
        op: relation.op === '<>' ? '<>' : relation.op.endsWith('=') ? '<=' : '<',
        left: first === a ? ra : rb,
        right: first === a ? rb : ra,
      };
      return { first, second, orderCheck: false, space: valuePairSpace(values), values };
    }
  }
  return undefined;
}
