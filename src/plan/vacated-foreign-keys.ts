/**
 * A composite foreign key that shares a column with another FK of its table
 * where that column is alone the table's key (BookBrainz's `author_header`:
 * `bbid` its PRIMARY KEY, `bbid → entity` beside `(master_revision_id, bbid)
 * → author_revision`, whose `bbid` points back at the header): pinning the
 * shared column to one tenant value (pinned-columns.ts) would leave the
 * table one row. When the composite FK has nullable columns no other FK
 * uses, they are left NULL instead (MATCH SIMPLE: the FK then holds whatever
 * the shared column is), the shared column follows the other FK, and the
 * table gets its rows, warned.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';

/** `nameKey(table) + NUL + fk.name` of a vacated FK. */
export function vacatedKey(table: Table, fk: ForeignKey): string {
  return `${nameKey(table)}\u0000${fk.name}`;
}

/** Whether a column is by itself the table's PRIMARY KEY or a UNIQUE constraint. */
function aloneKey(table: Table, column: string): boolean {
  const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
  return keys.some((k) => k.columns.length === 1 && k.columns[0] === column);
}

/** Whether a column may hold NULL: not NOT NULL, nor of a domain that is (Boundary's `wt_private_id`). */
function mayBeNull(table: Table, name: string, lookup: TypeLookup): boolean {
  const column = table.columns.find((col) => col.name === name);
  return column?.notNull === false && !resolveDomains(column.type, lookup).notNull;
}

/** The nullable columns of `fk` that no other FK of the table uses (left NULL when it is vacated). */
export function vacatedColumns(table: Table, fk: ForeignKey, lookup: TypeLookup): string[] {
  return fk.columns.filter(
    (c) =>
      mayBeNull(table, c, lookup) &&
      !table.foreignKeys.some((other) => other !== fk && other.columns.includes(c)),
  );
}

/** The FKs of the schema left vacated (their nullable own columns NULL), by `vacatedKey`. */
export function vacatedForeignKeys(tables: readonly Table[], lookup: TypeLookup): Set<string> {
  const vacated = new Set<string>();
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      if (fk.match !== 'simple' || fk.columns.length < 2 || vacatedColumns(table, fk, lookup).length === 0)
        continue;
      const shared = fk.columns.filter(
        (c) =>
          aloneKey(table, c) && table.foreignKeys.some((other) => other !== fk && other.columns.includes(c)),
      );
      if (shared.length > 0) vacated.add(vacatedKey(table, fk));
    }
  }
  return vacated;
}

/** The warning for a vacated FK. */
export function vacatedWarning(table: Table, fk: ForeignKey, lookup: TypeLookup) {
  const nulled = vacatedColumns(table, fk, lookup);
  const shared = fk.columns.filter((c) => !nulled.includes(c));
  const name = displayName(table);
  return {
    code: 'COLUMN_LEFT_NULL',
    where: `${name}.${nulled.join(', ')}`,
    message: `${name}.${nulled.join(', ')} ${nulled.length === 1 ? 'is' : 'are'} left NULL in every row: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${displayName(fk.references)} shares ${shared.join(', ')}, the table's own key, with another foreign key, and datagen cannot make both agree without giving the table a single row. To fill ${nulled.length === 1 ? 'it' : 'them'}, set ${nulled.length === 1 ? 'it' : 'them'} after loading (UPDATE ${name} … FROM ${displayName(fk.references)} …).`,
  };
}
