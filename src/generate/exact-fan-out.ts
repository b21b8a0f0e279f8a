/**
 * Exact fan-out (`per_parent: {min, max}`): every parent with children gets
 * between min and max of them, and the counts add up to the child table's
 * rows exactly. Still computed, not stored per row: each parent wants a
 * random number of extra children d(p) in [0, max - min]; the extras the
 * rows leave, E, are shared in proportion by prefix sums
 * (x(p) = floor(C(p)·E/D) - floor(C(p-1)·E/D), which adds up to E and never
 * exceeds d(p) when E <= D; the complement when E > D). Prefix sums are kept
 * per block of parents (two numbers per 256 parents: 6 MB for 100 million
 * parents); a child row finds its parent by binary search over blocks, then
 * inside its block, whose sums are rebuilt when needed and kept in the
 * thread's block cache (fan-out-blocks.ts: 16 MiB for all exact fan-outs).
 *
 * Child rows are scrambled by a keyed permutation (a parent's children are not
 * neighbours) and parent slots by another (the parents without children are
 * spread over the parent table).
 */
import { createPermutation } from '../values/permutation.js';
import { hashRow } from '../values/random.js';
// BLOCK, parents per block of prefix sums: a lookup (a child row's parent, a parent's children) rebuilds its
// block's sums when the cache lost them, and scrambled rows land in any block: 256 made 600,000 rows with a
// per_parent FK take 8.0 s where 1,024 took 16.1.
import { BLOCK, type BlockEntries, blockEntries } from './fan-out-blocks.js';

export interface ExactFanOutSpec {
  readonly parentRows: number;
  readonly childRows: number;
  readonly min: number;
  readonly max: number;
  /** The share of parents with no children. */
  readonly share: number;
  /** Version 20: a parent's want is the width times u^skew (u uniform), not uniform over it (a ledger's skew). */
  readonly skew?: number;
  readonly key: number;
}

/**
 * The default's skewed exact fan-out (a ledger's accounts, a counted parent's children): `active` parents with
 * 1 to 1 + width children, wants skewed as u^3, the rest (`share`) with none; the width leaves the wants room to
 * hold the rows beyond one each (their mean is a quarter of it), so no complement is needed.
 */
export function skewedExactFanOut(
  parentRows: number,
  childRows: number,
  active: number,
  share: number,
  key: number,
): ExactFanOutSpec {
  const width = Math.max(1, Math.ceil((5 * Math.max(0, childRows - active)) / active) + 1);
  return { parentRows, childRows, min: 1, max: 1 + width, share, skew: 3, key };
}

/** Parents with children, and whether the rows allow min..max children for each of them. */
export function exactFanOutShape(spec: Omit<ExactFanOutSpec, 'key'>): {
  readonly active: number;
  readonly fits: boolean;
} {
  const active = Math.max(1, spec.parentRows - Math.floor(spec.parentRows * spec.share));
  return { active, fits: spec.childRows >= active * spec.min && spec.childRows <= active * spec.max };
}

/** A child row's place among its parent's children (under the exact fan-out's order). */
export interface ChildPlace {
  /** The parent row (0 <= parent < parentRows). */
  readonly parent: number;
  /** The child's place among the parent's children, from 0. */
  readonly index: number;
  /** How many children the parent has. */
  readonly count: number;
}

/** An exact fan-out read both ways: a child row's parent and place, a parent row's child rows. */
export interface ExactFanOut {
  parentOf(row: number): number;
  placeOf(row: number): ChildPlace;
  /** The child rows of a parent row, in their place order (none for a parent without children). */
  childrenOf(parent: number): number[];
}

/**
 * The parent row of each child row. When the rows do not allow min..max for
 * every parent with children, the children are spread as evenly as they allow.
 */
export function createExactFanOut(spec: ExactFanOutSpec): (row: number) => number {
  const fanOut = createExactFanOutBothWays(spec);
  return (row) => fanOut.parentOf(row);
}

/**
 * createExactFanOut's fan-out, also read from the parent's side (its children,
 * by the inverse permutations: nothing stored) and with each child's place
 * among its parent's children (an order line's number, the one default row).
 */
