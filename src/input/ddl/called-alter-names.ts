/**
 * The tables a routine a DO block runs names in its `EXECUTE format('ALTER TABLE s.%I ...', p)` where the block
 * calls it with constants: QWAT's `DO $$ BEGIN PERFORM qwat_sys.fn_label_create_fields('pipe'); END $$` adds
 * columns and foreign keys to `qwat_od.pipe` alone, not to any table of qwat_od (its 34 tables were left
 * without rows). Each placeholder after `s.` (`%I`, or positional `%1$I`) is matched to the format() argument
 * it takes; where that is one of the routine's parameters, the call's constant (or the parameter's DEFAULT)
 * names the table. A routine called otherwise than by such PERFORMs, or whose ALTERs are not all read so, is
 * left out: any table of s may be the one altered, as before.
 */
import type { Node } from 'libpg-query';
import { stringsOf, walkAst } from './ast.js';
import type { RoutineCode } from './call-ddl.js';
import { constantValue } from './code-values.js';
import type { DdlContext } from './ddl-context.js';
import { doBlockFunction, selectedExpression } from './pg-parser.js';

/** Schema → the table names a routine's `ALTER TABLE s.%I` takes on the block's calls. */
export type AlteredNames = Map<string, Set<string>>;

/** `ALTER TABLE [IF EXISTS] [ONLY] s.` then a placeholder (as dynamic-alters.ts' SCHEMA_DYNAMIC_ALTER). */
const SCHEMA_ALTER =
  /\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?("[^"]+"|[\w$]+)\s*\.\s*"?%(?:(\d+)\$)?[IsL]/gi;

/** A format() placeholder, positional or not, and `%%`. */
const PLACEHOLDER = /%(?:(\d+)\$)?([%IsL])/g;

const queryOf = (expr: unknown) =>
  (expr as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr?.query ?? '';

/** The routine key (`schema NUL name`) a call names, where one routine of the DDL answers to it. */
function routineKey(ctx: DdlContext, names: readonly string[]): string | undefined {
  const name = names.at(-1) ?? '';
  if (names.length >= 2) return `${names.at(-2)}\u0000${name}`;
  const keys = [...ctx.dynamicDdl.keys()].filter((k) => k.endsWith(`\u0000${name}`));
  return keys.length === 1 ? keys[0] : undefined;
}

/** A call's value of each parameter (by folded name and `$n`): its constant, or undefined where not one. */
function argumentValues(code: RoutineCode, args: readonly Node[]): Map<string, unknown> | undefined {
  const positional = args.filter((a) => !('NamedArgExpr' in a));
  if (args.length > code.params.length) return undefined;
  const values = new Map<string, unknown>();
  code.params.forEach((p, i) => {
    const named = args.find((a) => 'NamedArgExpr' in a && a.NamedArgExpr.name?.toLowerCase() === p.name);
    const node =
      (named !== undefined && 'NamedArgExpr' in named ? named.NamedArgExpr.arg : positional[i]) ?? p.fallback;
    const value = node === undefined ? undefined : constantValue(node as Node);
    values.set(p.name, value);
    values.set(`$${i + 1}`, value);
  });
  return values;
}

/** The names a routine's schema-qualified dynamic ALTERs take on one call; undefined where one is not known. */
function namesOnCall(
  code: RoutineCode,
  body: string,
  values: Map<string, unknown>,
): AlteredNames | undefined {
  const names: AlteredNames = new Map();
  let read = 0;
  let unknown = false;
  walkAst(code.fn, (key, node) => {
    if (key !== 'PLpgSQL_stmt_dynexecute') return;
    const call = selectedExpression(queryOf(node.query));
    const isFormat =
      call !== undefined && 'FuncCall' in call && stringsOf(call.FuncCall.funcname).at(-1) === 'format';
    const [first, ...args] = isFormat ? (call.FuncCall.args ?? []) : [];
    const template = first !== undefined && 'A_Const' in first ? first.A_Const.sval?.sval : undefined;
    if (template === undefined) return;
    // The argument index of each placeholder, by its offset in the template.
    const index = new Map<number, number>();
    let next = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      if (m[2] === '%') continue;
      const at = m[1] === undefined ? next : Number(m[1]) - 1;
      next = at + 1;
      index.set((m.index ?? 0) + m[0].length, at);
    }
    for (const m of template.matchAll(SCHEMA_ALTER)) {
      read++;
      const arg = args[index.get((m.index ?? 0) + m[0].length) ?? -1];
      const field = arg !== undefined && 'ColumnRef' in arg ? stringsOf(arg.ColumnRef.fields) : [];
      const param = arg !== undefined && 'ParamRef' in arg ? `$${arg.ParamRef.number}` : field.join('.');
      const value = values.get(param.toLowerCase());
      if (typeof value !== 'string') unknown = true;
      else {
        const written = m[1] ?? '';
        const schema = written.startsWith('"') ? written.slice(1, -1) : written.toLowerCase();
        names.set(schema, (names.get(schema) ?? new Set()).add(value));
      }
    }
  });
  return unknown || read !== [...body.matchAll(SCHEMA_ALTER)].length ? undefined : names;
}

/**
 * By the body text of each routine the DO block runs by `PERFORM f(constants)` alone: the tables its
 * `ALTER TABLE s.%I` names over every such call. Routines missing here are read as naming any table of s.
 */
export function calledAlterNames(ctx: DdlContext, doBody: string): Map<string, AlteredNames> {
  const fn = doBlockFunction(doBody);
  const byKey = new Map<string, AlteredNames | undefined>();
  const performed = new Map<string, number>();
  walkAst(fn ?? {}, (key, node) => {
    if (key !== 'PLpgSQL_stmt_perform') return;
    const call = selectedExpression(queryOf(node.expr).replace(/^\s*select\s+/i, ''));
    if (call === undefined || !('FuncCall' in call)) return;
    const routine = routineKey(ctx, stringsOf(call.FuncCall.funcname));
    const code = routine === undefined ? undefined : ctx.dynamicDdl.get(routine)?.code;
    const bodies = routine === undefined ? [] : (ctx.routineEffects.get(routine)?.bodies ?? []);
    if (routine === undefined || code === undefined || bodies.length !== 1) return;
    performed.set(routine, (performed.get(routine) ?? 0) + 1);
    const values = argumentValues(code, call.FuncCall.args ?? []);
    const names = values === undefined ? undefined : namesOnCall(code, bodies[0] ?? '', values);
    const seen = byKey.has(routine) ? byKey.get(routine) : new Map();
    if (names === undefined || seen === undefined) byKey.set(routine, undefined);
    else {
      for (const [schema, tables] of names)
        seen.set(schema, new Set([...(seen.get(schema) ?? []), ...tables]));
      byKey.set(routine, seen);
    }
  });
  const out = new Map<string, AlteredNames>();
  for (const [routine, names] of byKey) {
    const name = routine.split('\u0000').at(-1) ?? '';
    // Called elsewhere too (in an expression, an EXECUTE): not every call is known.
    const named = [...doBody.matchAll(new RegExp(String.raw`\b${name.replace(/\$/g, '\\$')}\s*\(`, 'gi'))];
    const body = ctx.routineEffects.get(routine)?.bodies[0];
    if (names !== undefined && body !== undefined && named.length === performed.get(routine))
      out.set(body, names);
  }
  return out;
}
