/**
 * Status and dates that agree within a row: a `cancelled` order has no
 * shipped date, a `shipped` or `delivered` one has it, an `open` issue has
 * no closed date. A status-like column (`status`, `state`, `order_status`…)
 * is read at the row; its value is placed on a lifecycle (placed → paid →
 * shipped → delivered, or cancelled), and a nullable date column named for a
 * stage of that lifecycle (`paid_at`, `shipped_date`, `delivered_at`,
 * `closed_at`, `cancelled_at`) is set exactly when the status has reached
 * that stage. A status value outside the lifecycle vocabulary changes
 * nothing.
 */

import type { TablePlan } from '../plan/plan-model.js';
import { columnsReadByRowChecks } from '../plan/table-checks.js';
import { nameTokens } from '../values/semantic/detect-semantic.js';
import { rentalReturnStage } from '../values/semantic/rental-status32.js';
import {
  ANSWERED,
  DATE_STAGES_22,
  DATE_STAGES_23,
  dateStage24,
  isPlannedDate,
  isSalePrice,
  STATUS_STAGES_22,
  STATUS_STAGES_23,
  STATUS_STAGES_24,
  sameEnding,
  stageOfValue,
} from './status-stages.js';

/** Stages in lifecycle order; `cancelled` is off the line. */
const CANCELLED = -1;
const STATUS_STAGES: readonly (readonly [number, readonly string[]])[] = [
  [
    0,
    'new pending created open opened placed draft submitted awaiting waiting unpaid ordered onhold hold backlog todo reported triage queued scheduled'.split(
      ' ',
    ),
  ],
  [
    1,
    'paid confirmed processing approved accepted authorized authorised inprogress active assigned started'.split(
      ' ',
    ),
  ],
  [2, 'shipped dispatched intransit sent outfordelivery'.split(' ')],
  [3, 'delivered completed complete fulfilled done closed resolved finished returned archived'.split(' ')],
  [CANCELLED, 'cancelled canceled voided void rejected declined failed abandoned refused'.split(' ')],
];
/** The stage a date column records, by a word of its name. */
const DATE_STAGES: readonly (readonly [number, readonly string[]])[] = [
  [1, 'paid payment confirmed approved accepted processed'.split(' ')],
  [2, 'shipped ship dispatched sent'.split(' ')],
  [3, 'delivered delivery completed completion fulfilled closed resolved finished'.split(' ')],
  [CANCELLED, 'cancelled canceled voided rejected declined'.split(' ')],
];

/**
 * Version 6: an issue is resolved before it is closed (a `resolved` bug has
 * its `resolved_at`, no `closed_at`), and an `assigned_at` is set once the
 * status has reached `assigned`.
 */
const RESOLVED = 2.5;
const STATUS_STAGES_6: Readonly<Record<string, number>> = {
  resolved: RESOLVED,
  fixed: RESOLVED,
  solved: RESOLVED,
};
const DATE_STAGES_6: Readonly<Record<string, number>> = {
  assigned: 1,
  resolved: RESOLVED,
  resolution: RESOLVED,
  fixed: RESOLVED,
  solved: RESOLVED,
};

/**
 * Version 13: the words of status-vocabularies.ts off version 3's line (an
 * employee `terminated`, `on_leave`; a post `published`; a run `succeeded`)
 * and the dates that record an employment's end or a publication, set
 * exactly when the status has reached it (`termination_date` only on a
 * terminated employee, `published_at` not on a draft).
 */
const STATUS_STAGES_13: Readonly<Record<string, number>> = {
  terminated: 3,
  resigned: 3,
  retired: 3,
  dismissed: 3,
  onleave: 1,
  published: 3,
  succeeded: 3,
  running: 1,
  overdue: 1,
  trialing: 0,
  pastdue: 1,
};
const DATE_STAGES_13: Readonly<Record<string, number>> = {
  termination: 3,
  terminated: 3,
  resignation: 3,
  resigned: 3,
  retirement: 3,
  retired: 3,
  separation: 3,
  published: 3,
  publication: 3,
};

