/**
 * --append: foreign keys that may point at parent rows the target already
 * holds. The database is read elsewhere (format/existing-keys.ts); this is
 * the pure part: which FKs draw from existing ∪ new parents, and how many
 * parent rows they then pick from. A pick j below the existing count is
 * existing parent j (its key in the key's sort order), else new row j - count
 * (generate/existing-parents.ts gives the values).
 */
import type { ForeignKey, QualifiedName } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import type { ColumnSource, ExistingParents } from './plan-model.js';

/** Existing parent keys read per referenced key, at most this many (sorted; a warning says so when capped). */
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
 * value), its parent is another table, and no CHECK narrows its parent rows
 * to a window (the window is a range of the new rows' keys).
 */
export function existingParentsOf(input: {
  readonly fks: readonly ForeignKey[];
  readonly fkParents: readonly number[];
  readonly selfIndex: number;
  readonly sources: ReadonlyMap<string, ColumnSource>;
  readonly windows: readonly unknown[];
  readonly existing: ExistingParentKeys | undefined;
}): (ExistingParents | undefined)[] {
  const { existing } = input;
  return input.fks.map((fk, i) => {
    if (existing === undefined || input.fkParents[i] === input.selfIndex || input.windows[i])
      return undefined;
    const own = fk.columns.every((c) => {
      const source = input.sources.get(c);
      return source?.kind === 'foreign-key' && source.fk === i;
    });
    if (!own) return undefined;
    const found = existing.get(existingParentsKey(fk.references, fk.referencedColumns));
    return found === undefined || found.count === 0 ? undefined : found;
  });
}
