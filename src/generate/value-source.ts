/**
 * Compiles a GenerationPlan into value functions: `valueOf(table, column)`
 * is a pure `(row) => text | null`. Foreign keys call their parent's
 * function at the picked parent row, so keys are computed, never stored
 * (design.md, principle 2), and any row of any table can be produced alone.
 */

import { createTypeLookup, resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { type GenerationPlan, type TablePlan, tablePlanAt } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import { loadedLocale } from '../values/semantic/load-locale.js';
import { localeOfVersion } from '../values/semantic/locale-fourteen.js';
import { escapeFree } from '../values/types/escape-free.js';
import { effectiveGeneratorVersion } from '../version.js';
import { type ColumnFunctions, createColumnFunctions } from './column-functions.js';
import type { ColumnWrite } from './column-writes.js';
import { type ColumnCompileDeps, columnKey, compileColumn } from './compile-column.js';
import { createForeignKeyValues } from './foreign-key-values.js';
import { createRowContexts } from './row-context.js';
import { createRowEngines, type RowEngines } from './row-engines.js';
import type { FallbackCounts } from './row-fallbacks.js';
import { createRowPicks } from './row-picks.js';
import type { NotedSeries } from './series-offsets.js';
import { statusSaysSet } from './status-dates.js';

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
   * Its type's text is plain (a number, date, time, boolean or uuid:
   * values/types/escape-free.ts): nothing any format escapes or quotes
   * either (no comma, quote or edge space CSV quotes for; a dictionary's
   * plain text may hold those).
   */
  readonly plainType: boolean;
  /**
   * Its values written as bytes (the same as `fn`'s text), when its
   * generator can (a plain column whose function is its own generator's:
   * not decided by the row engine, not shared with siblings).
   */
  readonly write?: ColumnWrite;
}

export function createValueSource(schema: Schema, plan: GenerationPlan): ValueSource {
  const lookup: TypeLookup = createTypeLookup(schema, effectiveGeneratorVersion(plan.generatorVersion));
  /** Columns whose own generator yields only printable ASCII without a backslash (see `WrittenColumn.plain`). */
  const escapeFreeColumns = new Set<string>();
  /** Columns whose compiled functions can also write their values as bytes (see `WrittenColumn.write`). */
  const writers = new Map<string, ColumnWrite>();
  /** Version 14: history series by their start column (see ColumnCompileDeps.periodSeries). */
  const periodSeries = new Map<string, NotedSeries>();
  const { tupleOf, pickOf, freePick, exactFanOut, stripes, stripeOf } = createRowPicks(
    plan,
    (tableIndex, column) => plainFn(tableIndex, column),
  );
  const seed = plan.seed;
  const version = effectiveGeneratorVersion(plan.generatorVersion);
  const tablePlan = (index: number): TablePlan => tablePlanAt(plan, index);
  const engines = createRowEngines({
    seed,
    lookup,
    referenceSeconds: Math.floor(Date.parse(plan.referenceTime) / 1000),
    generatorVersion: version,
    tablePlan,
    plainFn,
    freePick,
    parentKeyFn: (parentIndex, column) => keys.parentKeyFn(parentIndex, column),
    engineRowContext: (tableIndex) => rowContext(tableIndex, true),
  });
  const columns = createColumnFunctions(engines, plainFn);
  const keys = createForeignKeyValues({
    pickOf,
    engines,
    columns,
    tablePlan,
    plainFn,
    plainWrite: (tableIndex, column) => writers.get(columnKey(tableIndex, column)),
  });
  const rowContext = createRowContexts({
    plan,
    lookup,
    version,
    // Version 14's words and forms of the locale (locale-fourteen.ts).
    locale: localeOfVersion(loadedLocale(plan.locale), version),
    pickOf,
    exactFanOut,
    columns,
    engines,
    periodSeries,
    tablePlan,
  });

  const agreeWithStatus = statusAgreement(tablePlan, columns, version);

  const compileDeps: ColumnCompileDeps = {
    seed,
    lookup,
    version,
    tupleOf,
    stripes,
    stripeOf,
    exactFanOut,
    tablePlan,
    rowContext,
    writtenValueOf: (tableIndex, column) => columns.valueOf(tableIndex, column),
    parentKey: keys.parentKeyFn,
    foreignKeyValue: keys.foreignKeyValue,
    foreignKeyWrite: keys.foreignKeyWrite,
    agreeWithStatus,
    escapeFreeColumns,
    writers,
    periodSeries,
  };
  const plainMemo = new Map<string, ValueFn>();
  /** A column's plain function (compile-column.ts), compiled once. */
  function plainFn(tableIndex: number, column: string): ValueFn {
    const key = columnKey(tableIndex, column);
    let fn = plainMemo.get(key);
    if (!fn) {
      fn = compileColumn(compileDeps, tableIndex, column);
      plainMemo.set(key, fn);
    }
    return fn;
  }

  return {
    plan,
    valueOf: columns.valueOf,
    fallbacks: (tableIndex) => engines.engineOf(tableIndex)?.fallbacks,
    fixedCheckColumns: (tableIndex) => engines.engineOf(tableIndex)?.fixed ?? new Set(),
    checkColumns: (tableIndex) => engines.engineOf(tableIndex)?.columns ?? new Set(),
    writtenColumns: (tableIndex) =>
      writtenColumnsOf(tablePlan(tableIndex), tableIndex, {
        lookup,
        columns,
        engines,
        escapeFreeColumns,
        plainMemo,
        writers,
      }),
  };
}

