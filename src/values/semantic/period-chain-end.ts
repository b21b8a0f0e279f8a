/**
 * Version 14: a history's period ends chained to the parent's next period's
 * start (generate/series-offsets.ts), the latest a `to_date`'s 9999-01-01.
 */
import { daysFromCivil, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Table } from '../../schema/model.js';
import { nameTokens } from './detect-semantic.js';
import { PERIOD_END_WORDS, PERIOD_START_WORDS } from './number-time-names.js';
import type { RowContext, SemanticBuild } from './semantic-generator.js';
import { readTimestampSeconds } from './time-text.js';

const DATE_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** A period's start (`from_date`, `start_date`) in a table with a date-typed end (`to_date`, `end_date`). */
export function isPeriodStart(table: Table, column: string): boolean {
  if (!nameTokens(column).some((w) => PERIOD_START_WORDS.has(w))) return false;
  return table.columns.some(
    (c) => DATE_TYPES.has(c.type.name) && nameTokens(c.name).some((w) => PERIOD_END_WORDS.has(w)),
  );
}

/** The employees sample's end of a current period (`to_date`): 9999-01-01. */
export const OPEN_END_SECONDS = daysFromCivil(9999, 1, 1) * SECONDS_PER_DAY;

/**
 * Version 14: a period's end in a history whose start is a series beside its
 * parent (generate/series-offsets.ts): the start of the parent's next period
 * (`to_date` = the next salary's `from_date`, as the employees sample has
 * it), and for the parent's latest period 9999-01-01 where the end is a `to`
 * (the sample's "current"), else undefined (drawn as version 13 does: an end
 * in the past). Null where the start is no such series.
 */
export function periodChainEnd(
  build: SemanticBuild,
  columns: readonly (string | null)[],
): ((row: number) => number | undefined) | null {
  const start = columns.find(
    (column) => column !== null && nameTokens(column).some((w) => PERIOD_START_WORDS.has(w)),
  );
  const chain = start == null ? undefined : build.ctx.periodChain?.(start);
  if (chain === undefined) return null;
  const open = build.tokens.includes('to') ? OPEN_END_SECONDS : undefined;
  return (row) => {
    const next = chain.nextStart(row);
    return next === null ? open : readTimestampSeconds(next);
  };
}

/**
 * Version 15: a period's end chained to the next start (`titles.to_date`, nullable in the employees
 * sample) is never NULL: a NULL would break the chain, and the latest is 9999-01-01 where a `to`.
 */
export function isChainedPeriodEnd(table: Table, column: string, ctx: RowContext): boolean {
  if (!nameTokens(column).some((w) => PERIOD_END_WORDS.has(w))) return false;
  const start = table.columns.find((c) => isPeriodStart(table, c.name));
  return start !== undefined && ctx.periodChain?.(start.name) !== undefined;
}
