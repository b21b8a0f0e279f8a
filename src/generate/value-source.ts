/**
 * Compiles a GenerationPlan into value functions: `valueOf(table, column)`
 * is a pure `(row) => text | null`. Foreign keys call their parent's
 * function at the picked parent row, so keys are computed, never stored
 * (design.md, principle 2), and any row of any table can be produced alone.
 */

import { createTypeLookup, resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { GenerationPlan, TablePlan } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import { semanticKindOf } from '../values/column-generators.js';
import type { RowContext, SemanticKind } from '../values/semantic/index.js';
import { loadedLocale } from '../values/semantic/load-locale.js';
import { escapeFree } from '../values/types/escape-free.js';
import { effectiveGeneratorVersion } from '../version.js';
import type { ColumnWrite } from './column-writes.js';
import { type ColumnCompileDeps, columnKey, compileColumn } from './compile-column.js';
import { parentValueAt } from './existing-parents.js';
import { createParentCountries } from './parent-place.js';
import { createParentTimes } from './parent-time.js';
import type { RowChecks } from './row-checks.js';
import type { FallbackCounts } from './row-fallbacks.js';
import { createRowPicks } from './row-picks.js';
import { statusSaysSet } from './status-dates.js';
import { createTableEngine } from './table-engine.js';

/** A column's value at a row, as PostgreSQL's text input form; null for NULL. */
export type ValueFn = (row: number) => string | null;

export interface ValueSource {
  readonly plan: GenerationPlan;
  /** The value function of a column (memoised). */
  valueOf(tableIndex: number, column: string): ValueFn;
  /** The written columns of a table, in order, with their value functions. */
  writtenColumns(tableIndex: number): readonly WrittenColumn[];
  /** Rows of a table whose CHECKs took a fallback step so far (undefined: no row engine). */
  fallbacks(tableIndex: number): FallbackCounts | undefined;
  /** The columns a table's row-engine CHECKs read that no fallback changes (see RowChecks.fixed); empty without a row engine. */
  fixedCheckColumns(tableIndex: number): ReadonlySet<string>;
  /** The columns a table's row engine decides (its CHECKs read them); empty without a row engine. */
  checkColumns(tableIndex: number): ReadonlySet<string>;
}

export interface WrittenColumn {
  readonly name: string;
  readonly fn: ValueFn;
  /**
   * Its text never holds a character COPY text escapes and is ASCII: its
   * type's (values/types/escape-free.ts), or its generator's (a dictionary
   * checked when built; not when the row engine decides the column).
   */
  readonly plain: boolean;
  /**
   * Its values written as bytes (the same as `fn`'s text), when its
   * generator can (a plain column whose function is its own generator's:
   * not decided by the row engine, not shared with siblings).
   */
  readonly write?: ColumnWrite;
}

export function createValueSource(schema: Schema, plan: GenerationPlan): ValueSource {
  const lookup: TypeLookup = createTypeLookup(schema);
  const memo = new Map<string, ValueFn>();
  /** Columns whose functions are being built (a sibling read of one of them stays on demand). */
  const building = new Set<string>();
  /** Columns whose functions remember their last row (read by siblings). */
  const shared = new Set<string>();
  /** Columns whose own generator yields only printable ASCII without a backslash (see `WrittenColumn.plain`). */
  const escapeFreeColumns = new Set<string>();
  /** Columns whose compiled functions can also write their values as bytes (see `WrittenColumn.write`). */
  const writers = new Map<string, ColumnWrite>();
  const { tupleOf, pickOf, freePick, stripes, stripeOf } = createRowPicks(plan, (tableIndex, column) =>
    plainFn(tableIndex, column),
  );
  const seed = plan.seed;
  const locale = loadedLocale(plan.locale);
  const version = effectiveGeneratorVersion(plan.generatorVersion);
  const referenceSeconds = Math.floor(Date.parse(plan.referenceTime) / 1000);
  const engines = new Map<number, RowChecks | undefined>();
  /**
   * Tables whose row engine is being built: a column read meanwhile (a
   * sibling's generator reading it) gets its plain function, never memoised
   * as the column's written one, which the engine decides once built (it was
   * kept for good: exit 0 with rows failing their CHECK).
   */
  const enginesBuilding = new Set<number>();

  const tablePlan = (index: number): TablePlan => {
    const t = plan.tables[index];
    if (!t) throw new Error(`no table plan ${index}`);
    return t;
  };

  /** A stage date (`shipped_date`) set or NULL as the row's status says (see status-dates.ts), else `usual`. */
  function agreeWithStatus(
    tableIndex: number,
    column: string,
    typeName: string,
    set: ValueFn,
    usual: ValueFn,
  ) {
    const says = statusSaysSet(tablePlan(tableIndex), column, typeName, (name) => columnFn(tableIndex, name));
    if (!says) return usual;
    return (row: number) => {
      const s = says(row);
      return s === undefined ? usual(row) : s ? set(row) : null;
    };
  }

  /** A row's earliest start and its country from its parents' (cross-table time order and places), when it has such parents. */
  function parentBounds(tableIndex: number): Pick<RowContext, 'earliestStart' | 'parentCountry'> {
    const earliestStart = parentTimes(tableIndex);
    const parentCountry = version >= 3 ? parentCountries(tableIndex) : undefined;
    return { ...(earliestStart ? { earliestStart } : {}), ...(parentCountry ? { parentCountry } : {}) };
  }

  /** What a semantic generator may read of its row: the other written columns (not those the CHECK engine is deciding). */
  function rowContext(tableIndex: number, insideEngine: boolean): RowContext {
    return {
      sibling: (name, row) => {
        if (!writtenColumn(tablePlan(tableIndex), name)) return undefined;
        if (insideEngine && engineOf(tableIndex)?.columns.has(name)) return undefined;
        return columnFn(tableIndex, name)(row);
      },
      siblingKind: (name) => siblingKindOf(tablePlan(tableIndex), name, lookup, version),
      // Inside the row engine, and for a column still being built (a cycle), reads stay on demand.
      siblingReader: (name) => {
        if (insideEngine || building.has(columnKey(tableIndex, name))) return undefined;
        if (!writtenColumn(tablePlan(tableIndex), name)) return () => undefined;
        return sharedRowValue(tableIndex, name);
      },
      ...parentBounds(tableIndex),
      ...(locale === null ? {} : { locale }),
      generatorVersion: version,
    };
  }

  /**
   * A column's function made to remember its last row's value, and put in
   * place of the plain one, so the row writer and every sibling that reads
   * the column share one computation per row.
   */
  function sharedRowValue(tableIndex: number, column: string): ValueFn {
    if (enginesBuilding.has(tableIndex)) return plainFn(tableIndex, column);
    const key = columnKey(tableIndex, column);
    const fn = columnFn(tableIndex, column);
    if (shared.has(key)) return fn;
    let lastRow = -1;
    let last: string | null = null;
    const remembering: ValueFn = (row) => {
      if (row !== lastRow) {
        last = fn(row);
        lastRow = row;
      }
      return last;
    };
    memo.set(key, remembering);
    shared.add(key);
    return remembering;
  }

  /** The row engine of a table whose CHECKs tie columns together (see row-checks.ts). */
  function engineOf(tableIndex: number): RowChecks | undefined {
    if (engines.has(tableIndex)) return engines.get(tableIndex);
    engines.set(tableIndex, undefined); // while building: columns read their plain values
    enginesBuilding.add(tableIndex);
    let engine: RowChecks | undefined;
    try {
      engine = createTableEngine({
        seed,
        table: tablePlan(tableIndex),
        lookup,
        referenceSeconds,
        generatorVersion: version,
        plainFn: (column) => plainFn(tableIndex, column),
        freePick: (fkIndex) => freePick(tableIndex, fkIndex),
        parentKeyFn,
        rowContext: () => rowContext(tableIndex, true),
      });
    } finally {
      enginesBuilding.delete(tableIndex);
    }
    engines.set(tableIndex, engine);
    return engine;
  }

  /**
   * A parent's key column: read plainly when the parent's row engine does not
   * change it (a self-referencing FK would otherwise run the engine row after
   * row, down the stack).
   */
  function parentKeyFn(parentIndex: number, column: string): ValueFn {
    const e = engineOf(parentIndex);
    return e?.columns.has(column) && !e.fixed.has(column)
      ? columnFn(parentIndex, column)
      : plainFn(parentIndex, column);
  }

  /** A column's value through one foreign key of its table (the column is among the FK's); `whenNull` where the FK is NULL. */
  function foreignKeyValue(
    tableIndex: number,
    fkIndex: number,
    column: string,
    whenNull: ValueFn = () => null,
  ): ValueFn {
    const t = tablePlan(tableIndex);
    const fkPlan = t.foreignKeys[fkIndex] as TablePlan['foreignKeys'][number];
    const pick = pickOf(tableIndex, fkIndex);
    const parentColumn = fkPlan.fk.referencedColumns[fkPlan.fk.columns.indexOf(column)] ?? column;
    const parentValue = parentValueAt(fkPlan, parentColumn, () => parentKeyFn(fkPlan.parent, parentColumn));
    return (row) => {
      const j = pick(row);
      return j < 0 ? whenNull(row) : parentValue(j);
    };
  }

  const compileDeps: ColumnCompileDeps = {
    seed,
    lookup,
    version,
    tupleOf,
    stripes,
    stripeOf,
    tablePlan,
    rowContext,
    foreignKeyValue,
    agreeWithStatus,
    escapeFreeColumns,
    writers,
  };
  const plainMemo = new Map<string, ValueFn>();
  function plainFn(tableIndex: number, column: string): ValueFn {
    const key = columnKey(tableIndex, column);
    let fn = plainMemo.get(key);
    if (!fn) {
      fn = compileColumn(compileDeps, tableIndex, column);
      plainMemo.set(key, fn);
    }
    return fn;
  }

  const parentDeps = {
    plan,
    pickOf,
    valueOf: columnFn,
    kindOf: (tableIndex: number, column: string) =>
      siblingKindOf(tablePlan(tableIndex), column, lookup, version),
  };
  const parentTimes = createParentTimes(parentDeps);
  const parentCountries = createParentCountries(parentDeps);

  function columnFn(tableIndex: number, column: string): ValueFn {
    if (enginesBuilding.has(tableIndex)) return plainFn(tableIndex, column);
    const key = columnKey(tableIndex, column);
    let fn = memo.get(key);
    if (!fn) {
      building.add(key);
      try {
        const engine = engineOf(tableIndex);
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

  return {
    plan,
    valueOf: columnFn,
    fallbacks: (tableIndex) => engineOf(tableIndex)?.fallbacks,
    fixedCheckColumns: (tableIndex) => engineOf(tableIndex)?.fixed ?? new Set(),
    checkColumns: (tableIndex) => engineOf(tableIndex)?.columns ?? new Set(),
    writtenColumns(tableIndex) {
      const t = tablePlan(tableIndex);
      // A table without rows never calls its functions: none is built (some could not be).
      const none: ValueFn = () => null;
      return t.columns
        .filter((c) => c.written)
        .map((c) => {
          const fn = t.rows === 0 ? none : columnFn(tableIndex, c.column.name);
          const key = columnKey(tableIndex, c.column.name);
          const ownText =
            escapeFreeColumns.has(key) && engineOf(tableIndex)?.columns.has(c.column.name) !== true;
          const plain = ownText || escapeFree(resolveDomains(c.column.type, lookup).base);
          // The bytes path only where the written function is the compiled one (no engine, no sharing).
          const write = plain && fn === plainMemo.get(key) ? writers.get(key) : undefined;
          return { name: c.column.name, fn, plain, ...(write === undefined ? {} : { write }) };
        });
    },
  };
}

function writtenColumn(t: TablePlan, column: string): boolean {
  return t.columns.some((c) => c.column.name === column && c.written);
}

/** A sibling column's meaning, whatever its source (a unique email is still an email). */
function siblingKindOf(
  t: TablePlan,
  column: string,
  lookup: TypeLookup,
  version: number,
): SemanticKind | null {
  const c = t.columns.find((col) => col.column.name === column);
  if (!c) return null;
  // A configured generator is the column's meaning (an email reads a first_name generator's names).
  const named = c.steer?.generator;
  if (named !== undefined) return named === 'lorem' || named === 'uuid' ? null : (named as SemanticKind);
  if (c.steer?.template !== undefined || c.steer?.values !== undefined) return null;
  return semanticKindOf(t.table, c.column, resolveDomains(c.column.type, lookup).base, c.hints, version);
}
