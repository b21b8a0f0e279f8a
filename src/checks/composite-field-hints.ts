/**
 * CHECKs that read fields of a composite value, as a domain over a composite
 * type writes them (`CHECK ((VALUE).hours >= 0 AND (VALUE).minutes BETWEEN 0
 * AND 59)`) or a table CHECK on a composite column (`(c).x > 0`): each
 * `(column).field` is read as a column of its own, so the CHECK compiler
 * gives the field bounds, value lists and lengths, which the composite's
 * generator meets. Such a CHECK is still evaluated on every row (what reads
 * two fields at once, `(VALUE).a < (VALUE).b`, or a pattern on a field, is
 * only met there).
 */
import { asNode, lastName } from './expression-nodes.js';

/** `(column).field` → its two names; anything else → undefined. */
function columnField(node: unknown): { column: string; field: string } | undefined {
  const ind = asNode(asNode(node)?.A_Indirection);
  if (!ind) return undefined;
  const ref = asNode(asNode(ind.arg)?.ColumnRef);
  const column = ref ? lastName(ref.fields) : undefined;
  const path = Array.isArray(ind.indirection) ? ind.indirection : [];
  const field = path.length === 1 ? asNode(asNode(path[0])?.String)?.sval : undefined;
  return column !== undefined && typeof field === 'string' ? { column, field } : undefined;
}

/** The name a field is compiled under: `(column).field`, which no column reference spells. */
function fieldColumnName(column: string, field: string): string {
  return `(${column}).${field}`;
}

/** `(column).field` back to its names, for a name `withFieldColumns` made. */
export function splitFieldColumn(name: string): { column: string; field: string } | undefined {
  const m = /^\(([^()]*)\)\.(.*)$/s.exec(name);
  return m ? { column: m[1] as string, field: m[2] as string } : undefined;
}

/** A copy of the AST with every `(column).field` a column reference of its own; `found` says whether one was. */
export function withFieldColumns(node: unknown, found: { any: boolean }): unknown {
  const ref = columnField(node);
  if (ref !== undefined) {
    found.any = true;
    return { ColumnRef: { fields: [{ String: { sval: fieldColumnName(ref.column, ref.field) } }] } };
  }
  if (Array.isArray(node)) return node.map((n) => withFieldColumns(n, found));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = withFieldColumns(v, found);
  return out;
}
