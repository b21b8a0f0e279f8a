/**
 * Whether a foreign key's referenced columns are a key PostgreSQL accepts:
 * the columns of a primary key, UNIQUE constraint or plain unique index of
 * the table (or its partitioned parents), not DEFERRABLE.
 */
import { keyHasColumns } from '../../schema/key-columns.js';
import type { UniqueKey } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import type { TableDraft } from './schema-builder.js';

/**
 * Why PostgreSQL refuses a foreign key to `columns` of `target` ('there is no
 * unique constraint matching given keys for referenced table'), or null: the
 * columns, in any order, must be exactly those of its primary key, a UNIQUE
 * constraint or a unique index without expressions or a predicate (a
 * partition's include its parents'), and that key not DEFERRABLE.
 */
export function unmatchedReferencedKey(
  tables: ReadonlyMap<string, TableDraft>,
  target: TableDraft,
  columns: readonly string[],
): string | null {
  const keys: UniqueKey[] = [];
  const seen = new Set<TableDraft>();
  for (let t: TableDraft | undefined = target; t !== undefined && !seen.has(t); ) {
    seen.add(t);
    keys.push(...(t.primaryKey === null ? [] : [t.primaryKey]), ...t.uniques);
    t = t.partitionOf === null ? undefined : tables.get(nameKey(t.partitionOf.parent));
  }
  const matching = keys.filter((k) => keyHasColumns(k, columns));
  if (matching.some((k) => !k.deferrable)) return null;
  const ref = `${displayName(target)} (${columns.join(', ')})`;
  if (matching.length > 0)
    return `references ${ref}, whose key ${matching[0]?.name ?? ''} is DEFERRABLE, which PostgreSQL refuses for a referenced key; make the key NOT DEFERRABLE (or reference another)`;
  return `references ${ref}, which no primary key or unique constraint of that table has as its columns, so PostgreSQL refuses it (there is no unique constraint matching given keys); add UNIQUE (${columns.join(', ')}) to ${displayName(target)}, or reference its key`;
}
