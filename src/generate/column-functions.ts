/**
 * The functions a value source writes for its columns, memoised: the row
 * engine's for a column it decides (row-engines.ts), else the column's plain
 * compiled one; and, for a column other columns read (names for an email),
 * a version that remembers its last row, put in place of the plain one so
 * the row writer and every reading sibling share one computation per row.
 */
import { columnKey } from './compile-column.js';
import type { RowEngines } from './row-engines.js';

type ValueFn = (row: number) => string | null;

export interface ColumnFunctions {
  /** The column's written function (the engine's or the plain one, or its shared version once made). */
  valueOf(tableIndex: number, column: string): ValueFn;
  /** The column's written function made to remember its last row (plain while its table's engine is built). */
  shared(tableIndex: number, column: string): ValueFn;
  /** Whether the column's written function is being built now (a sibling read of it then stays on demand). */
  isBeingBuilt(tableIndex: number, column: string): boolean;
}

export function createColumnFunctions(
  engines: RowEngines,
  plainFn: (tableIndex: number, column: string) => ValueFn,
): ColumnFunctions {
  const memo = new Map<string, ValueFn>();
  /** Columns whose functions are being built (a sibling read of one of them stays on demand). */
  const building = new Set<string>();
  /** Columns whose functions remember their last row (read by siblings). */
  const shared = new Set<string>();

  /**
   * The plain function while the table's engine is built, the column marked as being built meanwhile: siblings
   * that read each other while compiled (version 22's money sums beside an equation's engine) stay on demand
   * instead of compiling each other without end.
   */
  function plainWhileEngineBuilds(tableIndex: number, column: string): ValueFn {
    const key = columnKey(tableIndex, column);
    if (building.has(key)) return plainFn(tableIndex, column);
    building.add(key);
    try {
      return plainFn(tableIndex, column);
    } finally {
      building.delete(key);
    }
  }

  function writtenFn(tableIndex: number, column: string): ValueFn {
    if (engines.isBuilding(tableIndex)) return plainWhileEngineBuilds(tableIndex, column);
    const key = columnKey(tableIndex, column);
    let fn = memo.get(key);
    if (!fn) {
      building.add(key);
      try {
        const engine = engines.engineOf(tableIndex);
        fn = engine?.columns.has(column) ? engine.valueOf(column) : plainFn(tableIndex, column);
      } finally {
        building.delete(key);
      }
      // Building it may have put a shared (remembering) version in place already.
      fn = memo.get(key) ?? fn;
      memo.set(key, fn);
    }
    return fn;
  }

  function sharedValueOf(tableIndex: number, column: string): ValueFn {
    if (engines.isBuilding(tableIndex)) return plainWhileEngineBuilds(tableIndex, column);
    const key = columnKey(tableIndex, column);
    const fn = writtenFn(tableIndex, column);
    if (shared.has(key)) return fn;
    let lastRow = -1;
    let last: string | null = null;
    let making = -1;
    const remembering: ValueFn = (row) => {
      if (row !== lastRow) {
        // A read of this column while its own value for the row is being made (two time columns each ordered
        // after the other by different rules) sees no value, so the reader takes its fallback: the same in every
        // thread, as a row's columns are made in one order; before, the cycle overflowed the stack.
        if (making === row) return null;
        making = row;
        try {
          last = fn(row);
        } finally {
          making = -1;
        }
        lastRow = row;
      }
      return last;
    };
    memo.set(key, remembering);
    shared.add(key);
    return remembering;
  }

  return {
    valueOf: writtenFn,
    shared: sharedValueOf,
    isBeingBuilt: (tableIndex, column) => building.has(columnKey(tableIndex, column)),
  };
}
