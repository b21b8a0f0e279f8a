/**
 * A CHECK expression (libpg-query AST) → a formula of atoms (OR of ANDs),
 * with NOT pushed down to the atoms. Constant sides (`now() - interval
 * '18 years'`, `'2020-01-01'::date`) are folded by the evaluator. Anything
 * else gives `undefined`: the caller then evaluates the CHECK per row.
 */
import {
  type Branch,
  type CompareOp,
  type Formula,
  JSON_TYPES,
  NEGATE,
  strictlyTrue,
} from './check-atoms.js';
import { atom, compareFormula, distinctFormula } from './compile-comparison.js';
import {
  containedIn,
  elementBound,
  jsonKey,
  networkFormula,
  overlapsList,
  textField,
} from './compile-containers.js';
import {
  patternMatchFormula,
  patternOperatorFormula,
  prefixFormula,
  regexpCallFormula,
  startsWithFormula,
} from './compile-patterns.js';
import { child, funcCall, lastName, type Node, unwrap } from './expression-nodes.js';
import { foldedIn, foldOf } from './folded-values.js';
import { type FormulaOptions, FormulaReader } from './formula-reader.js';
import { NETWORK_OPERATORS } from './inet-functions.js';
import { splitFieldsFormula } from './split-fields.js';
import { ZONE_NAMES } from './time-zones.js';

export type { FormulaOptions } from './formula-reader.js';

const MAX_BRANCHES = 32;
const COMPARE_OPS = new Set<string>(['<', '<=', '>', '>=', '=', '<>', '!=']);

function compareOp(op: string | undefined): CompareOp | undefined {
  if (op === '!=') return '<>';
  return op !== undefined && COMPARE_OPS.has(op) ? (op as CompareOp) : undefined;
}

function and(a: Formula, b: Formula): Formula | undefined {
  if (a.length * b.length > MAX_BRANCHES) return undefined;
  return a.flatMap((x) => b.map((y) => [...x, ...y]));
}

/** Compile one CHECK expression; undefined when some part is beyond the compiler. */
export function compileFormula(ast: unknown, options: FormulaOptions): Formula | undefined {
  return visit(new FormulaReader(options), ast, false);
}

function visit(r: FormulaReader, node: unknown, negated: boolean): Formula | undefined {
  const bool = child(node, 'BoolExpr');
  if (bool) {
    const args = Array.isArray(bool.args) ? bool.args : [];
    if (bool.boolop === 'NOT_EXPR') return visit(r, args[0], !negated);
    const isAnd = (bool.boolop === 'AND_EXPR') !== negated;
    let result: Formula | undefined = isAnd ? [[]] : [];
    for (const arg of args) {
      const f = visit(r, arg, negated);
      if (!f || !result) return undefined;
      result = isAnd ? and(result, f) : [...result, ...f];
      if (result && result.length > MAX_BRANCHES) return undefined;
    }
    return result;
  }
  const kase = child(node, 'CaseExpr');
  if (kase) return caseFormula(r, kase, negated);
  const nullTest = child(node, 'NullTest');
  const matchTest =
    nullTest && regexpCallFormula(r, nullTest.arg, nullTest.nulltesttype === 'IS_NOT_NULL', negated);
  if (matchTest) return matchTest;
  if (nullTest) {
    const zone = zoneNamed(r, nullTest.arg);
    // `now() AT TIME ZONE tz IS NOT NULL`: tz is a zone's name (the CHECK is still evaluated per row).
    if (zone !== undefined && (nullTest.nulltesttype === 'IS_NOT_NULL') !== negated)
      return [
        [
          { kind: 'null', column: zone, isNull: false },
          { kind: 'in', column: zone, values: ZONE_NAMES, negated: false },
        ],
      ];
    const col = r.columnName(nullTest.arg);
    if (!col) return undefined;
    return atom({ kind: 'null', column: col, isNull: (nullTest.nulltesttype === 'IS_NULL') !== negated });
  }
  const booleanTest = child(node, 'BooleanTest');
  if (booleanTest) return booleanTestFormula(r, booleanTest, negated);
  const c = child(node, 'A_Const');
  if (c && child(c, 'boolval')) {
    return atom({ kind: 'constant', value: (child(c, 'boolval')?.boolval === true) !== negated });
  }
  const call = funcCall(node);
  if ((call?.name === 'upper_inf' || call?.name === 'lower_inf') && call.args.length === 1) {
    const col = r.columnName(call.args[0]);
    if (!col) return undefined;
    return atom({
      kind: 'range-bound',
      column: col,
      bound: call.name === 'upper_inf' ? 'upper' : 'lower',
      infinite: !negated,
    });
  }
  if (call?.name === 'isempty' && call.args.length === 1) {
    const col = r.columnName(call.args[0]);
    return col === undefined ? undefined : atom({ kind: 'range-empty', column: col, empty: !negated });
  }
  if (call?.name === 'regexp_like') return regexpCallFormula(r, node, true, negated);
  if (call?.name === 'starts_with' && call.args.length === 2)
    return startsWithFormula(r, call.args[0], call.args[1], negated);
  const bareColumn = r.columnName(node);
  if (bareColumn)
    return atom({ kind: 'compare', column: bareColumn, op: '=', value: negated ? 'false' : 'true' });
  const expr = child(node, 'A_Expr');
  return expr ? operatorFormula(r, expr, negated) : undefined;
}

