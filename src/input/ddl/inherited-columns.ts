/**
 * A column a table has from a parent (INHERITS, PARTITION OF, ATTACH
 * PARTITION) cannot have its type changed, or be dropped, on that table
 * alone: PostgreSQL refuses `ALTER TABLE child ALTER COLUMN c TYPE ...`
 * (`cannot alter inherited column "c"`) and `DROP COLUMN c` (`cannot drop
 * inherited column "c"`); it is done on the parent, which passes it down.
 * datagen applied it to the child's model and wrote a statement whose load
 * stopped there. Nor can a column of a partitioned table's key (`cannot
 * alter column "c" because it is part of the partition key of relation`).
 */
import type { SourceLocation } from '../../errors.js';
import { displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import type { DdlContext } from './ddl-context.js';
import type { TableDraft } from './schema-builder.js';

/** The parent `table` has column `column` from, if any. */
function parentHolding(ctx: DdlContext, table: TableDraft, column: string): TableDraft | undefined {
  const parents = [...table.inherits, ...(table.partitionOf === null ? [] : [table.partitionOf.parent])];
  for (const q of parents) {
    const parent = ctx.builder.table(q);
    if (parent?.columns.some((c) => c.name === column)) return parent;
  }
  return undefined;
}

/** A located problem when `what` is done to a partition key's column, or to an inherited column on the child; returns whether. */
export function reportInheritedColumnChange(
  ctx: DdlContext,
  table: TableDraft,
  column: string,
  what: 'alter' | 'drop',
  location: SourceLocation,
): boolean {
  if (table.partitionBy?.columns.includes(column) === true) {
    ctx.builder.problems.push({
      location,
      message: `ALTER TABLE ${displayName(table)} ${what === 'alter' ? 'ALTER COLUMN' : 'DROP COLUMN'} ${quoteIdent(column)}: the column is in the table's partition key, so PostgreSQL refuses it ("cannot ${what} column "${column}" because it is part of the partition key of relation "${table.name}""); make the table again with the key it needs`,
    });
    return true;
  }
  const parent = parentHolding(ctx, table, column);
  if (parent === undefined || ctx.detachedFrom.has(nameKey(table)) || ctx.detachedFrom.has(nameKey(parent)))
    return false;
  ctx.builder.problems.push({
    location,
    message: `ALTER TABLE ${displayName(table)} ${what === 'alter' ? 'ALTER COLUMN' : 'DROP COLUMN'} ${quoteIdent(column)}: the column is inherited from ${displayName(parent)}, so PostgreSQL refuses it ("cannot ${what} inherited column "${column}""); ${what === 'alter' ? 'change its type' : 'drop it'} on ${displayName(parent)}, which passes it to its children`,
  });
  return true;
}
