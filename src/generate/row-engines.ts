/**
 * The row engines of a value source's tables (table-engine.ts: CHECKs that
 * tie a row's columns together), each built once, on first need. While a
 * table's engine is being built, reads of its columns get their plain
 * functions (`isBuilding`), never kept as the columns' written ones, which
 * the engine decides once built.
 */
import type { TypeLookup } from '../checks/type-resolution.js';
import type { TablePlan } from '../plan/plan-model.js';
import type { RowContext } from '../values/semantic/index.js';
import type { RowChecks } from './row-checks.js';
import { createTableEngine } from './table-engine.js';

type ValueFn = (row: number) => string | null;

/** What building a table's row engine reads of the value source. */
export interface RowEngineDeps {
  readonly seed: number;
  readonly lookup: TypeLookup;
  readonly referenceSeconds: number;
  readonly generatorVersion: number;
  tablePlan(tableIndex: number): TablePlan;
  /** A column's value as compiled from its plan (not the engine's). */
  plainFn(tableIndex: number, column: string): ValueFn;
  /** A free FK's parent row pick at an attempt. */
  freePick(tableIndex: number, fkIndex: number): (row: number, attempt: number, notNull: boolean) => number;
  /** A parent's key column's function. */
  parentKeyFn(parentIndex: number, column: string): ValueFn;
  /** What a generator inside the table's engine may read of its row. */
  engineRowContext(tableIndex: number): RowContext;
}

export interface RowEngines {
  /** A table's row engine; undefined when no CHECK needs one, and while it is being built. */
  engineOf(tableIndex: number): RowChecks | undefined;
  /** Whether the table's engine is being built now (its columns' reads then stay plain). */
  isBuilding(tableIndex: number): boolean;
}

export function createRowEngines(deps: RowEngineDeps): RowEngines {
  const engines = new Map<number, RowChecks | undefined>();
  /**
   * Tables whose row engine is being built: a column read meanwhile (a
   * sibling's generator reading it) gets its plain function, never memoised
   * as the column's written one, which the engine decides once built (it was
   * kept for good: exit 0 with rows failing their CHECK).
   */
  const building = new Set<number>();

  function engineOf(tableIndex: number): RowChecks | undefined {
    if (engines.has(tableIndex)) return engines.get(tableIndex);
    engines.set(tableIndex, undefined); // while building: columns read their plain values
    building.add(tableIndex);
    let engine: RowChecks | undefined;
    try {
      engine = createTableEngine({
        seed: deps.seed,
        table: deps.tablePlan(tableIndex),
        lookup: deps.lookup,
        referenceSeconds: deps.referenceSeconds,
        generatorVersion: deps.generatorVersion,
        plainFn: (column) => deps.plainFn(tableIndex, column),
        freePick: (fkIndex) => deps.freePick(tableIndex, fkIndex),
        parentKeyFn: deps.parentKeyFn,
        rowContext: () => deps.engineRowContext(tableIndex),
      });
    } finally {
      building.delete(tableIndex);
    }
    engines.set(tableIndex, engine);
    return engine;
  }

  return { engineOf, isBuilding: (tableIndex) => building.has(tableIndex) };
}
