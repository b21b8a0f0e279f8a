/**
 * Rows the row engine cannot make: a table whose row N still fails an
 * evaluated CHECK after its bounded attempts is planned with its first N rows
 * (none when N is 0), so what is written always meets its CHECKs. The cuts
 * come from a trial of the rows before writing (run/row-trial.ts); they are
 * part of the plan, so every worker builds the same rows, and cut
 * propagation carries them to the table's children.
 */
import type { Warning } from '../errors.js';
import type { QualifiedName } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { optionTableName } from '../schema/quote.js';
import { narrowerForeignKeyRemedy } from './foreign-key-type-fits.js';

export interface TrialCut {
  /** The first row that cannot be made: the table keeps the rows before it. */
  readonly rows: number;
  /** What the row still fails (`CHECK name (expression)`). */
  readonly failure: string;
}

/** Trial cuts by table (`nameKey`). */
export type TrialCuts = ReadonlyMap<string, TrialCut>;

/**
 * The rows a table is planned with under the trial's cut, and the warning
 * that says so. Rows asked for by name (`--rows t=N`) are not cut: the run
 * stops at the failing row instead, as for any count asked for that datagen
 * cannot give.
 */
export function applyTrialCut(
  table: QualifiedName,
  requested: number,
  explicit: boolean,
  cuts: TrialCuts | undefined,
  warnings: Warning[],
): number {
  const cut = cuts?.get(nameKey(table));
  if (cut === undefined || cut.rows >= requested || explicit) return requested;
  const name = displayName(table);
  const kept = cut.rows === 0 ? 'gets no rows' : `gets ${cut.rows} row${cut.rows === 1 ? '' : 's'}`;
  // A CHECK load-error-checks.ts made of a generated column's or an index's expression: the DDL has no such CHECK.
  const narrower = narrowerForeignKeyRemedy(cut.failure);
  const fix = narrower
    ? `or ${narrower}`
    : / computed on every row \(/.test(cut.failure)
      ? 'or bound the columns the expression reads (a CHECK, a narrower type) so that PostgreSQL can compute it on every row, as it does at the COPY of a generated column and at CREATE INDEX.'
      : 'or generate from a copy of the DDL without that CHECK (or with an equivalent one datagen compiles).';
  warnings.push({
    code: 'ROWS_CUT_BY_CHECK',
    where: name,
    message:
      `${name} ${kept} instead of ${requested}: row ${cut.rows} still fails ${cut.failure} after every attempt, ` +
      'so only the rows before it are written (tables whose foreign keys need its rows follow). ' +
      `See how its columns are generated with "datagen plan"; ask for fewer rows with --rows ${optionTableName(table)}=N, ${fix}`,
  });
  return cut.rows;
}
