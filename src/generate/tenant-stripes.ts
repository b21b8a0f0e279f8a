/**
 * Tenant columns spread over tenants (plan/pinned-columns.ts): a column that
 * composite foreign keys share (`tenant_id` in `(tenant_id, owner_id) →
 * users`, `(tenant_id, project_id) → projects`) takes, in row i of every
 * table of its class, the class's value number `i % k`; a composite FK
 * through it picks a parent row of the same stripe (`j % k == i % k`, or row
 * `i % k` itself of the tenant table that holds the values in its first rows),
 * so every FK agrees on the tenant and the rows spread over k tenants.
 *
 * A composite FK through the column that a unique key decides (its parent
 * row is a component of the key's tuple: Logto's `(tenant_id, grant_id)`
 * keyed by the FK to `oidc_model_instances (tenant_id, model_name, id)`)
 * cannot pick within a stripe: it decides the row's stripe instead, the
 * stripe of the parent row it picks, so the rows spread over the tenants as
 * that parent's rows do. The row's other composite FKs through the column
 * pick within that stripe (their parents' stripes must be `j % k`: a parent
 * whose own stripes some FK decides can only be reached by a deciding FK).
 *
 * k is read off the finished plan, the same for every worker: at most the
 * class's values, the tenant table's rows and the rows of every parent an FK
 * through the column points to; 1 (every row the first value, as before) when
 * one of those composite FKs is neither a free pick nor a deciding one (a
 * tree, a window of rows, exact per-parent counts), two FKs decide one
 * table's stripes, deciding FKs form a cycle, a free pick meets a parent
 * whose stripes are decided, or an FK holds columns of two classes.
 */
