/**
 * What the row engine does with a row that fails its CHECKs after every
 * attempt (issue 8's ladder, the steps after "evaluate with bounded retries"):
 *
 * 0. Neutral values (generator version 3; row-checks.ts tries them after
 *    the attempts, before attempts with NULLs drawn per attempt): a free
 *    number or text column the failing CHECK reads takes a value the CHECK
 *    names (another column's value or its negation, a constant, 0, '';
 *    neutral-values.ts), one failing CHECK at a time, when the row then
 *    passes: `-allocated BETWEEN least(0, qty) AND greatest(qty, 0)` is met
 *    by 0 or -qty, where random values almost never meet it.
 * 1. NULL: the nullable columns the failing CHECKs read (a free column, or
 *    all columns of a nullable foreign key together) are written NULL, one
 *    failing CHECK at a time, when the row then passes (SQL's CHECK passes
 *    on NULL; every CHECK is evaluated again, so one that needs the value
 *    still fails).
 * 2. Borrow, only for rows past the trial's rows: the columns the engine
 *    chooses freely (random and listed values, re-pickable foreign keys) are
 *    taken from a row the trial showed can be made (picked by hash of the
 *    row), the row's fixed columns (keys, pinned values) kept; used when the
 *    row then passes. A row the trial never saw cannot stop the run halfway
 *    through the output, whatever its draws.
 *
 * Both are pure functions of (seed, table, row), so every worker writes the
 * same row. The steps taken are counted per column for the trial's warnings.
 */
import { RowRandom, streamKey } from '../values/random.js';

/** Rows the trial (run/row-trial.ts) makes before writing; the borrow step takes its donors among them. */
export const TRIAL_ROWS = 10_000;

export type RowValues = Map<string, string | null>;

export interface Failure {
  /** What the row fails (`CHECK name (expression)`, or the column no value fits). */
  readonly failed: string;
  /** The columns the failing CHECK reads. */
  readonly columns: ReadonlySet<string>;
}

export interface FallbackContext {
  readonly seed: number;
  readonly schema: string;
  readonly table: string;
  readonly rows: number;
  /** Column groups written NULL together (a nullable free column; a nullable FK's columns). */
  readonly nullGroups: readonly (readonly string[])[];
  /** Columns whose values may come from another row. */
  readonly borrowable: readonly string[];
  /** The row's attempt-0 values, NULL where no value fits a nullable column; not complete when a NOT NULL one has none. */
  baseValues(row: number): { readonly values: RowValues; readonly complete: boolean };
  /** Generator version 3: the columns the neutral step may set, and how (undefined: no neutral step). */
  readonly neutral?: NeutralValues;
  /** The first CHECK the values fail, if any. */
  evaluate(values: RowValues): Failure | undefined;
  /** A row's values as the engine makes them (for donors: rows the trial made). */
  rowValues(row: number): RowValues;
}

export interface NeutralValues {
  /** Free number and text columns every CHECK of which datagen can evaluate. */
  readonly columns: ReadonlySet<string>;
  /** The values tried in the column for this row, in order. */
  candidates(column: string, row: number, values: RowValues, failure: Failure): readonly string[];
  /** The column's own (single-column) CHECKs hold for its value in these values. */
  fits(column: string, values: RowValues): boolean;
}

/** How often a table's rows took each step (the trial reads these for its warnings). */
export interface FallbackCounts {
  /** Rows with the column written NULL by the NULL step, and the CHECK that asked for it. */
  readonly nulls: Map<string, { rows: number; check: string }>;
  borrowed: number;
}

export interface RowFallbacks {
  readonly counts: FallbackCounts;
  /** The row's values after the NULL and borrow steps, or undefined when none gives a row that passes. */
  values(row: number): RowValues | undefined;
  /** The row's values after the neutral step (tried before more attempts with NULLs drawn per attempt), if it passes. */
  neutral(row: number): RowValues | undefined;
}

export function createRowFallbacks(ctx: FallbackContext): RowFallbacks {
  const counts: FallbackCounts = { nulls: new Map(), borrowed: 0 };
  const random = new RowRandom();
  const donorKey = streamKey(ctx.seed, ctx.schema, ctx.table, 'fallback', 'donor');
  const donors = Math.min(ctx.rows, TRIAL_ROWS);

  const nullStep = (base: RowValues): RowValues | undefined => {
    const values = new Map(base);
    const nulled = new Map<string, string>();
    for (let i = 0; i <= ctx.nullGroups.length; i++) {
      const failure = ctx.evaluate(values);
      if (!failure) {
        for (const [column, check] of nulled) {
          const seen = counts.nulls.get(column);
          if (seen) seen.rows += 1;
          else counts.nulls.set(column, { rows: 1, check });
        }
        return values;
      }
      const groups = ctx.nullGroups.filter(
        (g) => g.some((c) => failure.columns.has(c)) && g.some((c) => values.get(c) !== null),
      );
      if (groups.length === 0) return undefined;
      for (const g of groups)
        for (const c of g) {
          if (values.get(c) !== null) nulled.set(c, failure.failed);
          values.set(c, null);
        }
    }
    return undefined;
  };

  const neutralStep = (row: number, base: RowValues): RowValues | undefined => {
    const neutral = ctx.neutral;
    if (!neutral) return undefined;
    const values = new Map(base);
    for (let i = 0; i <= neutral.columns.size; i++) {
      const failure = ctx.evaluate(values);
      if (!failure) return values;
      if (!neutralMove(neutral, row, values, failure)) return undefined;
    }
    return undefined;
  };

  /** Sets one column the failure reads to a candidate after which no failing CHECK reads it; false when none does. */
  const neutralMove = (neutral: NeutralValues, row: number, values: RowValues, failure: Failure): boolean => {
    for (const c of failure.columns) {
      if (!neutral.columns.has(c)) continue;
      const before = values.get(c) ?? null;
      for (const v of neutral.candidates(c, row, values, failure)) {
        values.set(c, v);
        if (!neutral.fits(c, values)) continue;
        const next = ctx.evaluate(values);
        if (!next?.columns.has(c)) return true;
      }
      values.set(c, before);
    }
    return false;
  };

  const borrowStep = (row: number, base: RowValues): RowValues | undefined => {
    if (row < donors || donors === 0) return undefined;
    const donor = random.at(donorKey, row).below(donors);
    let from: RowValues;
    try {
      from = ctx.rowValues(donor);
    } catch {
      return undefined;
    }
    const values = new Map(base);
    for (const c of ctx.borrowable) if (from.has(c)) values.set(c, from.get(c) ?? null);
    if (ctx.evaluate(values)) return undefined;
    counts.borrowed += 1;
    return values;
  };

  return {
    counts,
    values(row) {
      const base = ctx.baseValues(row);
      return (base.complete ? nullStep(base.values) : undefined) ?? borrowStep(row, base.values);
    },
    neutral(row) {
      const base = ctx.baseValues(row);
      return base.complete ? neutralStep(row, base.values) : undefined;
    },
  };
}
