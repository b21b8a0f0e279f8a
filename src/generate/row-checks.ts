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

import { type ColumnHints, TEXT_TYPES } from '../checks/check-hints.js';
import type { EvaluatorOptions } from '../checks/evaluation.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ColumnPlan, TablePlan } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { TypeRef } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { multipleNear } from '../values/integer-progression.js';
import { type OrdinalCodec, ordinalCodecFor } from '../values/ordinal-codec.js';
import { RowRandom, streamKey } from '../values/random.js';
import { createNeutralValues } from './neutral-values.js';
import {
  type DependentBound,
  derivable,
  orientRelations,
  type RelationAtom,
  relativeText,
  relativeValue,
} from './relation-values.js';
import { createRowChoices } from './row-choices.js';
import { createRowEvaluator } from './row-evaluation.js';
import { createRowFallbacks, type FallbackCounts, type NeutralValues } from './row-fallbacks.js';
import { checkedStageDates } from './status-dates.js';

export { type DependentBound, derivable, orientRelations };

/** Attempts per row before the run fails. */
export const ROW_ATTEMPTS = 32;
/** Attempts that keep a stage date agreeing with the row's status (the later ones may break it to meet the CHECKs). */
const STAGE_ATTEMPTS = ROW_ATTEMPTS / 2;

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
  /** A composite column's field, for `(column).field` in a CHECK (a domain over a composite type). */
  readonly field?: EvaluatorOptions['field'];
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
}

