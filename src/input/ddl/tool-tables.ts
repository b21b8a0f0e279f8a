/**
 * Statements on a migration tool's history table the DDL never creates (golang-migrate, diesel and
 * maragudk/migrate make theirs before the first migration runs): Harbor's `ALTER TABLE schema_migrations ADD
 * COLUMN data_version int`, Harness's `ALTER TABLE migrations ADD PRIMARY KEY (version)`, Lemmy's `CREATE
 * TRIGGER forbid_diesel_cli ... ON __diesel_schema_migrations`. The output makes no such table, so such a
 * statement could only stop its load: it is left out, warned.
 */
import { formatLocation } from '../../errors.js';
import { historyToolsNamed } from '../../schema/migration-history.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** True when `table` (no table, view or other relation of the DDL) is a tool's history table: the statement is left out. */
export function leftOutOnToolTable(
  ctx: DdlContext,
  stmt: SourceStatement,
  what: string,
  table: QualifiedName,
): boolean {
  const tool = historyToolsNamed(table.name);
  if (tool === null || ctx.madeByDo.has(table.name)) return false;
  ctx.warn(
    'STATEMENT_SKIPPED',
    `${what} at ${formatLocation(stmt.location)} is left out: ${displayName(table)} is named as a migration tool's history table (${tool}), which the tool creates and the DDL does not, so the output makes no such table; add its CREATE TABLE to the DDL to have the statement kept`,
    stmt.location,
  );
  return true;
}
