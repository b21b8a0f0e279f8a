/**
 * CHECKs that call functions the DDL defines (`CHECK (controlled_for_whitespace(name))`,
 * MusicBrainz): a function whose body is one expression (`LANGUAGE sql AS
 * 'SELECT …'`, `RETURN …`, plpgsql `BEGIN RETURN …; END`, or plpgsql IF/ELSE
 * chains of RETURNs as plpgsql-expression reads them, `BEGIN ATOMIC SELECT …; END`) is inlined into
 * the CHECK's AST with its arguments in place of its parameters, as
 * PostgreSQL's planner inlines SQL functions. The planner and the evaluator
 * then read the CHECK like any other. The output keeps the CHECK as written.
 */
import type { CreateFunctionStmt } from 'libpg-query';
import type { CheckConstraint, Expr } from '../../schema/model.js';
import { stringsOf } from './ast.js';
import { type ArgumentType, overloadKey, resolveOverload } from './inline-overloads.js';
import { parseSync, selectedExpression, selectedTarget } from './pg-parser.js';
import { plpgsqlExpression } from './plpgsql-expression.js';

/** A function's body as one expression over its parameters. */
export interface InlineBody {
  readonly parameters: readonly string[];
  /** Each parameter's declared type (a TypeName node): an argument is cast to it where that is a domain. */
  readonly parameterTypes: readonly unknown[];
  readonly expr: unknown;
  /** The last parameter is VARIADIC: a call's trailing arguments are its array (`VARIADIC ARRAY[…]` passes it whole). */
  readonly variadic?: boolean;
  /**
   * A STRICT function whose body is not one expression: `expr` is absent and a call is read as
   * `CASE WHEN arg IS NULL OR … THEN NULL ELSE call END` (what STRICT means), so a CHECK over
   * nullable columns holds with them NULL; the call itself stays unread (evaluated only when reached).
   */
  readonly strict?: true;
}

type Node = Record<string, unknown>;

/** The expression a function returns, when its body is a single expression; undefined otherwise. */
export function inlineBodyOf(node: CreateFunctionStmt): InlineBody | undefined {
  if (node.returnType?.setof === true || node.is_procedure === true) return undefined;
  const body = expressionBodyOf(node) ?? jsonTestBody(node);
  if (body !== undefined || !isStrict(node) || (node.parameters ?? []).length === 0) return body;
  return { parameters: [], parameterTypes: [], expr: undefined, strict: true };
}

/** Names of a text's JSON test whose body is in another language (Evergreen's plperlu `is_json`, JSON::XS). */
const JSON_TEST_NAMES = new Set(['is_json', 'is_valid_json', 'isjson']);
const JSON_TEST_ARGUMENTS = new Set(['text', 'varchar', 'json', 'jsonb', 'bpchar']);

/**
 * `is_json(text) RETURNS boolean` whose body datagen cannot read (plperlu, or plpgsql that casts and catches):
 * read as `$1 IS NOT NULL AND $1 IS JSON`, the test the name says, so a CHECK calling it gets JSON documents
 * and never a NULL (a body given NULL may answer false). Before, the CHECK was unread and its table empty.
 */
function jsonTestBody(node: CreateFunctionStmt): InlineBody | undefined {
  const params = node.parameters ?? [];
  const param = params[0];
  const returns = stringsOf(node.returnType?.names ?? []).at(-1);
  if (params.length !== 1 || param === undefined || !('FunctionParameter' in param)) return undefined;
  const mode = param.FunctionParameter.mode;
  const argType = stringsOf(param.FunctionParameter.argType?.names ?? []).at(-1) ?? '';
  const name = stringsOf(node.funcname ?? []).at(-1) ?? '';
  if (
    !JSON_TEST_NAMES.has(name.toLowerCase()) ||
    (returns !== 'bool' && returns !== 'boolean') ||
    (node.returnType?.arrayBounds ?? []).length > 0 ||
    (mode !== undefined && mode !== 'FUNC_PARAM_DEFAULT' && mode !== 'FUNC_PARAM_IN') ||
    !JSON_TEST_ARGUMENTS.has(argType) ||
    (param.FunctionParameter.argType?.arrayBounds ?? []).length > 0
  )
    return undefined;
  const expr = selectedExpression('$1 IS NOT NULL AND $1 IS JSON');
  if (expr === undefined) return undefined;
  return {
    parameters: [param.FunctionParameter.name ?? ''],
    parameterTypes: [param.FunctionParameter.argType],
    expr,
  };
}

