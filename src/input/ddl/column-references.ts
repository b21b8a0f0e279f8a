/**
 * The columns a table's own expressions read (a CHECK, a generated column, an
 * index's elements and predicate, COMMENT ON COLUMN) must be the table's:
 * PostgreSQL refuses the statement otherwise (`column "foo" does not exist`,
 * `missing FROM-clause entry for table "zz"`), and datagen, which writes the
 * statement back, would write output that stops loading there. Read as the
 * statement runs, so a column added or renamed later does not count.
 */

import type { SourceLocation } from '../../errors.js';
import { displayName } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { columnRefNamesIn } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { TableDraft } from './schema-builder.js';
import { isUnseenColumn } from './unseen-columns.js';

/** Columns every table has (`CHECK (tableoid <> 0)` is allowed). */
const SYSTEM_COLUMNS = new Set(['tableoid', 'ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'oid']);

/** How many of the table's columns a message lists. */
const LISTED = 12;

/**
 * The references in `node` that name nothing of `table`, as written (`foo`,
 * `zz.v`): a column it lacks, or a column of another table. Nothing inside a
 * subquery is read (its FROM names other tables; PostgreSQL refuses the
 * subquery itself in these places). `columns`: names the statement gives
 * as columns (an index's plain elements), read as well.
 */
export function unknownColumnRefs(
  table: TableDraft,
  node: unknown,
  columns: readonly string[] = [],
): string[] {
  const unknown = new Set<string>();
  for (const names of [...columns.map((c) => [c]), ...columnRefNamesIn(node, ['SubLink'])]) {
    const column = names[names.length - 1] ?? '';
    const qualifier = names.slice(0, -1);
    const own =
      qualifier.length === 0 ||
      (qualifier[qualifier.length - 1] === table.name &&
        (qualifier.length === 1 || (qualifier.length === 2 && qualifier[0] === table.schema)));
    const known =
      column === '*' ||
      SYSTEM_COLUMNS.has(column) ||
      table.columns.some((c) => c.name === column) ||
      // A column a kept DO block adds (unseen-columns.ts): PostgreSQL finds it there.
      isUnseenColumn(table, column) ||
      // A bare table name is its whole row (`CHECK (t IS NOT NULL)`).
      (qualifier.length === 0 && column === table.name);
    if (!own || !known) unknown.add(names.map((n) => (n === '*' ? n : quoteIdent(n))).join('.'));
  }
  return [...unknown];
}

/**
 * Whether `node` reads the table's whole row (`t IS NOT NULL`, `t.*`): the
 * CHECK readers take a bare name for a column, so such a CHECK is not read
 * as the server reads it.
 */
export function readsWholeRow(table: TableDraft, node: unknown): boolean {
  return columnRefNamesIn(node, ['SubLink']).some(
    (names) =>
      names[names.length - 1] === '*' ||
      (names.length === 1 && names[0] === table.name && !table.columns.some((c) => c.name === table.name)),
  );
}

/**
 * A located problem when `node`, an expression of `table` that `what` names,
 * reads a column the table lacks (or `columns` names one). Not for a table a
 * DO block changes (its columns at load time are not known).
 */
export function reportUnknownColumns(
  ctx: DdlContext,
  table: TableDraft,
  node: unknown,
  what: string,
  location: SourceLocation,
  columns: readonly string[] = [],
): void {
  if (table.changedUnseenBy !== undefined) return;
  const unknown = unknownColumnRefs(table, node, columns);
  if (unknown.length === 0) return;
  const names = table.columns.map((c) => quoteIdent(c.name));
  const has =
    names.length === 0
      ? 'it has no columns'
      : `it has ${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? `, … (${names.length} in all)` : ''}`;
  const [first] = unknown;
  const them = unknown.length === 1 ? `${first} is not a column` : `${unknown.join(', ')} are not columns`;
  ctx.builder.problems.push({
    location,
    message: `${what}: ${them} of ${displayName(table)} (${has}), so PostgreSQL refuses the statement; write the column's name as the table has it`,
  });
}
