import type { QualifiedName } from './model.js';

/** `schema.name` for messages and map keys (unquoted, unambiguous enough for humans). */
export function displayName(q: QualifiedName): string {
  return `${q.schema}.${q.name}`;
}

/** Stable map key for a qualified name. */
export function nameKey(q: QualifiedName): string {
  return `${q.schema}\u0000${q.name}`;
}
