/**
 * What the row engine does with a row that fails its CHECKs after every
 * attempt (issue 8's ladder, the steps after "evaluate with bounded retries"):
 *
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
  /** The first CHECK the values fail, if any. */
  evaluate(values: RowValues): Failure | undefined;
  /** A row's values as the engine makes them (for donors: rows the trial made). */
  rowValues(row: number): RowValues;
}

/** How often a table's rows took each step (the trial reads these for its warnings). */
export interface FallbackCounts {
  /** Rows with the column written NULL by the NULL step, and the CHECK that asked for it. */
  readonly nulls: Map<string, { rows: number; check: string }>;
  borrowed: number;
}

export interface RowFallbacks {
  readonly counts: FallbackCounts;
  /** The row's values after the steps, or undefined when none gives a row that passes. */
  values(row: number): RowValues | undefined;
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
  };
}
