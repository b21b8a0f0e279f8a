/**
 * Small, typed accessors over libpg-query's JSON AST, and the one place that
 * turns AST back into SQL (pgsql-deparser).
 */
import type { Node, RangeVar } from 'libpg-query';

import type { Expr } from '../../schema/model.js';
import { deparseSync } from './deparser-patches.js';

export { walkAst } from './ast-walk.js';

/** The node's tag: `{ CreateStmt: {...} }` → `CreateStmt`. */
export function nodeTag(node: Node): string {
  return Object.keys(node)[0] ?? '';
}

/** The string values of a list of `String` nodes (qualified names, column lists). */
export function stringsOf(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = [];
  for (const n of nodes ?? []) if ('String' in n) out.push(n.String.sval ?? '');
  return out;
}

/** The items of a `List` node, or the node itself when it is not a list. */
export function listItems(node: Node | undefined): Node[] {
  if (node === undefined) return [];
  if ('List' in node) return node.List.items ?? [];
  return [node];
}

/** A number from an `Integer`, `Float` or `A_Const` node (libpg-query omits zero values). */
export function bigintOf(node: Node | undefined): bigint | null {
  if (node === undefined) return null;
  if ('Integer' in node) return BigInt(node.Integer.ival ?? 0);
  if ('Float' in node) return BigInt(node.Float.fval ?? '0');
  if ('A_Const' in node) {
    const c = node.A_Const;
    if (c.ival !== undefined) return BigInt(c.ival.ival ?? 0);
    if (c.fval !== undefined) return BigInt(c.fval.fval ?? '0');
  }
  return null;
}

/** A string from a `String` or string `A_Const` node. */
export function stringOf(node: Node | undefined): string | null {
  if (node === undefined) return null;
  if ('String' in node) return node.String.sval ?? '';
  if ('A_Const' in node && node.A_Const.sval !== undefined) return node.A_Const.sval.sval ?? '';
  return null;
}

/** A string constant, possibly cast (`'x'::name`, `'%s'::text`), from any parse-tree node. */
export function castStringConstant(node: unknown): string | undefined {
  const n = node as { TypeCast?: { arg?: unknown }; A_Const?: { sval?: { sval?: unknown } } } | undefined;
  if (n?.TypeCast) return castStringConstant(n.TypeCast.arg);
  const sval = n?.A_Const?.sval?.sval;
  return typeof sval === 'string' ? sval : undefined;
}

/**
 * `column = <expression>` (a WHERE filter over a catalog view): the column's
 * last name and the right-hand node; undefined for any other node.
 */
export function columnEquality(node: unknown): { column: string; value: unknown } | undefined {
  const op = (
    node as { A_Expr?: { kind?: string; name?: Node[]; lexpr?: unknown; rexpr?: unknown } } | undefined
  )?.A_Expr;
  if (op?.kind !== 'AEXPR_OP' || stringsOf(op.name).join() !== '=') return undefined;
  const column = stringsOf(
    (op.lexpr as { ColumnRef?: { fields?: Node[] } } | undefined)?.ColumnRef?.fields,
  ).at(-1);
  return column === undefined ? undefined : { column, value: op.rexpr };
}

/** True when some string in the tree (an identifier, a literal) holds a line break. */
function holdsLineBreak(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\n') || value.includes('\r');
  if (Array.isArray(value)) return value.some(holdsLineBreak);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(holdsLineBreak);
}

/**
 * SQL text for any node; one line (no pretty printing) for expressions.
 * Pretty printing indents every line of the text, including the lines of a
 * quoted identifier or literal that contains a newline (`"we<LF>ird"` would
 * become another name), so a statement holding one is printed on one line.
 */
export function deparseNode(node: Node, pretty = false): string {
  const { marked, defaults } = markDefaults(node);
  let text = deparseSync(marked as Node, { pretty: pretty && !holdsLineBreak(node) });
  defaults.forEach((expr, i) => {
    text = text.replace(defaultMarker(i), () => `(${deparseSync(expr as Node, { pretty: false })})`);
  });
  return text;
}

/** Expressions a DEFAULT may hold bare (b_expr): constants, casts, plain calls, operators, names. */
const BARE_DEFAULTS = new Set([
  'A_Const',
  'TypeCast',
  'ColumnRef',
  'SQLValueFunction',
  'A_ArrayExpr',
  'ParamRef',
]);

function needsParentheses(expr: unknown): boolean {
  if (typeof expr !== 'object' || expr === null) return false;
  const [kind, body] = Object.entries(expr)[0] ?? [];
  if (kind === undefined || BARE_DEFAULTS.has(kind)) return false;
  const b = body as { funcformat?: string; kind?: string };
  if (kind === 'FuncCall') return b.funcformat !== undefined && b.funcformat !== 'COERCE_EXPLICIT_CALL';
  if (kind === 'A_Expr') return b.kind !== 'AEXPR_OP';
  return true;
}

