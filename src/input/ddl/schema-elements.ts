/**
 * `CREATE SCHEMA s [AUTHORIZATION r] CREATE TABLE ... CREATE VIEW ...`: the
 * schema, then each element as its own statement, read (and written) with
 * `s` first in the search_path, in the order PostgreSQL runs them (by kind).
 */
import type { CreateSchemaStmt } from 'libpg-query';
import { quoteIdent, quoteLiteral } from '../../schema/quote.js';
import { cloneNode, deparseNode } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { reportSchemaMadeTwice } from './repeated-namespaces.js';
import { objectKey } from './statement-list.js';

/** `SELECT pg_catalog.set_config('search_path', ...)` for a path. */
function setSearchPath(path: readonly string[]): string {
  const value = path.map((p) => (p === '$user' ? '"$user"' : quoteIdent(p))).join(', ');
  return `SELECT pg_catalog.set_config('search_path', ${quoteLiteral(value)}, false)`;
}

/** The kinds of schema element in the order PostgreSQL (12-18, transformCreateSchemaStmt) runs them. */
const SERVER_ORDER = ['CreateSeqStmt', 'CreateStmt', 'ViewStmt', 'IndexStmt', 'CreateTrigStmt', 'GrantStmt'];

/**
 * The elements as the server runs them: sequences, tables, views, indexes, triggers, grants, each kind in the
 * order written (`CREATE SCHEMA s CREATE VIEW v AS SELECT * FROM t CREATE TABLE t (...)` makes t first).
 */
function inServerOrder<T extends object>(elements: readonly T[]): T[] {
  const rank = (element: T) => {
    const at = SERVER_ORDER.indexOf(Object.keys(element)[0] ?? '');
    return at < 0 ? SERVER_ORDER.length : at;
  };
  return [...elements].sort((a, b) => rank(a) - rank(b));
}

export function createSchema(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: CreateSchemaStmt,
  handle: (ctx: DdlContext, stmt: SourceStatement) => void,
): void {
  const name = node.schemaname ?? node.authrole?.rolename ?? '';
  reportSchemaMadeTwice(ctx, name, node.if_not_exists === true, stmt.location);
  if (!ctx.builder.namespaces.includes(name)) ctx.builder.namespaces.push(name);
  const elements = node.schemaElts ?? [];
  let sql = stmt.text;
  if (elements.length > 0) {
    const bare = cloneNode(node);
    delete bare.schemaElts;
    sql = deparseNode({ CreateSchemaStmt: bare }, true);
  }
  const add = (desc: string, tag: string, text: string, creates?: string) =>
    ctx.out.add({
      desc,
      group: 0,
      namespace: null,
      tag,
      sql: text,
      tables: [],
      location: stmt.location,
      ...(creates === undefined ? {} : { creates }),
    });
  add('SCHEMA', name, sql, objectKey('schema', '', name));
  if (elements.length === 0) return;
  const outer = ctx.searchPath;
  const inner = [name, ...outer.filter((s) => s !== name)];
  ctx.searchPath = inner;
  add('SET', 'search_path', setSearchPath(inner));
  for (const element of inServerOrder(elements)) {
    handle(ctx, { ...stmt, node: element, text: deparseNode(element, true) });
  }
  ctx.searchPath = outer;
  add('SET', 'search_path', setSearchPath(outer));
}
