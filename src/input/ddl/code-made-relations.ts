/**
 * The relations a routine's code makes (tables, indexes, views, sequences, a rename's new name), read from
 * its statements with the parser: a SQL body's statements, a `BEGIN ATOMIC` body's, a plpgsql body's SQL
 * statements and the string constants its EXECUTEs run. Read from the body's text, comments and strings
 * gave names no statement makes (pgMemento's "-- Create event trigger for CREATE TABLE events" gave
 * `events`, its `'CREATE TABLE AS'` tag `as`), which fooled the test of whether later DDL names what a kept
 * call makes (function-calls.ts writeCallsAfterData).
 */
import type { CreateFunctionStmt, Node } from 'libpg-query';
import { walkAst } from './ast.js';
import { madeRelations } from './do-blocks.js';
import { functionBodyText } from './inline-functions.js';
import { parsePlPgSQLSync, parseSync, selectedExpression } from './pg-parser.js';

/** The bare names of the relations the statements make (CREATE TABLE / INDEX / VIEW / SEQUENCE, RENAME TO). */
function statementsMake(stmts: unknown): string[] {
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name !== undefined && name !== '') names.push(name);
  };
  walkAst(stmts, (key, n) => {
    if (key === 'CreateStmt' || key === 'CreateForeignTableStmt')
      add((n.relation as { relname?: string } | undefined)?.relname);
    else if (key === 'IndexStmt') add(n.idxname as string | undefined);
    else if (key === 'ViewStmt') add((n.view as { relname?: string } | undefined)?.relname);
    else if (key === 'CreateSeqStmt') add((n.sequence as { relname?: string } | undefined)?.relname);
    else if (key === 'CreateTableAsStmt')
      add((n.into as { IntoClause?: { rel?: { relname?: string } } } | undefined)?.IntoClause?.rel?.relname);
    else if (key === 'RenameStmt' && typeof n.newname === 'string' && n.relation !== undefined)
      add(n.newname);
  });
  return names;
}

/** The names SQL text's statements make; undefined when it does not parse. */
function sqlMakes(sql: string): string[] | undefined {
  try {
    return statementsMake((parseSync(sql) as { stmts?: unknown }).stmts);
  } catch {
    return undefined;
  }
}

/**
 * An EXECUTE's names: each string constant of its expression that parses as statements (`'CREATE TABLE
 * audit.daily (...)'`), else the names its text shows after CREATE ... or RENAME TO (a piece a name is joined
 * to: `'ALTER TABLE ' || t || ' RENAME TO t_old'`).
 */
function executeMakes(query: string): string[] {
  const expr = selectedExpression(query);
  if (expr === undefined) return [];
  const names: string[] = [];
  walkAst(expr, (key, n) => {
    const text = key === 'A_Const' ? (n.sval as { sval?: string } | undefined)?.sval : undefined;
    // A name format() fills (`public.%I`) is no name: its schema alone is not what the statement makes.
    const written = text?.replace(/(?:"[^"]+"|[\w$]+)\s*\.\s*(?=%)/g, '');
    if (text !== undefined) names.push(...(sqlMakes(text) ?? madeRelations(written ?? '')));
  });
  return names;
}

/** A plpgsql routine's names, from its SQL statements and EXECUTEs; undefined when it does not parse. */
function plpgsqlMakes(statementText: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = parsePlPgSQLSync(statementText);
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const query = (expr: unknown) =>
    ((expr as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr?.query ?? '') as string;
  walkAst(parsed, (key, n) => {
    if (key === 'PLpgSQL_stmt_execsql') names.push(...(sqlMakes(query(n.sqlstmt)) ?? []));
    else if (key === 'PLpgSQL_stmt_dynexecute') names.push(...executeMakes(query(n.query)));
  });
  return names;
}

/**
 * The bare names of the relations a routine's code makes, read with the parser where its body is SQL or
 * plpgsql; undefined where it cannot be read so (another language, a body that does not parse): its text is
 * then read as before (do-blocks.ts madeRelations).
 */
export function routineMadeRelations(node: CreateFunctionStmt, statementText: string): string[] | undefined {
  if (node.sql_body !== undefined) return [...new Set(statementsMake(node.sql_body as Node))];
  const language = (node.options ?? []).flatMap((o) =>
    'DefElem' in o && o.DefElem.defname === 'language' && o.DefElem.arg && 'String' in o.DefElem.arg
      ? [o.DefElem.arg.String.sval?.toLowerCase()]
      : [],
  )[0];
  const body = functionBodyText(node);
  if (body === undefined) return undefined;
  const names =
    language === 'sql' ? sqlMakes(body) : language === 'plpgsql' ? plpgsqlMakes(statementText) : undefined;
  return names === undefined ? undefined : [...new Set(names)];
}