/**
 * `p IS TRUE`, `p IS FALSE` (Sourcegraph's `builtin IS FALSE AND owner IS NOT
 * NULL`), `p IS NOT TRUE/FALSE`, `x IS [NOT] UNKNOWN`: rows that make `p` true
 * (or false) satisfy them, so `p` is read with the polarity the test asks.
 */
function booleanTestFormula(
  r: FormulaReader,
  test: Record<string, unknown>,
  negated: boolean,
): Formula | undefined {
  switch (test.booltesttype) {
    case 'IS_TRUE':
    case 'IS_NOT_FALSE':
      return visit(r, test.arg, negated);
    case 'IS_FALSE':
    case 'IS_NOT_TRUE':
      return visit(r, test.arg, !negated);
    default: {
      const col = r.columnName(test.arg);
      if (!col) return undefined;
      return atom({ kind: 'null', column: col, isNull: (test.booltesttype === 'IS_UNKNOWN') !== negated });
    }
  }
}

/** An operator expression (`A_Expr`): comparisons, LIKE/regex/SIMILAR patterns, IN/ANY/ALL lists, BETWEEN. */
function operatorFormula(r: FormulaReader, expr: Node, negated: boolean): Formula | undefined {
  const op = lastName(expr.name);
  const kind = String(expr.kind);
  switch (kind) {
    case 'AEXPR_OP':
      return binaryOperatorFormula(r, expr, op, negated);
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
    case 'AEXPR_SIMILAR':
      return patternMatchFormula(r, expr, kind, op, negated);
    case 'AEXPR_IN':
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      return (
        (negated ? undefined : elementBound(r, expr, kind, op)) ?? listFormula(r, expr, kind, op, negated)
      );
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT':
      return distinctFormula(r, expr, (kind === 'AEXPR_DISTINCT') !== negated);
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM':
      return betweenFormula(r, expr, kind, negated);
    default:
      return undefined;
  }
}

/** `a op b`: predicates compared, a JSON key test, comparisons (through a CASE too), LIKE and regex operators, containment. */
function binaryOperatorFormula(
  r: FormulaReader,
  expr: Node,
  op: string | undefined,
  negated: boolean,
): Formula | undefined {
  const logical = predicateEquality(r, expr.lexpr, op, expr.rexpr, negated);
  if (logical !== null) return logical;
  if (op === '?') return jsonKey(r, expr.lexpr, expr.rexpr, !negated);
  const cmp = compareOp(op);
  const field = cmp ? textField(r, expr.lexpr) : undefined;
  // `(col ->> 'key') <> ''`: the key is there with a non-empty text (other comparisons go on below).
  if (field && cmp && (negated ? NEGATE[cmp] : cmp) === '<>' && r.constant(expr.rexpr, 'any')?.value === '')
    return atom({ kind: 'json-key', column: field.column, key: field.key, present: true });
  if (cmp) {
    const viaCase = caseComparison(r, expr.lexpr, cmp, expr.rexpr, negated);
    if (viaCase) return viaCase;
  }
  // `left(x, 4) = 'dns:'`: a prefix pattern (compile-patterns.ts).
  if (cmp === '=' || cmp === '<>') {
    const prefix =
      prefixFormula(r, expr.lexpr, expr.rexpr, (cmp === '<>') !== negated) ??
      prefixFormula(r, expr.rexpr, expr.lexpr, (cmp === '<>') !== negated);
    if (prefix) return prefix;
  }
  if (cmp) return compareFormula(r, expr.lexpr, negated ? NEGATE[cmp] : cmp, expr.rexpr);
  if ((op === '<@' || op === '@>') && !negated) return containedIn(r, expr, op);
  if (op === '&&' && !negated) {
    const overlap = overlapsList(r, expr);
    if (overlap) return overlap;
  }
  if (op === '^@') return startsWithFormula(r, expr.lexpr, expr.rexpr, negated);
  if (op !== undefined && NETWORK_OPERATORS.has(op)) return networkFormula(r, expr, op, negated);
  return patternOperatorFormula(r, expr, op, negated);
}

