/**
 * Routines whose plpgsql body only runs `EXECUTE format('<DDL>', param, ...)`
 * (Lakekeeper's `add_time_columns(tablename regclass)` adds created_at and
 * updated_at; `trigger_updated_at` makes a trigger), called at top level with
 * literal arguments (`CALL add_time_columns('task_log')`, `SELECT
 * trigger_updated_at('view_schema')`): the call is the DDL it runs, read as
 * if written there, so the columns it adds are known (a later DROP COLUMN
 * updated_at is no longer an error) and get values.
 */
import type { CreateFunctionStmt, FuncCall, Node, RangeVar } from 'libpg-query';
import { ErrorCodes, isDatagenError } from '../../errors.js';
import { nameKey } from '../../schema/names.js';
import { formatSql } from '../../schema/quote.js';
import { effectiveGeneratorVersion } from '../../version.js';
import { stringsOf, walkAst } from './ast.js';
import { type CallStatement, callStatements, type RoutineCode, routineCode } from './call-ddl.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import { parsedStatements } from './guarded-do.js';
import { parsePlPgSQLSync, parseSync, selectedExpression } from './pg-parser.js';

/** One `EXECUTE format(text, args...)`: the format text and, per argument, the parameter index it passes. */
interface Execute {
  readonly format: string;
  readonly args: readonly number[];
}

/**
 * A routine a top-level call may be read as the DDL of: `executes`, the EXECUTE statements of one that only
 * runs dynamic DDL from its parameters (read at every version); `code`, the plpgsql body of one that makes
 * objects, whose call's DDL `call-ddl.ts` reads (from generator version 23, `readsCallDdl`).
 */
export interface DynamicDdl {
  readonly executes?: readonly Execute[];
  readonly code?: RoutineCode;
}

/** The routine's dynamic DDL (`makes`: its body makes objects); undefined when there is none to read. */
export function dynamicDdlOf(node: CreateFunctionStmt, text: string, makes: boolean): DynamicDdl | undefined {
  const executes = onlyExecutes(node, text);
  const code = executes === undefined && makes ? routineCode(node, text) : undefined;
  return executes !== undefined ? { executes } : code !== undefined ? { code } : undefined;
}

/** The generator version from which a kept call is read as the DDL its code runs. */
const CALL_DDL_FROM_VERSION = 23;

/** Whether a run of this version reads kept calls as the DDL their code runs. */
export function readsCallDdl(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= CALL_DDL_FROM_VERSION;
}

/**
 * `parse` with kept calls read as the options say; at an earlier version, a DDL that run refuses is read
 * again with them read (MapRoulette's later DDL names the columns and indexes its calls make): nothing that
 * was accepted reads differently.
 */
export async function withCallDdlRead<
  S extends { readonly text: string },
  O extends { readonly readCallDdl?: boolean },
  R,
>(sources: readonly S[], options: O, parse: (sources: readonly S[], options: O) => Promise<R>): Promise<R> {
  try {
    return await parse(sources, options);
  } catch (error) {
    const refused = isDatagenError(error) && error.code === ErrorCodes.SCHEMA_INVALID;
    if (options.readCallDdl === true || !refused) throw error;
    return parse(sources, { ...options, readCallDdl: true });
  }
}