/** A stage date (`shipped_date`) set or NULL as the row's status says (see status-dates.ts), else `usual`. */
function statusAgreement(
  tablePlan: (index: number) => TablePlan,
  columns: ColumnFunctions,
  version: number,
): ColumnCompileDeps['agreeWithStatus'] {
  return (tableIndex, column, typeName, set, usual) => {
    const says = statusSaysSet(
      tablePlan(tableIndex),
      column,
      typeName,
      (name) => columns.valueOf(tableIndex, name),
      version,
    );
    if (!says) return usual;
    return (row: number) => {
      const s = says(row);
      return s === undefined ? usual(row) : s ? set(row) : null;
    };
  };
}

/** What describing a table's written columns reads of its value source. */
interface WrittenColumnsDeps {
  readonly lookup: TypeLookup;
  readonly columns: ColumnFunctions;
  readonly engines: RowEngines;
  readonly escapeFreeColumns: ReadonlySet<string>;
  readonly plainMemo: ReadonlyMap<string, ValueFn>;
  readonly writers: ReadonlyMap<string, ColumnWrite>;
}

/** A table's written columns, in order: each one's function, whether its text is plain, and its byte writer where it has one. */
function writtenColumnsOf(t: TablePlan, tableIndex: number, deps: WrittenColumnsDeps): WrittenColumn[] {
  // A table without rows never calls its functions: none is built (some could not be).
  const none: ValueFn = () => null;
  const written = t.columns.filter((c) => c.written);
  // Every function built first: building one may make another remember its row for the siblings that
  // read it (an email's names), and the writer then calls that one, so the row computes it once.
  if (t.rows > 0) for (const c of written) deps.columns.valueOf(tableIndex, c.column.name);
  return written.map((c) => {
    const fn = t.rows === 0 ? none : deps.columns.valueOf(tableIndex, c.column.name);
    const key = columnKey(tableIndex, c.column.name);
    const ownText =
      deps.escapeFreeColumns.has(key) &&
      deps.engines.engineOf(tableIndex)?.columns.has(c.column.name) !== true;
    const plainType = escapeFree(resolveDomains(c.column.type, deps.lookup).base);
    const plain = ownText || plainType;
    // The bytes path only where the written function is the compiled one (no engine, no sharing).
    const write = plain && fn === deps.plainMemo.get(key) ? deps.writers.get(key) : undefined;
    return { name: c.column.name, fn, plain, plainType, ...(write === undefined ? {} : { write }) };
  });
}
