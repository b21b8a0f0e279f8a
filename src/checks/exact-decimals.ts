/**
 * Exact arithmetic over integer and numeric values as PostgreSQL computes it:
 * `+ - *`, a prefix minus, casts to numeric (with or without a typmod) and to
 * the integer types, over columns of those types and numeric constants. The
 * evaluator (evaluate-expr.ts) reads numeric as JavaScript floats, so
 * `total = subtotal + tax` with 0.10 + 0.20 = 0.30 is false there; here a
 * value is a scaled BigInt, integers keep their type (`int2 + int4` is
 * `int4`, out of range an error) and numeric is exact. Division and
 * round() from version 23 (`{ division: true }`, exact-division.ts), and COALESCE.
 */
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import { integerQuotient, numericQuotient, roundedDecimal } from './exact-division.js';
import { asNode, castTarget, child, lastName, type Node } from './expression-nodes.js';
import { type IntegerType, inIntegerRange, integerTypeNamed } from './integer-types.js';

/** A decimal: units × 10^-scale. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** A value of an integer type or numeric. */
export interface ExactValue extends Decimal {
  readonly type: IntegerType | 'numeric';
}

/** A column's type as this arithmetic reads it; undefined for any other type. */
export type ExactColumnType = (column: string) => IntegerType | 'numeric' | undefined;

/** An expression compiled: its static type and its value from the row's column texts. */
export interface ExactExpression {
  readonly type: IntegerType | 'numeric';
  evaluate(text: (column: string) => string | null): ExactValue | null;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;
const INT_TEXT = /^[+-]?\d+$/;

/** A decimal's text (`12.30`, `-1e3`) read exactly; undefined for anything else (NaN, Infinity). */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - (m[4] ? Number(m[4]) : 0);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: m[1] === '-' ? -units : units, scale };
}

/** The decimal's units at `scale`, when it has no more digits than that; undefined otherwise. */
export function unitsAt(d: Decimal, scale: number): bigint | undefined {
  if (scale >= d.scale) return d.units * 10n ** BigInt(scale - d.scale);
  const f = 10n ** BigInt(d.scale - scale);
  return d.units % f === 0n ? d.units / f : undefined;
}

/** Rounded to `scale` digits, half away from zero (numeric's rounding). */
function roundedUnits(d: Decimal, scale: number): bigint {
  if (scale >= d.scale) return d.units * 10n ** BigInt(scale - d.scale);
  const f = 10n ** BigInt(d.scale - scale);
  const magnitude = d.units < 0n ? -d.units : d.units;
  const r = (magnitude + f / 2n) / f;
  return d.units < 0n ? -r : r;
}

/** The text of units × 10^-scale, with exactly `scale` fraction digits. */
export function decimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  let s = (negative ? -units : units).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  }
  return negative ? `-${s}` : s;
}

/** Units fit numeric(precision, scale): fewer than `precision` digits in all (PostgreSQL's "numeric field overflow"). */
export function fitsPrecision(units: bigint, precision: number): boolean {
  return (units < 0n ? -units : units) < 10n ** BigInt(precision);
}

function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = unitsAt(a, scale) as bigint;
  const y = unitsAt(b, scale) as bigint;
  return x === y ? 0 : x < y ? -1 : 1;
}

const WIDTH: Readonly<Record<IntegerType, number>> = { int2: 2, int4: 4, int8: 8 };

function constantValue(constant: Node): ExactValue | undefined {
  const ival = child(constant, 'ival');
  if (ival) return { units: BigInt((ival.ival as number | undefined) ?? 0), scale: 0, type: 'int4' };
  const fval = child(constant, 'fval')?.fval;
  if (typeof fval !== 'string') return undefined;
  const d = parseDecimal(fval);
  if (!d) return undefined;
  if (INT_TEXT.test(fval)) {
    for (const type of ['int4', 'int8'] as const) {
      try {
        inIntegerRange(d.units, type);
        return { ...d, type };
      } catch {
        // wider, or numeric
      }
    }
  }
  return { ...d, type: 'numeric' };
}

type Compiled = ExactExpression | undefined;

