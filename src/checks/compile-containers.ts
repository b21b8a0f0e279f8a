/**
 * Atoms over container values a CHECK asks about: an array column's
 * elements (`tags <@ ARRAY['a', 'b']`) and a jsonb column's keys
 * (`matcher ? 'VersionGlob'`, `(matcher ->> 'PackageName') <> ''`), and an
 * inet/cidr column inside or around a network (`addr << '10.0.0.0/8'`).
 */
import { type Atom, type CompareOp, FLIP, type Formula, type NetworkOp } from './check-atoms.js';
import { atom } from './compile-comparison.js';
import { castTarget, child, hasColumns, lastName, type Node, unwrap } from './expression-nodes.js';
import type { FormulaReader } from './formula-reader.js';
import { inetValue } from './inet-functions.js';

/** `col ? 'key'`: a json-key atom (present, or absent under NOT). */
export function jsonKey(
  r: FormulaReader,
  left: unknown,
  right: unknown,
  present: boolean,
): Formula | undefined {
  const column = r.columnName(left);
  const key = r.constant(right, 'any')?.value;
  return column && typeof key === 'string' ? atom({ kind: 'json-key', column, key, present }) : undefined;
}

/** `col ->> 'key'` (a jsonb column's field as text): the column and the key. */
export function textField(r: FormulaReader, node: unknown): { column: string; key: string } | undefined {
  const e = child(unwrap(node), 'A_Expr');
  if (e?.kind !== 'AEXPR_OP' || lastName(e.name) !== '->>') return undefined;
  const column = r.columnName(e.lexpr);
  const key = r.constant(e.rexpr, 'any')?.value;
  return column && typeof key === 'string' ? { column, key } : undefined;
}

/**
 * `array_col <@ ARRAY['a', 'b']` / `'{a,b}'::text[] @> array_col`: the column's elements from the list.
 * Only array constants (ARRAY[...] or a cast to an array type) on the other side: jsonb and ranges share
 * the operator.
 */
export function containedIn(r: FormulaReader, expr: Node, op: string): Formula | undefined {
  const contains = op === '@>' ? jsonContainment(r, expr.lexpr, expr.rexpr) : undefined;
  if (contains) return contains;
  const [columnNode, listNode] = op === '<@' ? [expr.lexpr, expr.rexpr] : [expr.rexpr, expr.lexpr];
  const column = arrayColumn(columnNode);
  const literal = untypedArray(listNode);
  // Version 25: an untyped literal (`tags <@ '{a,b}'`) too, as `&&` reads it (before: only '{}' met it).
  // Only of an array column (no family): a multirange's `'{[1,5)}'` is no list.
  const untyped =
    literal !== undefined &&
    column !== undefined &&
    r.options.columnFamily !== undefined &&
    r.options.columnFamily(column) === undefined &&
    (r.options.generatorVersion ?? 0) >= ELEMENT_BOUNDS_FROM;
  if (column === undefined || !(isArrayConstant(listNode) || untyped)) return undefined;
  const nulls = { seen: false };
  const values = untyped ? arrayLiteralElements(literal) : r.constantList(listNode, nulls);
  if (values === undefined) return undefined;
  return atom({ kind: 'elements', column, values });
}

/**
 * `array_col && ARRAY[1, 2]` (either side; `'{1,2}'` untyped too, the column's array type): arrays of 1
 * element at least, all among the values, so they overlap the constant.
 */
export function overlapsList(r: FormulaReader, expr: Node): Formula | undefined {
  for (const [columnNode, listNode] of [
    [expr.lexpr, expr.rexpr],
    [expr.rexpr, expr.lexpr],
  ]) {
    const column = arrayColumn(columnNode);
    const literal = untypedArray(listNode);
    if (column === undefined || !(isArrayConstant(listNode) || literal !== undefined)) continue;
    const values =
      literal !== undefined ? arrayLiteralElements(literal) : r.constantList(listNode, { seen: false });
    if (values === undefined || values.length === 0) return undefined;
    return [
      [
        { kind: 'elements', column, values, overlap: true },
        { kind: 'cardinality', column, op: '>=', value: 1 },
      ],
    ];
  }
  return undefined;
}

/** An untyped string constant written as an array (`'{a,b}'`): its text, else undefined. */
function untypedArray(node: unknown): string | undefined {
  const literal = child(node, 'A_Const')?.sval as { sval?: unknown } | undefined;
  return typeof literal?.sval === 'string' && literal.sval.trim().startsWith('{') ? literal.sval : undefined;
}

