/**
 * `CREATE TABLE t AS SELECT * FROM src` (or a list of src's columns, or
 * `TABLE src`; WITH or WITHOUT DATA): the new table has src's columns as they
 * are at that point (names, types with their modifiers; no NOT NULL, default
 * or key, as PostgreSQL makes it), so it is read, and written, as that plain
 * CREATE TABLE: datagen gives it rows, and the keys and foreign keys a later
 * ALTER TABLE adds to it are modelled (Boundary's credential_vault_library).
 * So is any query whose columns' types `query-columns.ts` reads (aggregates
 * over a UNION of tables, joins, casts); any other stays unmodelled
 * (relation-statements.ts).
 */
import type { CreateStmt, CreateTableAsStmt, Node, SelectStmt } from 'libpg-query';
import { quoteIdent, quoteQualified } from '../../schema/quote.js';
import { stringsOf } from './ast.js';
import { createTable } from './create-table.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { parseSync } from './pg-parser.js';
import { queryColumns } from './query-columns.js';

/** Reads a CREATE TABLE AS over one table's columns as the plain CREATE TABLE it makes; false when it is not one. */
export function tableAsPlainTable(ctx: DdlContext, stmt: SourceStatement, node: CreateTableAsStmt): boolean {
  const picked = queryColumns(ctx, node.query, stmt.location);
  const into = node.into;
  if (!picked || !into?.rel || into.rel.relpersistence === 't') return false;
  const renamed = stringsOf(into.colNames);
  const columns = picked.map((c, i) => `${quoteIdent(renamed[i] ?? c.name)} ${c.type}`);
  if (new Set(picked.map((c, i) => renamed[i] ?? c.name)).size < picked.length) return false;
  const q = ctx.createdName(into.rel);
  const unlogged = into.rel.relpersistence === 'u' ? 'UNLOGGED ' : '';
  const text = `CREATE ${unlogged}TABLE ${node.if_not_exists ? 'IF NOT EXISTS ' : ''}${quoteQualified(q)} (${columns.join(', ')})`;
  const parsed = (parseSync(text) as { stmts?: { stmt?: Node }[] }).stmts?.[0]?.stmt;
  if (parsed === undefined || !('CreateStmt' in parsed)) return false;
  createTable(ctx, { ...stmt, node: parsed, text }, parsed.CreateStmt as CreateStmt);
  return true;
}

/** `SELECT ... INTO t ...` as the `CREATE TABLE t AS SELECT ...` PostgreSQL reads it as. */
export function selectIntoAsTableAs(select: SelectStmt): CreateTableAsStmt {
  const { intoClause, ...query } = select;
  return {
    query: { SelectStmt: query },
    ...(intoClause ? { into: intoClause } : {}),
    objtype: 'OBJECT_TABLE',
  };
}
