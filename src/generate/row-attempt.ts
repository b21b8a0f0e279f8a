/**
 * One attempt at a row of the row engine (row-checks.ts): the attempt's OR
 * branches and count sets chosen, the re-picked FKs' values, then each
 * decided column in dependency order (NULL where a hint or the NULL draw
 * says so, a stage date as the status says, a relation's dependent between
 * its bases' bounds, a dividend moved to a multiple of its divisors, else
 * the column's generator), and the row evaluated against the CHECKs.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { DatagenError } from '../errors.js';
import type { ColumnPlan } from '../plan/plan-model.js';
import { multipleNear } from '../values/integer-progression.js';
import { RowRandom } from '../values/random.js';
import type { PeriodChain } from '../values/semantic/index.js';
import { latticeValues } from './lattice-values.js';
import { type RangeTie, tiedRange } from './range-ties.js';
import {
  type PeriodCeiling,
  periodCeilingOf,
  type RelationAtom,
  relativeText,
  relativeValue,
} from './relation-values.js';
import type { RowCheckLayout } from './row-check-layout.js';
import type { RowCheckContext } from './row-checks.js';
import type { RowChoices } from './row-choices.js';

/** Attempts per row before the run fails. */
export const ROW_ATTEMPTS = 32;
/** Attempts that keep a stage date agreeing with the row's status (the later ones may break it to meet the CHECKs). */
const STAGE_ATTEMPTS = ROW_ATTEMPTS / 2;

export interface AttemptResult {
  readonly values: Map<string, string | null>;
  /** The constraint (or column) the attempt failed on. */
  readonly failed?: string;
  /** Lenient: a NOT NULL column no value fits was left out. */
  readonly incomplete?: boolean;
}

export interface RowAttemptDeps {
  readonly ctx: RowCheckContext;
  readonly layout: RowCheckLayout;
  /** The attempt's OR branches, count sets and hints. */
  choose(row: number, t: number): RowChoices;
  /** The first CHECK a row's values fail, if any. */
  evaluateRow(values: ReadonlyMap<string, string | null>): { readonly failed: string } | undefined;
  /** The plain value functions of the decided columns. */
  readonly plain: ReadonlyMap<string, (row: number) => string | null>;
  /** A stream key of the table. */
  tableKey(...parts: (string | number)[]): number;
  /** Where the attempt in progress shows its values (an attempt inside another restores the outer one's). */
  readonly progress: AttemptInProgress;
}

/**
 * Attempt t of a row. `lenient` (the fallbacks' base): a column no value
 * fits is left NULL (when nullable) or out, the rest still made, and
 * nothing evaluated.
 */
export type RowAttempt = (row: number, t: number, lenient?: boolean) => AttemptResult;

/**
 * Version 23: the values the attempt in progress has made so far, by row,
 * for the generators inside the engine to read (a tax a rate of the row's
 * subtotal: they read nothing of the engine's columns before, so 0).
 */
export interface AttemptInProgress {
  row: number;
  values: ReadonlyMap<string, string | null> | undefined;
}

/** A column's value the attempt in progress at `row` has made, or undefined. */
export function madeSoFar(
  progress: AttemptInProgress,
  column: string,
  row: number,
): string | null | undefined {
  return progress.row === row ? progress.values?.get(column) : undefined;
}

