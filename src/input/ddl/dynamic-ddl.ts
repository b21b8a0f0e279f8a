/**
 * Routines whose plpgsql body only runs `EXECUTE format('<DDL>', param, ...)`
 * (Lakekeeper's `add_time_columns(tablename regclass)` adds created_at and
 * updated_at; `trigger_updated_at` makes a trigger), called at top level with
 * literal arguments (`CALL add_time_columns('task_log')`, `SELECT
 * trigger_updated_at('view_schema')`): the call is the DDL it runs, read as
 * if written there, so the columns it adds are known (a later DROP COLUMN
 * updated_at is no longer an error) and get values.
 */
import type { CreateFunctionStmt, FuncCall, Node } from 'libpg-query';
import { formatSql } from '../../schema/quote.js';
import { stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { parsedStatements } from './guarded-do.js';
import { parsePlPgSQLSync, selectedExpression } from './pg-parser.js';

/** One `EXECUTE format(text, args...)`: the format text and, per argument, the parameter index it passes. */
interface Execute {
  readonly format: string;
  readonly args: readonly number[];
}

/** The EXECUTE statements of a routine that only runs dynamic DDL from its parameters. */
export type DynamicDdl = readonly Execute[];

/** The routine's dynamic DDL; undefined when its body does anything else. */
export function dynamicDdlOf(node: CreateFunctionStmt, text: string): DynamicDdl | undefined {
  const language = (node.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === 'language');
  const lang = language !== undefined && 'DefElem' in language ? language.DefElem.arg : undefined;
  if (lang === undefined || !('String' in lang) || lang.String.sval !== 'plpgsql') return undefined;
  if (!/\bexecute\b/i.test(text)) return undefined;
  const params = (node.parameters ?? []).map((p) =>
    'FunctionParameter' in p ? (p.FunctionParameter.name ?? '') : '',
  );
  let fn: Node | undefined;
  try {
    const parsed = parsePlPgSQLSync(text) as unknown as { plpgsql_funcs?: { PLpgSQL_function?: Node }[] };
    fn = parsed.plpgsql_funcs?.[0]?.PLpgSQL_function as Node | undefined;
  } catch {
    return undefined;
  }
  const action = (fn as { action?: { PLpgSQL_stmt_block?: { body?: Node[]; exceptions?: unknown } } })?.action
    ?.PLpgSQL_stmt_block;
  if (action === undefined || action.exceptions !== undefined) return undefined;
  const out: Execute[] = [];
  for (const s of action.body ?? []) {
    const [kind, value] = Object.entries(s)[0] ?? [];
    if (kind === 'PLpgSQL_stmt_return' && Object.keys(value ?? {}).length === 0) continue;
    if (kind !== 'PLpgSQL_stmt_dynexecute') return undefined;
    const dyn = value as { query?: { PLpgSQL_expr?: { query?: string } }; into?: unknown; params?: unknown };
    if (dyn.into !== undefined || dyn.params !== undefined) return undefined;
    const execute = formatCall(dyn.query?.PLpgSQL_expr?.query ?? '', params);
    if (execute === undefined) return undefined;
    out.push(execute);
  }
  return out.length > 0 ? out : undefined;
}

/** `format('text', p1, p2)` over the routine's parameters. */
function formatCall(query: string, params: readonly string[]): Execute | undefined {
  const target = selectedExpression(query);
  if (target === undefined || !('FuncCall' in target)) return undefined;
  if (stringsOf(target.FuncCall.funcname).at(-1) !== 'format') return undefined;
  const [text, ...rest] = target.FuncCall.args ?? [];
  const format = text !== undefined && 'A_Const' in text ? text.A_Const.sval?.sval : undefined;
  if (format === undefined) return undefined;
  const args: number[] = [];
  for (const a of rest) {
    const field = 'ColumnRef' in a ? stringsOf(a.ColumnRef.fields) : [];
    const index = field.length === 1 ? params.indexOf(field[0] ?? '') : -1;
    if (index < 0) return undefined;
    args.push(index);
  }
  return { format, args };
}

/** A call's argument as text: a string or number literal (cast or not); undefined otherwise. */
function literal(node: Node): string | undefined {
  const inner = 'TypeCast' in node ? node.TypeCast.arg : node;
  if (inner === undefined || !('A_Const' in inner)) return undefined;
  const c = inner.A_Const;
  if (c.sval !== undefined) return c.sval.sval ?? '';
  if (c.ival !== undefined) return String(c.ival.ival ?? 0);
  return undefined;
}

/** The SQL a call of the routine runs, from the call's arguments; undefined where they are not literals. */
export function expandDynamicDdl(ddl: DynamicDdl, call: readonly Node[]): string | undefined {
  const values = call.map(literal);
  if (values.some((v) => v === undefined)) return undefined;
  const parts: string[] = [];
  for (const { format, args } of ddl) {
    const sql = formatSql(format, (n) => values[args[n] ?? -1]);
    if (sql === undefined || /%\d/.test(format)) return undefined;
    parts.push(sql.text.trim().replace(/;?$/, ';'));
  }
  return parts.join('\n');
}

/**
 * A top-level `CALL f('t')` or `SELECT f('t')` of a routine that only runs
 * dynamic DDL: the statements it runs, at the call's place; undefined when
 * the statement is not such a call.
 */
export function dynamicDdlCall(ctx: DdlContext, stmt: SourceStatement): SourceStatement[] | undefined {
  if (ctx.dynamicDdl.size === 0) return undefined;
  const node = stmt.node;
  let call: FuncCall | undefined;
  if ('CallStmt' in node) call = node.CallStmt.funccall;
  else if ('SelectStmt' in node) {
    const s = node.SelectStmt;
    const first = s.targetList?.[0];
    const val = first !== undefined && 'ResTarget' in first ? first.ResTarget.val : undefined;
    if (s.targetList?.length === 1 && s.fromClause === undefined && val !== undefined && 'FuncCall' in val)
      call = val.FuncCall;
  }
  if (call === undefined) return undefined;
  const names = stringsOf(call.funcname);
  const name = names.at(-1) ?? '';
  const schemas = names.length >= 2 ? [names.at(-2) ?? ''] : ctx.searchPath;
  const ddl = schemas.map((s) => ctx.dynamicDdl.get(`${s}\u0000${name}`)).find((d) => d !== undefined);
  if (ddl === undefined) return undefined;
  const sql = expandDynamicDdl(ddl, call.args ?? []);
  return sql === undefined ? undefined : parsedStatements(sql, stmt);
}

/** `EXECUTE 'CREATE TYPE ...'` of one string constant (Linkwarden's guarded enum): that SQL; undefined otherwise. */
export function constantExecute(step: unknown): string | undefined {
  const dyn = (step as { PLpgSQL_stmt_dynexecute?: Record<string, unknown> } | undefined)
    ?.PLpgSQL_stmt_dynexecute;
  if (dyn === undefined || dyn.into !== undefined || dyn.params !== undefined) return undefined;
  const query = (dyn.query as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr?.query;
  if (query === undefined) return undefined;
  const val = selectedExpression(query);
  return val !== undefined && 'A_Const' in val ? val.A_Const.sval?.sval : undefined;
}
