/**
 * --append: foreign keys that may point at parent rows the target already
 * holds. The database is read elsewhere (format/existing-keys.ts); this is
 * the pure part: which FKs draw from existing ∪ new parents, how many
 * parent rows they then pick from, and the window of them a CHECK leaves. A pick j below the existing count is
 * existing parent j (its key in the key's sort order), else new row j - count
 * (generate/existing-parents.ts gives the values).
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { ForeignKey, QualifiedName } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { orderedKeyRange, windowBounds } from './fk-sourcing.js';
import type { ColumnSource, ExistingParents, RowWindow, TablePlan } from './plan-model.js';

/** Existing parent keys read per referenced key, at most this many (sorted; past it every k-th, warned). */
export const MAX_EXISTING_PARENTS = 100_000;

/** Existing parents by `existingParentsKey(parent table, referenced columns)`. */
export type ExistingParentKeys = ReadonlyMap<string, ExistingParents>;

/** The map key of a parent table's referenced key. */
export function existingParentsKey(parent: QualifiedName, columns: readonly string[]): string {
  return [nameKey(parent), ...columns].join('\u0000');
}

/**
 * Per FK of a table: the existing parents it draws from, where it may. An FK
 * draws from them when it alone decides its columns (not pinned, not a listed
 * value); a self-reference (a tree) draws from the table's own rows there.
 */
function sameReference(a: ForeignKey, b: ForeignKey | undefined): boolean {
  return (
    b !== undefined &&
    nameKey(a.references) === nameKey(b.references) &&
    a.columns.join('\0') === b.columns.join('\0') &&
    a.referencedColumns.join('\0') === b.referencedColumns.join('\0')
  );
}

export function existingParentsOf(input: {
  readonly fks: readonly ForeignKey[];
  readonly sources: ReadonlyMap<string, ColumnSource>;
  readonly existing: ExistingParentKeys | undefined;
  /** Per FK: its one column draws from a list every value of which the parent holds (listed-fk-values.ts). */
  readonly listed?: readonly boolean[];
}): (ExistingParents | undefined)[] {
  const { existing } = input;
  return input.fks.map((fk, i) => {
    if (existing === undefined) return undefined;
    // A twin of the FK that fills the columns (the same columns and parent key, added twice: LedgerSMB's
    // entity.entity_class) finds the same parent rows.
    const own = fk.columns.every((c) => {
      const source = input.sources.get(c);
      return source?.kind === 'foreign-key' && (source.fk === i || sameReference(fk, input.fks[source.fk]));
    });
    if (!own && input.listed?.[i] !== true) return undefined;
    const found = existing.get(existingParentsKey(fk.references, fk.referencedColumns));
    return found === undefined || found.count === 0 ? undefined : found;
  });
}

/**
 * A CHECK bounding an FK column (`shop_id <= 30`) over existing ∪ new
 * parents: the window of picks whose key meets the bounds. The parent's key
 * counts up in row order and its new keys start past the greatest one there
 * (generate/held-keys.ts' `startPastHeld`), so the existing keys in sort
 * order, then the new ones, count up too, and the window is one range of
 * picks. Undefined where the parent's key does not count up (the row engine
 * then evaluates the CHECK).
 *
 * @example appendedRowWindow({ max: 30 }, shop, 'id', lookup, { kind: 'range', count: 40, min: '1' }) // { from: 0, to: 30 }
 */
export function appendedRowWindow(
  hints: ColumnHints | undefined,
  parent: TablePlan | undefined,
  parentColumn: string,
  lookup: TypeLookup,
  existing: ExistingParents,
): RowWindow | undefined {
  const bounds = windowBounds(hints);
  if (!bounds || !parent) return undefined;
  const range = orderedKeyRange(parent, parentColumn, lookup);
  const held = heldIntegerKeys(existing);
  if (!range || !held) return undefined;
  const first = range.count === 0 ? 0 : Math.max(range.first, held.maximum + 1);
  const clamp = (x: number, n: number) => Math.min(n, Math.max(0, x));
  // Picks whose key is below x: existing ones, then new ones (keys first, first + 1, …).
  const below = (x: number) => held.below(x) + clamp(x - first, range.count);
  const from = below(bounds.lo);
  const to = below(bounds.hi + 1);
  return to > from ? { from, to } : { from: 0, to: 0 };
}

/** Existing integer keys: how many are below a value, and the greatest; undefined when not safe integers. */
function heldIntegerKeys(
  existing: ExistingParents,
): { below: (x: number) => number; maximum: number } | undefined {
  if (existing.kind === 'range') {
    const min = Number(existing.min);
    const maximum = min + existing.count - 1;
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maximum)) return undefined;
    return { below: (x) => Math.min(existing.count, Math.max(0, x - min)), maximum };
  }
  const maximum = Number(existing.maximum);
  const keys = existing.tuples.map(Number);
  if (!Number.isSafeInteger(maximum) || !keys.every(Number.isSafeInteger)) return undefined;
  return {
    below: (x) => {
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((keys[mid] as number) < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    maximum,
  };
}

/**
 * Whether the target's parent rows hold a value of a single-column key (an
 * integer key's range, or its tuples read); false without existing parents.
 */
export function existingHolds(existing: ExistingParents | undefined): (value: string) => boolean {
  if (existing === undefined || existing.count === 0) return () => false;
  if (existing.kind === 'tuples') {
    const tuples = new Set(existing.tuples);
    return (value) => tuples.has(value);
  }
  const min = BigInt(existing.min);
  return (value) => {
    if (!/^-?\d+$/.test(value.trim())) return false;
    const v = BigInt(value.trim());
    return v >= min && v < min + BigInt(existing.count);
  };
}

/**
 * --append: membership in what a table holds in a one-column unique key,
 * read in full (plan/append-plan.ts' `heldColumnValues`), by
 * `existingParentsKey(table, [column])`.
 */
export type HeldColumnValues = ReadonlyMap<string, (value: string) => boolean>;

/**
 * --append: whether the target's rows of a parent hold a value of its key
 * column: the column's held keys where they were read (every value there),
 * else the existing parents read for FKs.
 */
export function heldParentValues(
  ctx: { readonly existingParents?: ExistingParentKeys; readonly heldValues?: HeldColumnValues },
  parent: QualifiedName | undefined,
  column: string,
): (value: string) => boolean {
  if (!parent) return () => false;
  const key = existingParentsKey(parent, [column]);
  const held = ctx.heldValues?.get(key);
  if (held) return held;
  return ctx.existingParents ? existingHolds(ctx.existingParents.get(key)) : () => false;
}

/**
 * --append: up to `max` of the values a one-column key holds in the target, spread evenly over them in key
 * order (a tenant table's ids, for the tenant columns of the rows added: plan/pinned-columns.ts).
 */
export function heldTenantValues(existing: ExistingParents | undefined, max: number): string[] {
  if (existing === undefined || existing.count === 0) return [];
  const n = existing.kind === 'range' ? existing.count : existing.tuples.length;
  const picked = Math.min(max, n);
  const at = (i: number) => Math.floor((i * n) / picked);
  if (existing.kind === 'range') {
    const min = BigInt(existing.min);
    return Array.from({ length: picked }, (_, i) => String(min + BigInt(at(i))));
  }
  return Array.from({ length: picked }, (_, i) => existing.tuples[at(i)] as string);
}
