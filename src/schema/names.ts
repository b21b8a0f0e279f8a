import type { QualifiedName } from './model.js';
import { quoteIdent, quoteQualified } from './quote.js';

/**
 * `schema.name` for messages and map keys, each part quoted as SQL needs it (`public."Order Items"`,
 * `app."weird.name"`, `public."user"`): what a user copies into SQL, `-t` or `--rows` means that table.
 */
export function displayName(q: QualifiedName): string {
  return quoteQualified(q);
}

/**
 * `schema.name` as machine output has always given it (`--progress json`, `datagen plan --json`): the parts
 * joined unquoted, as the run summary's `schema` and `name` fields read together.
 */
export function plainName(q: QualifiedName): string {
  return `${q.schema}.${q.name}`;
}

/** `schema.table.column` for messages, each part quoted as SQL needs it (`public."Order Items".total`). */
export function displayColumn(q: QualifiedName, column: string): string {
  return `${quoteQualified(q)}.${quoteIdent(column)}`;
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

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = saved;
    }
  }
  return row[b.length] as number;
}

/** The name in `names` nearest to `written` (case aside), when it is near enough to be a likely typo. */
export function nearestName(written: string, names: readonly string[]): string | undefined {
  const target = written.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(target, name.toLowerCase());
    if (best === undefined || d < best.d) best = { name, d };
  }
  return best !== undefined && best.d <= Math.max(1, Math.floor(target.length / 3)) ? best.name : undefined;
}
