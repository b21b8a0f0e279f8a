/**
 * `CREATE TABLE t AS SELECT * FROM src` (or a list of src's columns, or
 * `TABLE src`; WITH or WITHOUT DATA): the new table has src's columns as they
 * are at that point (names, types with their modifiers; no NOT NULL, default
 * or key, as PostgreSQL makes it), so it is read, and written, as that plain
 * CREATE TABLE: datagen gives it rows, and the keys and foreign keys a later
 * ALTER TABLE adds to it are modelled (Boundary's credential_vault_library).
 * Any other query stays unmodelled (relation-statements.ts).
 */
import type { CreateStmt, CreateTableAsStmt, Node } from 'libpg-query';
import { formatTypeName } from '../../schema/format-type.js';
import type { QualifiedName, TypeRef } from '../../schema/model.js';
import { quoteIdent, quoteQualified } from '../../schema/quote.js';
import { stringOf, stringsOf } from './ast.js';
import { createTable } from './create-table.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { parseSync } from './pg-parser.js';

type Json = Record<string, unknown>;

function typeSql(type: TypeRef): string | undefined {
  if (type.typmodNames !== undefined || type.intervalFields !== undefined) return undefined;
  if (type.typmods.length === 0) return formatTypeName(type);
  const mods = `(${type.typmods.join(', ')})`;
  return `${quoteIdent(type.schema)}.${quoteIdent(type.name)}${mods}${'[]'.repeat(type.arrayDims)}`;
}

/** The columns a simple query over one table makes: [name, source column] pairs, or undefined. */
function selectedColumns(
  ctx: DdlContext,
  query: Node | undefined,
): { from: QualifiedName; names: string[][] } | undefined {
  const select = query !== undefined && 'SelectStmt' in query ? (query.SelectStmt as Json) : undefined;
  if (!select || (select.op !== undefined && select.op !== 'SETOP_NONE')) return undefined;
  if (select.groupClause || select.distinctClause || select.valuesLists || select.havingClause)
    return undefined;
  const from = select.fromClause as Node[] | undefined;
  if (from?.length !== 1 || !from[0] || !('RangeVar' in from[0])) return undefined;
  const q = ctx.resolveRelation(from[0].RangeVar);
  const table = ctx.builder.table(q);
  if (!table) return undefined;
  const names: string[][] = [];
  for (const target of (select.targetList as Node[] | undefined) ?? []) {
    const res = 'ResTarget' in target ? target.ResTarget : undefined;
    const ref = res?.val !== undefined && 'ColumnRef' in res.val ? res.val.ColumnRef : undefined;
    const fields = ref?.fields ?? [];
    const last = fields.at(-1);
    if (!res || !last || fields.length > 2) return undefined;
    if ('A_Star' in last) {
      if (fields.length > 1) return undefined;
      for (const c of table.columns) names.push([c.name, c.name]);
      continue;
    }
    const column = stringOf(last);
    if (column === null || !table.columns.some((c) => c.name === column)) return undefined;
    names.push([res.name ?? column, column]);
  }
  return names.length > 0 ? { from: q, names } : undefined;
}

/** Reads a CREATE TABLE AS over one table's columns as the plain CREATE TABLE it makes; false when it is not one. */
export function tableAsPlainTable(ctx: DdlContext, stmt: SourceStatement, node: CreateTableAsStmt): boolean {
  const picked = selectedColumns(ctx, node.query);
  const into = node.into;
  if (!picked || !into?.rel || into.rel.relpersistence === 't') return false;
  const source = ctx.builder.table(picked.from);
  const renamed = stringsOf(into.colNames);
  const columns: string[] = [];
  for (const [i, [name, from]] of picked.names.entries()) {
    const type = source?.columns.find((c) => c.name === from)?.type;
    const sql = type === undefined ? undefined : typeSql(type);
    if (sql === undefined) return false;
    columns.push(`${quoteIdent(renamed[i] ?? (name as string))} ${sql}`);
  }
  const q = ctx.createdName(into.rel);
  const unlogged = into.rel.relpersistence === 'u' ? 'UNLOGGED ' : '';
  const text = `CREATE ${unlogged}TABLE ${node.if_not_exists ? 'IF NOT EXISTS ' : ''}${quoteQualified(q)} (${columns.join(', ')})`;
  const parsed = (parseSync(text) as { stmts?: { stmt?: Node }[] }).stmts?.[0]?.stmt;
  if (parsed === undefined || !('CreateStmt' in parsed)) return false;
  createTable(ctx, { ...stmt, node: parsed, text }, parsed.CreateStmt as CreateStmt);
  return true;
}