function stageOfStatus(value: string, version: number): number | undefined {
  const compact = value.toLowerCase().replace(/[^a-z]/g, '');
  const v6 = version >= 6 ? STATUS_STAGES_6[compact] : undefined;
  const v13 = version >= 13 ? STATUS_STAGES_13[compact] : undefined;
  const v22 = version >= 22 ? STATUS_STAGES_22[compact] : undefined;
  const v23 = version >= 23 ? STATUS_STAGES_23[compact] : undefined;
  const v24 = version >= 24 ? STATUS_STAGES_24[compact] : undefined;
  // Version 25: a listing `sold` has reached its sale (was no known step: its `sold_at` never set).
  const v25 = version >= 25 && compact === 'sold' ? 3 : undefined;
  const found =
    v25 ?? v24 ?? v23 ?? v22 ?? v13 ?? v6 ?? STATUS_STAGES.find(([, words]) => words.includes(compact))?.[0];
  // Version 22: a status of no known step (`enrolled`, `exception`) has reached none.
  return version >= 22 ? (found ?? 0) : found;
}

function stageOfDate(column: string, version: number, tableName = ''): number | undefined {
  const tokens = nameTokens(column);
  // Version 22: an expected date (`estimated_delivery`) is no step reached; a step's own word first.
  if (version >= 22 && isPlannedDate(tokens)) return undefined;
  // Version 32: a rental's return date is its last step (was no step: set on open rentals too).
  const v32 = version >= 32 ? rentalReturnStage(tokens, tableName) : undefined;
  if (v32 !== undefined) return v32;
  // Version 24: a loan's return, a hire, a job's posting, an answer (status-stages.ts).
  const v24 = version >= 24 ? dateStage24(tokens, tableName) : undefined;
  if (v24 !== undefined) return v24;
  // Version 25: a sale (`sold_at`, `sale_date`) is a listing's last step.
  if (version >= 25 && (tokens.includes('sold') || tokens.includes('sale'))) return 3;
  // Version 23: a hand-in (`submitted_at`) is the line's first step: not set on a `not_submitted` row.
  const v23 = version >= 23 ? tokens.map((w) => DATE_STAGES_23[w]).find((x) => x !== undefined) : undefined;
  if (v23 !== undefined) return v23;
  const v22 = version >= 22 ? tokens.map((w) => DATE_STAGES_22[w]).find((x) => x !== undefined) : undefined;
  if (v22 !== undefined) return v22;
  const found = DATE_STAGES.find(([, words]) => tokens.some((w) => words.includes(w)))?.[0];
  if (version < 6 || found === CANCELLED) return found;
  const v6 = tokens.map((w) => DATE_STAGES_6[w]).find((stage) => stage !== undefined);
  const v13 =
    version >= 13 ? tokens.map((w) => DATE_STAGES_13[w]).find((stage) => stage !== undefined) : undefined;
  return v6 ?? v13 ?? found;
}

/**
 * Whether a row of status `value` has reached the stage a date column
 * records (undefined: the status does not say). Version 22: an ending off
 * the line (`failed`, `void`, `dropped`) sets only the dates of its own
 * kind of ending (`failed_at`, `voided_at`), not every cancellation date.
 */
function statusReaches(value: string, column: string, stage: number, version: number): boolean | undefined {
  const reached = stageOfStatus(value, version);
  if (reached === undefined) return undefined;
  // Version 24: an answer (`responded_at`) is given by an acceptance and a refusal alike.
  if (version >= 24 && stage === ANSWERED)
    return reached >= 1 || (reached === CANCELLED && sameEnding(value, ['declined']));
  if (stage === CANCELLED)
    return reached === CANCELLED && (version < 22 || sameEnding(value, nameTokens(column)));
  // Version 23: a row that ended another way may have been handed in first: its hand-in date not decided.
  if (stage === 0 && reached === CANCELLED && version >= 23) return undefined;
  return reached !== CANCELLED && reached >= stage;
}

const DATE_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** The stage a date column records; version 23: also a grading's value (`score`, `feedback`; status-stages.ts). */
function stageOfColumn(
  t: TablePlan,
  column: string,
  baseTypeName: string,
  version: number,
): number | undefined {
  if (DATE_TYPES.has(baseTypeName)) return stageOfDate(column, version, t.table.name);
  if (version < 23) return undefined;
  // Version 29: a listing's sale price (`sold_price`) is its sale's, as its `sold_at` is.
  if (version >= 29 && isSalePrice(t.table.name, nameTokens(column))) return 3;
  const siblings = t.columns.map((c) => c.column.name);
  return stageOfValue(t.table.name, siblings, nameTokens(column));
}

/** The status-like column of a table a date column agrees with, or undefined. */
function statusColumnOf(t: TablePlan, checked: ReadonlySet<string>, version: number): string | undefined {
  return t.columns.find((c) => {
    if (!c.written || checked.has(c.column.name)) return false;
    return isStatusName(c.column.name, version) && c.column.type.arrayDims === 0;
  })?.column.name;
}

