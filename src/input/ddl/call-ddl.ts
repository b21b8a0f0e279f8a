/**
 * The DDL a top-level call of a plpgsql routine the DDL defines runs, read from its body with the
 * PL/pgSQL parser where the call's arguments are constants: each EXECUTE's text evaluated
 * (`code-values.ts`: format(), `||`, concat(), quote_*() of the parameters and of variables set from
 * them), its static DDL, the branches its IFs take on known values. OHDSI WebAPI's
 * `rename_duplicate_names('name', 'id', 'pathway_analysis', 'pw')` adds `uq_pw_name UNIQUE (name)`;
 * MapRoulette's `add_drop_column('tasks', 'priority', 'integer DEFAULT 0')` a column and its
 * `create_index_if_not_exists(...)` an index. A statement under a condition this cannot evaluate (`IF NOT
 * EXISTS (SELECT ... pg_class ...)`, a count a query returned) is `guarded`: the idempotent migration's
 * guard, run where the object is not there yet. Queries and row writes (`EXECUTE ... INTO`, UPDATE) are
 * passed over: the rows are datagen's. Undefined where the call's DDL cannot be known: an EXECUTE whose
 * text is not known and is no query, DDL in a loop or an exception handler, two branches that may both
 * run DDL, a PERFORM of code that may make objects, any statement this does not read.
 */
import type { CreateFunctionStmt, Node } from 'libpg-query';
import { type CodeScope, type CodeValue, codeValue, constantValue, UNKNOWN } from './code-values.js';
import { parsePlPgSQLSync, parseSync, selectedExpression } from './pg-parser.js';

/** A statement the call runs, and whether it runs only where its object is not there yet. */
export interface CallStatement {
  readonly sql: string;
  readonly guarded: boolean;
}

/** A plpgsql routine as a call reads it: its parameters (names folded, defaults) and its parsed body. */
export interface RoutineCode {
  readonly params: readonly { readonly name: string; readonly fallback: Node | undefined }[];
  readonly fn: Record<string, unknown>;
}

