/**
 * The row engine of one table (row-checks.ts) wired to the value source: the
 * columns' base types, their plain values, the foreign keys an attempt may
 * pick again, and the free columns' generators for an attempt's hints
 * (memoised per column and hints).
 */
import { compositeFields } from '../checks/record-fields.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { userTypeOptions } from '../checks/typed-casts.js';
import { DatagenError } from '../errors.js';
import type { TablePlan } from '../plan/plan-model.js';
import type { TypeRef } from '../schema/model.js';
import type { RowRandom } from '../values/random.js';
import type { RowContext } from '../values/semantic/index.js';
import { randomColumnGenerator } from './random-column.js';
import { repickableKeys } from './repickable-keys.js';
import { createRowChecks, type RowChecks } from './row-checks.js';

type ValueFn = (row: number) => string | null;

export interface TableEngineContext {
  readonly seed: number;
  readonly table: TablePlan;
  readonly lookup: TypeLookup;
  readonly referenceSeconds: number;
  readonly generatorVersion: number;
  /** The column's value as compiled from its plan (not the engine's). */
  plainFn(column: string): ValueFn;
  /** A free FK's parent row pick. */
  freePick(fkIndex: number): (row: number, attempt: number, notNull: boolean) => number;
  /** A parent's key column's function. */
  parentKeyFn(parentIndex: number, column: string): ValueFn;
  /** What a generator inside the engine may read of its row. */
  rowContext(): RowContext;
}

const TEXT: TypeRef = { kind: 'type-ref', schema: 'pg_catalog', name: 'text', typmods: [], arrayDims: 0 };

/** The table's row engine; undefined when no CHECK needs one. */
export function createTableEngine(ctx: TableEngineContext): RowChecks | undefined {
  const t = ctx.table;
  const columnOf = (column: string) => t.columns.find((col) => col.column.name === column);
  const generators = new Map<string, ((rand: RowRandom, row: number) => string | null) | undefined>();
  return createRowChecks({
    seed: ctx.seed,
    table: t,
    referenceSeconds: ctx.referenceSeconds,
    types: {
      field: compositeFields(t.table.columns, ctx.lookup),
      ...userTypeOptions(t.table.columns, t.table.schema, ctx.lookup),
    },
    baseType: (column) => {
      const c = columnOf(column);
      return c ? resolveDomains(c.column.type, ctx.lookup).base : TEXT;
    },
    generatorVersion: ctx.generatorVersion,
    isDomain: (column) => {
      const c = columnOf(column);
      return c !== undefined && resolveDomains(c.column.type, ctx.lookup).domains.length > 0;
    },
    plainValue: (column) => ctx.plainFn(column),
    repickable: repickableKeys(t, {
      freePick: (fkIndex) => ctx.freePick(fkIndex),
      columnFn: ctx.parentKeyFn,
      plainFn: (column) => ctx.plainFn(column),
    }),
    periodChain: (column) => ctx.rowContext().periodChain?.(column),
    generator: (column, hints) => {
      const key = `${column}\u0000${JSON.stringify(hints)}`;
      if (!generators.has(key)) {
        const c = columnOf(column);
        let g: ((rand: RowRandom, row: number) => string | null) | undefined;
        try {
          g = c
            ? randomColumnGenerator(
                t,
                column,
                resolveDomains(c.column.type, ctx.lookup).base,
                hints,
                ctx.lookup,
                ctx.rowContext,
              )
            : undefined;
        } catch (error) {
          if (!(error instanceof DatagenError)) throw error;
          g = undefined; // these hints admit no value: the attempt fails and the next one chooses again
        }
        generators.set(key, g);
      }
      return generators.get(key);
    },
  });
}
