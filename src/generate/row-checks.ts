/**
 * Rows whose CHECKs tie columns together: `end_date >= start_date`, OR
 * branches (`a IS NULL OR a > 0`), `num_nonnulls(a, b, c) = 1`, and CHECKs
 * the compiler could not turn into bounds but the evaluator can read.
 *
 * For a row, attempt t = 0, 1, … : choose each OR's branch and each count
 * group's non-NULL columns by hash of (seed, table, check, attempt, row);
 * generate the free columns in dependency order (a dependent column relative
 * to the values it is compared with); evaluate every such CHECK. The first
 * attempt whose row passes is the row. Every choice is a pure function of
 * (seed, table, row, attempt), so rows stay independent and reproducible.
 * A CHECK the evaluator cannot read for a row's values (a timestamptz field
 * that depends on the session's TimeZone) fails that row like a false one.
 * A row that fails every attempt takes the fallback steps (row-fallbacks.ts:
 * NULL where allowed, then a donor row's free values); one that still fails
 * stops the run with the table, row and constraint: invalid data is never
 * written (the row trial turns such rows into cuts before writing).
 */

import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeReadings } from '../checks/evaluation.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { TablePlan } from '../plan/plan-model.js';
import type { QualifiedName, TypeRef } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { RowRandom, streamKey } from '../values/random.js';
import type { PeriodChain } from '../values/semantic/index.js';
import { createNeutralValues } from './neutral-values.js';
import { type DependentBound, derivable, orientRelations } from './relation-values.js';
import {
  type AttemptInProgress,
  createRowAttempt,
  madeSoFar,
  ROW_ATTEMPTS,
  type RowAttempt,
} from './row-attempt.js';
import { layOutRowChecks } from './row-check-layout.js';
import { createRowChoices } from './row-choices.js';
import { createRowEvaluator } from './row-evaluation.js';
import {
  createRowFallbacks,
  type FallbackCounts,
  type NeutralValues,
  type RowFallbacks,
} from './row-fallbacks.js';

export { type DependentBound, derivable, orientRelations, ROW_ATTEMPTS };

export interface RowCheckContext {
  readonly seed: number;
  readonly table: TablePlan;
  readonly referenceSeconds: number;
  /** The generators' version (generator_version): the neutral fallback step is version 3's. */
  readonly generatorVersion: number;
  /** The column's base type (domains resolved). */
  baseType(column: string): TypeRef;
  /** The column's declared type is a domain. */
  isDomain(column: string): boolean;
  /** What the evaluator reads of the table's types: composite fields (`(column).field`), enums, casts. */
  readonly types?: TypeReadings;
  /** The column's value when the row engine does not decide it. */
  plainValue(column: string): (row: number) => string | null;
  /** A generator of the column for these hints (memoised by the caller). */
  generator(
    column: string,
    hints: ColumnHints,
  ): ((rand: RowRandom, row: number) => string | null) | undefined;
  /**
   * Foreign keys whose parent row is a free choice (picked by hash, not by a
   * unique key): another attempt may pick another parent row.
   */
  readonly repickable?: readonly RepickableKey[];
  /** Version 14: a history's periods by their start column (RowContext.periodChain). */
  periodChain?(startColumn: string): PeriodChain | undefined;
}

/** A foreign key whose parent row an attempt may pick again; its columns move together. */
export interface RepickableKey {
  readonly columns: readonly string[];
  /** The FK's column values at a row for an attempt (attempt 0: the plain pick); notNull forbids a NULL pick. */
  values(row: number, attempt: number, notNull: boolean): readonly (string | null)[];
}

export interface RowChecks {
  /** Columns whose values the engine decides. */
  readonly columns: ReadonlySet<string>;
  valueOf(column: string): (row: number) => string | null;
  /** Rows that took a fallback step so far (see row-fallbacks.ts). */
  readonly fallbacks: FallbackCounts;
  /**
   * Columns the CHECKs read that no attempt or fallback changes (keys,
   * driver-picked or shared FKs, partition keys): a row past the trial whose
   * fixed values fail a CHECK has no fallback, so the trial scans every row
   * of such a table (run/row-trial.ts).
   */
  readonly fixed: ReadonlySet<string>;
  /** Version 23: a column's value the attempt in progress at `row` has made so far (row-attempt.ts). */
  madeSoFar(column: string, row: number): string | null | undefined;
}

