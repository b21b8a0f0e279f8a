/**
 * Tenant columns spread over tenants (plan/pinned-columns.ts): a column that
 * composite foreign keys share (`tenant_id` in `(tenant_id, owner_id) →
 * users`, `(tenant_id, project_id) → projects`) takes, in row i of every
 * table of its class, the class's value number `i % k`; a composite FK
 * through it picks a parent row of the same stripe (`j % k == i % k`, or row
 * `i % k` itself of the tenant table that holds the values in its first rows),
 * so every FK agrees on the tenant and the rows spread over k tenants.
 *
 * k is read off the finished plan, the same for every worker: at most the
 * class's values, the tenant table's rows and the rows of every parent such an
 * FK picks from; 1 (every row the first value, as before) when one of those FKs
 * is not a free pick (a key decides it, a tree, a window of rows, exact
 * per-parent counts).
 */
import type { ColumnPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';

/** How a striped FK picks its parent row: among rows of the child row's stripe, or exactly that row. */
export interface StripedPick {
  readonly stripes: number;
  /** The parent holds the class's values in its first rows: the stripe's row itself. */
  readonly exact: boolean;
}

export interface TenantStripes {
  /** How many tenant values the class spreads over (1: one value everywhere). */
  count(group: string): number;
  /** A composite FK through a tenant column: how its parent row is picked; undefined for other FKs or k = 1. */
  pickOf(tableIndex: number, fkIndex: number): StripedPick | undefined;
}

function stripeGroup(c: ColumnPlan | undefined): string | undefined {
  return c?.source.kind === 'constant' ? c.source.stripes?.group : undefined;
}

interface StripedFk {
  readonly table: number;
  readonly fk: number;
  readonly group: string;
  readonly exact: boolean;
  readonly ok: boolean;
}

/** Every composite FK with a tenant column, with whether it can pick within a stripe. */
function stripedForeignKeys(plan: GenerationPlan): StripedFk[] {
  const out: StripedFk[] = [];
  plan.tables.forEach((t: TablePlan, ti) => {
    t.foreignKeys.forEach((f, fi) => {
      if (f.fk.columns.length < 2) return;
      const at = f.fk.columns.findIndex((col) => stripeGroup(t.columns.find((c) => c.column.name === col)));
      if (at < 0) return;
      const group = stripeGroup(t.columns.find((c) => c.column.name === f.fk.columns[at])) as string;
      const parent = plan.tables[f.parent];
      const parentColumn = parent?.columns.find((c) => c.column.name === f.fk.referencedColumns[at]);
      const exact = parentColumn?.hints.stripeRoot === group;
      const ok =
        (exact || stripeGroup(parentColumn) === group) &&
        f.pick.kind === 'hash' &&
        f.window === undefined &&
        f.fanOut?.perParent?.kind !== 'range' &&
        f.parent !== ti;
      out.push({ table: ti, fk: fi, group, exact, ok });
    });
  });
  return out;
}

export function createTenantStripes(plan: GenerationPlan): TenantStripes {
  const striped = stripedForeignKeys(plan);
  const counts = new Map<string, number>();
  const count = (group: string): number => {
    const known = counts.get(group);
    if (known !== undefined) return known;
    let k = Number.POSITIVE_INFINITY;
    for (const t of plan.tables) {
      for (const c of t.columns) {
        if (c.source.kind === 'constant' && c.source.stripes?.group === group)
          k = Math.min(k, c.source.stripes.values.length);
        if (c.hints.stripeRoot === group) k = Math.min(k, t.rows);
      }
    }
    for (const s of striped) {
      if (s.group !== group) continue;
      k = s.ok
        ? Math.min(k, plan.tables[plan.tables[s.table]?.foreignKeys[s.fk]?.parent ?? -1]?.rows ?? 0)
        : 1;
    }
    const result = Number.isFinite(k) ? Math.max(1, k) : 1;
    counts.set(group, result);
    return result;
  };
  const picks = new Map(striped.map((s) => [`${s.table}:${s.fk}`, s]));
  return {
    count,
    pickOf(tableIndex, fkIndex) {
      const s = picks.get(`${tableIndex}:${fkIndex}`);
      if (!s) return undefined;
      const stripes = count(s.group);
      return stripes > 1 ? { stripes, exact: s.exact } : undefined;
    },
  };
}
