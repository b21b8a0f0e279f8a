/**
 * `A_Expr` nodes compiled for the evaluator: operators, LIKE/ILIKE/SIMILAR
 * TO, IN lists, ANY/ALL, BETWEEN [SYMMETRIC], IS [NOT] DISTINCT FROM and
 * NULLIF.
 */
import {
  type Evaluate,
  type EvaluatorOptions,
  NotEvaluableError,
  RANGE_OPERANDS_UNREAD,
  UNREAD_CALL,
} from './evaluation.js';
import { asNode, child, lastName, type Node, unwrap } from './expression-nodes.js';
import { NETWORK_OPERATORS, networkOperator } from './inet-functions.js';
import { integerArithmetic, operatorIntegerType } from './integer-types.js';
import { JSONB_OPERATORS, jsonbOperator } from './jsonb-operators.js';
import { partsOf, type RangeOperand, rangeSetOperator } from './multiranges.js';
import { likeEscape } from './patterns.js';
import { type RangeColumnType, rangeContains, rangeTypeFamily } from './range-functions.js';
import { rowComparison } from './row-constructors.js';
import { arrayArg, textArg } from './sql-functions.js';
import {
  ARITHMETIC,
  ARRAY_SET_OPERATORS,
  arith,
  arraySetOp,
  COMPARISONS,
  compareOp,
  inList,
  matchPattern,
  PATTERNS,
  truth,
} from './sql-operators.js';
import { compareValues, type SqlValue } from './sql-value.js';

type Compile = (node: unknown) => Evaluate;

export function compileOperatorExpr(n: Node, rec: Compile, options?: EvaluatorOptions): Evaluate {
  const kind = String(n.kind);
  // Two row constructors compared: the comparison over their fields (row-constructors.ts).
  const rows = rowComparison(n, lastName(n.name) ?? '');
  if (rows !== undefined) return rec(rows);
  const compile = OPERATOR_COMPILERS[kind];
  if (!compile) throw new NotEvaluableError(kind);
  return compile(n, rec, kind, lastName(n.name) ?? '', options);
}

/**
 * Integer arithmetic whose operands' types are known (integer columns, constants, casts): computed in
 * PostgreSQL's result type (`int2 * int2` is int2), a result out of its range an error; undefined else.
 */
function compileIntegerOperator(
  n: Node,
  rec: Compile,
  op: string,
  options?: EvaluatorOptions,
): Evaluate | undefined {
  const column = options?.integerColumn;
  const type = column ? operatorIntegerType(n, column) : undefined;
  if (type === undefined) return undefined;
  const right = rec(n.rexpr);
  const left = n.lexpr === undefined ? () => 0 : rec(n.lexpr);
  return (env) => {
    const a = left(env);
    const b = right(env);
    return integerArithmetic(op, type, a, b) ?? arith(op, a, b);
  };
}

/** `a <op> b` and prefix `-a`: comparisons, arithmetic, regex operators. */
function compileOperator(
  n: Node,
  rec: Compile,
  _kind: string,
  op: string,
  options?: EvaluatorOptions,
): Evaluate {
  const typed = compileIntegerOperator(n, rec, op, options);
  if (typed) return typed;
  const right = rec(n.rexpr);
  if (n.lexpr === undefined) {
    if (op === '-') return (env) => arith('-', 0, right(env));
    if (op === '+') return right;
    throw new NotEvaluableError(`prefix ${op}`);
  }
  const left = rec(n.lexpr);
  if (COMPARISONS.has(op)) return (env) => compareOp(op, left(env), right(env));
  if (ARITHMETIC.has(op)) return (env) => arith(op, left(env), right(env));
  const ranges = rangeOperands(n, op, options);
  if (ranges) return (env) => ranges(left(env), right(env));
  if (NETWORK_OPERATORS.has(op)) return (env) => networkOrArrayOp(op, left(env), right(env));
  if (JSONB_OPERATORS.has(op)) return (env) => jsonbOperator(op, left(env), right(env));
  if (op === '^@') {
    return (env) => {
      const text = textArg(left(env));
      const prefix = textArg(right(env));
      return text === null || prefix === null ? null : text.startsWith(prefix);
    };
  }
  // jsonb containment is read from version 25 (before, its node is marked unread).
  const json = n[UNREAD_CALL] !== true;
  if (ARRAY_SET_OPERATORS.has(op)) return (env) => arraySetOp(op, left(env), right(env), json);
  if (PATTERNS.has(op)) {
    return (env) => {
      const text = textArg(left(env));
      const pattern = textArg(right(env));
      if (text === null || pattern === null) return null;
      const r = matchPattern(text, pattern, op);
      if (r === undefined) throw new NotEvaluableError(`pattern ${pattern}`);
      return r;
    };
  }
  throw new NotEvaluableError(`operator ${op}`);
}