/** `STRICT` / `RETURNS NULL ON NULL INPUT`: a call with a NULL argument is NULL, the body not run. */
function isStrict(node: CreateFunctionStmt): boolean {
  return (node.options ?? []).some(
    (o) =>
      'DefElem' in o &&
      o.DefElem.defname === 'strict' &&
      (o.DefElem.arg as { Boolean?: { boolval?: boolean } } | undefined)?.Boolean?.boolval === true,
  );
}

/** The body of a function that is one expression over its parameters; undefined otherwise. */
function expressionBodyOf(node: CreateFunctionStmt): InlineBody | undefined {
  const params = node.parameters ?? [];
  const parameters: string[] = [];
  const parameterTypes: unknown[] = [];
  let variadic = false;
  for (const [i, p] of params.entries()) {
    if (!('FunctionParameter' in p)) return undefined;
    const mode = p.FunctionParameter.mode;
    const last = i === params.length - 1;
    if (mode === 'FUNC_PARAM_VARIADIC' && last) variadic = true;
    else if (mode !== undefined && mode !== 'FUNC_PARAM_DEFAULT' && mode !== 'FUNC_PARAM_IN')
      return undefined;
    if (p.FunctionParameter.defexpr !== undefined) return undefined;
    parameters.push(p.FunctionParameter.name ?? '');
    parameterTypes.push(p.FunctionParameter.argType);
  }
  const made = (expr: unknown): InlineBody => ({
    parameters,
    parameterTypes,
    expr,
    ...(variadic ? { variadic } : {}),
  });
  const option = (name: string) =>
    (node.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === name) as
      | { DefElem: { arg?: Node } }
      | undefined;
  const atomic = atomicStatement(node.sql_body);
  const returned = (atomic as { ReturnStmt?: { returnval?: unknown } } | undefined)?.ReturnStmt?.returnval;
  if (returned !== undefined) return made(returned);
  const selected = selectedTarget(atomic);
  if (selected !== undefined) return made(selected);
  const languageArg = option('language')?.DefElem.arg as { String?: { sval?: string } } | undefined;
  const language = languageArg?.String?.sval?.toLowerCase();
  const body = functionBodyText(node);
  if (body === undefined) return undefined;
  let text: string | undefined;
  if (language === 'sql') text = body.trim().replace(/;\s*$/, '');
  else if (language === 'plpgsql')
    text = /^\s*begin\s+return\s+([\s\S]*?);?\s*end;?\s*$/i.exec(body)?.[1] ?? plpgsqlExpression(body);
  if (text === undefined) return undefined;
  if (language === 'plpgsql') text = `SELECT ${text}`;
  try {
    const parsed = parseSync(text) as { stmts?: { stmt?: Node }[] };
    if (parsed.stmts?.length !== 1) return undefined;
    const selected = selectedTarget(parsed.stmts[0]?.stmt);
    return selected === undefined ? undefined : made(selected);
  } catch {
    return undefined;
  }
}

/**
 * The one statement of a SQL-standard body: `RETURN expr` as it is, or `BEGIN ATOMIC <one statement>; END`
 * (a List of one List of it); undefined for anything else.
 */
function atomicStatement(body: unknown): unknown {
  const outer = (body as { List?: { items?: unknown[] } } | undefined)?.List?.items;
  if (outer === undefined) return body;
  const inner = outer.length === 1 ? (outer[0] as { List?: { items?: unknown[] } }).List?.items : undefined;
  return inner?.length === 1 ? inner[0] : undefined;
}

/** A routine's `AS '...'` body text (the first string: a C function's second is its symbol), if it has one. */
export function functionBodyText(node: CreateFunctionStmt): string | undefined {
  const as = (node.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === 'as') as
    | { DefElem: { arg?: Node } }
    | undefined;
  return stringsOf((as?.DefElem.arg?.List as { items?: never[] } | undefined)?.items ?? []).at(0);
}

const MAX_DEPTH = 8;

/**
 * Whether an argument passed to a parameter of this declared type (a TypeName
 * node) is cast to it: a domain's, so its CHECKs hold of the argument as the
 * server checks them when it calls the function.
 */
