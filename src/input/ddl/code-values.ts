/**
 * The value of a plpgsql expression where the routine's parameters and once-set variables are known
 * constants (a kept call's constant arguments): what `call-ddl.ts` needs to read the text an EXECUTE
 * runs (`format('ALTER TABLE %I.%I ADD CONSTRAINT %I UNIQUE (%I)', 'webapi', t, c, n)`, `'ALTER TABLE '
 * || t || ' ADD COLUMN ' || c`). Only string building and three-valued logic are evaluated; anything
 * else (a query, a function this does not know, an operator) is UNKNOWN.
 */
import type { Node } from 'libpg-query';
import { formatSql, quoteIdent, quoteLiteral } from '../../schema/quote.js';
import { stringsOf } from './ast.js';

/** A value no constant reading gives (a query's result, a variable set in a loop). */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** An SQL value as code sees it: text, a number, a boolean, NULL, or not known. */
export type CodeValue = string | number | boolean | null | typeof UNKNOWN;

/** What names mean where the expression is read: `name` (folded) or `$n` to its value. */
export type CodeScope = (name: string) => CodeValue;

/** A constant node's value (`'t'`, `3`, `true`, `NULL`, a cast of one); UNKNOWN otherwise. */
export function constantValue(node: Node): CodeValue {
  if ('TypeCast' in node) return node.TypeCast.arg === undefined ? UNKNOWN : constantValue(node.TypeCast.arg);
  if (!('A_Const' in node)) return UNKNOWN;
  const c = node.A_Const;
  if (c.isnull === true) return null;
  if (c.sval !== undefined) return c.sval.sval ?? '';
  if (c.ival !== undefined) return c.ival.ival ?? 0;
  if (c.boolval !== undefined) return c.boolval.boolval ?? false;
  if (c.fval !== undefined) return Number(c.fval.fval);
  return UNKNOWN;
}

/** A value as text (`||`, format()'s arguments): a boolean as PostgreSQL prints it. */
function asText(value: Exclude<CodeValue, null | typeof UNKNOWN>): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/** Functions of text this reads, from known arguments (NULL handling as PostgreSQL's). */
function callValue(name: string, args: readonly CodeValue[]): CodeValue {
  if (name === 'concat' || name === 'concat_ws') {
    const [sep, ...rest] = name === 'concat_ws' ? args : ['', ...args];
    if (sep === UNKNOWN || sep === undefined || rest.includes(UNKNOWN)) return UNKNOWN;
    if (sep === null) return null;
    return rest
      .flatMap((v) => (v === null || v === undefined ? [] : [asText(v as string)]))
      .join(asText(sep));
  }
  if (name === 'coalesce') {
    for (const v of args) if (v !== null) return v;
    return null;
  }
  if (args.includes(UNKNOWN)) return UNKNOWN;
  const [first] = args;
  if (name === 'format') {
    if (typeof first !== 'string') return first === null ? null : UNKNOWN;
    const rest = args.slice(1);
    if (/%\d/.test(first)) return UNKNOWN;
    const made = formatSql(first, (n) => {
      const v = rest[n];
      return v === undefined || v === UNKNOWN ? undefined : v === null ? '' : asText(v);
    });
    return made === undefined ? UNKNOWN : made.text;
  }
  if (args.length !== 1) return UNKNOWN;
  if (first === null) return name === 'quote_nullable' ? 'NULL' : null;
  const text = asText(first as string);
  if (name === 'quote_ident') return quoteIdent(text);
  if (name === 'quote_literal' || name === 'quote_nullable') return quoteLiteral(text);
  if (name === 'lower') return text.toLowerCase();
  if (name === 'upper') return text.toUpperCase();
  return UNKNOWN;
}

/** `a || b`, `a = b`, `a <> b` of known values. */
function operatorValue(op: string, left: CodeValue, right: CodeValue): CodeValue {
  if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
  if (left === null || right === null) return null;
  if (op === '||') return asText(left) + asText(right);
  if (op === '=') return asText(left) === asText(right);
  if (op === '<>' || op === '!=') return asText(left) !== asText(right);
  return UNKNOWN;
}

/** AND / OR / NOT in SQL's three-valued logic, UNKNOWN where a value is not known. */
function boolValue(op: string, args: readonly CodeValue[]): CodeValue {
  const known = (v: CodeValue) => v === null || typeof v === 'boolean';
  if (op === 'NOT_EXPR') {
    const [v] = args;
    return v === null ? null : typeof v === 'boolean' ? !v : UNKNOWN;
  }
  const decisive = op === 'AND_EXPR' ? false : true;
  if (args.includes(decisive)) return decisive;
  if (args.some((v) => !known(v))) return UNKNOWN;
  return args.includes(null) ? null : !decisive;
}

/** The value of an expression node under `scope`. */
export function codeValue(node: Node | undefined, scope: CodeScope): CodeValue {
  if (node === undefined) return UNKNOWN;
  if ('A_Const' in node) return constantValue(node);
  if ('TypeCast' in node) return codeValue(node.TypeCast.arg, scope);
  if ('ColumnRef' in node) {
    const fields = stringsOf(node.ColumnRef.fields);
    return fields.length === 1 && fields[0] !== undefined ? scope(fields[0]) : UNKNOWN;
  }
  if ('ParamRef' in node) return scope(`$${node.ParamRef.number ?? 0}`);
  if ('A_Expr' in node && node.A_Expr.kind === 'AEXPR_OP') {
    const op = stringsOf(node.A_Expr.name).at(-1) ?? '';
    return operatorValue(op, codeValue(node.A_Expr.lexpr, scope), codeValue(node.A_Expr.rexpr, scope));
  }
  if ('BoolExpr' in node)
    return boolValue(
      node.BoolExpr.boolop ?? '',
      (node.BoolExpr.args ?? []).map((a) => codeValue(a, scope)),
    );
  if ('NullTest' in node) {
    const v = codeValue(node.NullTest.arg, scope);
    if (v === UNKNOWN) return UNKNOWN;
    return node.NullTest.nulltesttype === 'IS_NULL' ? v === null : v !== null;
  }
  if ('FuncCall' in node) {
    const fn = node.FuncCall;
    if (fn.agg_star === true || fn.over !== undefined || fn.func_variadic === true) return UNKNOWN;
    const names = stringsOf(fn.funcname);
    if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) return UNKNOWN;
    return callValue(
      names.at(-1) ?? '',
      (fn.args ?? []).map((a) => codeValue(a, scope)),
    );
  }
  return UNKNOWN;
}