/** Build the row engine of a table; undefined when no CHECK needs it. */
export function createRowChecks(ctx: RowCheckContext): RowChecks | undefined {
  const { table, seed } = ctx;
  const plan = table.checks;
  if (
    plan.verify.length === 0 &&
    plan.relations.length === 0 &&
    plan.counts.length === 0 &&
    plan.choices.length === 0
  ) {
    return undefined;
  }
  const layout = layOutRowChecks(ctx);
  const { columnPlans, isFree, nullable, columns, repicked, repickedColumns } = layout;
  const evaluateRow = createRowEvaluator(plan.verify, columns, ctx);
  const plain = new Map([...columns].map((c) => [c, ctx.plainValue(c)] as const));
  const tableKey = (...parts: (string | number)[]) =>
    streamKey(seed, table.table.schema, table.table.name, ...parts);
  const choose = createRowChoices({
    plan,
    nullable,
    columnPlans,
    random: new RowRandom(),
    key: tableKey,
    nullFrom: nullPastTheRoom(table, ctx.generatorVersion),
    ...nulledBySpan(table, ctx.plainValue),
  });
  const progress: AttemptInProgress = { row: -1, values: undefined };
  const attemptRow = createRowAttempt({ ctx, layout, choose, evaluateRow, plain, tableKey, progress });
  const rowValues = createRowValues(table.table, ctx.generatorVersion, attemptRow, () => fallbacks);

  // A nullable FK is written NULL with all its columns; a free nullable column alone.
  const nullGroups = [
    ...repicked.filter((k) => k.columns.every(nullable)).map((k) => k.columns),
    ...[...columns].filter((c) => !repickedColumns.has(c) && isFree(c) && nullable(c)).map((c) => [c]),
  ];
  const fallbacks = createRowFallbacks({
    seed,
    schema: table.table.schema,
    table: table.table.name,
    rows: table.rows,
    nullGroups,
    borrowable: [...columns].filter((c) => repickedColumns.has(c) || isFree(c)),
    baseValues: (row) => {
      const { values, incomplete } = attemptRow(row, 0, true);
      return incomplete ? { values, complete: false } : { values, complete: true };
    },
    evaluate: evaluateRow,
    rowValues,
    // Configured columns (values, generators, templates) keep to what the configuration asks.
    ...neutralStep(
      ctx,
      [...columns].filter(
        (c) => !repickedColumns.has(c) && isFree(c) && columnPlans.get(c)?.steer === undefined,
      ),
    ),
  });

  const fns = new Map<string, (row: number) => string | null>();
  for (const c of columns) fns.set(c, (row) => rowValues(row).get(c) ?? null);
  return {
    columns,
    valueOf: (c) => fns.get(c) ?? ctx.plainValue(c),
    fallbacks: fallbacks.counts,
    fixed: new Set([...columns].filter((c) => !repickedColumns.has(c) && !isFree(c))),
    madeSoFar: (column, row) => madeSoFar(progress, column, row),
  };
}

/**
 * A row's decided values (the last row's remembered): the first attempt that
 * passes, then (version 3) the neutral values and further attempts, then the
 * fallbacks' rescue; a row still failing stops the run with its constraint.
 */