/** What the arithmetic reads beyond `+ - *` and casts. */
export interface ExactOptions {
  /** Version 23: `/`, round() and COALESCE. */
  readonly division?: boolean;
}

type Operator = '+' | '-' | '*' | '/';

/** `expr` compiled, or undefined when it is not made only of what this arithmetic reads. */
export function compileExact(
  node: unknown,
  columnType: ExactColumnType,
  options: ExactOptions = {},
): ExactExpression | undefined {
  const n = asNode(node);
  if (!n) return undefined;
  const ref = child(n, 'ColumnRef');
  if (ref) return columnExpression(lastName(ref.fields), columnType);
  const constant = child(n, 'A_Const');
  if (constant) {
    const v = constantValue(constant);
    return v && { type: v.type, evaluate: () => v };
  }
  const cast = child(n, 'TypeCast');
  if (cast) return castExpression(cast, compileExact(cast.arg, columnType, options));
  const call = child(n, 'FuncCall');
  if (call) return options.division ? roundExpression(call, columnType, options) : undefined;
  const coalesce = child(n, 'CoalesceExpr');
  if (coalesce) return options.division ? coalesceExpression(coalesce, columnType, options) : undefined;
  const op = child(n, 'A_Expr');
  const name = op?.kind === 'AEXPR_OP' ? lastName(op.name) : undefined;
  const divides = name === '/' && options.division === true;
  if (!op || (name !== '+' && name !== '-' && name !== '*' && !divides)) return undefined;
  const right = compileExact(op.rexpr, columnType, options);
  if (op.lexpr === undefined)
    return name === '*' || name === '/' ? undefined : prefixExpression(name as '+' | '-', right);
  const left = compileExact(op.lexpr, columnType, options);
  if (!left || !right) return undefined;
  const type =
    left.type !== 'numeric' && right.type !== 'numeric'
      ? WIDTH[left.type] >= WIDTH[right.type]
        ? left.type
        : right.type
      : 'numeric';
  return {
    type,
    evaluate(text) {
      // Both operands first (a strict operator's arguments are computed before NULL is seen).
      const a = left.evaluate(text);
      const b = right.evaluate(text);
      if (a === null || b === null) return null;
      const r = arithmetic(name as Operator, a, b, type);
      if (type !== 'numeric') inIntegerRange(r.units, type);
      return { ...r, type };
    },
  };
}

function columnExpression(name: string | undefined, columnType: ExactColumnType): Compiled {
  const type = name === undefined ? undefined : columnType(name);
  if (name === undefined || type === undefined) return undefined;
  return {
    type,
    evaluate(text) {
      const t = text(name);
      if (t === null) return null;
      const d = parseDecimal(t);
      if (!d || (type !== 'numeric' && d.scale !== 0))
        throw new NotEvaluableError(`"${t}" is not a value of ${type}`);
      return { ...d, type };
    },
  };
}

function prefixExpression(name: '+' | '-', arg: Compiled): Compiled {
  if (!arg || name === '+') return arg;
  return {
    type: arg.type,
    evaluate(text) {
      const v = arg.evaluate(text);
      if (v === null) return null;
      if (v.type !== 'numeric') inIntegerRange(-v.units, v.type);
      return { ...v, units: -v.units };
    },
  };
}

function castExpression(cast: Node, arg: Compiled): Compiled {
  const target = castTarget(cast.typeName);
  if (!arg || !target || target.array) return undefined;
  const integer = integerTypeNamed(target.name);
  if (integer)
    return {
      type: integer,
      evaluate(text) {
        const v = arg.evaluate(text);
        if (v === null) return null;
        const units = roundedUnits(v, 0);
        inIntegerRange(units, integer);
        return { units, scale: 0, type: integer };
      },
    };
  if (target.name !== 'numeric' && target.name !== 'decimal') return undefined;
  const typmods = (
    Array.isArray(asNode(cast.typeName)?.typmods) ? asNode(cast.typeName)?.typmods : []
  ) as unknown[];
  const mods = typmods.map((m) => child(child(m, 'A_Const'), 'ival')?.ival ?? 0);
  if (mods.length === 0) return { type: 'numeric', evaluate: (text) => retyped(arg.evaluate(text)) };
  const [precision, scale = 0] = mods as number[];
  if (typeof precision !== 'number' || typeof scale !== 'number' || scale < 0) return undefined;
  return {
    type: 'numeric',
    evaluate(text) {
      const v = arg.evaluate(text);
      if (v === null) return null;
      const units = roundedUnits(v, scale);
      if (!fitsPrecision(units, precision)) throw new SqlRuntimeError('numeric field overflow');
      return { units, scale, type: 'numeric' };
    },
  };
}

