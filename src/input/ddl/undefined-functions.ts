/**
 * Calls of functions nothing defines, in a column's DEFAULT, a CHECK, a
 * generated column or an index (`DEFAULT nosuch_fn()`): PostgreSQL refuses the CREATE
 * TABLE (`function nosuch_fn() does not exist`), and datagen, which writes
 * the statement back, would write output that stops loading there. Noted as
 * statements are read, judged once all are read (a function the DDL defines
 * anywhere counts): refused where sure, a name neither PostgreSQL 12-18
 * (builtin-functions.ts), an extension datagen knows, nor the DDL defines;
 * only warned when something the DDL runs may make it unseen (an extension
 * other than plpgsql, created or only used, a DO block or routine that runs
 * DDL), as the server may accept the schema then.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringsOf, walkAst } from './ast.js';
import { BUILTIN_FUNCTIONS } from './builtin-functions.js';
import type { DdlContext } from './ddl-context.js';
import { EXTENSION_FUNCTIONS } from './extension-types.js';
import type { SchemaBuilder } from './schema-builder.js';
import { objectKey, type StatementList } from './statement-list.js';

/** One call noted: the function's bare name, the expression it is in (`DEFAULT of column public.t.c`), where. */
interface NotedCall {
  readonly name: string;
  readonly what: string;
  readonly location: SourceLocation;
  /** Whether the DDL defined a function of the name before the call. */
  readonly definedBefore: boolean;
  /** The arguments it passes (undefined for `f(VARIADIC a)` and `f(*)`, which any count may take). */
  readonly args: number | undefined;
}

/** How many arguments one of a name's definitions takes: those without a DEFAULT up to all (VARIADIC: any more). */
interface Arity {
  readonly min: number;
  readonly max: number;
}

/** The calls noted so far, and whether code the DDL runs may create functions unseen. */
export interface CalledFunctions {
  readonly calls: NotedCall[];
  /** Set where a DO block or a routine that runs DDL is kept as written. */
  codeMayCreate: boolean;
  /** By bare name, the argument counts the DDL's definitions take (an aggregate's: any). */
  readonly arities: Map<string, Arity[]>;
}

export function createCalledFunctions(): CalledFunctions {
  return { calls: [], codeMayCreate: false, arities: new Map() };
}

/** Note a definition of function `name` with these parameters (undefined: any count, as for an aggregate). */
export function noteDefinedArity(
  called: CalledFunctions,
  name: string,
  parameters: readonly Node[] | undefined,
): void {
  let arity: Arity = { min: 0, max: Number.POSITIVE_INFINITY };
  if (parameters !== undefined) {
    let min = 0;
    let max = 0;
    for (const p of parameters) {
      if (!('FunctionParameter' in p)) continue;
      const { mode = 'FUNC_PARAM_IN', defexpr } = p.FunctionParameter;
      if (mode === 'FUNC_PARAM_VARIADIC') max = Number.POSITIVE_INFINITY;
      if (mode !== 'FUNC_PARAM_IN' && mode !== 'FUNC_PARAM_INOUT' && mode !== 'FUNC_PARAM_DEFAULT') continue;
      max++;
      if (defexpr === undefined && max === min + 1) min++;
    }
    arity = { min, max };
  }
  called.arities.set(name, [...(called.arities.get(name) ?? []), arity]);
}

/** Note the calls `expr` makes of unqualified (or public / pg_catalog) functions that are not built in. */
export function noteFunctionCalls(
  { calledFunctions: called, builder, out }: Pick<DdlContext, 'calledFunctions' | 'builder' | 'out'>,
  expr: unknown,
  what: string,
  location: SourceLocation,
): void {
  walkAst(expr, (key, n) => {
    if (key !== 'FuncCall') return;
    const names = stringsOf(n.funcname as Node[] | undefined);
    const name = names.at(-1) ?? '';
    const schema = names.length === 2 ? names[0] : names.length === 1 ? 'public' : undefined;
    if (schema !== 'public' && schema !== 'pg_catalog') return;
    if (BUILTIN_FUNCTIONS.has(name) || EXTENSION_FUNCTIONS[name] !== undefined) return;
    const args =
      n.func_variadic === true || n.agg_star === true ? undefined : ((n.args as unknown[]) ?? []).length;
    if (called.calls.some((c) => c.name === name && c.args === args)) return;
    called.calls.push({ name, what, location, definedBefore: definedIn(builder, out, name), args });
  });
}

/**
 * Note a trigger's `EXECUTE FUNCTION f()` (unqualified, public or pg_catalog) when PostgreSQL has no such
 * function: judged with the other calls (its arguments are the trigger's strings, so any definition of the
 * name takes them).
 */
export function noteTriggerFunction(
  { calledFunctions: called, builder, out }: Pick<DdlContext, 'calledFunctions' | 'builder' | 'out'>,
  funcname: readonly Node[] | undefined,
  what: string,
  location: SourceLocation,
): void {
  const names = stringsOf(funcname as Node[] | undefined);
  const name = names.at(-1) ?? '';
  const schema = names.length === 2 ? names[0] : names.length === 1 ? 'public' : undefined;
  if (schema !== 'public' && schema !== 'pg_catalog') return;
  if (BUILTIN_FUNCTIONS.has(name) || EXTENSION_FUNCTIONS[name] !== undefined) return;
  if (called.calls.some((c) => c.name === name && c.args === undefined)) return;
  called.calls.push({ name, what, location, definedBefore: definedIn(builder, out, name), args: undefined });
}