/** Version 31: a person's status no lifecycle dates follow (`marital_status`; domain-words31.ts). */
const PERSONAL_STATUS = new Set(['marital', 'civil', 'relationship']);

/** A status-like name (`status`, `order_state`); version 24: also an application's `stage`. */
function isStatusName(name: string, version: number): boolean {
  const tokens = nameTokens(name);
  const last = tokens.at(-1);
  if (version >= 31 && tokens.length === 2 && PERSONAL_STATUS.has(tokens[0] as string)) return false;
  return last === 'status' || last === 'state' || (version >= 24 && last === 'stage');
}

/**
 * The status-like column a date column agrees with, or undefined when the
 * column does not take part: NOT NULL, not a stage-named date, no
 * status-like column in the table, or read by a CHECK (the CHECK row engine
 * decides it then).
 */
export function statusColumnFor(
  t: TablePlan,
  column: string,
  baseTypeName: string,
  version: number,
): string | undefined {
  const c = t.columns.find((col) => col.column.name === column);
  if (!c || c.column.notNull || c.hints.notNull === true) return undefined;
  if (stageOfColumn(t, column, baseTypeName, version) === undefined) return undefined;
  const checked = columnsReadByRowChecks(t.checks);
  if (checked.has(column)) return undefined;
  return statusColumnOf(t, checked, version);
}

/**
 * Whether a date column is set at a row, from the row's status: true, false,
 * or undefined when the status does not say (a value outside the lifecycle
 * vocabulary, NULL). Undefined as a whole when the column does not take part
 * (see statusColumnFor).
 *
 * @example statusSaysSet(orders, 'shipped_date', 'date', valueOf)?.(0) // false when row 0 is 'cancelled'
 */
export function statusSaysSet(
  t: TablePlan,
  column: string,
  baseTypeName: string,
  columnValue: (column: string) => (row: number) => string | null,
  version: number,
): ((row: number) => boolean | undefined) | undefined {
  const status = statusColumnFor(t, column, baseTypeName, version);
  const stage = stageOfColumn(t, column, baseTypeName, version);
  if (status === undefined || stage === undefined) return undefined;
  let statusFn: ((row: number) => string | null) | undefined;
  return (row) => {
    statusFn ??= columnValue(status);
    const value = statusFn(row);
    return value === null ? undefined : statusReaches(value, column, stage, version);
  };
}

/** Whether a stage date is set at a row by the row's status, given the values an attempt has made so far. */
export type StageAgreement = (row: number, made: ReadonlyMap<string, string | null>) => boolean | undefined;

/**
 * Version 3: the stage dates a CHECK reads (the row engine decides them,
 * `shipped_at >= ordered_at`), each with its status column and whether the
 * row's status says it is set: read from the attempt's values when the
 * engine decides the status too (undefined until it is made), else from
 * the status column's own function. The engine keeps the agreement in its
 * first attempts and drops it only for a row whose CHECKs it breaks.
 */
export function checkedStageDates(
  t: TablePlan,
  engineColumns: ReadonlySet<string>,
  baseTypeName: (column: string) => string,
  plainValue: (column: string) => (row: number) => string | null,
  version: number,
): Map<string, { readonly status: string; readonly says: StageAgreement }> {
  const out = new Map<string, { readonly status: string; readonly says: StageAgreement }>();
  const status = t.columns.find(
    (c) => c.written && isStatusName(c.column.name, version) && c.column.type.arrayDims === 0,
  )?.column.name;
  if (status === undefined) return out;
  for (const c of t.columns) {
    const column = c.column.name;
    const stage = stageOfDate(column, version, t.table.name);
    if (!engineColumns.has(column) || column === status || stage === undefined) continue;
    if (c.column.notNull || c.hints.notNull === true || !DATE_TYPES.has(baseTypeName(column))) continue;
    if (c.source.kind !== 'random') continue;
    const decided = engineColumns.has(status);
    let statusFn: ((row: number) => string | null) | undefined;
    const says: StageAgreement = (row, made) => {
      if (decided && !made.has(status)) return undefined;
      statusFn ??= plainValue(status);
      const value = decided ? (made.get(status) ?? null) : statusFn(row);
      return value === null ? undefined : statusReaches(value, column, stage, version);
    };
    out.set(column, { status, says });
  }
  return out;
}
