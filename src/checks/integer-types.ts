/**
 * Integer arithmetic as PostgreSQL types it: a column of `smallint`,
 * `integer` or `bigint` (domains followed), an integer constant (`int4`, or
 * `int8` past its range), a cast to one of them; `+ - * / %` of two integer
 * operands is of the wider operand's type (`int2 * int2` is `int2`, `int2 *
 * int4` is `int4`: PostgreSQL's cross-type operators), and a result outside
 * that type's range is an error ("smallint out of range"), which fails a
 * CREATE INDEX or a COPY into a table with a generated column.
 */
import { SqlRuntimeError } from './evaluation.js';
import { asNode, CAST_NAMES, castTarget, child, lastName, type Node } from './expression-nodes.js';
import { exactInteger, type SqlValue } from './sql-value.js';

export type IntegerType = 'int2' | 'int4' | 'int8';

/** A column's integer type (its base type's, domains followed), or undefined for any other type. */
export type IntegerColumn = (column: string) => IntegerType | undefined;

const WIDTH: Readonly<Record<IntegerType, number>> = { int2: 2, int4: 4, int8: 8 };
const RANGE: Readonly<Record<IntegerType, readonly [bigint, bigint]>> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
};
const TYPE_WORDS: Readonly<Record<IntegerType, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
};

/** The integer operators whose result is of their operands' (wider) integer type. */
export const INTEGER_OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%']);

/** A built-in type name (`smallint`, `int4`, …) as an integer type; undefined for any other type. */
export function integerTypeNamed(name: string): IntegerType | undefined {
  const n = CAST_NAMES[name] ?? name;
  return n === 'int2' || n === 'int4' || n === 'int8' ? n : undefined;
}

/** The integer type of an integer constant's text: int4 when it fits, int8 when that does (else numeric). */
function constantType(text: string): IntegerType | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  const v = BigInt(text);
  if (v >= RANGE.int4[0] && v <= RANGE.int4[1]) return 'int4';
  return v >= RANGE.int8[0] && v <= RANGE.int8[1] ? 'int8' : undefined;
}

/** The integer type PostgreSQL gives an expression node, or undefined when it is not (known to be) an integer. */
export function integerTypeOf(node: unknown, column: IntegerColumn): IntegerType | undefined {
  const n = asNode(node);
  if (!n) return undefined;
  const ref = child(n, 'ColumnRef');
  if (ref) {
    const name = lastName(ref.fields);
    return name === undefined ? undefined : column(name);
  }
  const constant = child(n, 'A_Const');
  if (constant) {
    if (child(constant, 'ival')) return 'int4';
    const fval = child(constant, 'fval')?.fval;
    return typeof fval === 'string' ? constantType(fval) : undefined;
  }
  const cast = child(n, 'TypeCast');
  if (cast) {
    const target = castTarget(cast.typeName);
    return target && !target.array ? integerTypeNamed(target.name) : undefined;
  }
  const op = child(n, 'A_Expr');
  return op ? operatorIntegerType(op, column) : undefined;
}

/** The integer type of an `A_Expr` (`a * b`, `-a`): an integer operator over integer operands; else undefined. */
export function operatorIntegerType(op: Node, column: IntegerColumn): IntegerType | undefined {
  const name = lastName(op.name);
  if (op.kind !== 'AEXPR_OP' || name === undefined || !INTEGER_OPERATORS.has(name)) return undefined;
  const right = integerTypeOf(op.rexpr, column);
  if (op.lexpr === undefined) return name === '-' || name === '+' ? right : undefined;
  const left = integerTypeOf(op.lexpr, column);
  if (left === undefined || right === undefined) return undefined;
  return WIDTH[left] >= WIDTH[right] ? left : right;
}

/** Whether the evaluator surely computes a node for any values: columns, constants, casts and arithmetic of them. */
function plainArithmetic(node: unknown): boolean {
  const n = asNode(node);
  if (!n) return false;
  if (child(n, 'ColumnRef') || child(n, 'A_Const')) return true;
  const cast = child(n, 'TypeCast');
  if (cast) return !castTarget(cast.typeName)?.array && plainArithmetic(cast.arg);
  const op = child(n, 'A_Expr');
  const name = op ? lastName(op.name) : undefined;
  if (op?.kind !== 'AEXPR_OP' || name === undefined || !INTEGER_OPERATORS.has(name)) return false;
  return (op.lexpr === undefined || plainArithmetic(op.lexpr)) && plainArithmetic(op.rexpr);
}

/**
 * The parts of an expression that can overflow an integer type and the evaluator surely computes: the
 * outermost integer arithmetic (a typed `+ - * / %`, a prefix minus) or cast of something not constant
 * to an integer type (`(x * 2)::smallint`, `n::int2`), over columns, constants and casts only. Only the
 * parts, not the whole expression: `(ts1 - ts2) * (n + 1)` gives `n + 1`, as the evaluator cannot
 * multiply an interval.
 */
export function integerOverflowParts(ast: unknown, column: IntegerColumn, out: unknown[] = []): unknown[] {
  if (Array.isArray(ast)) {
    for (const a of ast) integerOverflowParts(a, column, out);
    return out;
  }
  const n = asNode(ast);
  if (!n) return out;
  const op = child(n, 'A_Expr');
  const prefixPlus = op?.lexpr === undefined && lastName(op?.name) === '+';
  const cast = child(n, 'TypeCast');
  const overflows =
    (op && !prefixPlus && operatorIntegerType(op, column) !== undefined) ||
    (cast && !child(cast.arg, 'A_Const') && integerTypeOf(n, column) !== undefined);
  if (overflows && plainArithmetic(n)) out.push(n);
  else for (const v of Object.values(n)) integerOverflowParts(v, column, out);
  return out;
}

/** A value in range of an integer type, or PostgreSQL's error ("smallint out of range"). */
export function inIntegerRange(value: bigint | number, type: IntegerType): void {
  const v = typeof value === 'bigint' ? value : BigInt(value);
  const [least, most] = RANGE[type];
  if (v < least || v > most) throw new SqlRuntimeError(`${TYPE_WORDS[type]} out of range`);
}

/**
 * `a <op> b` of integers as PostgreSQL computes it in `type` (exactly, in
 * BigInt): a result outside the type's range, or a division by zero, is an
 * error; `/` truncates toward zero, `%` takes the dividend's sign. Undefined
 * when an operand is not an integer (the caller computes it as before).
 */
export function integerArithmetic(
  op: string,
  type: IntegerType,
  a: SqlValue,
  b: SqlValue,
): SqlValue | undefined {
  if (a === null || b === null) return null;
  const integral = (v: SqlValue) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
  if (!integral(a) || !integral(b)) return undefined;
  const r = exactArithmetic(op, BigInt(a as number | bigint), BigInt(b as number | bigint));
  inIntegerRange(r, type);
  return exactInteger(r);
}

/** `x <op> y` of integers, exactly; dividing by zero is PostgreSQL's error. */
export function exactArithmetic(op: string, x: bigint, y: bigint): bigint {
  if ((op === '/' || op === '%') && y === 0n) throw new SqlRuntimeError('division by zero');
  return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y;
}
