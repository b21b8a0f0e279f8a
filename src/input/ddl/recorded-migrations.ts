/**
 * The rows a schema file records in a migration tool's history table (the
 * `INSERT INTO "schema_migrations" (version) VALUES ('2016…'), …;` that ends
 * a Rails or Ecto `structure.sql`): the migrations the schema is made of.
 * They are kept as that table's values (plan/recorded-rows.ts), so an
 * application finds its migrations run in the database the output makes,
 * instead of invented versions it would take for pending ones. Only a
 * one-column INSERT of constants into a table schema/migration-history.ts
 * knows is read; any other INSERT is left out as every data statement is.
 */
import type { InsertStmt, Node } from 'libpg-query';
import { formatLocation, type SourceLocation } from '../../errors.js';
import { migrationHistoryTool } from '../../schema/migration-history.js';
import { nameKey } from '../../schema/names.js';
import type { DdlContext } from './ddl-context.js';

/** A constant's text as PostgreSQL reads it, or null for anything else (an expression, NULL). */
function constantText(node: Node): string | null {
  if ('TypeCast' in node) return node.TypeCast.arg === undefined ? null : constantText(node.TypeCast.arg);
  if (!('A_Const' in node)) return null;
  const c = node.A_Const;
  if (c.isnull) return null;
  if (c.sval !== undefined) return c.sval.sval ?? '';
  if (c.ival !== undefined) return String(c.ival.ival ?? 0);
  if (c.fval !== undefined) return c.fval.fval ?? null;
  return null;
}

/** Takes the INSERT's rows when it records migrations (true), else leaves it to be skipped (false). */
export function recordMigrationRows(ctx: DdlContext, insert: InsertStmt, location: SourceLocation): boolean {
  const recorded = ctx.recorded;
  if (
    insert.relation === undefined ||
    insert.onConflictClause !== undefined ||
    insert.withClause !== undefined
  )
    return false;
  const name = ctx.resolveRelation(insert.relation);
  const table = ctx.builder.tables.get(nameKey(name));
  if (table === undefined || migrationHistoryTool(table) === null) return false;
  const named = (insert.cols ?? []).map((c) => ('ResTarget' in c ? c.ResTarget.name : undefined));
  const column = named.length === 0 && table.columns.length === 1 ? table.columns[0]?.name : named[0];
  if (column === undefined || named.length > 1 || !table.columns.some((c) => c.name === column)) return false;
  const select = insert.selectStmt;
  const lists = select !== undefined && 'SelectStmt' in select ? select.SelectStmt.valuesLists : undefined;
  if (lists === undefined) return false;
  const values: string[] = [];
  for (const list of lists) {
    const items = 'List' in list ? (list.List.items ?? []) : [];
    const text = items.length === 1 ? constantText(items[0] as Node) : null;
    if (text === null) return false;
    values.push(text);
  }
  const key = nameKey(name);
  const entry = recorded.get(key) ?? {
    rows: { table: name, column, values: [], where: formatLocation(location) },
    seen: new Set<string>(),
  };
  if (entry.rows.column !== column) return false;
  const kept = entry.rows.values as string[];
  for (const v of values) {
    if (entry.seen.has(v)) continue;
    entry.seen.add(v);
    kept.push(v);
  }
  recorded.set(key, entry);
  return true;
}
