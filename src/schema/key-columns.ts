/**
 * Which keys a foreign key's referenced columns name: PostgreSQL takes a
 * primary key, UNIQUE constraint or unique index whose columns are exactly
 * those (in any order), without expressions or a predicate
 * (transformFkeyCheckAttrs). Read where an FK is checked (input/ddl
 * referenced-keys.ts) and where its archive entry's dependency on that key
 * is found (archive/statement-entries.ts).
 */
import type { Table, UniqueKey } from './model.js';

/** A table's unique keys: its primary key first (when it has one), then its UNIQUE constraints and indexes. */
export function tableKeys(table: Table): UniqueKey[] {
  return [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
}

/** Whether `key`'s columns are exactly `columns`, in any order, with no expression and no predicate. */
export function keyHasColumns(key: UniqueKey, columns: readonly string[]): boolean {
  return (
    key.where === null &&
    key.columns.length === new Set(columns).size &&
    key.columns.every((c) => c !== null && columns.includes(c))
  );
}
