/**
 * A CREATE TABLE's keys as PostgreSQL keeps them (parse_utilcmd.c,
 * transformIndexConstraints): the primary key first, then each UNIQUE in
 * order, and a UNIQUE on the same columns (same INCLUDE, NULLS NOT DISTINCT
 * and deferral) as one kept before it is redundant: dropped, its name given
 * to the kept one where that has none. Lakekeeper's `CONSTRAINT
 * unique_schema_per_view UNIQUE (view_id, schema_id), PRIMARY KEY (view_id,
 * schema_id)` is one primary key named unique_schema_per_view, which a later
 * `DROP CONSTRAINT unique_schema_per_view, ADD CONSTRAINT ... PRIMARY KEY`
 * replaces.
 */
import type { Constraint, Node } from 'libpg-query';

interface Pending {
  readonly constraint: Constraint;
  readonly column: string | null;
}

function names(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : JSON.stringify(n)));
}

/** What PostgreSQL compares to find a redundant key. */
function signature({ constraint: c, column }: Pending): string {
  const keys = c.keys === undefined && column !== null ? [column] : names(c.keys);
  return JSON.stringify([
    keys,
    names(c.including),
    c.nulls_not_distinct === true,
    c.deferrable === true,
    c.initdeferred === true,
    c.indexname ?? null,
  ]);
}

/** The pending constraints less the redundant keys (kept ones may take a dropped one's name). */
export function withoutRedundantKeys<T extends Pending>(pending: readonly T[]): T[] {
  const isKey = (p: T) =>
    p.constraint.contype === 'CONSTR_PRIMARY' || p.constraint.contype === 'CONSTR_UNIQUE';
  const keys = pending.filter(isKey);
  if (keys.length < 2) return [...pending];
  const primary = keys.find((p) => p.constraint.contype === 'CONSTR_PRIMARY');
  const kept = new Map<string, T>();
  const dropped = new Set<T>();
  for (const p of primary === undefined ? keys : [primary, ...keys.filter((k) => k !== primary)]) {
    // USING INDEX keys name an existing index: never merged.
    if (p.constraint.indexname !== undefined) continue;
    const sig = signature(p);
    const prior = kept.get(sig);
    if (prior === undefined) {
      kept.set(sig, p);
      continue;
    }
    dropped.add(p);
    if (prior.constraint.conname === undefined && p.constraint.conname !== undefined)
      prior.constraint.conname = p.constraint.conname;
  }
  return pending.filter((p) => !dropped.has(p));
}
