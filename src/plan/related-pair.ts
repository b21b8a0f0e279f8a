/**
 * Two foreign keys of one unique key that point to the same parent column
 * and are compared by a CHECK (`tag1 <> tag2`, `tag1 < tag2`): the key's
 * driver enumerates pairs of distinct parent rows instead of all pairs, so
 * no row can fail the CHECK and the capacity is counted under it.
 *
 * - `<>`: ordered pairs (i, j), i ≠ j: n·(n−1) of them.
 * - `<`, `<=`, `>`, `>=`: unordered pairs {i, j}: n·(n−1)/2; the row engine
 *   puts the two parent keys in the order the CHECK asks (one of the two
 *   orders holds, as the keys are distinct).
 */
import type { Atom } from '../checks/check-atoms.js';
import type { KeyComponent, KeyPair } from './plan-model.js';

type RelationAtom = Extract<Atom, { kind: 'relation' }>;

export interface PairContext {
  /** The FK's columns and referenced columns, by FK index. */
  fkColumns(fk: number): { readonly columns: readonly string[]; readonly referenced: readonly string[] };
  /** The parent table's index, by FK index. */
  fkParent(fk: number): number;
  readonly relations: readonly RelationAtom[];
}

/** Pairs of distinct parent rows for `n` parent rows under a `<>` (ordered pairs) or an order comparison (unordered). */
export function pairSpace(n: number, orderCheck: boolean): number {
  if (n < 2) return 0;
  return orderCheck ? (n * (n - 1)) / 2 : n * (n - 1);
}

/** The first pair of single-column FK components of a key that a CHECK compares, if any. */
export function findRelatedPair(components: readonly KeyComponent[], ctx: PairContext): KeyPair | undefined {
  for (let a = 0; a < components.length; a++) {
    for (let b = a + 1; b < components.length; b++) {
      const ca = components[a] as KeyComponent;
      const cb = components[b] as KeyComponent;
      if (ca.kind !== 'foreign-key' || cb.kind !== 'foreign-key') continue;
      const fa = ctx.fkColumns(ca.fk);
      const fb = ctx.fkColumns(cb.fk);
      if (fa.columns.length !== 1 || fb.columns.length !== 1) continue;
      if (ctx.fkParent(ca.fk) !== ctx.fkParent(cb.fk) || fa.referenced[0] !== fb.referenced[0]) continue;
      const x = fa.columns[0] as string;
      const y = fb.columns[0] as string;
      const compared = ctx.relations.filter(
        (r) =>
          !r.offset && ((r.left === x && r.right === y) || (r.left === y && r.right === x)) && r.op !== '=',
      );
      if (compared.length === 0) continue;
      // `a <> b` beside `a < b` (both written, as real schemas do): the order decides.
      const orderCheck = compared.some((r) => r.op !== '<>');
      return { first: a, second: b, orderCheck, space: pairSpace(Math.min(ca.space, cb.space), orderCheck) };
    }
  }
  return undefined;
}

/**
 * Pair `k` of [0, pairSpace(n, orderCheck)) as two distinct parent rows.
 * `<>`: i = k / (n−1), j = i + 1 + k mod (n−1) (mod n). Unordered: the
 * round-robin layout, {i, i + d} for d = 1 … ⌊(n−1)/2⌋, and for even n the
 * n/2 antipodal pairs {i, i + n/2}, i < n/2: each pair exactly once.
 */
export function pairAt(k: number, n: number, orderCheck: boolean): readonly [number, number] {
  if (!orderCheck) {
    const i = Math.floor(k / (n - 1));
    return [i, (i + 1 + (k % (n - 1))) % n];
  }
  const i = k % n;
  const d = Math.floor(k / n) + 1;
  return [i, (i + d) % n];
}