/** The EXECUTE statements of a routine that only runs dynamic DDL from its parameters; undefined otherwise. */
function onlyExecutes(node: CreateFunctionStmt, text: string): readonly Execute[] | undefined {
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
function expandDynamicDdl(ddl: readonly Execute[], call: readonly Node[]): string | undefined {
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
  const found = loneCall(ctx, stmt);
  if (found === undefined) return undefined;
  const { ddl, call } = found;
  if (ddl.executes !== undefined) {
    const sql = expandDynamicDdl(ddl.executes, call.args ?? []);
    return sql === undefined ? undefined : parsedStatements(sql, stmt);
  }
  if (ddl.code === undefined || ctx.readsCallDdl !== true) return undefined;
  const ran = callStatements(ddl.code, call.args ?? [], (query) => performMakes(ctx, query));
  const sql = ran === undefined ? undefined : unguardedDdl(ctx, ran);
  return sql === undefined ? undefined : parsedStatements(sql.join(';\n'), stmt, true);
}

/**
 * The DDL a lone top-level call of a routine whose code makes objects is seen to run, where it can be read
 * (`call-ddl.ts`); undefined otherwise. What a call kept as written is read as (`function-calls.ts`).
 */
export function keptCallDdl(ctx: DdlContext, stmt: SourceStatement): string[] | undefined {
  const found = loneCall(ctx, stmt);
  if (found?.ddl.code === undefined) return undefined;
  return callStatements(found.ddl.code, found.call.args ?? [], (query) => performMakes(ctx, query))?.map(
    (s) => s.sql,
  );
}

/** Whether a PERFORM's query calls a routine of the DDL whose code makes objects. */
function performMakes(ctx: DdlContext, query: string): boolean {
  let makes = false;
  walkAst(selectedExpression(query.replace(/^\s*select\s+/i, '')) ?? {}, (key, n) => {
    if (key !== 'FuncCall') return;
    const name = stringsOf(n.funcname as Node[] | undefined).at(-1) ?? '';
    for (const [routine, effects] of ctx.routineEffects)
      if (routine.endsWith(`\u0000${name}`) && effects.creates) makes = true;
  });
  return makes;
}

/**
 * A call's statements as DDL written at its place: a guarded one (under a condition on what the database
 * holds) left out where the model has its object already (a column, a constraint of that name, an index, a
 * table), as its guard would; undefined where a guarded one's object cannot be looked up.
 */
function unguardedDdl(ctx: DdlContext, ran: readonly CallStatement[]): string[] | undefined {
  const out: string[] = [];
  for (const { sql, guarded } of ran) {
    if (!guarded) {
      out.push(sql);
      continue;
    }
    const present = objectPresent(ctx, sql);
    if (present === undefined) return undefined;
    if (!present) out.push(sql);
  }
  return out;
}

/** Whether the object a statement makes is in the model already; undefined where this cannot tell. */
function objectPresent(ctx: DdlContext, sql: string): boolean | undefined {
  let node: Node | undefined;
  try {
    node = (parseSync(sql) as { stmts?: { stmt?: Node }[] }).stmts?.[0]?.stmt;
  } catch {
    return undefined;
  }
  if (node === undefined) return undefined;
  if ('IndexStmt' in node)
    return node.IndexStmt.idxname === undefined
      ? undefined
      : ctx.builder.indexes.has(
          nameKey({ schema: indexSchema(ctx, node.IndexStmt.relation), name: node.IndexStmt.idxname }),
        );
  if ('CreateStmt' in node && node.CreateStmt.relation !== undefined)
    return ctx.builder.table(ctx.resolveRelation(node.CreateStmt.relation)) !== undefined;
  if (!('AlterTableStmt' in node) || node.AlterTableStmt.relation === undefined) return undefined;
  const table = ctx.builder.table(ctx.resolveRelation(node.AlterTableStmt.relation));
  if (table === undefined) return node.AlterTableStmt.missing_ok === true ? true : undefined;
  const present = (node.AlterTableStmt.cmds ?? []).map((c) => {
    const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : undefined;
    const def = cmd?.def;
    if (cmd?.subtype === 'AT_AddColumn' && def !== undefined && 'ColumnDef' in def)
      return table.columns.some((col) => col.name === def.ColumnDef.colname);
    if (cmd?.subtype === 'AT_AddConstraint' && def !== undefined && 'Constraint' in def)
      return def.Constraint.conname === undefined
        ? undefined
        : constraintNames(table).includes(def.Constraint.conname);
    if (cmd?.subtype === 'AT_DropColumn') return !table.columns.some((col) => col.name === cmd.name);
    return undefined;
  });
  const [first] = present;
  return present.every((p) => p === first) ? first : undefined;
}

/** The schema an index is made in: its table's. */
function indexSchema(ctx: DdlContext, relation: RangeVar | undefined): string {
  return relation === undefined ? ctx.creationSchema() : ctx.resolveRelation(relation).schema;
}

/** A lone top-level `CALL f(...)` or `SELECT f(...)` of a routine with dynamic DDL: it and its call. */
function loneCall(ctx: DdlContext, stmt: SourceStatement): { ddl: DynamicDdl; call: FuncCall } | undefined {
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
  return ddl === undefined ? undefined : { ddl, call };
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
