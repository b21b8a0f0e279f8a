/**
 * A compiled CHECK's NULL branches read against the table: a branch asking a
 * NOT NULL column to be NULL never holds, and `x IS NULL OR P(x)` on a
 * unique key's column is P alone (the key's generator meets P).
 */
import type { Formula } from './check-atoms.js';

/**
 * `x IS NULL OR P(x)` with P about x alone, for x in a unique key (a nullable
 * column of the Icinga DB `bytea20` domain in a UNIQUE index): its values
 * come from the key's generator, which meets P as its bounds, so the formula
 * is P (NULL or not is the key's choice). Other columns keep the per-row
 * choice.
 */
export function nullOrBounds(formula: Formula | undefined, keyed: ReadonlySet<string>): Formula | undefined {
  if (formula?.length !== 2 || keyed.size === 0) return formula;
  const at = formula.findIndex((b) => b.length === 1 && b[0]?.kind === 'null' && b[0].isNull);
  const nullAtom = formula[at]?.[0];
  const other = formula[1 - at];
  if (at < 0 || !other || nullAtom?.kind !== 'null' || other.length === 0) return formula;
  const alone = other.every(
    (a) =>
      a.kind !== 'relation' &&
      a.kind !== 'count' &&
      a.kind !== 'constant' &&
      a.kind !== 'null' &&
      'column' in a &&
      a.column === nullAtom.column,
  );
  if (!keyed.has(nullAtom.column)) return formula;
  return alone ? [other] : formula;
}

/**
 * A branch asking a NOT NULL column to be NULL (`VALUE IS NULL OR
 * octet_length(VALUE) = 20` on a NOT NULL column) never holds: it is left
 * out, unless no branch would remain.
 */
export function withoutNullBranches(
  formula: Formula | undefined,
  notNull: ReadonlySet<string>,
): Formula | undefined {
  if (!formula || formula.length < 2 || notNull.size === 0) return formula;
  const kept = formula.filter(
    (branch) => !branch.some((a) => a.kind === 'null' && a.isNull && notNull.has(a.column)),
  );
  return kept.length > 0 ? kept : formula;
}
