/**
 * Reading libpg-query's CHECK expression trees: nodes by key, names, casts
 * stripped or seen through, the column an operand is, function calls, and
 * constant arrays the evaluator folded. Shared by the formula compiler.
 */
import { castFamily, castTarget } from './evaluate-expr.js';
import type { SqlValue, ValueFamily } from './sql-value.js';

export type Node = Record<string, unknown>;

export function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
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
