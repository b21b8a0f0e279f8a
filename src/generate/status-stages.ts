/**
 * Version 22's words for status-dates.ts: the lifecycle steps of payments,
 * grading, course publishing, enrolments and carrier pick-ups, and the
 * endings off the line told apart (a `failed` payment has its `failed_at`,
 * not a `cancelled_at`; an `uncollectible` invoice neither `paid_at` nor
 * `voided_at`). A date that names what is expected (`estimated_delivery`,
 * `scheduled_at`, `due_date`) records no step reached.
 */
import { HOME_TABLE } from '../values/semantic/version-twentyfive-names.js';
import { JOB_TABLE, RECRUITING_TABLE } from '../values/semantic/version-twentyfour-names.js';

/** Off the lifecycle line (status-dates.ts' `CANCELLED`). */
const OFF = -1;

/** Version 22: statuses by the step they have reached (a compacted value: `picked_up` → `pickedup`). */
export const STATUS_STAGES_22: Readonly<Record<string, number>> = {
  pickedup: 2,
  graded: 3,
  marked: 3,
  succeeded: 3,
  successful: 3,
  settled: 3,
  archived: 4,
  refunded: 4,
  chargedback: 4,
  disputed: 4,
  dropped: OFF,
  withdrawn: OFF,
  uncollectible: OFF,
  expired: OFF,
  failed: OFF,
  bounced: OFF,
  lost: OFF,
  aborted: OFF,
  denied: OFF,
  suspended: OFF,
  writtenoff: OFF,
};

/** Version 22: the step a date records, by a word of its name (before version 3's words). */
export const DATE_STAGES_22: Readonly<Record<string, number>> = {
  picked: 2,
  pickup: 2,
  graded: 3,
  marked: 3,
  succeeded: 3,
  settled: 3,
  archived: 4,
  refunded: 4,
  refund: 4,
  chargeback: 4,
  disputed: 4,
  dropped: OFF,
  withdrawn: OFF,
  withdrawal: OFF,
  expired: OFF,
  failed: OFF,
  failure: OFF,
  bounced: OFF,
  lost: OFF,
  aborted: OFF,
  denied: OFF,
  suspended: OFF,
  suspension: OFF,
};

/** Words of a date that is expected, not reached (`estimated_delivery`, `scheduled_at`, `due_date`, `eta`). */
const PLANNED = new Set([
  'estimated',
  'estimate',
  'expected',
  'scheduled',
  'planned',
  'target',
  'due',
  'eta',
  'promised',
  'projected',
  'deadline',
]);

/** Whether a date column names an expected time rather than a step reached. */
export function isPlannedDate(tokens: readonly string[]): boolean {
  return tokens.some((w) => PLANNED.has(w));
}

/** Endings off the line, each with the words its statuses and dates use. */
const ENDINGS: readonly (readonly string[])[] = [
  'cancelled canceled cancellation cancel void voided abandoned aborted'.split(' '),
  'rejected rejection declined refused denied denial'.split(' '),
  'failed failure bounced'.split(' '),
  'dropped withdrawn withdrawal'.split(' '),
  'expired expiry expiration'.split(' '),
  'uncollectible writtenoff'.split(' '),
  'suspended suspension'.split(' '),
  'lost'.split(' '),
];

/** Whether an ending status (`void`) and a date's name (`voided_at`) are the same kind of ending. */
export function sameEnding(status: string, dateTokens: readonly string[]): boolean {
  const compact = status.toLowerCase().replace(/[^a-z]/g, '');
  const ending = ENDINGS.find((words) => words.includes(compact));
  if (ending === undefined) return false;
  return dateTokens.some((w) => ending.includes(w));
}

/** Version 23: a step before the line's first (status-dates.ts' stage 0): nothing handed in yet. */
export const BEFORE_FIRST = -0.5;

/** Version 23: statuses of a row not yet handed in (`not_submitted`, `missing`, `draft`). */
export const STATUS_STAGES_23: Readonly<Record<string, number>> = {
  notsubmitted: BEFORE_FIRST,
  unsubmitted: BEFORE_FIRST,
  notstarted: BEFORE_FIRST,
  missing: BEFORE_FIRST,
  draft: BEFORE_FIRST,
};

/** Version 23: a date of the line's first step, a hand-in (`submitted_at`, `turned_in_at`): stage 0. */
export const DATE_STAGES_23: Readonly<Record<string, number>> = { submitted: 0, submission: 0, turned: 0 };

/** A table of graded work (`submissions`, `quiz_attempts`, `enrollments`, `exam_results`). */
const GRADED_TABLE = /submission|attempt|enrol|exam|assessment|grade|result/;
/** Words of a value a grading sets (`score`, `grade`, `feedback`, `points_awarded`). */
const GRADING_WORDS = new Set('score grade feedback marks mark points comments grader'.split(' '));
const GRADED_STAGE = 3;

/**
 * Version 23: the step a nullable value column belongs to (a submission's
 * `score` and `feedback` are the grading's, NULL before it), in a table of
 * graded work or beside a `graded_at`; undefined for any other column.
 */
export function stageOfValue(
  tableName: string,
  siblings: readonly string[],
  tokens: readonly string[],
): number | undefined {
  if (!tokens.some((w) => GRADING_WORDS.has(w)) || tokens.some((w) => w === 'max' || w === 'possible'))
    return undefined;
  const graded =
    GRADED_TABLE.test(tableName.toLowerCase()) ||
    siblings.some((s) => /(^|_)(graded|marked|scored)(_|$)/.test(s));
  return graded ? GRADED_STAGE : undefined;
}

/** Version 24: statuses of a job filled, a candidate hired, a loan returned (after its other steps). */
export const STATUS_STAGES_24: Readonly<Record<string, number>> = {
  filled: 3,
  hired: 3,
  returned: 4,
};

/** Version 24: an answer's date (`responded_at`): set on an acceptance and a refusal alike (status-dates.ts). */
export const ANSWERED = 1.5;
const ANSWER_WORDS = new Set(['responded', 'response', 'replied', 'answered']);

/**
 * Version 24: the step a date records by a word of its name: a return (`returned_at`, after the
 * loan's other steps), an answer, a hire in a recruiting table, a posting in a table of jobs (a
 * draft has none); undefined for any other.
 */
export function dateStage24(tokens: readonly string[], tableName: string): number | undefined {
  if (tokens.includes('returned')) return 4;
  if (tokens.some((w) => ANSWER_WORDS.has(w))) return ANSWERED;
  const table = tableName.toLowerCase();
  if (tokens.includes('hired') && RECRUITING_TABLE.test(table)) return 3;
  return tokens.includes('posted') && JOB_TABLE.test(table) ? 0 : undefined;
}

const SALE_PRICES = new Set(['soldprice', 'saleprice', 'closingprice', 'closeprice', 'finalprice']);

/** Version 29: a home listing's sale price (`sold_price`, `sale_price`): set exactly on a sold listing. */
export function isSalePrice(tableName: string, tokens: readonly string[]): boolean {
  return SALE_PRICES.has(tokens.join('')) && HOME_TABLE.test(tableName.toLowerCase());
}
