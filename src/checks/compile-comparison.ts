/**
 * One comparison of a CHECK (`left <op> right`) as a formula: a column
 * against a constant, folded text (`upper(x) = 'AB'`, `lower(x) = x`), counts
 * of non-NULL columns, boolean flags compared as integers, functions of a
 * column (length, jsonb_typeof, cardinality, num_nonnulls), and relations
 * between two columns with an offset (`a < b + 3`, `a - b <= interval '1
 * day'`). Undefined when none of these reads it: the CHECK is evaluated.
 */
import { type Atom, type CompareOp, FLIP, type Formula, JSON_TYPES } from './check-atoms.js';
import { child, funcCall, lastName, unwrap } from './expression-nodes.js';
import { foldedIn, foldOf } from './folded-values.js';
import type { BoundSide, FormulaReader } from './formula-reader.js';
import { boolAsInteger, nullIndicators } from './integer-idioms.js';

const LENGTH_FUNCTIONS = new Set(['length', 'char_length', 'character_length', 'octet_length']);

/** octet_length() counts bytes: a multibyte character (a locale's name) counts more than once. */
function bytesOf(name: string): { bytes?: true } {
  return name === 'octet_length' ? { bytes: true } : {};
}

export function atom(a: Atom): Formula {
  return [[a]];
}

export function compareFormula(
  r: FormulaReader,
  lexpr: unknown,
  op: CompareOp,
  rexpr: unknown,
): Formula | undefined {
  return (
    columnWithConstant(r, lexpr, op, rexpr) ??
    (op === '=' ? foldedEquality(r, lexpr, rexpr) : undefined) ??
    nonNullCount(r, lexpr, op, rexpr) ??
    flagAsInteger(r, lexpr, op, rexpr) ??
    functionOfColumn(r, lexpr, op, rexpr) ??
    (op === '=' ? (moduloEquality(r, lexpr, rexpr) ?? moduloEquality(r, rexpr, lexpr)) : undefined) ??
    extremumBound(r, lexpr, op, rexpr) ??
    columnRelation(r, lexpr, op, rexpr)
  );
}

const HOLDS: Record<CompareOp, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '=': (a, b) => a === b,
  '<>': (a, b) => a !== b,
};

/**
 * `GREATEST(a, b, …) < n` (or `<=`) and `LEAST(a, b, …) > n` (or `>=`): each
 * argument on the bounded side. GREATEST and LEAST skip NULLs, so under SQL's
 * three-valued logic the conjunction fails on the same rows as the call (a
 * NULL argument leaves its comparison NULL, which the AND passes over).
 * Constant arguments are decided here. The other sides (`GREATEST(a, b) > n`:
 * one of them) are evaluated.
 */
function extremumBound(r: FormulaReader, lexpr: unknown, op: CompareOp, rexpr: unknown): Formula | undefined {
  const onLeft = child(lexpr, 'MinMaxExpr');
  const call = onLeft ?? child(rexpr, 'MinMaxExpr');
  const callOp = onLeft ? op : FLIP[op];
  const bound = onLeft ? rexpr : lexpr;
  const each =
    call?.op === 'IS_GREATEST' ? callOp === '<' || callOp === '<=' : callOp === '>' || callOp === '>=';
  const args = Array.isArray(call?.args) ? call.args : [];
  if (!call || !each || args.length === 0) return undefined;
  const branch: Atom[] = [];
  for (const arg of args) {
    const value = r.constant(arg, 'any')?.value;
    const limit = r.constant(bound, 'any')?.value;
    if (typeof value === 'number' && typeof limit === 'number') {
      if (!HOLDS[callOp](value, limit)) return atom({ kind: 'constant', value: false });
      continue;
    }
    const f = compareFormula(r, arg, callOp, bound);
    if (f?.length !== 1) return undefined;
    branch.push(...(f[0] ?? []));
  }
  return [branch];
}

function sideOf(o: CompareOp): BoundSide {
  return o === '>' || o === '>=' ? 'lower' : o === '<' || o === '<=' ? 'upper' : 'any';
}