import type { ColumnPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';

/** How a striped FK picks its parent row: among rows of the child row's stripe, or exactly that row. */
export interface StripedPick {
  readonly stripes: number;
  /** The parent holds the class's values in its first rows: the stripe's row itself. */
  readonly exact: boolean;
  /** The class: the child row's stripe is `stripeOf(group)` of its table. */
  readonly group: string;
}

/** The FK whose parent row gives a table's rows their stripe (a key decides its pick). */
export interface StripeDecider {
  readonly fk: number;
  readonly parent: number;
}

export interface TenantStripes {
  /** How many tenant values the class spreads over (1: one value everywhere). */
  count(group: string): number;
  /** A composite FK through a tenant column: how its parent row is picked; undefined for other FKs or k = 1. */
  pickOf(tableIndex: number, fkIndex: number): StripedPick | undefined;
  /** The FK that decides the table's stripes in the class (undefined: row i is in stripe i % k). */
  deciderOf(tableIndex: number, group: string): StripeDecider | undefined;
}

function stripeGroup(c: ColumnPlan | undefined): string | undefined {
  return c?.source.kind === 'constant' ? c.source.stripes?.group : undefined;
}

/** --append: the column's class takes tenants the target holds (plan/pinned-columns.ts). */
function heldStripes(c: ColumnPlan | undefined): boolean {
  return c?.source.kind === 'constant' && c.source.stripes?.held === true;
}

interface StripedFk {
  readonly table: number;
  readonly fk: number;
  readonly group: string;
  /** The parent column holds the class's values in its first rows (the tenant table): pick row s itself. */
  readonly exact: boolean;
  /** The FK keeps to a stripe: a composite one by its pick, a one-column one by its own value. */
  readonly ok: boolean;
  /** Its rows bound the stripes: the parent holds stripe s only when it has a row past s. */
  readonly parent: number;
  /** The parent rows are the target's (--append's held tenants): its new rows bound nothing. */
  readonly inTarget: boolean;
  /** Composite: the parent row is picked within the stripe (the other FK columns come from it). */
  readonly picked: boolean;
  /** Composite and picked by a unique key's tuple: the row's stripe is the parent row's. */
  readonly decides: boolean;
}

/** Every FK through a tenant column, with whether it can keep to a stripe. */
function stripedForeignKeys(plan: GenerationPlan): StripedFk[] {
  const out: StripedFk[] = [];
  plan.tables.forEach((t: TablePlan, ti) => {
    t.foreignKeys.forEach((f, fi) => {
      const parent = plan.tables[f.parent];
      const members = f.fk.columns.flatMap((col, k) => {
        const child = t.columns.find((c) => c.column.name === col);
        const group = stripeGroup(child);
        if (group === undefined) return [];
        const parentColumn = parent?.columns.find((c) => c.column.name === f.fk.referencedColumns[k]);
        const exact = parentColumn?.hints.stripeRoot === group;
        // --append's held tenants: a one-column FK to the tenant table finds its rows there, whatever its new rows.
        const inTarget =
          f.fk.columns.length === 1 && heldStripes(child) && stripeGroup(parentColumn) === undefined;
        return [{ group, exact, same: exact || inTarget || stripeGroup(parentColumn) === group, inTarget }];
      });
      const groups = [...new Set(members.map((m) => m.group))];
      const picked = f.fk.columns.length > 1;
      const pickable =
        f.pick.kind === 'hash' &&
        f.window === undefined &&
        f.fanOut?.perParent?.kind !== 'range' &&
        f.parent !== ti &&
        // Two classes in one FK cannot both keep to their stripes through one parent row.
        groups.length === 1;
      for (const group of groups) {
        const mine = members.filter((m) => m.group === group);
        // A key's tuple picks the parent row: the row follows the parent's stripe (not the tenant table's
        // rows, whose values past the first k are no class values; not --append's held rows).
        const decides =
          picked &&
          f.pick.kind === 'driver' &&
          f.pick.span === undefined &&
          f.parent !== ti &&
          f.existing === undefined &&
          groups.length === 1 &&
          mine.every((m) => m.same && !m.exact);
        const ok = mine.every((m) => m.same) && (!picked || pickable || decides);
        out.push({
          table: ti,
          fk: fi,
          group,
          exact: mine.some((m) => m.exact),
          ok,
          parent: f.parent,
          inTarget: mine.every((m) => m.inTarget),
          picked,
          decides,
        });
      }
    });
  });
  return out;
}

/**
 * The deciding FK of each table in each class, and the classes whose deciders cannot hold: two in one table,
 * a cycle of them, or a free pick into a table whose stripes one decides (its rows are not `j % k`).
 */
function stripeDeciders(striped: readonly StripedFk[]): {
  deciders: Map<string, StripeDecider>;
  broken: Set<string>;
} {
  const deciders = new Map<string, StripeDecider>();
  const broken = new Set<string>();
  for (const s of striped) {
    if (!s.decides) continue;
    const key = `${s.table}:${s.group}`;
    if (deciders.has(key)) broken.add(s.group);
    deciders.set(key, { fk: s.fk, parent: s.parent });
  }
  for (const s of striped) {
    if (s.picked && !s.decides && deciders.has(`${s.parent}:${s.group}`)) broken.add(s.group);
  }
  for (const [key, first] of deciders) {
    const group = key.slice(key.indexOf(':') + 1);
    const seen = new Set<string>([key]);
    for (let d: StripeDecider | undefined = first; d; d = deciders.get(`${d.parent}:${group}`)) {
      const next = `${d.parent}:${group}`;
      if (seen.has(next)) {
        broken.add(group);
        break;
      }
      seen.add(next);
    }
  }
  return { deciders, broken };
}

export function createTenantStripes(plan: GenerationPlan): TenantStripes {
  const striped = stripedForeignKeys(plan);
  const { deciders, broken } = stripeDeciders(striped);
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
      if (!s.ok) k = 1;
      else if (!s.inTarget) k = Math.min(k, plan.tables[s.parent]?.rows ?? 0);
    }
    const result = Number.isFinite(k) && !broken.has(group) ? Math.max(1, k) : 1;
    counts.set(group, result);
    return result;
  };
  const picks = new Map(striped.filter((s) => s.picked && !s.decides).map((s) => [`${s.table}:${s.fk}`, s]));
  // A composite FK through a column whose parent holds the class's values in its first rows: with one stripe
  // its row 0 (the first value), which its other columns come from too (Boundary's credential_vault_library).
  const freeHash = (s: StripedFk) => {
    const f = plan.tables[s.table]?.foreignKeys[s.fk];
    return (
      f?.pick.kind === 'hash' && f.window === undefined && f.parent !== s.table && f.existing === undefined
    );
  };
  const exactFks = new Set(
    striped.filter((s) => s.picked && !s.decides && s.exact && freeHash(s)).map((s) => `${s.table}:${s.fk}`),
  );
  return {
    count,
    pickOf(tableIndex, fkIndex) {
      const s = picks.get(`${tableIndex}:${fkIndex}`);
      if (!s) return undefined;
      const stripes = count(s.group);
      if (stripes > 1) return { stripes, exact: s.exact, group: s.group };
      return exactFks.has(`${tableIndex}:${fkIndex}`)
        ? { stripes: 1, exact: true, group: s.group }
        : undefined;
    },
    deciderOf(tableIndex, group) {
      return count(group) > 1 ? deciders.get(`${tableIndex}:${group}`) : undefined;
    },
  };
}
