import type { QualifiedName } from './model.js';

/** `schema.name` for messages and map keys (unquoted, unambiguous enough for humans). */
export function displayName(q: QualifiedName): string {
  return `${q.schema}.${q.name}`;
}

/** Stable map key for a qualified name. */
export function nameKey(q: QualifiedName): string {
  return `${q.schema}\u0000${q.name}`;
}

/**
 * The multirange PostgreSQL names after a range when CREATE TYPE gives no
 * `multirange_type_name` (makeMultirangeTypeName): `floatrange` →
 * `floatmultirange`, `r` → `r_multirange`.
 */
export function defaultMultirangeName(rangeName: string): string {
  const at = rangeName.indexOf('range');
  return at >= 0 ? `${rangeName.slice(0, at)}multi${rangeName.slice(at)}` : `${rangeName}_multirange`;
}

/** Range names whose default multirange could be `name` (the inverse of defaultMultirangeName). */
export function rangeNamesForMultirange(name: string): string[] {
  const out: string[] = [];
  const at = name.indexOf('multirange');
  if (at >= 0) out.push(name.slice(0, at) + name.slice(at + 5));
  if (name.endsWith('_multirange')) out.push(name.slice(0, -'_multirange'.length));
  return out.filter((r) => r !== '' && defaultMultirangeName(r) === name);
}