export function createRowAttempt(deps: RowAttemptDeps): RowAttempt {
  const { ctx, layout, choose, evaluateRow, plain, tableKey, progress } = deps;
  const { columnPlans, isFree, nullable, codecOf, boundOf, repicked, repickedColumns, order, stages, ties } =
    layout;
  const { byColumn: equations, setBases } = layout.equations;
  const valueRandom = new RowRandom();
  const nullRandom = new RowRandom();
  const { ceilingOf, chainedEnd } = periodEnds(ctx, codecOf);
  const onLattice = latticeOf(ctx, columnPlans);
  const attempt: RowAttempt = (row, t, lenient = false) => {
    let incomplete = false;
    const fail = (c: string, failed: string): AttemptResult | undefined => {
      if (!lenient) return { values, failed };
      if (nullable(c)) values.set(c, null);
      else incomplete = true;
      return undefined;
    };
    const { hints, activeRelations } = choose(row, t);

    const values = repickedValues(repicked, hints, nullable, row, t);
    progress.values = values;
    // Range columns built from the row's columns (range-ties.ts) bound their columns as the chosen relations do.
    const relations =
      layout.tiedRelations.length === 0 ? activeRelations : [...activeRelations, ...layout.tiedRelations];
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
      if (agreed !== true && p.nullRate > 0 && h.notNull !== true && !setBases.has(c)) {
        if (nullRandom.at(tableKey(c, 'null', 'attempt', nullDraw(ctx, t)), row).chance(p.nullRate)) {
          values.set(c, null);
          continue;
        }
      }
      // Version 22: a column an equation computes (check-equations.ts); a range tied to its bounds' columns.
      const equation = equations.get(c);
      const tie = ties.get(c);
      if (equation || tie) {
        const v = equation
          ? equation.computed(values)
          : tiedRange(tie as RangeTie, ctx.baseType(c).name, values, codecOf);
        if (v === undefined || (v === null && !nullable(c))) {
          const failed = fail(c, equation?.failed ?? c);
          if (failed) return failed;
        } else values.set(c, v);
        continue;
      }
      const rand = valueRandom.at(t === 0 ? tableKey(c) : tableKey(c, 'attempt', t), row);
      const active = activeBounds(relations, boundOf, c, values);
      if (active.length > 0) {
        const codec = codecOf(c);
        const chained = t === 0 ? chainedEnd(c, active[0]?.bound.base as string, row) : undefined;
        const made = chained
          ? chained
          : codec
            ? relativeValue(codec, h, active, rand, ceilingOf(c, active[0]?.bound.base as string))
            : relativeText(ctx.baseType(c), h, active, rand);
        // Version 23: a dependent date on its lattice too (the row's evaluation judges the relation).
        const v = made === undefined ? made : onLattice(c, made);
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
        values.set(c, multipleOfDivisors(ctx, layout, c, generator(rand, row), values, h));
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
  return shownInProgress(progress, attempt);
}

/** The attempt with its row shown in `progress` while it runs (an attempt inside it restores the outer one's after). */
function shownInProgress(progress: AttemptInProgress, attempt: RowAttempt): RowAttempt {
  return (row, t, lenient = false) => {
    const outer = { row: progress.row, values: progress.values };
    progress.row = row;
    progress.values = undefined;
    try {
      return attempt(row, t, lenient);
    } finally {
      progress.row = outer.row;
      progress.values = outer.values;
    }
  };
}

/** The relations whose dependent is `c` and whose base the row has set, with the base's value. */
function activeBounds(
  relations: readonly RelationAtom[],
  boundOf: RowCheckLayout['boundOf'],
  c: string,
  values: ReadonlyMap<string, string | null>,
) {
  return relations.flatMap((r) => {
    const b = boundOf.get(r);
    if (!b || b.dependent !== c) return [];
    const base = values.get(b.base) ?? null;
    return base === null ? [] : [{ bound: b, base }];
  });
}

/** Version 23: a column's value moved onto its CHECKs' lattice (lattice-values.ts), memoised per column. */
function latticeOf(ctx: RowCheckContext, columnPlans: RowCheckLayout['columnPlans']) {
  const snaps = new Map<string, ((v: string | null) => string | null) | undefined>();
  return (c: string, value: string): string => {
    if (!snaps.has(c)) {
      const p = columnPlans.get(c);
      const snap =
        p === undefined || p.steer !== undefined
          ? undefined
          : latticeValues(ctx.table, c, ctx.baseType(c), p.hints, ctx.generatorVersion);
      snaps.set(c, snap);
    }
    return snaps.get(c)?.(value) ?? value;
  };
}

/**
 * Which NULL draw attempt t reads. Version 3: in the first ROW_ATTEMPTS attempts a row's NULLs are drawn once, not
 * per attempt (a CHECK no random value meets went NULL at the first NULL draw, in nearly every row); then the neutral
 * values, then attempts with NULLs drawn per attempt as before.
 */
function nullDraw(ctx: RowCheckContext, t: number): number {
  return ctx.generatorVersion >= 3 && t < ROW_ATTEMPTS ? 0 : t;
}

/**
 * A period's end beside its start, per column and base (by name): version 13's ceiling (after its start in the
 * past, before the next start) and version 14's chained end (its parent's next period's start, series-offsets.ts).
 */
function periodEnds(ctx: RowCheckContext, codecOf: RowCheckLayout['codecOf']) {
  const ceilings = new Map<string, PeriodCeiling | undefined>();
  const ceilingOf = (c: string, base: string): PeriodCeiling | undefined => {
    const key = `${c}\u0000${base}`;
    if (!ceilings.has(key)) {
      const codec = codecOf(c);
      ceilings.set(key, codec && periodCeilingOf(codec, c, base, ctx.generatorVersion));
    }
    return ceilings.get(key);
  };
  const chains = new Map<string, PeriodChain | undefined>();
  const chainedEnd = (c: string, base: string, row: number): string | undefined => {
    if (ctx.generatorVersion < 14 || ceilingOf(c, base) === undefined) return undefined;
    if (!chains.has(base)) chains.set(base, ctx.periodChain?.(base));
    return chains.get(base)?.nextStart(row) ?? undefined;
  };
  return { ceilingOf, chainedEnd };
}

/** The foreign keys picked again per attempt (their columns together, attempt 0 the plain pick), NULL where the hints allow only that. */
function repickedValues(
  repicked: RowCheckLayout['repicked'],
  hints: ReadonlyMap<string, { readonly notNull?: boolean; readonly nullOnly?: boolean }>,
  nullable: (c: string) => boolean,
  row: number,
  t: number,
): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const k of repicked) {
    const notNull = k.columns.some((c) => hints.get(c)?.notNull === true);
    const picked = k.values(row, t, notNull);
    k.columns.forEach((c, i) => {
      values.set(c, hints.get(c)?.nullOnly && nullable(c) ? null : (picked[i] ?? null));
    });
  }
  return values;
}

/** A dividend's value moved to a multiple of its divisors' values (the evaluation still judges the row). */
function multipleOfDivisors(
  ctx: RowCheckContext,
  layout: RowCheckLayout,
  c: string,
  value: string | null,
  values: ReadonlyMap<string, string | null>,
  h: ColumnHints,
): string | null {
  let v = value;
  for (const d of layout.divisorsOf.get(c) ?? []) {
    const divisor = values.get(d) ?? null;
    if (v === null || divisor === null) break;
    v = multipleNear(v, divisor, ctx.baseType(c), h) ?? v;
  }
  return v;
}
