/**
 * Which tables of a plan lie on one foreign-key cycle: the strongly connected
 * components of the graph child → parent (Tarjan's algorithm, iterative, so
 * a chain of thousands of tables neither recurses that deep nor is walked
 * again per table), computed once per plan.
 */
import type { TablePlan } from '../plan/plan-model.js';

const componentsOf = new WeakMap<readonly TablePlan[], Int32Array>();

/** Whether `from` reaches `to` along foreign keys, where `to` has a foreign key to `from`: one cycle holds both. */
export function onOneCycle(tables: readonly TablePlan[], from: number, to: number): boolean {
  let components = componentsOf.get(tables);
  if (components === undefined) {
    components = foreignKeyComponents(tables);
    componentsOf.set(tables, components);
  }
  return from >= 0 && from < tables.length && components[from] === components[to];
}

/** Each table's strongly connected component (an arbitrary number, the same within one). */
function foreignKeyComponents(tables: readonly TablePlan[]): Int32Array {
  const n = tables.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let visited = 0;
  let components = 0;
  const enter = (v: number, work: number[][]): void => {
    order[v] = low[v] = visited++;
    stack.push(v);
    onStack[v] = 1;
    work.push([v, 0]);
  };
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: number[][] = [];
    enter(root, work);
    while (work.length > 0) {
      const frame = work[work.length - 1] as number[];
      const v = frame[0] as number;
      const fks = tables[v]?.foreignKeys ?? [];
      const next = frame[1] as number;
      if (next < fks.length) {
        frame[1] = next + 1;
        const w = fks[next]?.parent ?? -1;
        if (w < 0 || w >= n) continue;
        if (order[w] === -1) enter(w, work);
        else if (onStack[w] === 1) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      work.pop();
      const caller = work[work.length - 1]?.[0];
      if (caller !== undefined) low[caller] = Math.min(low[caller] as number, low[v] as number);
      if (low[v] !== order[v]) continue;
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack[w] = 0;
        component[w] = components;
        if (w === v) break;
      }
      components++;
    }
  }
  return component;
}