export type CastsArgument = (typeName: unknown) => boolean;

/** What calls are inlined with: bodies by `name/arity`, overloads by `name/arity(types)`, argument types. */
interface Inlining {
  readonly functions: ReadonlyMap<string, InlineBody>;
  readonly casts: CastsArgument;
  readonly typed: ReadonlyMap<string, InlineBody | null>;
  /** Absent: an overloaded name is not resolved (generator versions before 22). */
  readonly typeOf?: ArgumentType;
}

/** The AST with calls of known single-expression functions replaced by their bodies. */
function inlineCalls(ast: unknown, env: Inlining, depth: number): unknown {
  const { casts } = env;
  if (Array.isArray(ast)) return ast.map((item) => inlineCalls(item, env, depth));
  if (typeof ast !== 'object' || ast === null) return ast;
  const call = (ast as Node).FuncCall as
    | { funcname?: never[]; args?: unknown[]; agg_star?: boolean; func_variadic?: boolean }
    | undefined;
  if (call && depth < MAX_DEPTH) {
    // A qualified call (`domain_examples.is_even(VALUE)`) is looked up with its schema.
    const names = stringsOf(call.funcname ?? []);
    const name = names.length >= 2 ? names.slice(-2).join('.') : names.at(-1);
    const found = name === undefined ? undefined : calledBody(env, name, call.args ?? [], call.func_variadic);
    if (found?.body.strict) return strictCall(ast as Node, found.args, env, depth);
    if (found) {
      const inlinedArgs = found.args.map((a, i) => {
        const inlined = inlineCalls(a, env, depth);
        const typeName = found.body.parameterTypes[i];
        return typeName !== undefined && casts(typeName) ? { TypeCast: { arg: inlined, typeName } } : inlined;
      });
      return inlineCalls(substitute(found.body, inlinedArgs), env, depth + 1);
    }
  }
  const out: Node = {};
  for (const [key, value] of Object.entries(ast)) out[key] = inlineCalls(value, env, depth);
  return out;
}

/** A STRICT function's call as `CASE WHEN arg IS NULL OR … THEN NULL ELSE call END`, its arguments inlined. */
function strictCall(ast: Node, args: readonly unknown[], env: Inlining, depth: number): unknown {
  const inlined = args.map((a) => inlineCalls(a, env, depth));
  const nullTests = inlined.map((arg) => ({ NullTest: { arg, nulltesttype: 'IS_NULL' } }));
  const when = nullTests.length === 1 ? nullTests[0] : { BoolExpr: { boolop: 'OR_EXPR', args: nullTests } };
  const call = { FuncCall: { ...(ast.FuncCall as Node), args: inlined } };
  return {
    CaseExpr: {
      args: [{ CaseWhen: { expr: when, result: { A_Const: { isnull: true } } } }],
      defresult: call,
    },
  };
}

/**
 * The body a call runs, with the arguments its parameters take: a VARIADIC
 * function's trailing arguments as one array (`f(x, 'a', 'b')` passes
 * `ARRAY['a', 'b']`), or the array a `VARIADIC` call passes whole.
 */
function calledBody(
  env: Inlining,
  name: string,
  args: readonly unknown[],
  passesArray: boolean | undefined,
): { body: InlineBody; args: readonly unknown[] } | undefined {
  const { functions } = env;
  const exact = functions.get(`${name}/${args.length}`);
  if (exact && (exact.variadic !== true || passesArray === true)) return { body: exact, args };
  if (passesArray === true) return undefined;
  // Overloads of one arity (the key above is ambiguous): the one the arguments' types pick.
  const resolved =
    exact === undefined && env.typeOf !== undefined
      ? resolveOverload(env.typed, name, args, env.typeOf)
      : undefined;
  if (resolved !== undefined) return { body: resolved, args };
  for (let arity = Math.min(args.length, MAX_PARAMETERS); arity >= 1; arity--) {
    const body = functions.get(`${name}/${arity}`);
    if (body?.variadic !== true) continue;
    const fixed = args.slice(0, arity - 1);
    return { body, args: [...fixed, { A_ArrayExpr: { elements: args.slice(arity - 1) } }] };
  }
  return undefined;
}

const MAX_PARAMETERS = 100;

