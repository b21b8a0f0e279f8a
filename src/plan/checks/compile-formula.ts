/**
 * A CHECK expression (libpg-query AST) → a formula of atoms (OR of ANDs),
 * with NOT pushed down to the atoms. Constant sides (`now() - interval
 * '18 years'`, `'2020-01-01'::date`) are folded by the evaluator. Anything
 * else gives `undefined`: the caller then evaluates the CHECK per row.
 */
import {
  type Atom,
  type Branch,
  type CompareOp,
  FLIP,
  type Formula,
  JSON_TYPES,
  NEGATE,
  type Offset,
} from './check-atoms.js';
import { compileExpression, NotEvaluableError } from './evaluate-expr.js';
import {
  arrayItems,
  child,
  columnNameWith,
  funcCall,
  hasColumns,
  lastName,
  unwrap,
} from './expression-nodes.js';
import { foldedIn, foldOf } from './folded-values.js';
import { boolAsInteger, nullIndicators } from './integer-idioms.js';
import { likeToRegex, posixToRegex, similarToRegex } from './patterns.js';
import { formatTime, isInterval, isTime, type SqlValue, type ValueFamily } from './sql-value.js';

export interface FormulaOptions {
  /** now() for upper bounds (`created_at <= now()`): seconds since the epoch. */
  readonly nowEarly: number;
  /** now() for lower bounds (`expires_at > now()`): later, so rows stay valid for a while. */
  readonly nowLate: number;
  /** The value family of a column's type, so casts that change how it compares are seen. */
  readonly columnFamily?: (column: string) => ValueFamily | undefined;
}

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

function atom(a: Atom): Formula {
  return [[a]];
}

const LENGTH_FUNCTIONS = new Set(['length', 'char_length', 'character_length', 'octet_length']);

/** LIKE's operator forms, as pg_dump prints `LIKE`/`ILIKE` (and NOT): insensitive, negated. */
const LIKE_OPERATORS: Readonly<Record<string, readonly [boolean, boolean]>> = {
  '~~': [false, false],
  '~~*': [true, false],
  '!~~': [false, true],
  '!~~*': [true, true],
};