const FREE = new Set(['random', 'one-of']);

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
  const name = displayName(table.table);
  const columnPlans = new Map<string, ColumnPlan>(table.columns.map((c) => [c.column.name, c]));
  const isFree = (c: string) => FREE.has(columnPlans.get(c)?.source.kind ?? '');
  const nullable = (c: string) => {
    const p = columnPlans.get(c);
    return p !== undefined && !p.column.notNull && p.hints.notNull !== true && p.source.kind !== 'unique';
  };
  const isText = (c: string) => TEXT_TYPES.has(ctx.baseType(c).name) && ctx.baseType(c).arrayDims === 0;
  const codecs = new Map<string, OrdinalCodec | undefined>();
  const codecOf = (c: string) => {
    if (!codecs.has(c)) codecs.set(c, ordinalCodecFor(ctx.baseType(c)));
    return codecs.get(c);
  };

  // `a % b = 0`: a free integer dividend is made a multiple of its divisors' values (not a relation's dependent then).
  const divisorsOf = new Map<string, string[]>();
  for (const { atom } of plan.multiples ?? []) {
    if (!derivable(columnPlans.get(atom.column)) || ctx.baseType(atom.column).arrayDims > 0) continue;
    divisorsOf.set(atom.column, [...(divisorsOf.get(atom.column) ?? []), atom.divisor]);
  }
  // Every relation the CHECKs hold, static or inside an OR branch, oriented once.
  const allRelations: RelationAtom[] = [
    ...plan.relations.map((r) => r.atom),
    ...plan.choices.flatMap((c) => c.branches.flat().filter((a): a is RelationAtom => a.kind === 'relation')),
  ];
  const oriented = orientRelations(
    allRelations,
    (c) => derivable(columnPlans.get(c)) && !divisorsOf.has(c),
    (c) => codecOf(c) !== undefined || isText(c),
  );
  const boundOf = new Map<RelationAtom, DependentBound>();
  allRelations.forEach((r, i) => {
    const b = oriented[i];
    if (b) boundOf.set(r, b);
  });
  const bounds = [...boundOf.values()];

  // The columns the engine decides: every column its CHECKs read.
  const columns = new Set<string>();
  const reads = (ast: unknown): void => {
    for (const c of expressionColumns(ast)) if (columnPlans.has(c)) columns.add(c);
  };
  for (const part of [...plan.verify, ...plan.relations, ...plan.counts, ...plan.choices]) reads(part.ast);
  for (const c of [...columns]) if (columnPlans.get(c)?.source.kind === 'generated') columns.delete(c);
  // A foreign key a CHECK reads is picked per attempt, all its columns together (a composite FK stays one parent row).
  const repicked = (ctx.repickable ?? []).filter((k) => k.columns.some((c) => columns.has(c)));
  for (const k of repicked) for (const c of k.columns) columns.add(c);
  const repickedColumns = new Set(repicked.flatMap((k) => k.columns));

  // Dependency order: bases before dependents.
  const order: string[] = [];
  const visiting = new Set<string>();
  const after = new Map<string, string>();
  const visitBefore = (c: string, first: string) => after.set(c, first);
  const visit = (c: string) => {
    if (order.includes(c) || visiting.has(c)) return;
    visiting.add(c);
    const first = after.get(c);
    if (first !== undefined) visit(first);
    for (const b of bounds) if (b.dependent === c) visit(b.base);
    for (const d of divisorsOf.get(c) ?? []) visit(d);
    visiting.delete(c);
    order.push(c);
  };
  // Version 3: stage dates agree with the row's status in the first attempts (status-dates.ts); the status made first.
  const stages =
    ctx.generatorVersion >= 3
      ? checkedStageDates(table, columns, (c) => ctx.baseType(c).name, ctx.plainValue)
      : new Map();
  for (const [c, { status }] of stages) if (columns.has(status)) visitBefore(c, status);
  for (const c of columns) visit(c);

  const evaluateRow = createRowEvaluator(plan.verify, columns, ctx);
  const plain = new Map([...columns].map((c) => [c, ctx.plainValue(c)] as const));

  const choiceRandom = new RowRandom();
  const valueRandom = new RowRandom();
  const nullRandom = new RowRandom();
  const tableKey = (...parts: (string | number)[]) =>
    streamKey(seed, table.table.schema, table.table.name, ...parts);

  const choose = createRowChoices({
    plan,
    nullable,
    columnPlans,
    random: choiceRandom,
    key: tableKey,
  });

  let cachedRow = -1;
  let cached = new Map<string, string | null>();

  /**
   * Attempt t of a row. `lenient` (the fallbacks' base): a column no value
   * fits is left NULL (when nullable) or out, the rest still made, and
   * nothing evaluated.
   */
  const attemptRow = (
    row: number,
    t: number,
    lenient = false,
  ): { values: Map<string, string | null>; failed?: string; incomplete?: boolean } => {
    let incomplete = false;
    const fail = (
      c: string,
      failed: string,
    ): { values: Map<string, string | null>; failed: string } | undefined => {
      if (!lenient) return { values, failed };
      if (nullable(c)) values.set(c, null);
      else incomplete = true;
      return undefined;
    };
    const { hints, activeRelations } = choose(row, t);

    const values = new Map<string, string | null>();
    for (const k of repicked) {
      const notNull = k.columns.some((c) => hints.get(c)?.notNull === true);
      const picked = k.values(row, t, notNull);
      k.columns.forEach((c, i) => {
        values.set(c, hints.get(c)?.nullOnly && nullable(c) ? null : (picked[i] ?? null));
      });
    }
    for (const c of order) {
      if (repickedColumns.has(c)) continue;
      const h = hints.get(c) ?? columnPlans.get(c)?.hints ?? {};
      if (h.nullOnly) {
        values.set(c, null);
        continue;
      }
      if (!isFree(c)) {
        values.set(c, (plain.get(c) as (row: number) => string | null)(row));
        continue;
      }
      const p = columnPlans.get(c) as ColumnPlan;
      // A CHECK's branch that wants the date (notNull) wins over the agreement.
      const agreed = t < STAGE_ATTEMPTS && h.notNull !== true ? stages.get(c)?.says(row, values) : undefined;
      if (agreed === false) {
        values.set(c, null);
        continue;
      }
      if (agreed !== true && p.nullRate > 0 && h.notNull !== true) {
        // Version 3: in the first ROW_ATTEMPTS attempts a row's NULLs are drawn once, not per attempt (a CHECK no random
        // value meets went NULL at the first NULL draw, in nearly every row); then the neutral values, then attempts with
        // NULLs drawn per attempt as before.
        const draw = ctx.generatorVersion >= 3 && t < ROW_ATTEMPTS ? 0 : t;
        if (nullRandom.at(tableKey(c, 'null', 'attempt', draw), row).chance(p.nullRate)) {
          values.set(c, null);
          continue;
        }
      }
      const rand = valueRandom.at(t === 0 ? tableKey(c) : tableKey(c, 'attempt', t), row);
      const active = activeRelations.flatMap((r) => {
        const b = boundOf.get(r);
        if (!b || b.dependent !== c) return [];
        const base = values.get(b.base) ?? null;
        return base === null ? [] : [{ bound: b, base }];
      });
      if (active.length > 0) {
        const codec = codecOf(c);
        const v = codec
          ? relativeValue(codec, h, active, rand)
          : relativeText(ctx.baseType(c), h, active, rand);
        if (v === undefined) {
          const failed = fail(c, active[0]?.bound.base ?? c);
          if (failed) return failed;
        } else values.set(c, v);
        continue;
      }
      const generator = ctx.generator(c, h);
      if (!generator) {
        const failed = fail(c, c);
        if (failed) return failed;
        continue;
      }
      try {
        values.set(c, multipleOfDivisors(c, generator(rand, row), values, h));
      } catch (error) {
        if (!(error instanceof DatagenError)) throw error;
        const failed = fail(c, c);
        if (failed) return failed;
      }
    }
    if (lenient) return { values, incomplete };
    const failure = evaluateRow(values);
    return failure ? { values, failed: failure.failed } : { values };
  };

  /** A dividend's value moved to a multiple of its divisors' values (the evaluation still judges the row). */
  function multipleOfDivisors(
    c: string,
    value: string | null,
    values: ReadonlyMap<string, string | null>,
    h: ColumnHints,
  ): string | null {
    let v = value;
    for (const d of divisorsOf.get(c) ?? []) {
      const divisor = values.get(d) ?? null;
      if (v === null || divisor === null) break;
      v = multipleNear(v, divisor, ctx.baseType(c), h) ?? v;
    }
    return v;
  }

  /** Rows being made now: a row whose values lead back to itself (a self-referencing FK's column read from the row itself) is a cycle. */
  const making = new Set<number>();
  const rowValues = (row: number): Map<string, string | null> => {
    if (row === cachedRow) return cached;
    if (making.has(row)) {
      throw new DatagenError(
        ErrorCodes.UNSATISFIABLE,
        `${name}: row ${row} takes a column's value from its own row through a self-referencing foreign key.`,
        { table: name, row, constraint: 'a self-referencing foreign key' },
      );
    }
    making.add(row);
    try {
      return madeRow(row);
    } finally {
      making.delete(row);
    }
  };
  const madeRow = (row: number): Map<string, string | null> => {
    let last = '';
    for (let t = 0; t < ROW_ATTEMPTS; t++) {
      const { values, failed } = attemptRow(row, t);
      if (failed === undefined) {
        cachedRow = row;
        cached = values;
        return values;
      }
      last = failed;
    }
    if (ctx.generatorVersion >= 3) {
      const neutral = fallbacks.neutral(row);
      if (neutral) {
        cachedRow = row;
        cached = neutral;
        return neutral;
      }
      for (let t = ROW_ATTEMPTS; t < 2 * ROW_ATTEMPTS; t++) {
        const { values, failed } = attemptRow(row, t);
        if (failed === undefined) {
          cachedRow = row;
          cached = values;
          return values;
        }
      }
    }
    const rescued = fallbacks.values(row);
    if (rescued) {
      cachedRow = row;
      cached = rescued;
      return rescued;
    }
    throw new DatagenError(
      ErrorCodes.UNSATISFIABLE,
      `${name}: row ${row} still fails ${last} after ${ROW_ATTEMPTS} attempts. ` +
        `See how its columns are generated with "datagen plan"; generate from a copy of the DDL without that CHECK (or with an equivalent one datagen compiles), or give ${name} 0 rows with --rows.`,
      { table: name, row, constraint: last },
    );
  };

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
    ...(ctx.field ? { field: ctx.field } : {}),
    baseType: ctx.baseType,
    isDomain: ctx.isDomain,
    hints: (column) => ctx.table.columns.find((c) => c.column.name === column)?.hints,
  });
  return neutral ? { neutral } : {};
}
