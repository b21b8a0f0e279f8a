/**
 * Reading libpg-query's CHECK expression trees: nodes by key, names, casts
 * stripped or seen through, the column an operand is, function calls, and
 * constant arrays the evaluator folded. Shared by the formula compiler.
 */
import { familyOf, type SqlValue, type ValueFamily } from './sql-value.js';

export type Node = Record<string, unknown>;

export function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

/** A node's one key and its content (`{A_Const: {...}}` → ['A_Const', {...}]). */
export function only(node: unknown): [string, Node] | undefined {
  const n = asNode(node);
  if (!n) return undefined;
  const keys = Object.keys(n);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const inner = asNode(n[key]);
  return inner ? [key, inner] : undefined;
}

export function child(node: unknown, key: string): Node | undefined {
  return asNode(asNode(node)?.[key]);
}

export function lastName(list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const s = child(list[list.length - 1], 'String');
  return typeof s?.sval === 'string' ? s.sval : undefined;
}

/** Strip casts: `(name)::text` → `name`. */
export function unwrap(node: unknown): unknown {
  let current = node;
  for (;;) {
    const cast = child(current, 'TypeCast');
    if (!cast) return current;
    current = cast.arg;
  }
}

/** A binary operator node, as the parser makes `lexpr <name> rexpr` (for CHECKs datagen writes itself). */
export function operatorNode(name: string, lexpr: unknown, rexpr: unknown): Node {
  return { A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: name } }], lexpr, rexpr } };
}

/** A column reference node: the column `name` of the row (for CHECKs datagen writes itself). */
export function columnNode(name: string): Node {
  return { ColumnRef: { fields: [{ String: { sval: name } }] } };
}

/** An integer constant node. */
export function integerNode(ival: number): Node {
  return { A_Const: { ival: { ival } } };
}

/** A decimal constant node (`fval` as the parser keeps it: its digits). */
export function decimalNode(fval: string): Node {
  return { A_Const: { fval: { fval } } };
}

/** A text constant node. */
export function textNode(sval: string): Node {
  return { A_Const: { sval: { sval } } };
}

/** A function call node, as the parser makes `name(args...)` (for CHECKs and expressions datagen writes itself). */
export function callNode(name: string, ...args: unknown[]): Node {
  return { FuncCall: { funcname: [{ String: { sval: name } }], args, funcformat: 'COERCE_EXPLICIT_CALL' } };
}

/**
 * The column an operand is, through casts that keep its meaning: `(name)::text`
 * on a varchar is `name`, but `(day)::text` on a date compares as text, so it
 * is not `day` (the evaluator handles it).
 */
export function columnNameWith(
  node: unknown,
  familyOfColumn?: (column: string) => ValueFamily | undefined,
): string | undefined {
  const targets: ValueFamily[] = [];
  let current = node;
  for (;;) {
    const cast = child(current, 'TypeCast');
    if (!cast) break;
    const target = castTarget(cast.typeName);
    if (!target || target.array) return undefined;
    targets.push(castFamily(target.name));
    current = cast.arg;
  }
  const ref = child(current, 'ColumnRef');
  const name = ref ? lastName(ref.fields) : undefined;
  if (!name) return undefined;
  const family = familyOfColumn?.(name);
  if (family !== undefined && targets.some((t) => t !== family)) return undefined;
  return name;
}

export function hasColumns(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasColumns);
  const n = asNode(node);
  if (!n) return false;
  if ('ColumnRef' in n) return true;
  return Object.values(n).some(hasColumns);
}

export function funcCall(node: unknown): { name: string; args: unknown[] } | undefined {
  const call = child(unwrap(node), 'FuncCall');
  const name = call ? lastName(call.funcname) : undefined;
  if (!call || !name) return undefined;
  return { name, args: Array.isArray(call.args) ? call.args : [] };
}

/** Scalar items of an evaluated constant array (`'{a,b}'::text[]`) as text, or undefined. */
export function arrayItems(value: SqlValue | undefined): string[] | undefined {
  if (typeof value !== 'object' || value === null || value.kind !== 'array') return undefined;
  const items: string[] = [];
  for (const item of value.items) {
    if (typeof item === 'number' || typeof item === 'string') items.push(String(item));
    else return undefined;
  }
  return items;
}

/** A type name as the evaluator's cast sees it: `int4`, `text`, `date`, with `[]` when an array. */
export function castTarget(typeName: unknown): { name: string; array: boolean } | undefined {
  const t = asNode(typeName);
  const name = lastName(t?.names);
  if (!name) return undefined;
  return { name, array: Array.isArray(t?.arrayBounds) && t.arrayBounds.length > 0 };
}

export const CAST_NAMES: Readonly<Record<string, string>> = {
  integer: 'int4',
  int: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  decimal: 'numeric',
  boolean: 'bool',
  varchar: 'text',
  bpchar: 'text',
  char: 'text',
  name: 'text',
  citext: 'text',
};

/** The value family a cast's target type belongs to. */
export function castFamily(name: string): ValueFamily {
  return familyOf(CAST_NAMES[name] ?? name);
}
