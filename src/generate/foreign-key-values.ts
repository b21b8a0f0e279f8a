/**
 * Values through foreign keys: a child row's FK column is its parent's key
 * column at the parent row the FK picks (row-picks.ts), computed, never
 * stored (design.md, principle 2).
 */
import { writeAsciiText } from '../checks/digits.js';
import type { TablePlan } from '../plan/plan-model.js';
import type { ColumnFunctions } from './column-functions.js';
import type { ColumnWrite } from './column-writes.js';
import { parentValueAt } from './existing-parents.js';
import type { RowEngines } from './row-engines.js';
import type { RowPicks } from './row-picks.js';

type ValueFn = (row: number) => string | null;

export interface ForeignKeyValueDeps {
  readonly pickOf: RowPicks['pickOf'];
  readonly engines: RowEngines;
  readonly columns: ColumnFunctions;
  tablePlan(tableIndex: number): TablePlan;
  plainFn(tableIndex: number, column: string): ValueFn;
  /** The byte writer of a column's plain function (its bytes, NULLs as false), where it has one. */
  plainWrite(tableIndex: number, column: string): ColumnWrite | undefined;
}

export interface ForeignKeyValues {
  /**
   * A parent's key column: read plainly when the parent's row engine does not
   * change it (a self-referencing FK would otherwise run the engine row after
   * row, down the stack).
   */
  parentKeyFn(parentIndex: number, column: string): ValueFn;
  /** A column's value through one foreign key of its table (the column is among the FK's); `whenNull` where the FK is NULL. */
  foreignKeyValue(tableIndex: number, fkIndex: number, column: string, whenNull?: ValueFn): ValueFn;
  /**
   * `foreignKeyValue(tableIndex, fkIndex, column)`'s text as bytes, for a
   * column of a type whose text needs no escaping: the parent's key column's
   * byte writer at the picked row where the parent's plain function is what
   * the FK reads, else that text copied. Undefined where the FK reaches rows
   * already in the database.
   */
  foreignKeyWrite(tableIndex: number, fkIndex: number, column: string): ColumnWrite | undefined;
}

export function createForeignKeyValues(deps: ForeignKeyValueDeps): ForeignKeyValues {
  function parentKeyFn(parentIndex: number, column: string): ValueFn {
    const e = deps.engines.engineOf(parentIndex);
    return e?.columns.has(column) && !e.fixed.has(column)
      ? deps.columns.valueOf(parentIndex, column)
      : deps.plainFn(parentIndex, column);
  }

  function foreignKeyValue(
    tableIndex: number,
    fkIndex: number,
    column: string,
    whenNull: ValueFn = () => null,
  ): ValueFn {
    const t = deps.tablePlan(tableIndex);
    const fkPlan = t.foreignKeys[fkIndex] as TablePlan['foreignKeys'][number];
    const pick = deps.pickOf(tableIndex, fkIndex);
    const parentColumn = fkPlan.fk.referencedColumns[fkPlan.fk.columns.indexOf(column)] ?? column;
    const parentValue = parentValueAt(fkPlan, parentColumn, () => parentKeyFn(fkPlan.parent, parentColumn));
    return (row) => {
      const j = pick(row);
      return j < 0 ? whenNull(row) : parentValue(j);
    };
  }

  function foreignKeyWrite(tableIndex: number, fkIndex: number, column: string): ColumnWrite | undefined {
    const t = deps.tablePlan(tableIndex);
    const fkPlan = t.foreignKeys[fkIndex] as TablePlan['foreignKeys'][number];
    if (fkPlan.existing !== undefined) return undefined;
    const pick = deps.pickOf(tableIndex, fkIndex);
    const parent = fkPlan.parent;
    const parentColumn = fkPlan.fk.referencedColumns[fkPlan.fk.columns.indexOf(column)] ?? column;
    // Resolved at the first row, as foreignKeyValue's parent function is (a parent compiled no earlier).
    let parentText: ValueFn | undefined;
    let parentWrite: ColumnWrite | undefined;
    return (out, row) => {
      const j = pick(row);
      if (j < 0) return false;
      if (parentText === undefined) {
        parentText = parentKeyFn(parent, parentColumn);
        parentWrite =
          parentText === deps.plainFn(parent, parentColumn)
            ? deps.plainWrite(parent, parentColumn)
            : undefined;
      }
      if (parentWrite !== undefined) return parentWrite(out, j);
      const text = parentText(j);
      if (text === null) return false;
      writeAsciiText(out, text);
      return true;
    };
  }

  return { parentKeyFn, foreignKeyValue, foreignKeyWrite };
}