/** The routine's code; undefined when it is not plpgsql or does not parse. */
export function routineCode(node: CreateFunctionStmt, text: string): RoutineCode | undefined {
  const language = (node.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === 'language');
  const lang = language !== undefined && 'DefElem' in language ? language.DefElem.arg : undefined;
  if (lang === undefined || !('String' in lang) || lang.String.sval?.toLowerCase() !== 'plpgsql')
    return undefined;
  let fn: Record<string, unknown> | undefined;
  try {
    const parsed = parsePlPgSQLSync(text) as unknown as { plpgsql_funcs?: { PLpgSQL_function?: unknown }[] };
    fn = parsed.plpgsql_funcs?.[0]?.PLpgSQL_function as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
  if (fn === undefined) return undefined;
  const params = (node.parameters ?? []).flatMap((p) =>
    'FunctionParameter' in p &&
    (p.FunctionParameter.mode ?? 'FUNC_PARAM_IN') !== 'FUNC_PARAM_OUT' &&
    p.FunctionParameter.mode !== 'FUNC_PARAM_TABLE'
      ? [{ name: (p.FunctionParameter.name ?? '').toLowerCase(), fallback: p.FunctionParameter.defexpr }]
      : [],
  );
  return { params, fn };
}

/** A run of the body: variables' values, the statements found, and where it stands. */
interface Run {
  vars: Map<string, CodeValue>;
  readonly out: CallStatement[];
  /** Inside a loop: a variable set there is unknown after it, and DDL there cannot be read. */
  loop: boolean;
  /** Under a condition not known: its DDL is guarded. */
  guarded: boolean;
  /** A RETURN was reached. */
  returned: boolean;
  /** Whether code a PERFORM runs may make objects (a DDL routine). */
  readonly makesObjects: (query: string) => boolean;
}

/** Statement kinds that read or write rows: the call's queries and row writes, passed over. */
const ROW_KINDS = /^(SelectStmt|InsertStmt|UpdateStmt|DeleteStmt|MergeStmt)$/;

/** Statements that change nothing datagen models. */
const PASSED = new Set(['PLpgSQL_stmt_raise', 'PLpgSQL_stmt_assert', 'PLpgSQL_stmt_getdiag']);

const queryOf = (expr: unknown) =>
  (expr as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr?.query ?? '';

/**
 * The statements a call of `code` with `args` (its argument nodes; a named one as `name => value`) runs;
 * undefined where they cannot be known.
 */
export function callStatements(
  code: RoutineCode,
  args: readonly Node[],
  makesObjects: (query: string) => boolean,
): CallStatement[] | undefined {
  const vars = declared(code.fn);
  const positional = args.filter((a) => !('NamedArgExpr' in a));
  code.params.forEach((p, i) => {
    const named = args.find((a) => 'NamedArgExpr' in a && a.NamedArgExpr.name?.toLowerCase() === p.name);
    const given = named !== undefined && 'NamedArgExpr' in named ? named.NamedArgExpr.arg : positional[i];
    const node = given ?? p.fallback;
    const value = node === undefined ? UNKNOWN : constantValue(node as Node);
    if (p.name !== '') vars.set(p.name, value);
    vars.set(`$${i + 1}`, value);
  });
  if (args.length > code.params.length) return undefined;
  const run: Run = { vars, out: [], loop: false, guarded: false, returned: false, makesObjects };
  const action = (code.fn.action as { PLpgSQL_stmt_block?: unknown } | undefined)?.PLpgSQL_stmt_block;
  return action !== undefined && block(run, action) ? run.out : undefined;
}

const scopeOf =
  (run: Run): CodeScope =>
  (name) =>
    run.vars.get(name.toLowerCase()) ?? UNKNOWN;

/** The variables the body declares: NULL, or the constant value of their DEFAULT (`schema_name text := 'public'`). */
function declared(fn: Record<string, unknown>): Map<string, CodeValue> {
  const vars = new Map<string, CodeValue>();
  for (const datum of (fn.datums as unknown[] | undefined) ?? []) {
    const v = (datum as { PLpgSQL_var?: { refname?: string; default_val?: unknown } }).PLpgSQL_var;
    if (v?.refname === undefined) continue;
    const fallback = v.default_val === undefined ? undefined : selectedExpression(queryOf(v.default_val));
    vars.set(v.refname.toLowerCase(), fallback === undefined ? null : codeValue(fallback, () => UNKNOWN));
  }
  // FOUND is what the last query found: not known until one runs.
  vars.set('found', UNKNOWN);
  return vars;
}

/** The variables a query's INTO sets: unknown after it. */
function setByQuery(run: Run, target: unknown): void {
  const t = target as {
    PLpgSQL_row?: { fields?: { name?: string }[] };
    PLpgSQL_var?: { refname?: string };
    PLpgSQL_rec?: { refname?: string };
  };
  const names = [
    ...(t?.PLpgSQL_row?.fields ?? []).map((f) => f.name),
    t?.PLpgSQL_var?.refname,
    t?.PLpgSQL_rec?.refname,
  ];
  for (const name of names) if (name !== undefined) run.vars.set(name.toLowerCase(), UNKNOWN);
}

/** A BEGIN ... END block: its statements; DDL under its exception handlers is guarded. */
function block(run: Run, value: unknown): boolean {
  const b = value as {
    body?: unknown[];
    exceptions?: { PLpgSQL_exception_block?: { exc_list?: unknown[] } };
  };
  const handlers = b.exceptions?.PLpgSQL_exception_block?.exc_list ?? [];
  if (handlers.length === 0) return statements(run, b.body ?? []);
  // A handler catches the block's failure (`WHEN duplicate_column THEN NULL`): what the block makes is there
  // or not, as a guard's object; a handler that itself makes objects cannot be read.
  const guarded = run.guarded;
  run.guarded = true;
  const ok = statements(run, b.body ?? []);
  run.guarded = guarded;
  const before = run.out.length;
  for (const h of handlers) {
    const body = (h as { PLpgSQL_exception?: { action?: unknown[] } }).PLpgSQL_exception?.action ?? [];
    if (!statements({ ...run, out: [] }, body)) return false;
  }
  return ok && run.out.length === before;
}

function statements(run: Run, list: readonly unknown[]): boolean {
  for (const s of list) {
    if (run.returned) return true;
    const [kind, value] = Object.entries(s as object)[0] ?? [];
    if (kind === undefined || !statement(run, kind, value)) return false;
  }
  return true;
}

function statement(run: Run, kind: string, value: unknown): boolean {
  const v = value as Record<string, unknown>;
  if (PASSED.has(kind)) return true;
  if (kind === 'PLpgSQL_stmt_return') {
    run.returned = true;
    return true;
  }
  if (kind === 'PLpgSQL_stmt_block') return block(run, value);
  if (kind === 'PLpgSQL_stmt_assign') return assign(run, queryOf(v.expr));
  if (kind === 'PLpgSQL_stmt_if') return branches(run, v);
  if (
    kind === 'PLpgSQL_stmt_dynexecute' ||
    kind === 'PLpgSQL_stmt_execsql' ||
    kind === 'PLpgSQL_stmt_perform'
  ) {
    setByQuery(run, v.target);
    run.vars.set('found', UNKNOWN);
  }
  if (kind === 'PLpgSQL_stmt_dynexecute') return execute(run, v);
  if (kind === 'PLpgSQL_stmt_execsql') return sql(run, queryOf(v.sqlstmt), v.into === true);
  if (kind === 'PLpgSQL_stmt_perform') return !run.makesObjects(queryOf(v.expr));
  if (/^PLpgSQL_stmt_(fori|fors|forc|foreach_a|loop|while|dynfors)$/.test(kind)) {
    const loop = run.loop;
    run.loop = true;
    const ok = statements(run, (v.body as unknown[] | undefined) ?? []);
    run.loop = loop;
    return ok;
  }
  return false;
}

/** `x := expr` (or `x = expr`): x's value after it; unknown when set in a loop. */
function assign(run: Run, query: string): boolean {
  const match = /^\s*("[^"]+"|[\w$]+)\s*:?=\s*/.exec(query);
  if (match === null) return true;
  const written = match[1] ?? '';
  const name = written.startsWith('"') ? written.slice(1, -1) : written.toLowerCase();
  const value = run.loop
    ? UNKNOWN
    : codeValue(selectedExpression(query.slice(match[0].length)), scopeOf(run));
  run.vars.set(name, value);
  return true;
}

/** IF / ELSIF / ELSE: the branch known to run, else each that may (at most one of them running DDL). */
function branches(run: Run, v: Record<string, unknown>): boolean {
  type Arm = { cond: CodeValue; body: unknown[] };
  const arms: Arm[] = [
    { cond: condition(run, v.cond), body: (v.then_body as unknown[] | undefined) ?? [] },
    ...((v.elsif_list as unknown[] | undefined) ?? []).map((e): Arm => {
      const arm = (e as { PLpgSQL_if_elsif?: { cond?: unknown; stmts?: unknown[] } }).PLpgSQL_if_elsif;
      return { cond: condition(run, arm?.cond), body: arm?.stmts ?? [] };
    }),
    { cond: true, body: (v.else_body as unknown[] | undefined) ?? [] },
  ];
  const possible: unknown[][] = [];
  for (const arm of arms) {
    if (arm.cond === false || arm.cond === null) continue;
    possible.push(arm.body);
    if (arm.cond === true) break;
  }
  const [only] = possible;
  if (possible.length === 1 && only !== undefined) return statements(run, only);
  // Each arm that may run, from the same values; what one sets is unknown after the IF, unless all agree.
  const runs = possible.map((body) => {
    const arm: Run = { ...run, vars: new Map(run.vars), out: [], guarded: true };
    return { arm, ok: statements(arm, body) };
  });
  if (runs.some((r) => !r.ok) || runs.filter((r) => r.arm.out.length > 0).length > 1) return false;
  for (const [name] of run.vars) {
    const values = new Set(runs.map((r) => r.arm.vars.get(name)));
    if (values.size > 1) run.vars.set(name, UNKNOWN);
  }
  for (const r of runs) {
    for (const [name] of r.arm.vars) if (!run.vars.has(name)) run.vars.set(name, UNKNOWN);
    run.out.push(...r.arm.out);
  }
  return true;
}

function condition(run: Run, expr: unknown): CodeValue {
  return codeValue(selectedExpression(queryOf(expr)), scopeOf(run));
}

/** EXECUTE: its text evaluated; one not known is read only where its first words show a query. */
function execute(run: Run, v: Record<string, unknown>): boolean {
  const expr = selectedExpression(queryOf(v.query));
  const text = codeValue(expr, scopeOf(run));
  const into = v.into === true;
  if (typeof text !== 'string') return into || startsAsQuery(expr);
  return sql(run, text, into);
}

/** Whether the first constant text of an expression built by `||` or format() begins a query or row write. */
function startsAsQuery(expr: Node | undefined): boolean {
  let node = expr;
  while (node !== undefined) {
    if ('A_Expr' in node) node = node.A_Expr.lexpr;
    else if ('FuncCall' in node) node = node.FuncCall.args?.[0];
    else break;
  }
  const first = node === undefined ? undefined : constantValue(node);
  return typeof first === 'string' && /^\s*(select|with|insert|update|delete)\s/i.test(first);
}

/** SQL the code runs: rows passed over, DDL noted (not in a loop). */
function sql(run: Run, text: string, into: boolean): boolean {
  let stmts: { stmt?: Node; stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = (parseSync(text) as { stmts?: typeof stmts }).stmts ?? [];
  } catch {
    return into;
  }
  const bytes = Buffer.from(text, 'utf8');
  for (const raw of stmts) {
    const kind = Object.keys(raw.stmt ?? {})[0] ?? '';
    if (ROW_KINDS.test(kind)) continue;
    if (into || run.loop) return false;
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? bytes.length : start + raw.stmt_len;
    run.out.push({ sql: bytes.subarray(start, end).toString('utf8').trim(), guarded: run.guarded });
  }
  return true;
}
