/** Every column's value function built before output: a column datagen cannot make fails the run first. */
import { DatagenError } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import { displayColumn, displayName } from '../schema/names.js';

/**
 * Build every column's value function before any output, so a column datagen
 * cannot generate fails the run up front, named `schema.table.column`.
 */
export function compileAllColumns(source: ValueSource): void {
  source.plan.tables.forEach((t, index) => {
    // A table without rows (the planner emptied it, with a warning) has no value to build.
    if (t.rows === 0) return;
    for (const c of t.columns) {
      if (!c.written) continue;
      try {
        source.valueOf(index, c.column.name);
      } catch (error) {
        if (!(error instanceof DatagenError)) throw error;
        throw new DatagenError(
          error.code,
          `${displayColumn(t.table, c.column.name)}: ${error.message}`,
          { ...error.data, table: displayName(t.table), column: c.column.name },
          { cause: error, exitCode: error.exitCode },
        );
      }
    }
  });
}
