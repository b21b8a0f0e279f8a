/**
 * Row constructors in CHECKs (`NOT ((a, b, c) IS NULL)`, `ROW(a, b) IS NOT
 * NULL`, `(a, b) <> (c, d)`, `(a, b) < (c, d)`, `(a, b) IS DISTINCT FROM
 * (c, d)`), read as the expressions over their fields that PostgreSQL means
 * by them, so the evaluator computes them:
 *
 * - `ROW(...) IS NULL`: every field is NULL; `IS NOT NULL`: no field is NULL
 *   (so `NOT (ROW(...) IS NULL)` is "some field is set");
 * - `=`: the fields pairwise `=`, ANDed; `<>`: pairwise `<>`, ORed (SQL's
 *   three-valued AND/OR give the row comparison's NULL where PostgreSQL does);
 * - `<`, `<=`, `>`, `>=`: decided by the first pair that differs:
 *   `a < c OR (a = c AND (b < d))`, the last pair taking the operator itself;
 * - `IS DISTINCT FROM`: some pair distinct; `IS NOT DISTINCT FROM`: none.
 *
 * A field that is itself a row constructor is not read (undefined).
 */
import { asNode, type Node } from './expression-nodes.js';

const ORDERINGS = new Set(['<', '<=', '>', '>=']);

/** The fields of a row constructor (`(a, b)` or `ROW(a)`), or undefined for any other node. */
function rowFields(node: unknown): unknown[] | undefined {
  const row = asNode(asNode(node)?.RowExpr);
  const args = row?.args;
  if (!Array.isArray(args) || args.length === 0) return undefined;
  return args.some((a) => asNode(a)?.RowExpr !== undefined) ? undefined : args;
}

function bool(op: 'AND_EXPR' | 'OR_EXPR', args: unknown[]): unknown {
  return args.length === 1 ? args[0] : { BoolExpr: { boolop: op, args } };
}

function operator(op: string, left: unknown, right: unknown): unknown {
  return { A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: op } }], lexpr: left, rexpr: right } };
}

/** `ROW(...) IS [NOT] NULL` over the fields, or undefined when the tested value is no row constructor. */
export function rowNullTest(n: Node): unknown {
  const fields = rowFields(n.arg);
  if (!fields) return undefined;
  const tests = fields.map((arg) => ({ NullTest: { arg, nulltesttype: n.nulltesttype } }));
  return bool('AND_EXPR', tests);
}

/** A comparison of two row constructors of one width over their fields, or undefined. */
export function rowComparison(n: Node, op: string): unknown {
  const left = rowFields(n.lexpr);
  const right = rowFields(n.rexpr);
  if (!left || !right || left.length !== right.length) return undefined;
  const pairs = left.map((l, i) => [l, right[i]] as const);
  if (n.kind === 'AEXPR_DISTINCT' || n.kind === 'AEXPR_NOT_DISTINCT') {
    const each = pairs.map(([l, r]) => ({ A_Expr: { kind: n.kind, name: n.name, lexpr: l, rexpr: r } }));
    return bool(n.kind === 'AEXPR_DISTINCT' ? 'OR_EXPR' : 'AND_EXPR', each);
  }
  if (n.kind !== 'AEXPR_OP') return undefined;
  if (op === '=' || op === '<>' || op === '!=') {
    return bool(
      op === '=' ? 'AND_EXPR' : 'OR_EXPR',
      pairs.map(([l, r]) => operator(op, l, r)),
    );
  }
  if (!ORDERINGS.has(op)) return undefined;
  // From the last pair up: the last takes the operator itself, each earlier one decides when it differs.
  const strict = op === '<=' ? '<' : op === '>=' ? '>' : op;
  let expr: unknown;
  for (let i = pairs.length - 1; i >= 0; i--) {
    const [l, r] = pairs[i] as readonly [unknown, unknown];
    expr =
      expr === undefined
        ? operator(op, l, r)
        : bool('OR_EXPR', [operator(strict, l, r), bool('AND_EXPR', [operator('=', l, r), expr])]);
  }
  return expr;
}