/** `col <op> constant` or `constant <op> col`. */
function columnWithConstant(
  r: FormulaReader,
  lexpr: unknown,
  op: CompareOp,
  rexpr: unknown,
): Formula | undefined {
  const leftCol = r.columnName(lexpr);
  if (leftCol) {
    const c = r.constant(rexpr, sideOf(op));
    if (c)
      return atom({ kind: 'compare', column: leftCol, op, value: c.value, ...(c.now ? { now: true } : {}) });
  }
  const rightCol = r.columnName(rexpr);
  if (rightCol) {
    const flipped = FLIP[op];
    const c = r.constant(lexpr, sideOf(flipped));
    if (c)
      return atom({
        kind: 'compare',
        column: rightCol,
        op: flipped,
        value: c.value,
        ...(c.now ? { now: true } : {}),
      });
  }
  return undefined;
}

/** `upper(x) = 'AB'`; `lower(x) = x` and friends. */
function foldedEquality(r: FormulaReader, lexpr: unknown, rexpr: unknown): Formula | undefined {
  const folded = foldedCompare(r, lexpr, rexpr) ?? foldedCompare(r, rexpr, lexpr);
  if (folded) return folded;
  const plainCol = r.columnName(lexpr) ?? r.columnName(rexpr);
  if (!plainCol) return undefined;
  // Folds over folds of the column (Boundary's wt_tagpair, `lower(trim(value)) = value`): each fold holds.
  const folds: ('lower' | 'upper' | 'trim')[] = [];
  let node: unknown = r.columnName(lexpr) === plainCol ? rexpr : lexpr;
  for (let call = funcCall(node); call && call.args.length === 1; call = funcCall(node)) {
    const fold =
      call.name === 'lower' || call.name === 'upper'
        ? call.name
        : call.name === 'btrim' || call.name === 'trim'
          ? 'trim'
          : undefined;
    if (fold === undefined) return undefined;
    folds.push(fold);
    node = call.args[0];
  }
  if (folds.length === 0 || r.columnName(node) !== plainCol) return undefined;
  return [[...new Set(folds)].map((fold) => ({ kind: 'fold' as const, column: plainCol, fold }))];
}

/** `fold(col)` on one side, a text constant on the other: `upper(x) = 'AB'`. */
function foldedCompare(r: FormulaReader, callNode: unknown, valueNode: unknown): Formula | undefined {
  const call = funcCall(callNode);
  const fold = call?.args.length === 1 ? foldOf(call.name) : undefined;
  const column = fold ? r.columnName(call?.args[0]) : undefined;
  const value = column ? r.constant(valueNode, 'any')?.value : undefined;
  return fold && column && typeof value === 'string' ? foldedIn(column, fold, [value]) : undefined;
}

/** `(a IS NOT NULL)::int + (b IS NOT NULL)::int = 1`, `CASE WHEN a IS NULL THEN 0 ELSE 1 END + … = 1`. */
function nonNullCount(r: FormulaReader, lexpr: unknown, op: CompareOp, rexpr: unknown): Formula | undefined {
  const countLeft = nullIndicators(lexpr);
  const counted = countLeft ?? nullIndicators(rexpr);
  if (!counted) return undefined;
  const n = r.constant(countLeft ? rexpr : lexpr, 'any')?.value;
  const countOp = countLeft ? op : FLIP[op];
  if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
  return counted.nonNull
    ? atom({ kind: 'count', columns: counted.columns, op: countOp, value: n })
    : atom({ kind: 'count', columns: counted.columns, op: FLIP[countOp], value: counted.columns.length - n });
}

/** `flag::int = 1` on a boolean column. */
function flagAsInteger(r: FormulaReader, lexpr: unknown, op: CompareOp, rexpr: unknown): Formula | undefined {
  const flag = boolAsInteger(lexpr) ?? boolAsInteger(rexpr);
  if (!flag || r.options.columnFamily?.(flag) !== 'boolean' || (op !== '=' && op !== '<>')) return undefined;
  const n = r.constant(boolAsInteger(lexpr) ? rexpr : lexpr, 'any')?.value;
  if (n !== 0 && n !== 1) return undefined;
  return atom({
    kind: 'compare',
    column: flag,
    op: '=',
    value: (n === 1) === (op === '=') ? 'true' : 'false',
  });
}

/** The column of `btrim(col)` (`trim(col)` parses as it), or undefined. */
function trimmedColumn(r: FormulaReader, node: unknown): string | undefined {
  const call = funcCall(node);
  return call !== undefined && call.name === 'btrim' && call.args.length === 1
    ? r.columnName(call.args[0])
    : undefined;
}

