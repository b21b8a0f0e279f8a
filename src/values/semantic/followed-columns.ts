/**
 * The column of its row a later time follows, by the names: an end its
 * start (`end_date` after `start_date`, `returned` after `rented`), else the
 * row's creation; a fulfilment step the step before it (`delivered_at`
 * after `shipped_at`), within its span (time-values.ts' createLaterGenerator
 * draws the time from them).
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import { nameTokens } from './detect-semantic.js';
import { isCreationName, periodCounterpart } from './number-time-names.js';
import { pairedStart } from './row-time-order.js';
import { type SemanticBuild, siblingOfKind } from './semantic-generator.js';

/** Words of an ending event, and the words of the start it pairs with (`end_date` after `start_date`). */
const PAIRS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ['end', 'ended', 'finish', 'finished', 'completed', 'completion', 'closed', 'close'],
    ['start', 'started', 'begin', 'began', 'opened', 'open'],
  ],
  [['to', 'until', 'thru', 'through'], ['from']],
  [
    ['return', 'returned', 'checkout'],
    ['rental', 'rented', 'checkin'],
  ],
  [
    ['shipped', 'ship', 'delivered', 'delivery', 'paid', 'payment', 'cancelled', 'canceled'],
    ['order', 'ordered', 'placed'],
  ],
];

/**
 * The row's start this column follows: its pair by name when the table has
 * one, else (version 3) the column named as the row's creation
 * (`farm_events.updated_at` after `created_at`, not after `start_time`, the
 * first start in the table), else its first start.
 */
export function startColumn(build: SemanticBuild): string | null {
  const pair = PAIRS.find(([ends]) => build.tokens.some((w) => ends.includes(w)));
  const starts = build.table.columns.filter(
    (column) =>
      column.name !== build.column.name &&
      !column.generated &&
      build.ctx.siblingKind(column.name) === 'created_at',
  );
  // Version 3: the start of this very period first (`trial_end` after `trial_start`, not `period_start`).
  const own = build.version >= 3 ? periodCounterpart(build.tokens, build.table, 'start') : null;
  if (own !== null && starts.some((column) => column.name === own)) return own;
  if (build.version >= 4) {
    // Version 4: the start of this very pair (`end_date` after `begin_date`, not `start_time`; `closed` after `opened`).
    const paired = pairedStart(build, starts, PAIRS);
    if (paired !== null) return paired;
  } else if (pair) {
    const paired = starts.find((column) => nameTokens(column.name).some((w) => pair[1].includes(w)));
    if (paired) return paired.name;
  }
  if (build.version >= 3) {
    const creation = starts.find((column) => isCreationName(column.name));
    if (creation) return creation.name;
  }
  return siblingOfKind(build, 'created_at');
}

/**
 * Fulfilment steps: a step comes within `span` seconds of the step before it
 * (`delivered_at` after `shipped_at`) or of the row's start, not years later.
 */
export const STEPS: readonly {
  readonly words: readonly string[];
  readonly span: number;
  readonly after: readonly string[];
}[] = [
  { words: ['paid', 'payment'], span: 3 * SECONDS_PER_DAY, after: [] },
  { words: ['shipped', 'ship', 'dispatched'], span: 14 * SECONDS_PER_DAY, after: [] },
  { words: ['delivered', 'delivery'], span: 10 * SECONDS_PER_DAY, after: ['shipped', 'ship', 'dispatched'] },
];

/** The step before this one in the row (`shipped_at` for `delivered_at`): a later-kind column that is not itself this step. */
export function previousStep(build: SemanticBuild, step: (typeof STEPS)[number] | undefined): string | null {
  if (!step || step.after.length === 0) return null;
  for (const column of build.table.columns) {
    if (column.name === build.column.name || column.generated) continue;
    if (build.ctx.siblingKind(column.name) !== 'updated_at') continue;
    const words = nameTokens(column.name);
    if (words.some((w) => step.after.includes(w)) && !words.some((w) => step.words.includes(w)))
      return column.name;
  }
  return null;
}