function createRowValues(
  table: QualifiedName,
  generatorVersion: number,
  attemptRow: RowAttempt,
  fallbacksOf: () => RowFallbacks,
): (row: number) => Map<string, string | null> {
  const name = displayName(table);
  // The row trial finds the table by tableKey: display names can collide (a."b.c" and "a.b".c are both a.b.c).
  const tableKey = nameKey(table);
  let cachedRow = -1;
  let cached = new Map<string, string | null>();
  const keep = (row: number, values: Map<string, string | null>) => {
    cachedRow = row;
    cached = values;
    return values;
  };
  const madeRow = (row: number): Map<string, string | null> => {
    let last = '';
    for (let t = 0; t < ROW_ATTEMPTS; t++) {
      const { values, failed } = attemptRow(row, t);
      if (failed === undefined) return keep(row, values);
      last = failed;
    }
    const fallbacks = fallbacksOf();
    if (generatorVersion >= 3) {
      const neutral = fallbacks.neutral(row);
      if (neutral) return keep(row, neutral);
      for (let t = ROW_ATTEMPTS; t < 2 * ROW_ATTEMPTS; t++) {
        const { values, failed } = attemptRow(row, t);
        if (failed === undefined) return keep(row, values);
      }
    }
    const rescued = fallbacks.values(row);
    if (rescued) return keep(row, rescued);
    throw new DatagenError(
      ErrorCodes.UNSATISFIABLE,
      `${name}: row ${row} still fails ${last} after ${ROW_ATTEMPTS} attempts. ` +
        `See how its columns are generated with "datagen plan"; generate from a copy of the DDL without that CHECK (or with an equivalent one datagen compiles), or give ${name} 0 rows with --rows.`,
      { table: name, tableKey, row, constraint: last },
    );
  };
  /** Rows being made now: a row whose values lead back to itself (a self-referencing FK's column read from the row itself) is a cycle. */
  const making = new Set<number>();
  return (row) => {
    if (row === cachedRow) return cached;
    if (making.has(row)) {
      throw new DatagenError(
        ErrorCodes.UNSATISFIABLE,
        `${name}: row ${row} takes a column's value from its own row through a self-referencing foreign key.`,
        { table: name, tableKey, row, constraint: 'a self-referencing foreign key' },
      );
    }
    making.add(row);
    try {
      return madeRow(row);
    } finally {
      making.delete(row);
    }
  };
}

/** The neutral fallback step (generator version 3) over the table's free columns, when one takes it. */
function neutralStep(ctx: RowCheckContext, free: readonly string[]): { neutral?: NeutralValues } {
  if (ctx.generatorVersion < 3) return {};
  const neutral = createNeutralValues({
    seed: ctx.seed,
    schema: ctx.table.table.schema,
    table: ctx.table.table.name,
    checks: ctx.table.table.checks,
    free,
    referenceSeconds: ctx.referenceSeconds,
    ...(ctx.types ? { types: ctx.types } : {}),
    baseType: ctx.baseType,
    isDomain: ctx.isDomain,
    hints: (column) => ctx.table.columns.find((c) => c.column.name === column)?.hints,
  });
  return neutral ? { neutral } : {};
}

/**
 * Version 19: the columns of FKs written NULL past their key's room (plan/key-room.ts), from that row on;
 * version 20: a key's own columns so written too.
 */
function nullPastTheRoom(table: TablePlan, generatorVersion: number): Map<string, number> {
  const from = new Map<string, number>();
  for (const f of table.foreignKeys) {
    if (f.pick.kind !== 'driver' || f.pick.nullFrom === undefined) continue;
    for (const c of f.fk.columns) from.set(c, f.pick.nullFrom);
  }
  if (generatorVersion < 20) return from;
  for (const c of table.columns)
    if (c.source.kind === 'unique' && c.source.nullFrom !== undefined)
      from.set(c.column.name, c.source.nullFrom);
  return from;
}

/** Version 20: the columns of FKs sharing a key component (`span`) that are NULL at a row: their pick's. */
function nulledBySpan(
  table: TablePlan,
  plainValue: RowCheckContext['plainValue'],
): { nulledAt?(row: number): readonly string[] } {
  const spanned = table.foreignKeys.flatMap((f) =>
    f.pick.kind === 'driver' && f.pick.span !== undefined
      ? f.fk.columns.map((c) => [c, plainValue(c)] as const)
      : [],
  );
  if (spanned.length === 0) return {};
  return { nulledAt: (row) => spanned.filter(([, value]) => value(row) === null).map(([c]) => c) };
}