/** `f(col) <op> n`, or `n <op> f(col)`: length, jsonb_typeof, cardinality, array_length, num_nonnulls/num_nulls. */
function functionOfColumn(
  r: FormulaReader,
  lexpr: unknown,
  op: CompareOp,
  rexpr: unknown,
): Formula | undefined {
  const callLeft = funcCall(lexpr);
  const call = callLeft ?? funcCall(rexpr);
  if (!call) return undefined;
  const callOp = callLeft ? op : FLIP[op];
  const n = r.constant(callLeft ? rexpr : lexpr, 'any')?.value;
  const col = call.args.length >= 1 ? r.columnName(call.args[0]) : undefined;
  if (LENGTH_FUNCTIONS.has(call.name) && col && typeof n === 'number' && call.args.length === 1) {
    return atom({ kind: 'length', column: col, op: callOp, value: n, ...bytesOf(call.name) });
  }
  const trimmed =
    LENGTH_FUNCTIONS.has(call.name) && call.args.length === 1 ? trimmedColumn(r, call.args[0]) : undefined;
  if (trimmed && typeof n === 'number' && r.options.takenColumn?.(trimmed) !== true) {
    // `length(trim(x)) > 10` (Boundary's wt_private_id): values without surrounding spaces, whose length is the
    // trimmed one, meet it; a subset of what it allows, but one the generators make by construction.
    return [
      [
        { kind: 'fold', column: trimmed, fold: 'trim' },
        { kind: 'length', column: trimmed, op: callOp, value: n, ...bytesOf(call.name) },
      ],
    ];
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
    r.constant(call.args[1], 'any')?.value === 1
  ) {
    return atom({ kind: 'cardinality', column: col, op: callOp, value: n });
  }
  if ((call.name === 'num_nonnulls' || call.name === 'num_nulls') && typeof n === 'number') {
    const columns = call.args.map((a) => r.columnName(a));
    if (columns.every((c): c is string => c !== undefined)) {
      return call.name === 'num_nonnulls'
        ? atom({ kind: 'count', columns, op: callOp, value: n })
        : atom({ kind: 'count', columns, op: FLIP[callOp], value: columns.length - n });
    }
  }
  return undefined;
}

/** `x % y` or `mod(x, y)`: its two operands. */
function moduloOperands(node: unknown): [unknown, unknown] | undefined {
  const e = child(unwrap(node), 'A_Expr');
  if (e && e.kind === 'AEXPR_OP' && lastName(e.name) === '%') return [e.lexpr, e.rexpr];
  const call = funcCall(node);
  if (call?.name === 'mod' && call.args.length === 2) return [call.args[0], call.args[1]];
  return undefined;
}

/**
 * `col % m = r` (integer constants) → a residue; `a % b = 0` over two columns
 * → a multiple. `col % m = r` with |r| >= |m| never holds.
 */
function moduloEquality(r: FormulaReader, modNode: unknown, valueNode: unknown): Formula | undefined {
  const operands = moduloOperands(modNode);
  if (!operands) return undefined;
  const column = r.columnName(operands[0]);
  const remainder = r.constant(valueNode, 'any')?.value;
  if (!column || typeof remainder !== 'number' || !Number.isSafeInteger(remainder)) return undefined;
  const divisor = r.columnName(operands[1]);
  if (divisor !== undefined) {
    return remainder === 0 && divisor !== column ? atom({ kind: 'multiple', column, divisor }) : undefined;
  }
  const m = r.constant(operands[1], 'any')?.value;
  if (typeof m !== 'number' || !Number.isSafeInteger(m) || m === 0) return undefined;
  const modulus = Math.abs(m);
  if (Math.abs(remainder) >= modulus) return atom({ kind: 'constant', value: false });
  return atom({ kind: 'residue', column, modulus, remainder });
}

