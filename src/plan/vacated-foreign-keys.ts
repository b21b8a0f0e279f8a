/**
 * A composite foreign key that shares a column with another FK of its table
 * where that column is alone the table's key (BookBrainz's `author_header`:
 * `bbid` its PRIMARY KEY, `bbid → entity` beside `(master_revision_id, bbid)
 * → author_revision`, whose `bbid` points back at the header): pinning the
 * shared column to one tenant value (pinned-columns.ts) would leave the
 * table one row. When the composite FK has nullable columns no other FK
 * uses, they are left NULL instead (MATCH SIMPLE: the FK then holds whatever
 * the shared column is), the shared column follows the other FK, and the
 * table gets its rows, warned. Likewise a composite FK taking a column that
 * is alone the table's key from a parent column that is not alone the
 * parent's key (Boundary's `iam_scope`: `(public_id, primary_auth_method_id)
 * → auth_method (scope_id, public_id)`, whose `scope_id` references
 * `iam_scope` back): the key would be bounded by the parent's distinct
 * values (and read through itself), so its nullable columns are left NULL.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';

/** `nameKey(table) + NUL + fk.name` of a vacated FK. */
export function vacatedKey(table: Table, fk: ForeignKey): string {
  return `${nameKey(table)}\u0000${fk.name}`;
}

/** Whether a column is by itself the table's PRIMARY KEY or a UNIQUE constraint. */
function aloneKey(table: Table, column: string): boolean {
  const keys = tableKeys(table);
  return keys.some((k) => k.columns.length === 1 && k.columns[0] === column);
}

/** Whether a column may hold NULL: not NOT NULL, nor of a domain that is (Boundary's `wt_private_id`). */
function mayBeNull(table: Table, name: string, lookup: TypeLookup): boolean {
  const column = table.columns.find((col) => col.name === name);
  return column?.notNull === false && !resolveDomains(column.type, lookup).notNull;
}

/**
 * The nullable columns of `fk` (left NULL when it is vacated) whose other FKs, if any, NULL holds too: a
 * single-column or MATCH SIMPLE one (a NULL in part of a MATCH FULL key fails it).
 */
export function vacatedColumns(table: Table, fk: ForeignKey, lookup: TypeLookup): string[] {
  return fk.columns.filter(
    (c) =>
      mayBeNull(table, c, lookup) &&
      table.foreignKeys.every(
        (other) =>
          other === fk ||
          !other.columns.includes(c) ||
          other.columns.length === 1 ||
          other.match === 'simple',
      ),
  );
}

/**
 * Whether `fk` takes a column that is alone its table's key (and in no other FK) from a parent column that
 * is not alone the parent's key: the parent's rows need not hold distinct values there.
 */
function keyFromLooserParent(table: Table, fk: ForeignKey, parent: Table | undefined): boolean {
  if (!parent) return false;
  return fk.columns.some(
    (c, k) =>
      aloneKey(table, c) &&
      !table.foreignKeys.some((other) => other !== fk && other.columns.includes(c)) &&
      !aloneKey(parent, fk.referencedColumns[k] as string),
  );
}

/** The FKs of the schema left vacated (their nullable own columns NULL), by `vacatedKey`. */
export function vacatedForeignKeys(tables: readonly Table[], lookup: TypeLookup): Set<string> {
  const vacated = new Set<string>();
  const byName = new Map(tables.map((t) => [nameKey(t), t]));
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      if (fk.match !== 'simple' || fk.columns.length < 2 || vacatedColumns(table, fk, lookup).length === 0)
        continue;
      const shared = fk.columns.filter(
        (c) =>
          aloneKey(table, c) && table.foreignKeys.some((other) => other !== fk && other.columns.includes(c)),
      );
      if (shared.length > 0 || keyFromLooserParent(table, fk, byName.get(nameKey(fk.references))))
        vacated.add(vacatedKey(table, fk));
    }
  }
  return vacated;
}

/** The warning for a vacated FK. */
export function vacatedWarning(table: Table, fk: ForeignKey, lookup: TypeLookup) {
  const nulled = vacatedColumns(table, fk, lookup);
  const shared = fk.columns.filter((c) => !nulled.includes(c));
  const name = displayName(table);
  const withOther = shared.some(
    (c) => aloneKey(table, c) && table.foreignKeys.some((other) => other !== fk && other.columns.includes(c)),
  );
  const why = withOther
    ? `shares ${shared.join(', ')}, the table's own key, with another foreign key, and datagen cannot make both agree without giving the table a single row`
    : `would decide ${shared.join(', ')}, the table's own key, by a column of ${displayName(fk.references)} that is not unique there, which leaves the key too few values`;
  return {
    code: 'COLUMN_LEFT_NULL',
    where: `${name}.${nulled.map((c) => quoteIdent(c)).join(', ')}`,
    message: `${name}.${nulled.map((c) => quoteIdent(c)).join(', ')} ${nulled.length === 1 ? 'is' : 'are'} left NULL in every row: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${displayName(fk.references)} ${why}. To fill ${nulled.length === 1 ? 'it' : 'them'}, set ${nulled.length === 1 ? 'it' : 'them'} after loading (UPDATE ${name} … FROM ${displayName(fk.references)} …).`,
  };
}