/** `x IN (…)`, `x = ANY (…)`, `x <> ALL (…)` over constants: a value list (jsonb_typeof's kinds, folded values). */
function listFormula(
  r: FormulaReader,
  expr: Node,
  kind: string,
  op: string | undefined,
  negated: boolean,
): Formula | undefined {
  // `x <> ALL (…)` is NOT IN.
  const isIn = kind !== 'AEXPR_OP_ALL' && op === '=';
  const valid =
    kind === 'AEXPR_IN' ||
    (kind === 'AEXPR_OP_ANY' && op === '=') ||
    (kind === 'AEXPR_OP_ALL' && (op === '<>' || op === '!='));
  if (!valid) return undefined;
  const nulls = { seen: false };
  const values = r.constantList(expr.rexpr, nulls);
  if (!values || values.length === 0) return undefined;
  // x NOT IN (…, NULL) is never true: only the evaluator can say what then holds.
  if (nulls.seen && isIn === negated) return undefined;
  const call = funcCall(expr.lexpr);
  if (call && (call.name === 'jsonb_typeof' || call.name === 'json_typeof')) {
    const col = r.columnName(call.args[0]);
    if (!col) return undefined;
    const types = isIn !== negated ? values : JSON_TYPES.filter((t) => !values.includes(t));
    return atom({ kind: 'json-type', column: col, types });
  }
  if (call?.name === 'split_part') return splitFieldsFormula(r, expr.lexpr, values, isIn !== negated);
  const fold = call?.args.length === 1 ? foldOf(call.name) : undefined;
  const folded = fold ? r.columnName(call?.args[0]) : undefined;
  // A folded NOT IN is left to the evaluator: a value could fold onto an excluded one.
  if (fold && folded) return isIn !== negated ? foldedIn(folded, fold, values) : undefined;
  const col = r.columnName(expr.lexpr);
  if (!col) return undefined;
  return atom({ kind: 'in', column: col, values, negated: isIn === negated });
}

/** `x [NOT] BETWEEN [SYMMETRIC] a AND b` as two comparisons (both, or either for NOT). */
function betweenFormula(r: FormulaReader, expr: Node, kind: string, negated: boolean): Formula | undefined {
  const items = child(expr.rexpr, 'List')?.items;
  if (!Array.isArray(items) || items.length !== 2) return undefined;
  let list: unknown[] = items;
  if (kind.endsWith('_SYM')) {
    // SYMMETRIC: the bounds in either order; compiled when both are constant numbers, else evaluated.
    const [a, b] = list.map((x) => r.constantAt(x, r.options.nowEarly));
    if (typeof a !== 'number' || typeof b !== 'number') return undefined;
    if (a > b) list = [list[1], list[0]];
  }
  const outside = kind.startsWith('AEXPR_NOT_BETWEEN') !== negated;
  const lo = outside
    ? compareFormula(r, expr.lexpr, '<', list[0])
    : compareFormula(r, expr.lexpr, '>=', list[0]);
  const hi = outside
    ? compareFormula(r, expr.lexpr, '>', list[1])
    : compareFormula(r, expr.lexpr, '<=', list[1]);
  if (!lo || !hi) return undefined;
  return outside ? [...lo, ...hi] : and(lo, hi);
}

/**
 * `(a IS NOT NULL) <> (b IS NOT NULL)` (exactly one), `(p) = (q)`: two
 * predicates compared as booleans, read as (A ∧ ¬B) ∨ (¬A ∧ B), or
 * (A ∧ B) ∨ (¬A ∧ ¬B) for `=`. null when the operands are not predicates.
 */
function predicateEquality(
  r: FormulaReader,
  left: unknown,
  op: string | undefined,
  right: unknown,
  negated: boolean,
): Formula | undefined | null {
  const isPredicate = (n: unknown) => {
    if (child(n, 'NullTest') !== undefined || child(n, 'BoolExpr') !== undefined) return true;
    const e = child(n, 'A_Expr');
    if (!e) return false;
    const name = lastName(e.name);
    return e.kind !== 'AEXPR_OP' || compareOp(name) !== undefined || /^!?~\*?$/.test(name ?? '');
  };
  if ((op !== '<>' && op !== '!=' && op !== '=') || !isPredicate(left) || !isPredicate(right)) return null;
  const differ = (op !== '=') !== negated;
  const a = visit(r, left, false);
  const notA = visit(r, left, true);
  const b = visit(r, right, false);
  const notB = visit(r, right, true);
  if (!a || !notA || !b || !notB) return undefined;
  const first = and(a, differ ? notB : b);
  const second = and(notA, differ ? b : notB);
  if (!first || !second || first.length + second.length > MAX_BRANCHES) return undefined;
  return [...first, ...second];
}