/** `col <op> col (+ offset)`; `a - b <op> n` → `a <op> b + n`. */
function columnRelation(
  r: FormulaReader,
  lexpr: unknown,
  op: CompareOp,
  rexpr: unknown,
): Formula | undefined {
  const left = r.linear(lexpr);
  const right = r.linear(rexpr);
  if (left && right && left.column !== right.column) {
    // a + x <op> b + y  →  a <op> b + (y - x) for numbers; intervals only on one side.
    if (!left.offset)
      return atom({
        kind: 'relation',
        left: left.column,
        op,
        right: right.column,
        ...(right.offset ? { offset: right.offset } : {}),
      });
    if (!right.offset) {
      return atom({
        kind: 'relation',
        left: right.column,
        op: FLIP[op],
        right: left.column,
        offset: { sign: left.offset.sign === 1 ? -1 : 1, value: left.offset.value },
      });
    }
    return undefined;
  }
  const epoch = epochBound(r, lexpr, rexpr);
  const diff = child(unwrap(epoch?.diff ?? lexpr), 'A_Expr');
  if (diff && diff.kind === 'AEXPR_OP' && lastName(diff.name) === '-') {
    const a = r.columnName(diff.lexpr);
    const b = r.columnName(diff.rexpr);
    const value = epoch ? `${epoch.seconds} seconds` : r.offsetValue(rexpr);
    if (a && b && value !== undefined)
      return atom({ kind: 'relation', left: a, op, right: b, offset: { sign: 1, value } });
  }
  return undefined;
}

const STAMPS = new Set(['timestamp', 'timestamptz']);

/**
 * Version 26: `extract(epoch from (a - b))` (or `date_part('epoch', a - b)`) of two timestamp columns of one
 * type: their difference, an interval of days and seconds (timestamp_mi justifies hours, never months), whose
 * epoch is its exact seconds, so `extract(epoch from (a - b)) <= 86400` is `a - b <= interval '86400 seconds'`.
 * The `a - b` node, or undefined.
 */
function epochOfDifference(r: FormulaReader, node: unknown): unknown {
  const call = funcCall(node);
  if ((r.options.generatorVersion ?? 0) < 26) return undefined;
  if ((call?.name !== 'extract' && call?.name !== 'date_part') || call.args.length !== 2) return undefined;
  if (String(r.constant(call.args[0], 'any')?.value).toLowerCase() !== 'epoch') return undefined;
  const diff = child(unwrap(call.args[1]), 'A_Expr');
  if (diff?.kind !== 'AEXPR_OP' || lastName(diff.name) !== '-') return undefined;
  const [a, b] = [r.columnName(diff.lexpr), r.columnName(diff.rexpr)];
  const family = a ? r.options.columnFamily?.(a) : undefined;
  if (!b || family === undefined || !STAMPS.has(family) || r.options.columnFamily?.(b) !== family)
    return undefined;
  return call.args[1];
}

/**
 * `extract(epoch from (b - a))` against a number, or that divided or multiplied by a positive constant
 * (`extract(epoch from (ends - starts)) / 60 >= 30`): the difference node and the bound in seconds.
 */
function epochBound(
  r: FormulaReader,
  lexpr: unknown,
  rexpr: unknown,
): { diff: unknown; seconds: number } | undefined {
  const n = r.constant(rexpr, 'any')?.value;
  if (typeof n !== 'number') return undefined;
  const direct = epochOfDifference(r, lexpr);
  if (direct) return { diff: direct, seconds: n };
  const e = child(lexpr, 'A_Expr');
  const op = e?.kind === 'AEXPR_OP' ? lastName(e.name) : undefined;
  const k = op === '/' || op === '*' ? r.constant(e?.rexpr, 'any')?.value : undefined;
  if (typeof k !== 'number' || k <= 0) return undefined;
  const inner = epochOfDifference(r, e?.lexpr);
  return inner ? { diff: inner, seconds: op === '/' ? n * k : n / k } : undefined;
}

/**
 * `x IS DISTINCT FROM c` against a constant fails on the rows `x <> c` fails
 * on (a NULL x passes both); `x IS NOT DISTINCT FROM c` is `x = c` with x not
 * NULL. Between two columns they differ from `<>` / `=` on NULLs: evaluated.
 */
export function distinctFormula(
  r: FormulaReader,
  expr: Record<string, unknown>,
  distinct: boolean,
): Formula | undefined {
  const onLeft = r.columnName(expr.lexpr) !== undefined;
  const column = r.columnName(onLeft ? expr.lexpr : expr.rexpr);
  const value = r.constant(onLeft ? expr.rexpr : expr.lexpr, 'any')?.value;
  if (column === undefined || value === undefined) return undefined;
  if (distinct) return atom({ kind: 'compare', column, op: '<>', value });
  return [
    [
      { kind: 'compare', column, op: '=', value },
      { kind: 'null', column, isNull: false },
    ],
  ];
}