/** Compile one CHECK expression; undefined when some part is beyond the compiler. */
export function compileFormula(ast: unknown, options: FormulaOptions): Formula | undefined {
  const columnName = (node: unknown) => columnNameWith(node, options.columnFamily);
  const constantAt = (node: unknown, now: number): SqlValue | undefined => {
    if (hasColumns(node)) return undefined;
    try {
      return compileExpression(node, { now })(() => null);
    } catch (error) {
      if (error instanceof NotEvaluableError) return undefined;
      throw error;
    }
  };
  const plain = (v: SqlValue | undefined): number | string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (isTime(v)) return formatTime(v);
    // interval '1 day' (an interval column's bound): text PostgreSQL reads back as the same interval.
    if (isInterval(v)) return `${v.months} mons ${v.days} days ${v.seconds} secs`;
    return undefined;
  };
  /** A constant; for now()-relative ones, the value suited to the bound's side. */
  const constant = (
    node: unknown,
    side: 'lower' | 'upper' | 'any',
  ): { value: number | string; now: boolean } | undefined => {
    const early = plain(constantAt(node, options.nowEarly));
    if (early === undefined) return undefined;
    const late = plain(constantAt(node, options.nowLate));
    const now = late !== early;
    return { value: side === 'lower' && late !== undefined ? late : early, now };
  };
  /** The non-NULL items of a constant list; `NULL` items are dropped and reported. */
  const constantList = (node: unknown, nulls?: { seen: boolean }): string[] | undefined => {
    const list = child(node, 'List')?.items ?? child(unwrap(node), 'A_ArrayExpr')?.elements;
    if (Array.isArray(list)) {
      const kept = list.filter((x) => hasColumns(x) || constantAt(x, options.nowEarly) !== null);
      if (nulls && kept.length < list.length) nulls.seen = true;
      const values = kept.map((x) => constant(x, 'any')?.value);
      return values.every((v) => v !== undefined) ? values.map(String) : undefined;
    }
    // '{a,b}'::text[], evaluated
    const items = hasColumns(node) ? undefined : arrayItems(constantAt(node, options.nowEarly));
    if (items) return items;
    const text = constant(node, 'any')?.value;
    if (typeof text === 'string' && text.startsWith('{') && text.endsWith('}')) {
      return text
        .slice(1, -1)
        .split(',')
        .map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
    }
    return undefined;
  };

  /** `col`, `col + 3`, `col - interval '1 day'`. */
  const linear = (node: unknown): { column: string; offset?: Offset } | undefined => {
    const col = columnName(node);
    if (col) return { column: col };
    const e = child(unwrap(node), 'A_Expr');
    const op = e ? lastName(e.name) : undefined;
    if (e?.kind !== 'AEXPR_OP' || (op !== '+' && op !== '-') || e.lexpr === undefined) return undefined;
    const left = columnName(e.lexpr);
    const value = constantAt(e.rexpr, options.nowEarly);
    const offsetValue =
      typeof value === 'number'
        ? value
        : isInterval(value ?? null)
          ? (constantText(e.rexpr) ?? undefined)
          : undefined;
    if (left && offsetValue !== undefined)
      return { column: left, offset: { sign: op === '+' ? 1 : -1, value: offsetValue } };
    if (op === '+') {
      const right = columnName(e.rexpr);
      const lv = constantAt(e.lexpr, options.nowEarly);
      if (right && typeof lv === 'number') return { column: right, offset: { sign: 1, value: lv } };
    }
    return undefined;
  };
  const constantText = (node: unknown): string | undefined => {
    const c = child(unwrap(node), 'A_Const');
    const s = child(c, 'sval');
    return typeof s?.sval === 'string' ? s.sval : undefined;
  };

  /** `fold(col)` on one side, a text constant on the other: `upper(x) = 'AB'`. */
  const foldedCompare = (callNode: unknown, valueNode: unknown): Formula | undefined => {
    const call = funcCall(callNode);
    const fold = call?.args.length === 1 ? foldOf(call.name) : undefined;
    const column = fold ? columnName(call?.args[0]) : undefined;
    const value = column ? constant(valueNode, 'any')?.value : undefined;
    return fold && column && typeof value === 'string' ? foldedIn(column, fold, [value]) : undefined;
  };

  const compare = (lexpr: unknown, op: CompareOp, rexpr: unknown): Formula | undefined => {
    const leftCol = columnName(lexpr);
    const rightCol = columnName(rexpr);
    const sideOf = (o: CompareOp): 'lower' | 'upper' | 'any' =>
      o === '>' || o === '>=' ? 'lower' : o === '<' || o === '<=' ? 'upper' : 'any';
    if (leftCol) {
      const c = constant(rexpr, sideOf(op));
      if (c)
        return atom({
          kind: 'compare',
          column: leftCol,
          op,
          value: c.value,
          ...(c.now ? { now: true } : {}),
        });
    }
    if (rightCol) {
      const flipped = FLIP[op];
      const c = constant(lexpr, sideOf(flipped));
      if (c)
        return atom({
          kind: 'compare',
          column: rightCol,
          op: flipped,
          value: c.value,
          ...(c.now ? { now: true } : {}),
        });
    }
    // upper(x) = 'AB'
    if (op === '=') {
      const folded = foldedCompare(lexpr, rexpr) ?? foldedCompare(rexpr, lexpr);
      if (folded) return folded;
    }
    // lower(x) = x and friends
    if (op === '=') {
      const call = funcCall(rexpr) ?? funcCall(lexpr);
      const plainCol = leftCol ?? rightCol;
      const arg = call?.args.length === 1 ? columnName(call.args[0]) : undefined;
      if (call && plainCol && arg === plainCol) {
        if (call.name === 'lower') return atom({ kind: 'fold', column: plainCol, fold: 'lower' });
        if (call.name === 'upper') return atom({ kind: 'fold', column: plainCol, fold: 'upper' });
        if (call.name === 'btrim' || call.name === 'trim')
          return atom({ kind: 'fold', column: plainCol, fold: 'trim' });
      }
    }
    // (a IS NOT NULL)::int + (b IS NOT NULL)::int = 1, CASE WHEN a IS NULL THEN 0 ELSE 1 END + … = 1
    const countLeft = nullIndicators(lexpr);
    const countRight = countLeft ? undefined : nullIndicators(rexpr);
    const counted = countLeft ?? countRight;
    if (counted) {
      const n = constant(countLeft ? rexpr : lexpr, 'any')?.value;
      const countOp = countLeft ? op : FLIP[op];
      if (typeof n === 'number' && Number.isInteger(n)) {
        return counted.nonNull
          ? atom({ kind: 'count', columns: counted.columns, op: countOp, value: n })
          : atom({
              kind: 'count',
              columns: counted.columns,
              op: FLIP[countOp],
              value: counted.columns.length - n,
            });
      }
    }
    // flag::int = 1 on a boolean column
    const flag = boolAsInteger(lexpr) ?? boolAsInteger(rexpr);
    if (flag && options.columnFamily?.(flag) === 'boolean' && (op === '=' || op === '<>')) {
      const n = constant(boolAsInteger(lexpr) ? rexpr : lexpr, 'any')?.value;
      if (n === 0 || n === 1) {
        return atom({
          kind: 'compare',
          column: flag,
          op: '=',
          value: (n === 1) === (op === '=') ? 'true' : 'false',
        });
      }
    }
    // f(col) <op> n, or n <op> f(col)
    const callLeft = funcCall(lexpr);
    const callRight = funcCall(rexpr);
    const call = callLeft ?? callRight;
    const callOp = callLeft ? op : FLIP[op];
    const other = callLeft ? rexpr : lexpr;
    if (call) {
      const n = constant(other, 'any')?.value;
      const col = call.args.length >= 1 ? columnName(call.args[0]) : undefined;
      if (LENGTH_FUNCTIONS.has(call.name) && col && typeof n === 'number' && call.args.length === 1) {
        return atom({ kind: 'length', column: col, op: callOp, value: n });
      }
      if ((call.name === 'jsonb_typeof' || call.name === 'json_typeof') && col && typeof n === 'string') {
        const types = callOp === '=' ? [n] : callOp === '<>' ? JSON_TYPES.filter((t) => t !== n) : undefined;
        if (types) return atom({ kind: 'json-type', column: col, types });
      }
      if (call.name === 'cardinality' && col && typeof n === 'number' && call.args.length === 1) {
        return atom({ kind: 'cardinality', column: col, op: callOp, value: n });
      }
      if (
        call.name === 'array_length' &&
        col &&
        typeof n === 'number' &&
        constant(call.args[1], 'any')?.value === 1
      ) {
        return atom({ kind: 'cardinality', column: col, op: callOp, value: n });
      }
      if ((call.name === 'num_nonnulls' || call.name === 'num_nulls') && typeof n === 'number') {
        const columns = call.args.map(columnName);
        if (columns.every((c): c is string => c !== undefined)) {
          return call.name === 'num_nonnulls'
            ? atom({ kind: 'count', columns, op: callOp, value: n })
            : atom({ kind: 'count', columns, op: FLIP[callOp], value: columns.length - n });
        }
      }
    }
    // col <op> col (+ offset)
    const l = linear(lexpr);
    const r = linear(rexpr);
    if (l && r && l.column !== r.column) {
      // a + x <op> b + y  →  a <op> b + (y - x) for numbers; intervals only on one side.
      if (!l.offset)
        return atom({
          kind: 'relation',
          left: l.column,
          op,
          right: r.column,
          ...(r.offset ? { offset: r.offset } : {}),
        });
      if (!r.offset) {
        return atom({
          kind: 'relation',
          left: r.column,
          op: FLIP[op],
          right: l.column,
          offset: { sign: l.offset.sign === 1 ? -1 : 1, value: l.offset.value },
        });
      }
      return undefined;
    }
    // a - b <op> n  →  a <op> b + n
    const diff = child(unwrap(lexpr), 'A_Expr');
    if (diff && diff.kind === 'AEXPR_OP' && lastName(diff.name) === '-') {
      const a = columnName(diff.lexpr);
      const b = columnName(diff.rexpr);
      const n = constantAt(rexpr, options.nowEarly);
      const value = typeof n === 'number' ? n : isInterval(n ?? null) ? constantText(rexpr) : undefined;
      if (a && b && value !== undefined)
        return atom({ kind: 'relation', left: a, op, right: b, offset: { sign: 1, value } });
    }
    return undefined;
  };

  const pattern = (
    column: string | undefined,
    source: string | undefined,
    text: string,
    insensitive: boolean,
    negated: boolean,
  ): Formula | undefined => {
    if (!column || source === undefined) return undefined;
    return atom({ kind: 'pattern', column, source, insensitive, negated, text });
  };

  /**
   * `(a IS NOT NULL) <> (b IS NOT NULL)` (exactly one), `(p) = (q)`: two
   * predicates compared as booleans, read as (A ∧ ¬B) ∨ (¬A ∧ B), or
   * (A ∧ B) ∨ (¬A ∧ ¬B) for `=`. null when the operands are not predicates.
   */
  const predicateEquality = (
    left: unknown,
    op: string | undefined,
    right: unknown,
    negated: boolean,
  ): Formula | undefined | null => {
    const isPredicate = (n: unknown) => {
      if (child(n, 'NullTest') !== undefined || child(n, 'BoolExpr') !== undefined) return true;
      const e = child(n, 'A_Expr');
      if (!e) return false;
      const name = lastName(e.name);
      return e.kind !== 'AEXPR_OP' || compareOp(name) !== undefined || /^!?~\*?$/.test(name ?? '');
    };
    if ((op !== '<>' && op !== '!=' && op !== '=') || !isPredicate(left) || !isPredicate(right)) return null;
    const differ = (op !== '=') !== negated;
    const a = visit(left, false);
    const notA = visit(left, true);
    const b = visit(right, false);
    const notB = visit(right, true);
    if (!a || !notA || !b || !notB) return undefined;
    const first = and(a, differ ? notB : b);
    const second = and(notA, differ ? b : notB);
    if (!first || !second || first.length + second.length > MAX_BRANCHES) return undefined;
    return [...first, ...second];
  };

  const visit = (node: unknown, negated: boolean): Formula | undefined => {
    const bool = child(node, 'BoolExpr');
    if (bool) {
      const args = Array.isArray(bool.args) ? bool.args : [];
      if (bool.boolop === 'NOT_EXPR') return visit(args[0], !negated);
      const isAnd = (bool.boolop === 'AND_EXPR') !== negated;
      let result: Formula | undefined = isAnd ? [[]] : [];
      for (const arg of args) {
        const f = visit(arg, negated);
        if (!f || !result) return undefined;
        result = isAnd ? and(result, f) : [...result, ...f];
        if (result && result.length > MAX_BRANCHES) return undefined;
      }
      return result;
    }
    const kase = child(node, 'CaseExpr');
    if (kase) return caseFormula(kase, negated);
    const nullTest = child(node, 'NullTest');
    if (nullTest) {
      const col = columnName(nullTest.arg);
      if (!col) return undefined;
      return atom({ kind: 'null', column: col, isNull: (nullTest.nulltesttype === 'IS_NULL') !== negated });
    }
    const c = child(node, 'A_Const');
    if (c && child(c, 'boolval')) {
      return atom({ kind: 'constant', value: (child(c, 'boolval')?.boolval === true) !== negated });
    }
    const bareColumn = columnName(node);
    if (bareColumn)
      return atom({ kind: 'compare', column: bareColumn, op: '=', value: negated ? 'false' : 'true' });
    const expr = child(node, 'A_Expr');
    if (!expr) return undefined;
    const op = lastName(expr.name);
    const kind = String(expr.kind);
    switch (kind) {
      case 'AEXPR_OP': {
        const logical = predicateEquality(expr.lexpr, op, expr.rexpr, negated);
        if (logical !== null) return logical;
        const cmp = compareOp(op);
        if (cmp) return compare(expr.lexpr, negated ? NEGATE[cmp] : cmp, expr.rexpr);
        const like = op === undefined ? undefined : LIKE_OPERATORS[op];
        if (like) {
          const text = constant(expr.rexpr, 'any')?.value;
          if (typeof text !== 'string') return undefined;
          return pattern(columnName(expr.lexpr), likeToRegex(text), text, like[0], like[1] !== negated);
        }
        if (op === '~' || op === '~*' || op === '!~' || op === '!~*') {
          const text = constant(expr.rexpr, 'any')?.value;
          if (typeof text !== 'string') return undefined;
          return pattern(
            columnName(expr.lexpr),
            posixToRegex(text),
            text,
            op.includes('*'),
            op.startsWith('!') !== negated,
          );
        }
        return undefined;
      }
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE':
      case 'AEXPR_SIMILAR': {
        let patternNode = expr.rexpr;
        const escapeCall = funcCall(patternNode);
        if (escapeCall?.name === 'similar_to_escape') {
          if (escapeCall.args.length !== 1) return undefined;
          patternNode = escapeCall.args[0];
        }
        const text = constant(patternNode, 'any')?.value;
        if (typeof text !== 'string') return undefined;
        const source = kind === 'AEXPR_SIMILAR' ? similarToRegex(text) : likeToRegex(text);
        const isNot = op === '!~~' || op === '!~~*' || op === '!~';
        return pattern(columnName(expr.lexpr), source, text, kind === 'AEXPR_ILIKE', isNot !== negated);
      }
      case 'AEXPR_IN':
      case 'AEXPR_OP_ANY':
      case 'AEXPR_OP_ALL': {
        // `x <> ALL (…)` is NOT IN.
        const isIn = kind !== 'AEXPR_OP_ALL' && op === '=';
        const valid =
          kind === 'AEXPR_IN' ||
          (kind === 'AEXPR_OP_ANY' && op === '=') ||
          (kind === 'AEXPR_OP_ALL' && (op === '<>' || op === '!='));
        if (!valid) return undefined;
        const nulls = { seen: false };
        const values = constantList(expr.rexpr, nulls);
        if (!values || values.length === 0) return undefined;
        // x NOT IN (…, NULL) is never true: only the evaluator can say what then holds.
        if (nulls.seen && isIn === negated) return undefined;
        const call = funcCall(expr.lexpr);
        if (call && (call.name === 'jsonb_typeof' || call.name === 'json_typeof')) {
          const col = columnName(call.args[0]);
          if (!col) return undefined;
          const types = isIn !== negated ? values : JSON_TYPES.filter((t) => !values.includes(t));
          return atom({ kind: 'json-type', column: col, types });
        }
        const fold = call?.args.length === 1 ? foldOf(call.name) : undefined;
        const folded = fold ? columnName(call?.args[0]) : undefined;
        // A folded NOT IN is left to the evaluator: a value could fold onto an excluded one.
        if (fold && folded) return isIn !== negated ? foldedIn(folded, fold, values) : undefined;
        const col = columnName(expr.lexpr);
        if (!col) return undefined;
        return atom({ kind: 'in', column: col, values, negated: isIn === negated });
      }
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN':
      case 'AEXPR_BETWEEN_SYM':
      case 'AEXPR_NOT_BETWEEN_SYM': {
        const items = child(expr.rexpr, 'List')?.items;
        if (!Array.isArray(items) || items.length !== 2) return undefined;
        let list: unknown[] = items;
        if (kind.endsWith('_SYM')) {
          // SYMMETRIC: the bounds in either order; compiled when both are constant numbers, else evaluated.
          const [a, b] = list.map((x) => constantAt(x, options.nowEarly));
          if (typeof a !== 'number' || typeof b !== 'number') return undefined;
          if (a > b) list = [list[1], list[0]];
        }
        const outside = kind.startsWith('AEXPR_NOT_BETWEEN') !== negated;
        const lo = outside ? compare(expr.lexpr, '<', list[0]) : compare(expr.lexpr, '>=', list[0]);
        const hi = outside ? compare(expr.lexpr, '>', list[1]) : compare(expr.lexpr, '<=', list[1]);
        if (!lo || !hi) return undefined;
        return outside ? [...lo, ...hi] : and(lo, hi);
      }
      default:
        return undefined;
    }
  };

  /**
   * A searched boolean CASE is the disjunction of its branches, each taken
   * when its condition holds and every earlier one is false: (c1 ∧ r1) ∨
   * (¬c1 ∧ c2 ∧ r2) ∨ … ∨ (¬c1 ∧ ¬c2 ∧ … ∧ else). A missing ELSE (NULL) is
   * never chosen; NOT CASE negates the results.
   */
  const caseFormula = (kase: Record<string, unknown>, negated: boolean): Formula | undefined => {
    if (kase.arg !== undefined && kase.arg !== null) return undefined;
    const whens = (Array.isArray(kase.args) ? kase.args : []).map((w) => child(w, 'CaseWhen'));
    let before: Formula | undefined = [[]];
    const branches: Branch[] = [];
    for (const when of [...whens, null]) {
      if (!before) return undefined;
      if (when === undefined) return undefined;
      const result = when === null ? kase.defresult : when.result;
      if (result !== undefined && result !== null) {
        const condition: Formula | undefined = when === null ? [[]] : visit(when.expr, false);
        const outcome = visit(result, negated);
        const taken = condition && outcome ? and(before, condition) : undefined;
        const branch = taken && outcome ? and(taken, outcome) : undefined;
        if (!branch) return undefined;
        branches.push(...branch);
        if (branches.length > MAX_BRANCHES) return undefined;
      }
      if (when !== null) {
        const skipped = visit(when.expr, true);
        before = skipped ? and(before, skipped) : undefined;
      }
    }
    return branches;
  };

  return visit(ast, false);
}