const defaultMarker = (i: number) => `datagen_default_${i}_`;

/**
 * pgsql-deparser prints a column DEFAULT bare (`DEFAULT now() AT TIME ZONE
 * 'utc'`, `DEFAULT NOT false`), which PostgreSQL rejects for anything but a
 * b_expr. Such defaults are replaced by a marker name before deparsing and
 * printed in parentheses after, as pg_dump writes them.
 */
function markDefaults(node: Node): { marked: unknown; defaults: unknown[] } {
  const defaults: unknown[] = [];
  const marker = (expr: unknown) => {
    defaults.push(expr);
    return { ColumnRef: { fields: [{ String: { sval: defaultMarker(defaults.length - 1) } }] } };
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const v = value as Record<string, unknown>;
    const constraint = v.Constraint as { contype?: string; raw_expr?: unknown } | undefined;
    if (constraint?.contype === 'CONSTR_DEFAULT' && needsParentheses(constraint.raw_expr))
      return { Constraint: { ...constraint, raw_expr: marker(constraint.raw_expr) } };
    const cmd = v.AlterTableCmd as { subtype?: string; def?: unknown } | undefined;
    if (cmd?.subtype === 'AT_ColumnDefault' && needsParentheses(cmd.def))
      return { AlterTableCmd: { ...cmd, def: marker(cmd.def) } };
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) out[key] = walk(item);
    return out;
  };
  const marked = walk(node);
  return { marked: defaults.length === 0 ? node : marked, defaults };
}

/** An `Expr` for the model: the AST and its SQL text. */
export function exprOf(node: Node): Expr {
  return { kind: 'expr', ast: node, text: deparseNode(node) };
}

/** Distinct column names referenced in an expression (single-field ColumnRefs), in first-seen order. */
export function columnRefsIn(node: unknown): string[] {
  const seen = new Set<string>();
  for (const names of columnRefNamesIn(node)) {
    const last = names[names.length - 1];
    if (last !== undefined && last !== '*') seen.add(last);
  }
  return [...seen];
}

/**
 * Every ColumnRef in a node as its names (`t.c` is `['t', 'c']`, `t.*` is
 * `['t', '*']`), in order; with `skip`, the nodes of those kinds are not entered.
 */
export function columnRefNamesIn(node: unknown, skip: readonly string[] = []): string[][] {
  const found: string[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const ref = record.ColumnRef as { fields?: Node[] } | undefined;
    if (ref !== undefined) {
      found.push((ref.fields ?? []).map((f) => ('String' in f ? (f.String.sval ?? '') : '*')));
      return;
    }
    for (const [key, v] of Object.entries(record)) if (!skip.includes(key)) walk(v);
  };
  walk(node);
  return found;
}

/** Every RangeVar inside a node (for schema qualification and dependency lists). */
export function rangeVarsIn(node: unknown): RangeVar[] {
  const found: RangeVar[] = [];
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v, key);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (key === 'RangeVar' || (typeof record.relname === 'string' && 'relpersistence' in record)) {
      found.push(record as RangeVar);
    }
    for (const [k, v] of Object.entries(record)) walk(v, k);
  };
  walk(node, '');
  return found;
}

/** A copy of a statement node whose top level (e.g. its `relation`) can be replaced; subtrees are shared. */
export function shallowCloneStatement<T extends object>(node: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = typeof v === 'object' && v !== null ? { ...v } : v;
  return out as T;
}

/** A deep copy of a JSON AST node, for rewriting without touching the model's copy. */
export function cloneNode<T>(node: T): T {
  return structuredClone(node);
}

/**
 * A copy of `node` whose ColumnRefs qualified by `table` (`t.c`, `s.t.c`) name the column alone (`c`), as
 * PostgreSQL stores an index's expressions: a copy of them on another table (LIKE ... INCLUDING INDEXES)
 * must not name the first. A qualifier that is not `table` (a composite column's field) is kept.
 */
export function withoutTableQualifier<T>(node: T, table: string): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    const ref = record.ColumnRef as { fields?: Node[] } | undefined;
    if (ref !== undefined) {
      const names = (ref.fields ?? []).map((f) => ('String' in f ? f.String.sval : undefined));
      const last = ref.fields?.[ref.fields.length - 1];
      if (names.length >= 2 && names[names.length - 2] === table && last !== undefined && 'String' in last)
        return { ColumnRef: { ...ref, fields: [last] } };
      return value;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) out[key] = walk(v);
    return out;
  };
  return walk(node) as T;
}
