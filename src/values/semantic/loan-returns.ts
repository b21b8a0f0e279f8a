/**
 * Version 9: a loan's return comes about the loan's period after the loan.
 * A `return_date` beside a `rental_date` (a `returned_at` beside a
 * `loaned_at`, `borrowed_at`) falls the period's days after it, give or take
 * a day or two: the period the row or the rows it leads to name (pagila's
 * film `rental_duration`, through rental → inventory → film; a
 * `loan_period`, `rental_days`), else three to seven days. Never after the
 * dataset's "now". Version 8 drew any time up to the reference date (17
 * months after the rental).
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { readTimestampSeconds } from './time-text.js';
import { marginAgainst, REFERENCE_SECONDS, timeGeneratorOf } from './time-values.js';

const RETURN_WORDS = new Set(['return', 'returned']);
const LOAN_WORDS = new Set(['rental', 'rented', 'rent', 'loan', 'loaned', 'borrow', 'borrowed', 'lent']);
/** The words of a loan's period in days (`rental_duration`, `loan_period`, `rental_days`). */
const PERIOD_WORDS = new Set(['duration', 'period', 'days']);

/** The loan start (`rental_date`) a return column of the table follows, or null (no return, no loan start). */
export function loanStartOf(
  table: Table,
  column: string,
  kindOf: (name: string) => SemanticKind | null,
): string | null {
  if (!nameTokens(column).some((w) => RETURN_WORDS.has(w))) return null;
  const found = table.columns.find(
    (c) =>
      c.name !== column &&
      !c.generated &&
      kindOf(c.name) === 'created_at' &&
      nameTokens(c.name).some((w) => LOAN_WORDS.has(w)),
  );
  return found?.name ?? null;
}

/** A loan's period in days by its name (`rental_duration`, `loan_period`, `rental_days`). */
export function isLoanPeriodName(name: string): boolean {
  const t = nameTokens(name);
  return t.some((w) => LOAN_WORDS.has(w)) && PERIOD_WORDS.has(t[t.length - 1] ?? '');
}

const INTEGERS = new Set(['int2', 'int4', 'int8', 'numeric']);

/** The loan's period in days, as the row or its ancestors write it, or undefined. */
function periodReader(build: SemanticBuild): ((row: number) => string | null | undefined) | undefined {
  const own = build.table.columns.find(
    (c) => c.name !== build.column.name && INTEGERS.has(c.type.name) && isLoanPeriodName(c.name),
  );
  if (own) return siblingReader(build.ctx, own.name);
  return build.ctx.ancestorColumn?.(
    (_table, column) => INTEGERS.has(column.type.name) && isLoanPeriodName(column.name),
  )?.read;
}

/** Days a loan lasts where nothing names its period: 3 to 7. */
function usualPeriod(rand: RowRandom): number {
  return 3 + rand.below(5);
}

/** Version 9: a loan's period in days (`rental_duration`, `loan_period`): 3 to 7, a few 14 (version 8: 1 to 30). */
export function createLoanPeriodGenerator(build: SemanticBuild): SemanticGenerator | null {
  if (!isLoanPeriodName(build.column.name)) return null;
  return { escapeFree: true, random: (rand) => String(rand.chance(0.05) ? 14 : usualPeriod(rand)) };
}

/**
 * A loan's return (see the module), or null where the column is no return
 * or its row has no loan start.
 */
export function createLoanReturnGenerator(build: SemanticBuild): SemanticGenerator | null {
  const start = loanStartOf(build.table, build.column.name, (name) => build.ctx.siblingKind(name));
  if (start === null) return null;
  const readStart = siblingReader(build.ctx, start);
  const readPeriod = periodReader(build);
  const margin = marginAgainst(build, start);
  const isDate = build.base.name === 'date';
  const now = REFERENCE_SECONDS - 1;
  return timeGeneratorOf(build, (rand, row) => {
    const text = readStart(row);
    const startAt = typeof text === 'string' ? readTimestampSeconds(text) : undefined;
    const periodText = readPeriod?.(row);
    const named = typeof periodText === 'string' ? Number(periodText) : Number.NaN;
    const period = named > 0 && named <= 366 ? named : usualPeriod(rand);
    // Most back within a day or two of the period's end, early or late.
    const days = Math.max(0.2, period + 3 * (rand.float() - 0.6));
    if (startAt === undefined) return now - Math.floor(days * SECONDS_PER_DAY);
    let low = Math.ceil(startAt) + margin;
    if (isDate) low = Math.ceil(low / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    const back = Math.min(low + Math.floor(days * SECONDS_PER_DAY), Math.max(now, low));
    return isDate ? Math.max(low, Math.floor(back / SECONDS_PER_DAY) * SECONDS_PER_DAY) : back;
  });
}