/**
 * Whether the statements so far define a function of this name in a schema of the DDL (or public): a
 * routine, or the constructor a CREATE TYPE ... AS RANGE makes for its range and its multirange
 * (`versionrange('{}', '{}', '()')`, Clair's DEFAULT).
 */
function definedIn(builder: SchemaBuilder, out: StatementList, name: string): boolean {
  const schemas = new Set([...builder.namespaces, 'public', 'pg_catalog']);
  if ([...schemas].some((s) => out.has(objectKey('function', s, name)))) return true;
  for (const t of builder.types.values()) {
    if (t.kind !== 'range') continue;
    if (
      (t.name === name && schemas.has(t.schema)) ||
      (t.multirange?.name === name && schemas.has(t.multirange.schema))
    )
      return true;
  }
  return false;
}

/**
 * The calls of functions nothing the DDL read defines, or with an argument count none of the DDL's definitions
 * takes: located problems when sure, else a warning each kind.
 */
export function judgeFunctionCalls(
  called: CalledFunctions,
  builder: SchemaBuilder,
  out: StatementList,
  usesExtensions: boolean,
): Warning[] {
  // One call per name for what the name alone decides (the first, as noted); the argument counts after.
  const calls = called.calls.filter((c, i) => called.calls.findIndex((d) => d.name === c.name) === i);
  for (const c of calls)
    if (!c.definedBefore && definedIn(builder, out, c.name))
      builder.problems.push({
        location: c.location,
        message: `${c.what}: it calls ${quoteIdent(c.name)}(), which the DDL defines only after it, so PostgreSQL refuses the statement (function does not exist); move the function's definition before it`,
      });
  const missing = calls.filter((c) => !definedIn(builder, out, c.name));
  const extensions = builder.extensions.filter((e) => e.name !== 'plpgsql').map((e) => e.name);
  const sure = extensions.length === 0 && !called.codeMayCreate && !usesExtensions;
  const miscounted = wrongArgumentCounts(called, builder, out, sure);
  const told = miscounted === null ? [] : [miscounted];
  const [first] = missing;
  if (first === undefined) return told;
  if (sure) {
    for (const c of missing)
      builder.problems.push({
        location: c.location,
        message: `${c.what}: it calls ${quoteIdent(c.name)}(), which neither PostgreSQL nor the DDL defines, so PostgreSQL refuses the statement (function does not exist); define the function before it (or give the file that does as an earlier argument), or fix the name`,
      });
    return told;
  }
  const unseen =
    extensions.length === 0
      ? called.codeMayCreate
        ? 'code the DDL runs makes'
        : 'the extensions the DDL uses make'
      : `extension${extensions.length === 1 ? '' : 's'} ${extensions.join(', ')} make${extensions.length === 1 ? 's' : ''}`;
  const unknown: Warning = {
    code: 'EXTERNAL_OBJECTS',
    message: `the DDL calls functions that neither PostgreSQL nor the DDL defines (first in ${first.what} at ${formatLocation(first.location)}): ${missing.map((c) => `${quoteIdent(c.name)}()`).join(', ')}. Unless ${unseen} them, PostgreSQL refuses the statements that call them and the load stops there; define them in the DDL, or fix the names`,
    where: formatLocation(first.location),
  };
  return [unknown, ...told];
}

/**
 * Calls of a function the DDL defines (and PostgreSQL does not) with an argument count none of its
 * definitions takes (`f(a, b)` where only `f(a)` is made): PostgreSQL refuses the statement (function does
 * not exist). Located problems where nothing else may define it (`sure`), else one warning (or null).
 */
function wrongArgumentCounts(
  called: CalledFunctions,
  builder: SchemaBuilder,
  out: StatementList,
  sure: boolean,
): Warning | null {
  const wrong = called.calls.filter((c) => {
    const arities = called.arities.get(c.name);
    if (c.args === undefined || arities === undefined || !definedIn(builder, out, c.name)) return false;
    return !arities.some((a) => c.args !== undefined && c.args >= a.min && c.args <= a.max);
  });
  const takes = (name: string) =>
    (called.arities.get(name) ?? [])
      .map((a) =>
        a.max === a.min
          ? `${a.min}`
          : a.max === Number.POSITIVE_INFINITY
            ? `${a.min} or more`
            : `${a.min} to ${a.max}`,
      )
      .join(' or ');
  const told = (c: NotedCall) =>
    `${c.what}: it calls ${quoteIdent(c.name)}() with ${c.args} argument${c.args === 1 ? '' : 's'}, but the DDL defines ${quoteIdent(c.name)} taking ${takes(c.name)}`;
  if (sure) {
    for (const c of wrong)
      builder.problems.push({
        location: c.location,
        message: `${told(c)}, so PostgreSQL refuses the statement (function does not exist); fix the call, or define the function with those arguments before it`,
      });
    return null;
  }
  const [first] = wrong;
  if (first === undefined) return null;
  return {
    code: 'EXTERNAL_OBJECTS',
    message: `${told(first)} (at ${formatLocation(first.location)}${wrong.length > 1 ? `, and ${wrong.length - 1} more such call${wrong.length > 2 ? 's' : ''}` : ''}): unless an extension or code the DDL runs defines it with that many, PostgreSQL refuses the statement and the load stops there`,
    where: formatLocation(first.location),
  };
}