/** `round(x)`, `round(x, s)` of a numeric x and an integer constant s (round of an integer is float8's: not read). */
function roundExpression(call: Node, columnType: ExactColumnType, options: ExactOptions): Compiled {
  const args = Array.isArray(call.args) ? call.args : [];
  const plain = call.agg_star !== true && call.over === undefined && call.agg_filter === undefined;
  if (lastName(call.funcname) !== 'round' || !plain || args.length < 1 || args.length > 2) return undefined;
  const arg = compileExact(args[0], columnType, options);
  const digits = args.length === 2 ? constantValue(child(args[1], 'A_Const') ?? {}) : undefined;
  if (arg?.type !== 'numeric' || (args.length === 2 && (digits === undefined || digits.type === 'numeric')))
    return undefined;
  const s = Number(digits?.units ?? 0n);
  return {
    type: 'numeric',
    evaluate(text) {
      const v = arg.evaluate(text);
      return v === null ? null : { ...roundedDecimal(v, s), type: 'numeric' };
    },
  };
}

/** `coalesce(a, b, …)`: the first non-NULL argument, of the arguments' common type (numeric if any is). */
function coalesceExpression(node: Node, columnType: ExactColumnType, options: ExactOptions): Compiled {
  const args = (Array.isArray(node.args) ? node.args : []).map((a) => compileExact(a, columnType, options));
  if (args.length === 0 || args.some((a) => a === undefined)) return undefined;
  const compiled = args as ExactExpression[];
  const type = compiled.reduce<IntegerType | 'numeric'>(
    (t, a) => (t === 'numeric' || a.type === 'numeric' ? 'numeric' : WIDTH[a.type] > WIDTH[t] ? a.type : t),
    compiled[0]?.type ?? 'int4',
  );
  return {
    type,
    evaluate(text) {
      for (const a of compiled) {
        const v = a.evaluate(text);
        if (v !== null) return { ...v, type };
      }
      return null;
    },
  };
}

function retyped(v: ExactValue | null): ExactValue | null {
  return v && { ...v, type: 'numeric' };
}

function arithmetic(op: Operator, a: Decimal, b: Decimal, type: IntegerType | 'numeric'): Decimal {
  if (op === '*') return { units: a.units * b.units, scale: a.scale + b.scale };
  if (op === '/')
    return type === 'numeric'
      ? numericQuotient(a, b)
      : { units: integerQuotient(a.units, b.units, type), scale: 0 };
  const scale = Math.max(a.scale, b.scale);
  const x = unitsAt(a, scale) as bigint;
  const y = unitsAt(b, scale) as bigint;
  return { units: op === '+' ? x + y : x - y, scale };
}

/**
 * `L = R` judged exactly, when both sides are of this arithmetic and one is
 * numeric (integer-only sides the evaluator already computes exactly):
 * true, false, or null (a NULL side); an overflow throws SqlRuntimeError.
 */
export function exactEquality(
  ast: unknown,
  columnType: ExactColumnType,
  options: ExactOptions = {},
): ((text: (column: string) => string | null) => boolean | null) | undefined {
  const op = child(ast, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP' || lastName(op.name) !== '=' || op.lexpr === undefined) return undefined;
  const left = compileExact(op.lexpr, columnType, options);
  const right = compileExact(op.rexpr, columnType, options);
  if (!left || !right || (left.type !== 'numeric' && right.type !== 'numeric')) return undefined;
  return (text) => {
    const a = left.evaluate(text);
    const b = right.evaluate(text);
    return a === null || b === null ? null : compare(a, b) === 0;
  };
}