/** The elements of a one-dimensional array literal of plain elements (`{1,2,3}`, `{a,b}`); undefined else. */
function arrayLiteralElements(text: string): string[] | undefined {
  const inner = /^\s*\{([^{}"\\]*)\}\s*$/.exec(text)?.[1];
  if (inner === undefined) return undefined;
  const items = inner.split(',').map((v) => v.trim());
  return items.some((v) => v === '' || v.toUpperCase() === 'NULL') ? undefined : items;
}

/** A column, through casts to array types (`(tags)::text[]`). */
function arrayColumn(node: unknown): string | undefined {
  let current = node;
  for (let cast = child(current, 'TypeCast'); cast; cast = child(current, 'TypeCast')) {
    if (castTarget(cast.typeName)?.array !== true) return undefined;
    current = cast.arg;
  }
  const ref = child(current, 'ColumnRef');
  return ref ? lastName(ref.fields) : undefined;
}

/** `ARRAY[...]` (through casts) or a constant cast to an array type (`'{a,b}'::text[]`). */
function isArrayConstant(node: unknown): boolean {
  if (hasColumns(node)) return false;
  if (child(unwrap(node), 'A_ArrayExpr')) return true;
  const cast = child(node, 'TypeCast');
  return cast !== undefined && castTarget(cast.typeName)?.array === true;
}

const FLIPPED_NETWORK: Readonly<Record<string, NetworkOp>> = {
  '<<': '>>',
  '<<=': '>>=',
  '>>': '<<',
  '>>=': '<<=',
  '&&': '&&',
};

/**
 * `addr << '10.0.0.0/8'` (or the constant first, read flipped) where the constant is an inet/cidr value: a
 * network atom the generator makes values to (negated: values outside it). Other operands (arrays' `&&`,
 * ranges) are left to the evaluator.
 */
export function networkFormula(
  r: FormulaReader,
  expr: Node,
  op: string,
  negated: boolean,
): Formula | undefined {
  const sides: [unknown, unknown, string][] = [
    [expr.lexpr, expr.rexpr, op],
    [expr.rexpr, expr.lexpr, FLIPPED_NETWORK[op] ?? op],
  ];
  for (const [column, constant, o] of sides) {
    const col = r.columnName(column);
    const value = col === undefined ? undefined : r.constant(constant, 'any')?.value;
    if (col !== undefined && typeof value === 'string' && inetValue(value) !== undefined)
      return atom({ kind: 'network', column: col, op: o as NetworkOp, value, negated });
  }
  return undefined;
}

/** The generator version from which `constant <op> ALL (array_col)` bounds the array's elements. */
export const ELEMENT_BOUNDS_FROM = 25;

const BOUND_OPS = new Set<string>(['<', '<=', '>', '>=']);

/**
 * `0 <= ALL (scores)`, `100 > ALL (xs)` (`NOT (0 > ALL (xs))` is not read): every element of the number array
 * column bounded, so arrays of any size meet it (before version 25 only the empty array did, or the row
 * failed). `x <op> ANY (col)` with the same bound on every element, at least one, meets it too; an ANY is
 * read so only under a cardinality of 1 at least (with it in the same branch).
 */
export function elementBound(
  r: FormulaReader,
  expr: Node,
  kind: string,
  op: string | undefined,
): Formula | undefined {
  if ((r.options.generatorVersion ?? 0) < ELEMENT_BOUNDS_FROM) return undefined;
  if ((kind !== 'AEXPR_OP_ALL' && kind !== 'AEXPR_OP_ANY') || op === undefined || !BOUND_OPS.has(op))
    return undefined;
  const column = arrayColumn(expr.rexpr);
  const value = r.constant(expr.lexpr, 'any')?.value;
  // A number bounds numbers' elements (text and times are bounded by the evaluator, per row).
  if (column === undefined || typeof value !== 'number') return undefined;
  // `b op element` is `element FLIP[op] b`.
  const bound: Atom = { kind: 'element-bound', column, op: FLIP[op as CompareOp], value };
  const branch: Atom[] =
    kind === 'AEXPR_OP_ANY' ? [bound, { kind: 'cardinality', column, op: '>=', value: 1 }] : [bound];
  return [branch];
}

/**
 * Version 25: `doc @> '{"type": "event"}'` (a constant JSON object, typed or not): every document holds
 * those members (a json-contains atom); undefined for other operands.
 */
function jsonContainment(r: FormulaReader, left: unknown, right: unknown): Formula | undefined {
  if ((r.options.generatorVersion ?? 0) < ELEMENT_BOUNDS_FROM) return undefined;
  const column = r.columnName(left);
  const text = r.constant(right, 'any')?.value;
  if (column === undefined || typeof text !== 'string' || !text.trim().startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return atom({ kind: 'json-contains', column, value: JSON.stringify(value) });
}