/** A range or multirange constructor's call (`daterange(a, b)`, `datemultirange(daterange(a, b))`): its type. */
function constructedRange(node: unknown) {
  return rangeTypeFamily(lastName(child(unwrap(node), 'FuncCall')?.funcname) ?? '');
}

/**
 * `r <@ s`, `r @> s` between two range columns of one element family: range containment; with a multirange
 * on either side (a column or a constructor), also `&&`, the other side a multirange, a range or an element
 * (multiranges.ts); from version 29 so too with a range on one side (`r && int4range(1, 100)`, `r @> 5`).
 */
function rangeOperands(
  n: Node,
  op: string,
  options?: EvaluatorOptions,
): ((a: SqlValue, b: SqlValue) => SqlValue) | undefined {
  if (op !== '<@' && op !== '@>' && op !== '&&') return undefined;
  const typeOf = (side: unknown) => {
    const column = lastName(child(unwrap(side), 'ColumnRef')?.fields);
    if (column === undefined) return constructedRange(side);
    return options?.rangeColumn?.(column);
  };
  const a = typeOf(n.lexpr);
  const b = typeOf(n.rexpr);
  if (a?.multi || b?.multi) return multirangeOperands(op, a, b);
  // From version 29: a range against a constant or an element (`r && int4range(1, 100)`, `r @> 5`), and `&&`.
  const mixed = a === undefined || b === undefined || op === '&&';
  if (mixed && (a ?? b) !== undefined && (a?.family ?? b?.family) === (b?.family ?? a?.family))
    return n[RANGE_OPERANDS_UNREAD] === true ? undefined : multirangeOperands(op, a, b);
  if (op === '&&' || a === undefined || b === undefined || a.family !== b.family) return undefined;
  return (x, y) => {
    if (x === null || y === null) return null;
    const [outer, inner] = op === '@>' ? [x, y] : [y, x];
    return rangeContains(String(outer), String(inner), a.family);
  };
}