/**
 * A searched boolean CASE is the disjunction of its branches, each taken
 * when its condition holds and every earlier one is false: (c1 ∧ r1) ∨
 * (¬c1 ∧ c2 ∧ r2) ∨ … ∨ (¬c1 ∧ ¬c2 ∧ … ∧ else). A missing ELSE (NULL) is
 * never chosen; NOT CASE negates the results.
 */
function caseFormula(r: FormulaReader, kase: Record<string, unknown>, negated: boolean): Formula | undefined {
  if (kase.arg !== undefined && kase.arg !== null) return undefined;
  const whens = (Array.isArray(kase.args) ? kase.args : []).map((w) => child(w, 'CaseWhen'));
  let before: Formula | undefined = [[]];
  const branches: Branch[] = [];
  for (const when of [...whens, null]) {
    if (!before) return undefined;
    if (when === undefined) return undefined;
    const result = when === null ? kase.defresult : when.result;
    if (result !== undefined && result !== null) {
      const condition: Formula | undefined = when === null ? [[]] : strictlyTrue(visit(r, when.expr, false));
      const outcome = visit(r, result, negated);
      const taken = condition && outcome ? and(before, condition) : undefined;
      const branch = taken && outcome ? and(taken, outcome) : undefined;
      if (!branch) return undefined;
      branches.push(...branch);
      if (branches.length > MAX_BRANCHES) return undefined;
    }
    if (when !== null) {
      const skipped = visit(r, when.expr, true);
      before = skipped ? and(before, skipped) : undefined;
    }
  }
  return branches;
}

/**
 * `1 = CASE WHEN c1 THEN 0 WHEN c2 THEN 0 ELSE 1 END` (Sourcegraph's
 * required_bool_fields): a constant compared with a CASE whose results are
 * constants is the CASE of the comparisons' truth values, read by
 * `caseFormula`. Numbers compare by value, text only for = and <>; a NULL or
 * non-constant result leaves it to the evaluator.
 */
function caseComparison(
  r: FormulaReader,
  left: unknown,
  op: CompareOp,
  right: unknown,
  negated: boolean,
): Formula | undefined {
  const leftCase = child(unwrap(left), 'CaseExpr');
  const kase = leftCase ?? child(unwrap(right), 'CaseExpr');
  if (!kase) return undefined;
  const k = r.constant(leftCase ? right : left, 'any')?.value;
  if (k === undefined) return undefined;
  const truth = (v: number | string | undefined): boolean | undefined => {
    if (v === undefined || typeof v !== typeof k) return undefined;
    const [a, b] = leftCase ? [v, k] : [k, v];
    if (typeof a === 'string' && op !== '=' && op !== '<>') return undefined;
    const c = a < b ? -1 : a > b ? 1 : 0;
    return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '=': c === 0, '<>': c !== 0 }[op];
  };
  const constantOf = (result: unknown): unknown => {
    const t = truth(r.constant(result, 'any')?.value);
    return t === undefined ? undefined : { A_Const: { boolval: { boolval: t } } };
  };
  const whens = Array.isArray(kase.args) ? kase.args : [];
  const args = whens.map((w) => {
    const when = child(w, 'CaseWhen');
    const result = when ? constantOf(when.result) : undefined;
    return result === undefined ? undefined : { CaseWhen: { ...when, result } };
  });
  const defresult = constantOf(kase.defresult);
  if (args.includes(undefined) || defresult === undefined) return undefined;
  return caseFormula(r, { ...kase, args, defresult }, negated);
}

/** The top-level conjuncts of a CHECK (`a AND b AND c` → [a, b, c]), so each is compiled or evaluated alone. */
export function conjuncts(ast: unknown): unknown[] {
  const bool = child(ast, 'BoolExpr');
  if (bool && bool.boolop === 'AND_EXPR' && Array.isArray(bool.args)) return bool.args.flatMap(conjuncts);
  return [ast];
}

/** The column `timezone(col, t)` (`t AT TIME ZONE col`) reads its zone from, or undefined for other nodes. */
function zoneNamed(r: FormulaReader, node: unknown): string | undefined {
  const call = funcCall(node);
  if (call?.name !== 'timezone' || call.args.length !== 2) return undefined;
  return r.columnName(call.args[0]);
}
