/**
 * Skewed fan-out: which parent row a free foreign key picks, so that children
 * per parent look like real data (a few customers with many orders, many
 * with one, some with none) rather than every parent getting about the same.
 *
 * Still computed, never stored (design.md, principle 2): a uniform draw `u`
 * becomes a popularity rank by a power law, and a keyed permutation of the
 * parent rows turns the rank into a parent row, so popular parents are spread
 * over the table instead of being its first rows. The ranks at the tail
 * (`NO_CHILD_SHARE` of the parents) are never drawn: those parents have no
 * children.
 */
import { createPermutation } from '../values/permutation.js';

/**
 * rank = floor(active · u^FAN_OUT_SKEW): the rank density falls as
 * rank^(1/FAN_OUT_SKEW - 1), a Zipf-like law of exponent 1/2. With the
 * share below, the most popular tenth of all parents holds about 35% of the
 * children.
 */
export const FAN_OUT_SKEW = 2;
/** The share of parents never picked (at least one parent is always picked). */
export const NO_CHILD_SHARE = 0.2;

/** Maps a uniform draw in [0, 1) to a parent row in [0, parentRows). */
export type FanOut = (u: number) => number;

/**
 * The skewed parent picker of one foreign key over `parentRows` rows (its
 * own permutation key, so two FKs to one parent favour different parents).
 *
 * @example createSkewedFanOut(100, key)(0) // the most popular parent row, e.g. 57
 */
export function createSkewedFanOut(parentRows: number, key: number): FanOut {
  if (parentRows <= 1) return () => 0;
  const active = Math.max(1, parentRows - Math.floor(parentRows * NO_CHILD_SHARE));
  const permutation = createPermutation(parentRows, key);
  return (u) => {
    const rank = Math.min(active - 1, Math.floor(active * u ** FAN_OUT_SKEW));
    return permutation.apply(rank);
  };
}