/** An operand of a multirange operator: its declared type, else read from its text (`{...}`, `[...)`, `empty`) or an element. */
function operandKind(type: RangeColumnType | undefined, value: SqlValue): RangeOperand {
  if (type !== undefined) return type.multi ? 'multi' : 'range';
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.startsWith('{')) return 'multi';
  return /^([[(]|empty$)/i.test(text) ? 'range' : 'element';
}

function multirangeOperands(
  op: string,
  a: RangeColumnType | undefined,
  b: RangeColumnType | undefined,
): (x: SqlValue, y: SqlValue) => SqlValue {
  const family = (a ?? b)?.family;
  if (family === undefined || (a && b && a.family !== b.family))
    throw new NotEvaluableError(`operator ${op} between ranges of different types`);
  return (x, y) => {
    if (x === null || y === null) return null;
    const left = partsOf(x, operandKind(a, x), family);
    const right = partsOf(y, operandKind(b, y), family);
    return rangeSetOperator(op, left, right);
  };
}

/**
 * `<<`, `<<=`, `>>`, `>>=`, `&&` between inet/cidr values (checks/inet-functions.ts); `&&` between arrays is
 * their overlap. Other operands (integer shifts, ranges, geometry) are not evaluated.
 */
function networkOrArrayOp(op: string, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  if (typeof a === 'string' && typeof b === 'string') {
    const r = networkOperator(op, a, b);
    if (r !== undefined) return r;
  }
  if (op === '&&') return arraySetOp(op, a, b);
  throw new NotEvaluableError(`operator ${op}`);
}

/** LIKE, ILIKE and SIMILAR TO (with its ESCAPE form unwrapped). */
function compilePatternMatch(n: Node, rec: Compile, kind: string, op: string): Evaluate {
  const left = rec(n.lexpr);
  let patternNode = n.rexpr;
  let escapeArg: Evaluate | undefined;
  const escapeCall = asNode(asNode(patternNode)?.FuncCall);
  if (escapeCall && lastName(escapeCall.funcname) === 'similar_to_escape' && Array.isArray(escapeCall.args)) {
    if (escapeCall.args.length === 2) escapeArg = rec(escapeCall.args[1]);
    else if (escapeCall.args.length !== 1) throw new NotEvaluableError('SIMILAR TO ... ESCAPE');
    patternNode = escapeCall.args[0];
  }
  const right = rec(patternNode);
  const patternOp = kind === 'AEXPR_SIMILAR' ? (op === '!~' ? '!similar' : 'similar') : op;
  return (env) => {
    const text = textArg(left(env));
    const written = textArg(right(env));
    const esc = escapeArg === undefined ? undefined : textArg(escapeArg(env));
    if (text === null || written === null || esc === null) return null;
    const pattern = esc === undefined ? written : likeEscape(written, esc);
    if (pattern === undefined) throw new NotEvaluableError('SIMILAR TO ... ESCAPE of several characters');
    const r = matchPattern(text, pattern, patternOp);
    if (r === undefined) throw new NotEvaluableError(`pattern ${pattern}`);
    return r;
  };
}

/** `x [NOT] IN (...)`. */
function compileInList(n: Node, rec: Compile, _kind: string, op: string): Evaluate {
  const left = rec(n.lexpr);
  const items = listOf(n.rexpr, rec);
  const negated = op === '<>';
  return (env) =>
    inList(
      left(env),
      items.map((i) => i(env)),
      negated,
    );
}

/** `x <op> ANY (array)` / `ALL (array)`. */
function compileAnyAll(n: Node, rec: Compile, kind: string, op: string): Evaluate {
  const left = rec(n.lexpr);
  const right = rec(n.rexpr);
  const any = kind === 'AEXPR_OP_ANY';
  if (!COMPARISONS.has(op)) throw new NotEvaluableError(`${op} ANY`);
  return (env) => {
    const l = left(env);
    const items = arrayArg(right(env));
    if (items === null) return null;
    let unknown = false;
    for (const item of items) {
      const t = compareOp(op, l, item) as boolean | null;
      if (t === null) unknown = true;
      else if (t === any) return any;
    }
    return unknown ? null : !any;
  };
}

/** `[NOT] BETWEEN [SYMMETRIC] a AND b`. */
function compileBetween(n: Node, rec: Compile, kind: string): Evaluate {
  const left = rec(n.lexpr);
  const [lo, hi] = listOf(n.rexpr, rec);
  if (!lo || !hi) throw new NotEvaluableError('BETWEEN');
  const negated = kind.includes('NOT');
  const symmetric = kind.endsWith('SYM');
  return (env) => {
    const v = left(env);
    let a = lo(env);
    let b = hi(env);
    if (symmetric && (compareValues(a, b) ?? 0) > 0) [a, b] = [b, a];
    const x = truth(compareOp('>=', v, a));
    const y = truth(compareOp('<=', v, b));
    const both = x === false || y === false ? false : x === null || y === null ? null : true;
    return both === null ? null : both !== negated;
  };
}

/** `IS [NOT] DISTINCT FROM`. */
function compileDistinct(n: Node, rec: Compile, kind: string): Evaluate {
  const left = rec(n.lexpr);
  const right = rec(n.rexpr);
  const distinct = kind === 'AEXPR_DISTINCT';
  return (env) => {
    const a = left(env);
    const b = right(env);
    const same = a === null || b === null ? a === b : compareValues(a, b) === 0;
    return same !== distinct;
  };
}

/** `NULLIF(a, b)`. */
function compileNullIf(n: Node, rec: Compile): Evaluate {
  const left = rec(n.lexpr);
  const right = rec(n.rexpr);
  return (env) => {
    const a = left(env);
    return compareValues(a, right(env)) === 0 ? null : a;
  };
}

const OPERATOR_COMPILERS: Readonly<
  Record<string, (n: Node, rec: Compile, kind: string, op: string, options?: EvaluatorOptions) => Evaluate>
> = {
  AEXPR_OP: compileOperator,
  AEXPR_LIKE: compilePatternMatch,
  AEXPR_ILIKE: compilePatternMatch,
  AEXPR_SIMILAR: compilePatternMatch,
  AEXPR_IN: compileInList,
  AEXPR_OP_ANY: compileAnyAll,
  AEXPR_OP_ALL: compileAnyAll,
  AEXPR_BETWEEN: compileBetween,
  AEXPR_NOT_BETWEEN: compileBetween,
  AEXPR_BETWEEN_SYM: compileBetween,
  AEXPR_NOT_BETWEEN_SYM: compileBetween,
  AEXPR_DISTINCT: compileDistinct,
  AEXPR_NOT_DISTINCT: compileDistinct,
  AEXPR_NULLIF: compileNullIf,
};

function listOf(node: unknown, rec: (node: unknown) => Evaluate): Evaluate[] {
  const list = asNode(asNode(node)?.List)?.items;
  if (Array.isArray(list)) return list.map(rec);
  const array = asNode(asNode(node)?.A_ArrayExpr)?.elements;
  if (Array.isArray(array)) return array.map(rec);
  return [];
}