export function createExactFanOutBothWays(spec: ExactFanOutSpec): ExactFanOut {
  const { parentRows, childRows, key } = spec;
  if (parentRows <= 1 || childRows === 0)
    return {
      parentOf: () => 0,
      placeOf: (row) => ({ parent: 0, index: row, count: childRows }),
      childrenOf: (parent) => (parent === 0 ? Array.from({ length: childRows }, (_, i) => i) : []),
    };
  const { active, fits } = exactFanOutShape(spec);
  const min = fits ? spec.min : 0;
  const width = fits ? spec.max - spec.min : 0;
  // Extra children each slot wants (random), and how many the rows leave.
  const skew = spec.skew;
  const want = (p: number) =>
    width === 0
      ? 1
      : skew === undefined
        ? (hashRow(key, p) >>> 0) % (width + 1)
        : Math.floor((width + 1) * ((hashRow(key, p) >>> 0) / 4294967296) ** skew);
  const extra = childRows - active * min;
  const blocks = Math.ceil(active / BLOCK);
  const blockStart = new Float64Array(blocks + 1); // C at each block's start
  for (let b = 0; b < blocks; b++) {
    let sum = 0;
    for (let p = b * BLOCK; p < Math.min(active, (b + 1) * BLOCK); p++) sum += want(p);
    blockStart[b + 1] = (blockStart[b] as number) + sum;
  }
  const total = blockStart[blocks] as number;
  // Without a random spread (outside min..max, or min = max) every slot wants one: an even share.
  const complement = fits && width > 0 && extra > total;
  const scale = complement
    ? (active * width - extra) / (active * width - total)
    : total === 0
      ? 0
      : extra / total;
  // S(p): children of slots before p (C(p) is the wanted extras before p, or their complement).
  const before = (p: number, c: number) => {
    const wanted = complement ? p * width - c : c;
    const extras = complement
      ? p * width - Math.floor(wanted * scale + 1e-9)
      : Math.floor(wanted * scale + 1e-9);
    return p * min + extras;
  };
  // S at each block's first slot, for the search over blocks; a block's sums are kept as offsets from it.
  const blockFirst = Float64Array.from({ length: blocks }, (_, b) =>
    before(b * BLOCK, blockStart[b] as number),
  );
  const entries = cachedBlocks(active, blockStart, blockFirst, want, before);
  const { values } = entries;
  const rowOrder = createPermutation(childRows, key ^ 0x2545f491);
  const slotOrder = createPermutation(parentRows, key ^ 0x68e31da4);
  /** The slot whose children's places hold r: its block, and its place in the block's prefix sums (loaded). */
  const slotOf = (r: number): number => {
    // The last block whose first slot starts at or before r.
    let lo = 0;
    let hi = blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((blockFirst[mid] as number) <= r) lo = mid;
      else hi = mid - 1;
    }
    const at = entries.at(lo);
    const offset = r - (blockFirst[lo] as number);
    const count = Math.min(active, (lo + 1) * BLOCK) - lo * BLOCK;
    let a = 0;
    let b = count - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      if ((values[at + mid] as number) <= offset) a = mid;
      else b = mid - 1;
    }
    return lo * BLOCK + a;
  };
  /** The places [from, to) of a slot's children (its block loaded). */
  const placesOf = (slot: number): readonly [number, number] => {
    const b = Math.floor(slot / BLOCK);
    const at = entries.at(b) + slot - b * BLOCK;
    const first = blockFirst[b] as number;
    return [first + (values[at] as number), first + (values[at + 1] as number)];
  };
  return {
    parentOf: (row) => slotOrder.apply(slotOf(rowOrder.apply(row))),
    placeOf(row) {
      const r = rowOrder.apply(row);
      const slot = slotOf(r);
      const [from, to] = placesOf(slot);
      return { parent: slotOrder.apply(slot), index: r - from, count: to - from };
    },
    childrenOf(parent) {
      const slot = slotOrder.invert(parent);
      if (slot >= active) return [];
      const [from, to] = placesOf(slot);
      const rows: number[] = [];
      for (let r = from; r < to; r++) rows.push(rowOrder.invert(r));
      return rows;
    },
  };
}

/**
 * The block cache's entries of a fan-out (fan-out-blocks.ts): block b's prefix sums S(p) for its slots (p
 * from b·BLOCK to its end, inclusive) as offsets from its first, made from the block's start and the wants.
 */
function cachedBlocks(
  active: number,
  blockStart: Float64Array,
  blockFirst: Float64Array,
  want: (p: number) => number,
  before: (p: number, c: number) => number,
): BlockEntries {
  const blocks = blockFirst.length;
  // The most children a block holds: its offsets' width in the cache.
  let span = before(active, blockStart[blocks] as number) - (blockFirst[blocks - 1] as number);
  for (let b = 1; b < blocks; b++)
    span = Math.max(span, (blockFirst[b] as number) - (blockFirst[b - 1] as number));
  return blockEntries(blocks, span, (b, values, at) => {
    let c = blockStart[b] as number;
    const from = b * BLOCK;
    const to = Math.min(active, from + BLOCK);
    const first = blockFirst[b] as number;
    for (let p = from; p <= to; p++) {
      values[at + p - from] = before(p, c) - first;
      if (p < to) c += want(p);
    }
  });
}