/** The body with `$n` and parameter names replaced by the call's arguments. */
function substitute(body: InlineBody, args: readonly unknown[]): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const param = (node as Node).ParamRef as { number?: number } | undefined;
    if (param?.number !== undefined) return args[param.number - 1] ?? node;
    const fields = ((node as Node).ColumnRef as { fields?: never[] } | undefined)?.fields;
    if (fields?.length === 1) {
      const index = body.parameters.indexOf(stringsOf(fields).at(0) ?? '\u0000');
      if (index >= 0) return args[index];
    }
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    return out;
  };
  return walk(body.expr);
}

/**
 * Record a function's body under `name/arity` (what an unqualified call
 * finds) and `schema.name/arity` (a qualified call: two schemas' functions
 * of one name stay apart); two different overloads of one key are not
 * inlined.
 */
export function recordInlineBody(
  functions: Map<string, InlineBody | null>,
  name: string,
  node: CreateFunctionStmt,
  schema: string,
  signature: string,
): void {
  const body = inlineBodyOf(node);
  const arity = node.parameters?.length ?? 0;
  for (const named of [name, `${schema}.${name}`]) {
    const key = `${named}/${arity}`;
    functions.set(key, functions.has(key) || body === undefined ? null : body);
    // Each overload under its argument types too (null: not one expression), for a call to pick by its arguments.
    functions.set(overloadKey(named, arity, signature), body ?? null);
  }
}

/**
 * A dropped function's recorded bodies forgotten (all arities when the DROP names no arguments), so one made
 * again under the name (Boundary's `wt_to_sentinel`, dropped and created anew) is inlined, not ambiguous.
 */
export function forgetInlineBody(
  functions: Map<string, InlineBody | null>,
  name: string,
  schema: string,
  arity: number | undefined,
): void {
  for (const key of [...functions.keys()]) {
    const at = key.lastIndexOf('/');
    const named = key.slice(0, at);
    if (named !== name && named !== `${schema}.${name}`) continue;
    if (arity === undefined || /^\d+/.exec(key.slice(at + 1))?.[0] === String(arity)) functions.delete(key);
  }
}

/** The CHECKs with their calls of single-expression functions inlined (by `name/arity`). */
export function inlineChecks(
  checks: readonly CheckConstraint[],
  recorded: ReadonlyMap<string, InlineBody | null>,
  casts: CastsArgument = () => false,
  typeOf?: ArgumentType,
  /** The version from which a resolved overload is read: a table's CHECK 22, a domain's 23. */
  from: 'before22' | 'before23' = 'before22',
): CheckConstraint[] {
  return checks.map((c) => {
    const { expr, before } = inlineResolved(c.expr, recorded, casts, typeOf);
    // A call of an overloaded name the arguments' types resolve: read so from that generator version.
    return before === undefined ? { ...c, expr } : { ...c, expr, [from]: before };
  });
}

/** The expression inlined, overloads resolved by `typeOf`; `before`, the one read without, when they differ. */
export function inlineResolved(
  given: Expr,
  recorded: ReadonlyMap<string, InlineBody | null>,
  casts: CastsArgument,
  typeOf: ArgumentType | undefined,
): { expr: Expr; before?: Expr } {
  const expr = inlineExpression(given, recorded, casts);
  const resolved = typeOf === undefined ? expr : inlineExpression(given, recorded, casts, typeOf);
  return JSON.stringify(resolved.ast) === JSON.stringify(expr.ast)
    ? { expr }
    : { expr: resolved, before: expr };
}

/** An expression (a CHECK's, a generated column's) with its calls of single-expression functions inlined; its text as written. */
export function inlineExpression(
  expr: Expr,
  recorded: ReadonlyMap<string, InlineBody | null>,
  casts: CastsArgument = () => false,
  typeOf?: ArgumentType,
): Expr {
  const functions = new Map<string, InlineBody>();
  const typed = new Map<string, InlineBody | null>();
  for (const [key, body] of recorded)
    if (key.includes('(')) typed.set(key, body);
    else if (body) functions.set(key, body);
  if (functions.size === 0 && (typeOf === undefined || typed.size === 0)) return expr;
  const env = { functions, casts, typed, ...(typeOf === undefined ? {} : { typeOf }) };
  return { ...expr, ast: inlineCalls(expr.ast, env, 0) };
}
