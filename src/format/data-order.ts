/**
 * Data-only output (`-a`, `--format copy`) loads into a database that already
 * has every foreign key, so parents' rows must come before their children's,
 * as pg_dump orders TABLE DATA in a data-only dump. Tables in a foreign-key
 * cycle cannot all come first: they keep their definition order and are
 * reported, and pg_dump's advice (`--disable-triggers`) makes them load.
 */
import type { Warning } from '../errors.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { displayName, nameKey } from '../schema/names.js';
import { type DataTable, dataTables } from './data-statements.js';

/** For each plan table, the plan table whose data block carries its rows (a partition's root), or -1. */
function dataHolders(plan: GenerationPlan, written: ReadonlySet<number>): number[] {
  const index = new Map(plan.tables.map((t, i) => [nameKey(t.table), i]));
  return plan.tables.map((t, i) => {
    const holder = t.filledThrough ? (index.get(nameKey(t.filledThrough)) ?? -1) : i;
    return written.has(holder) ? holder : -1;
  });
}

/** Parents of each data table: the data tables its (and its partitions') foreign keys reference, itself left out. */
function dataParents(plan: GenerationPlan, written: ReadonlySet<number>): Map<number, Set<number>> {
  const holders = dataHolders(plan, written);
  const index = new Map(plan.tables.map((t, i) => [nameKey(t.table), i]));
  const parents = new Map<number, Set<number>>([...written].map((i) => [i, new Set<number>()]));
  plan.tables.forEach((t, i) => {
    const child = holders[i] ?? -1;
    if (child < 0) return;
    for (const fk of t.table.foreignKeys) {
      const parent = holders[index.get(nameKey(fk.references)) ?? -1] ?? -1;
      if (parent >= 0 && parent !== child) parents.get(child)?.add(parent);
    }
  });
  return parents;
}

/** Strongly connected components with more than one table (Tarjan's algorithm), each in definition order. */
export function cycles(parents: ReadonlyMap<number, ReadonlySet<number>>): number[][] {
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const found: number[][] = [];
  const visit = (v: number): void => {
    order.set(v, order.size);
    low.set(v, order.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of parents.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, order.get(w) ?? 0));
    }
    if (low.get(v) !== order.get(v)) return;
    const component: number[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1) found.push(component.sort((a, b) => a - b));
  };
  for (const v of [...parents.keys()].sort((a, b) => a - b)) if (!order.has(v)) visit(v);
  return found.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

export interface DataOrder {
  /** Data tables, parents before children; tables of a cycle in definition order. */
  readonly tables: readonly DataTable[];
  /** Foreign-key cycles among the data tables (two or more tables each), by plan table index. */
  readonly cycles: readonly (readonly number[])[];
}

/**
 * The data tables in foreign-key order: each table after every table it
 * references, the earliest-defined ready table first, so the order is a pure
 * function of the plan. Foreign keys inside a cycle are not waited on: the
 * cycle's tables go in definition order, and its children after all of them.
 */
export function dataLoadOrder(plan: GenerationPlan): DataOrder {
  const data = dataTables({ plan });
  const parents = dataParents(plan, new Set(data.map((d) => d.index)));
  const found = cycles(parents);
  const cycleOf = new Map(found.flatMap((cycle, c) => cycle.map((i) => [i, c] as const)));
  const sameCycle = (a: number, b: number) => cycleOf.has(a) && cycleOf.get(a) === cycleOf.get(b);
  const done = new Set<number>();
  const tables: DataTable[] = [];
  const pending = [...data];
  while (pending.length > 0) {
    const ready = pending.findIndex((d) =>
      [...(parents.get(d.index) ?? [])].every((p) => done.has(p) || sameCycle(p, d.index)),
    );
    // The parent graph less its cycles' own edges has no cycle, so some table is always ready.
    const [next] = pending.splice(Math.max(ready, 0), 1);
    if (next === undefined) break;
    done.add(next.index);
    tables.push(next);
  }
  return { tables, cycles: found };
}

/**
 * pg_dump's warning for a data-only dump with foreign-key cycles, one per
 * cycle (none with `--disable-triggers`, which makes such a script load).
 */
export function circularDataWarnings(plan: GenerationPlan, order: DataOrder, archive = false): Warning[] {
  return order.cycles.map((cycle) => {
    const names = cycle.map((i) => plan.tables[i]).flatMap((t) => (t ? [displayName(t.table)] : []));
    return {
      code: 'CIRCULAR_FOREIGN_KEYS',
      where: names.join(', '),
      message:
        `there are circular foreign-key constraints among these tables: ${names.join(', ')}; ` +
        'the data-only output may not load into a database that has these foreign keys: ' +
        (archive
          ? 'restore it with pg_restore --disable-triggers (needs a superuser), '
          : 'add --disable-triggers (the script then turns their triggers off while loading; needs a superuser), ') +
        'or write a full dump instead of a data-only one',
    };
  });
}
