/**
 * Atoms over container values a CHECK asks about: an array column's
 * elements (`tags <@ ARRAY['a', 'b']`) and a jsonb column's keys
 * (`matcher ? 'VersionGlob'`, `(matcher ->> 'PackageName') <> ''`), and an
 * inet/cidr column inside or around a network (`addr << '10.0.0.0/8'`).
 */
import type { Formula, NetworkOp } from './check-atoms.js';
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
  const [columnNode, listNode] = op === '<@' ? [expr.lexpr, expr.rexpr] : [expr.rexpr, expr.lexpr];
  const column = arrayColumn(columnNode);
  if (column === undefined || !isArrayConstant(listNode)) return undefined;
  const nulls = { seen: false };
  const values = r.constantList(listNode, nulls);
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
    const literal = child(listNode, 'A_Const')?.sval as { sval?: unknown } | undefined;
    const untyped = typeof literal?.sval === 'string' && literal.sval.trim().startsWith('{');
    if (column === undefined || !(isArrayConstant(listNode) || untyped)) continue;
    const values = untyped
      ? arrayLiteralElements(literal?.sval as string)
      : r.constantList(listNode, { seen: false });
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
