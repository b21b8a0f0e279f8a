/**
 * The row trial: before anything is written, the rows of every table whose
 * CHECKs the row engine evaluates are made once: the first TRIAL_ROWS, then
 * PROBE_ROWS spread evenly over the rest up to the last (a CHECK that fails
 * from some row on, `id * 2 < 30000`, is found there; a table whose CHECKs
 * read columns no fallback changes, its keys, has every row's CHECK columns
 * made, since a later row failing them has no fallback). A row that still fails
 * after the engine's attempts and fallbacks (generate/row-fallbacks.ts)
 * becomes a cut in the plan (the table keeps the rows before it, see
 * plan/trial-cuts.ts) instead of an error halfway through the output; the
 * plan is made again with the cut, since fewer rows can change what the
 * remaining rows and the children pick. The fallback steps the tried rows
 * took are warned per column.
 */
import { counted, DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { ROW_ATTEMPTS } from '../generate/row-checks.js';
import { TRIAL_ROWS } from '../generate/row-fallbacks.js';
import { createValueSource, type ValueSource } from '../generate/value-source.js';
import { createPlan, type PlanOptions } from '../plan/create-plan.js';
import { narrowerForeignKeyRemedy } from '../plan/foreign-key-type-fits.js';
import type { GenerationPlan, TablePlan } from '../plan/plan-model.js';
import type { TrialCut } from '../plan/trial-cuts.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Schema } from '../schema/model.js';
import { displayColumn, displayName, nameKey } from '../schema/names.js';

export { TRIAL_ROWS };

/** Rows tried past the first TRIAL_ROWS, spread evenly up to the last row. */
export const PROBE_ROWS = 1000;

/** Rows made after the trial's to find the first failing one when a probe fails. */
const SCAN_ROWS = 100_000;

/** Plans made at most; each one after the first lowers some table's rows, so this is a safety bound. */
const MAX_PLANS = 32;

function usesRowEngine(t: TablePlan): boolean {
  const c = t.checks;
  return c.verify.length + c.relations.length + c.counts.length + c.choices.length > 0;
}

interface TrialFailure {
  /** The table the failing row belongs to, by nameKey (a child's trial reaches its parents' rows too). */
  readonly table: string;
  readonly cut: TrialCut;
  readonly error: DatagenError;
}

/** A row-engine failure read from the error a row's values threw; undefined for any other DatagenError. */
function failureOf(error: unknown): TrialFailure | undefined {
  if (!(error instanceof DatagenError)) throw error;
  const data = error.data as { tableKey?: unknown; row?: unknown; constraint?: unknown };
  if (
    error.code !== ErrorCodes.UNSATISFIABLE ||
    typeof data.tableKey !== 'string' ||
    typeof data.row !== 'number'
  )
    return undefined;
  return {
    table: data.tableKey,
    cut: { rows: data.row, failure: String(data.constraint ?? 'its CHECKs') },
    error,
  };
}

/** The rows the trial makes past the first TRIAL_ROWS: PROBE_ROWS of them, evenly spread, the last row included. */
export function probeRows(rows: number): number[] {
  const from = Math.min(rows, TRIAL_ROWS);
  const rest = rows - from;
  if (rest <= 0) return [];
  if (rest <= PROBE_ROWS) return Array.from({ length: rest }, (_, i) => from + i);
  return Array.from({ length: PROBE_ROWS }, (_, i) => from + Math.floor(((i + 1) * (rest - 1)) / PROBE_ROWS));
}

/**
 * The first row-engine failure among a table's tried rows, if any. Other
 * errors (a column that cannot be built) are left to the run, which reports
 * them with the column's name.
 */
function tryTable(
  source: ValueSource,
  index: number,
  plan: GenerationPlan,
  tally: NullTally,
): TrialFailure | undefined {
  const t = plan.tables[index] as TablePlan;
  const name = displayName(t.table);
  const columns = source.writtenColumns(index);
  // The columns the row engine decides are what can fail (the others never call it: keys, FKs' parent keys, free values).
  const engine = source.checkColumns(index);
  const tried = columns.filter((c) => engine.has(c.name));
  for (const c of tried) tally.set(c.name, { rows: 0, nulls: 0 });
  // `undefined`: the row was made; `null`: it failed with another error (left to the run).
  const tryRow = (row: number): TrialFailure | null | undefined => {
    try {
      const values = tried.map((c) => c.fn(row));
      tried.forEach((c, i) => {
        const seen = tally.get(c.name) as { rows: number; nulls: number };
        seen.rows += 1;
        if (values[i] === null) seen.nulls += 1;
      });
      return undefined;
    } catch (error) {
      return failureOf(error) ?? null;
    }
  };
  const first = Math.min(t.rows, TRIAL_ROWS);
  for (let row = 0; row < first; row++) {
    const failure = tryRow(row);
    if (failure !== undefined) return failure ?? undefined;
  }
  // CHECKs on columns no fallback changes (keys): a later row failing them would stop the run mid-output,
  // so every row's CHECK columns are made here (a proof, at the cost of making them twice).
  if (source.fixedCheckColumns(index).size > 0 && t.rows > first) {
    for (let row = first; row < t.rows; row++) {
      try {
        for (const c of tried) c.fn(row);
      } catch (error) {
        return failureOf(error);
      }
    }
    return undefined;
  }
  for (const probe of probeRows(t.rows)) {
    const failure = tryRow(probe);
    if (failure === undefined) continue;
    // A parent's row is the parent's own trial's to find; this table's rows are scanned from the trial's end.
    if (failure === null || failure.table !== name) return undefined;
    const end = Math.min(probe, first + SCAN_ROWS);
    for (let row = first; row < end; row++) {
      const earlier = tryRow(row);
      if (earlier === null) return undefined;
      if (earlier && earlier.table === name) return earlier;
    }
    return probe === end ? failure : { ...failure, cut: { ...failure.cut, rows: end } };
  }
  return undefined;
}

/** Per column the row engine decides, the tried rows made and those with the column NULL. */
type NullTally = Map<string, { rows: number; nulls: number }>;

/** `every one of the 50 rows` / `3 of the 50 rows` (the tried rows with the column NULL). */
function nullShare(seen: { rows: number; nulls: number }): string {
  const of = counted(seen.rows, 'row');
  return seen.nulls === seen.rows ? `every one of the ${of}` : `${seen.nulls} of the ${of}`;
}

/** Warnings for the fallback steps the tried rows took (NULL written, values from another row). */
function fallbackWarnings(
  source: ValueSource,
  plan: GenerationPlan,
  tallies: ReadonlyMap<number, NullTally>,
): Warning[] {
  const warnings: Warning[] = [];
  plan.tables.forEach((t, index) => {
    if (t.rows === 0 || t.excluded || !usesRowEngine(t)) return;
    const name = displayName(t.table);
    const tally = tallies.get(index) ?? new Map();
    warnings.push(...nullEverywhereWarnings(t, tally, source.fallbacks(index)?.nulls));
    const counts = source.fallbacks(index);
    if (!counts) return;
    const tried = Math.min(t.rows, TRIAL_ROWS) + probeRows(t.rows).length;
    for (const [column, { rows, check }] of counts.nulls) {
      const seen = tally.get(column);
      const share = seen && seen.rows > 0 ? nullShare(seen) : `${rows} of the ${counted(tried, 'row')}`;
      warnings.push({
        code: 'COLUMN_NULL_BY_CHECK',
        where: displayColumn(t.table, column),
        message:
          `${displayColumn(t.table, column)} is written NULL in ${share} tried (and in any later row alike): ` +
          `${check} still failed after ${ROW_ATTEMPTS} attempts and holds with ${column} NULL. ` +
          'See how its columns are generated with "datagen plan"; ' +
          (narrowerForeignKeyRemedy(check) ??
            'generate from a copy of the DDL with an equivalent CHECK datagen compiles for values in every row.'),
      });
    }
    if (counts.borrowed > 0) {
      warnings.push({
        code: 'ROW_VALUES_REUSED',
        where: name,
        message:
          `${name}: ${counts.borrowed} of the ${counted(tried, 'row')} tried failed their CHECKs after ${ROW_ATTEMPTS} attempts and take ` +
          'the freely chosen columns (not keys) of an earlier row that meets them (and any later row alike). ' +
          'See how its columns are generated with "datagen plan".',
      });
    }
  });
  return warnings;
}

/**
 * A nullable column the row engine decides that is NULL in every tried row without the NULL step (its
 * CHECKs passed only on attempts that drew NULL): told, with the CHECKs that read it.
 */
function nullEverywhereWarnings(
  t: TablePlan,
  tally: NullTally,
  stepped: ReadonlyMap<string, unknown> | undefined,
): Warning[] {
  const warnings: Warning[] = [];
  for (const [column, seen] of tally) {
    if (seen.rows === 0 || seen.nulls < seen.rows || stepped?.has(column)) continue;
    const c = t.columns.find((p) => p.column.name === column);
    const fk = c?.source.kind === 'foreign-key' ? t.foreignKeys[c.source.fk] : undefined;
    if (!c || c.column.notNull || c.hints.nullOnly || (fk ? fk.nullRate : c.nullRate) >= 1) continue;
    const reads = (p: { readonly ast: unknown }) => expressionColumns(p.ast).includes(column);
    // A column a per-row choice, relation or count decides may be NULL by the branch chosen: not told here.
    if ([...t.checks.relations, ...t.checks.counts, ...t.checks.choices].some(reads)) continue;
    const read = [...new Set(t.checks.verify.filter(reads).map((p) => `${p.check} (${p.text})`))];
    if (read.length === 0) continue;
    warnings.push({
      code: 'COLUMN_NULL_BY_CHECK',
      where: displayColumn(t.table, column),
      message:
        `${displayColumn(t.table, column)} is NULL in ${nullShare(seen)} tried: no value datagen tried met CHECK ${read.join(', CHECK ')}, ` +
        `which holds with ${column} NULL. See how its columns are generated with "datagen plan"; ` +
        'generate from a copy of the DDL with an equivalent CHECK datagen compiles for values in every row.',
    });
  }
  return warnings;
}

/**
 * The plan and value source the run writes from: planned, tried, and planned
 * again with cuts until the tried rows can all be made. A pure function of the
 * schema and options, so the output stays the same for any -j. A failing row
 * of a table whose rows were asked for by name (which is never cut) stops the
 * run here, before anything is written. `adjust` is applied to each plan
 * before its rows are tried (--append: the keys the target holds).
 */
export function planWithRowTrial(
  schema: Schema,
  options: PlanOptions,
  adjust: (plan: GenerationPlan) => GenerationPlan = (plan) => plan,
): { plan: GenerationPlan; source: ValueSource } {
  const cuts = new Map<string, TrialCut>();
  for (let n = 1; ; n++) {
    const plan = adjust(createPlan(schema, { ...options, trialCuts: cuts }));
    const source = createValueSource(schema, plan);
    if (n === MAX_PLANS) return { plan, source };
    const keys = new Set(plan.tables.map((t) => nameKey(t.table)));
    let changed = false;
    const tallies = new Map<number, NullTally>();
    plan.tables.forEach((t, index) => {
      if (t.rows === 0 || t.excluded || !usesRowEngine(t)) return;
      const tally: NullTally = new Map();
      tallies.set(index, tally);
      const failure = tryTable(source, index, plan, tally);
      const key = failure?.table;
      if (!failure || key === undefined || !keys.has(key)) return;
      const before = cuts.get(key);
      // The cut is in place and the table still fails at or past it: its rows were asked for by name.
      if (before !== undefined && before.rows <= failure.cut.rows) throw failure.error;
      cuts.set(key, failure.cut);
      changed = true;
    });
    if (!changed)
      return {
        plan: { ...plan, warnings: [...plan.warnings, ...fallbackWarnings(source, plan, tallies)] },
        source,
      };
  }
}