/**
 * A branch asking a NOT NULL column to be NULL (`VALUE IS NULL OR
 * octet_length(VALUE) = 20` on a NOT NULL column) never holds: it is left
 * out, unless no branch would remain.
 */
/**
 * `x IS NULL OR P(x)` with P about x alone, for x in a unique key (a nullable
 * column of the Icinga DB `bytea20` domain in a UNIQUE index): its values
 * come from the key's generator, which meets P as its bounds, so the formula
 * is P (NULL or not is the key's choice). Other columns keep the per-row
 * choice.
 */
export function nullOrBounds(formula: Formula | undefined, keyed: ReadonlySet<string>): Formula | undefined {
  if (formula?.length !== 2 || keyed.size === 0) return formula;
  const at = formula.findIndex((b) => b.length === 1 && b[0]?.kind === 'null' && b[0].isNull);
  const nullAtom = formula[at]?.[0];
  const other = formula[1 - at];
  if (at < 0 || !other || nullAtom?.kind !== 'null' || other.length === 0) return formula;
  const alone = other.every(
    (a) =>
      a.kind !== 'relation' &&
      a.kind !== 'count' &&
      a.kind !== 'constant' &&
      a.kind !== 'null' &&
      'column' in a &&
      a.column === nullAtom.column,
  );
  if (!keyed.has(nullAtom.column)) return formula;
  return alone ? [other] : formula;
}

export function withoutNullBranches(
  formula: Formula | undefined,
  notNull: ReadonlySet<string>,
): Formula | undefined {
  if (!formula || formula.length < 2 || notNull.size === 0) return formula;
  const kept = formula.filter(
    (branch) => !branch.some((a) => a.kind === 'null' && a.isNull && notNull.has(a.column)),
  );
  return kept.length > 0 ? kept : formula;
}

/** The top-level conjuncts of a CHECK (`a AND b AND c` → [a, b, c]), so each is compiled or evaluated alone. */
export function conjuncts(ast: unknown): unknown[] {
  const bool = child(ast, 'BoolExpr');
  if (bool && bool.boolop === 'AND_EXPR' && Array.isArray(bool.args)) return bool.args.flatMap(conjuncts);
  return [ast];
}

export type { Branch };
