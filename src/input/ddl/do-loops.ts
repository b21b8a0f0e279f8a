/**
 * Loops of a branching DO block (conditional-do.ts) over constants, as setup scripts and migrations write
 * them to make a table (or partition, index) per name:
 *
 *   DO $$ DECLARE t text; BEGIN
 *     FOREACH t IN ARRAY ARRAY['a', 'b'] LOOP
 *       EXECUTE format('CREATE TABLE %I (id int PRIMARY KEY)', t);
 *     END LOOP;
 *   END $$;
 *
 * `FOREACH v IN ARRAY <constant array>`, `FOR v IN SELECT unnest(<constant array>)` (or `SELECT * FROM
 * unnest(...)`) and `FOR i IN a..b [BY s]` with constant bounds: the values the variable takes, known before
 * the block runs, so the loop is its body once per value (read from generator version 28). Any other loop
 * (over a query's rows, a variable's array) keeps the block opaque.
 */
import type { Node } from 'libpg-query';
import { effectiveGeneratorVersion } from '../../version.js';
import { stringsOf } from './ast.js';
import { constantValue } from './code-values.js';
import { selectedExpression, singleSelect } from './pg-parser.js';

type Json = Record<string, unknown>;

/** The most iterations a loop is read with: more keeps the block opaque (a loop making thousands of tables is a data job). */
const MOST_ITERATIONS = 1000;

/** Whether a generator version reads constant loops and server-version tests in DO blocks. */
export function readsConstantLoops(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 28;
}

/** A loop over known values: its variable (lower case), the values as text, and its body's statements. */
export interface ConstantLoop {
  readonly variable: string;
  readonly values: readonly string[];
  readonly body: readonly Json[];
}

const exprText = (expr: unknown) =>
  String(((expr as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');

/** A loop statement over constants (`datums`: the block's variables, which FOREACH names by number). */
export function constantLoop(s: Json, datums: readonly Json[]): ConstantLoop | undefined {
  const each = s.PLpgSQL_stmt_foreach_a as Json | undefined;
  if (each !== undefined) {
    const datum = datums[Number(each.varno)]?.PLpgSQL_var as Json | undefined;
    const values = arrayValues(selectedExpression(exprText(each.expr)));
    if (datum === undefined || Number(each.slice ?? 0) !== 0 || values === undefined) return undefined;
    return loop(String(datum.refname), values, each.body);
  }
  const rows = s.PLpgSQL_stmt_fors as Json | undefined;
  if (rows !== undefined) {
    const fields = ((rows.var as Json | undefined)?.PLpgSQL_row as Json | undefined)?.fields as
      | Json[]
      | undefined;
    const values = unnestedValues(exprText(rows.query));
    if (fields?.length !== 1 || values === undefined) return undefined;
    return loop(String(fields[0]?.name), values, rows.body);
  }
  const range = s.PLpgSQL_stmt_fori as Json | undefined;
  if (range === undefined) return undefined;
  const variable = (range.var as Json | undefined)?.PLpgSQL_var as Json | undefined;
  const values = rangeValues(range);
  return variable === undefined || values === undefined
    ? undefined
    : loop(String(variable.refname), values, range.body);
}

function loop(variable: string, values: readonly string[], body: unknown): ConstantLoop | undefined {
  return values.length > MOST_ITERATIONS
    ? undefined
    : { variable: variable.toLowerCase(), values, body: (body as Json[] | undefined) ?? [] };
}

/** An integer constant expression (`3`, `-1`, `(4)`), or undefined. */
function integerOf(text: string): number | undefined {
  const node = selectedExpression(text);
  if (node === undefined) return undefined;
  const minus =
    'A_Expr' in node && node.A_Expr.lexpr === undefined && stringsOf(node.A_Expr.name).join() === '-';
  const value = constantValue(minus && 'A_Expr' in node ? (node.A_Expr.rexpr as Node) : node);
  return typeof value === 'number' && Number.isInteger(value) ? (minus ? -value : value) : undefined;
}

/** `FOR i IN [REVERSE] a..b [BY s]`: the values of i, as text. */
function rangeValues(range: Json): string[] | undefined {
  const lower = integerOf(exprText(range.lower));
  const upper = integerOf(exprText(range.upper));
  const step = range.step === undefined ? 1 : integerOf(exprText(range.step));
  if (lower === undefined || upper === undefined || step === undefined || step <= 0) return undefined;
  const reverse = range.reverse === true;
  const count = Math.floor(((reverse ? lower - upper : upper - lower) + step) / step);
  if (count > MOST_ITERATIONS) return undefined;
  return Array.from({ length: Math.max(count, 0) }, (_, k) =>
    String(reverse ? lower - k * step : lower + k * step),
  );
}

/** A constant array (`ARRAY['a', 'b']`, `'{a,b}'::text[]`) as its elements' text; undefined for any other. */
function arrayValues(node: Node | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  if ('A_ArrayExpr' in node) {
    const values = (node.A_ArrayExpr.elements ?? []).map(constantValue);
    return values.every((v) => typeof v === 'string' || typeof v === 'number')
      ? values.map(String)
      : undefined;
  }
  if (!('TypeCast' in node) || node.TypeCast.arg === undefined) return undefined;
  const inner = node.TypeCast.arg;
  if ('A_ArrayExpr' in inner) return arrayValues(inner);
  const literal = constantValue(inner);
  // `'{a,b}'` with plain elements only (no quotes, escapes, NULLs or nested arrays).
  const match = typeof literal === 'string' ? /^\{([^{}"\\]*)\}$/.exec(literal.trim()) : null;
  if (match === null) return undefined;
  const elements = (match[1] ?? '').trim() === '' ? [] : (match[1] ?? '').split(',').map((e) => e.trim());
  return elements.some((e) => /^null$/i.test(e)) ? undefined : elements;
}

/** `SELECT unnest(<array>)` or `SELECT * | x FROM unnest(<array>) [AS] x`: the array's elements. */
function unnestedValues(query: string): string[] | undefined {
  const select: Json | undefined = singleSelect(query);
  const targets = (select?.targetList as Json[] | undefined) ?? [];
  if (select === undefined || targets.length !== 1 || select.whereClause !== undefined) return undefined;
  const from = select.fromClause as Json[] | undefined;
  const val = (targets[0]?.ResTarget as Json | undefined)?.val as Json | undefined;
  if (from === undefined) return unnestArgument(val);
  // The row itself (`*`, or its one column by name), not an expression of it.
  const fields = ((val?.ColumnRef as Json | undefined)?.fields as Json[] | undefined) ?? [];
  if (fields.length !== 1) return undefined;
  const range = from.length === 1 ? (from[0]?.RangeFunction as Json | undefined) : undefined;
  const call = ((range?.functions as Json[] | undefined)?.[0]?.List as Json | undefined)?.items as
    | Json[]
    | undefined;
  return range === undefined || (range.functions as Json[]).length !== 1
    ? undefined
    : unnestArgument(call?.[0]);
}

/** The elements of `unnest(<constant array>)`. */
function unnestArgument(node: Json | undefined): string[] | undefined {
  const call = node?.FuncCall as Json | undefined;
  const name = stringsOf((call?.funcname ?? []) as never[]);
  const args = (call?.args as Node[] | undefined) ?? [];
  if (name.at(-1) !== 'unnest' || args.length !== 1) return undefined;
  return arrayValues(args[0]);
}
