/**
 * Row times: created in the five years before a fixed reference date (not
 * the clock, so output is deterministic), updated at or after the row's own
 * creation, born 18 to 90 years before the reference date.
 */

import {
  daysFromCivil,
  formatDate,
  formatTimestamp,
  SECONDS_PER_DAY,
  writeDate,
  writeTimestamp,
} from '../../checks/calendar.js';
import type { ByteOut } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './detect-semantic.js';
import { createEpochWriter, isEpochMillis } from './epoch-times.js';
import { previousStep, STEPS, startColumn } from './followed-columns.js';
import { PERIOD_END_DAYS, PERIOD_END_WORDS, PERIOD_START_WORDS } from './number-time-names.js';
import { periodChainEnd } from './period-chain-end.js';
import { creationBehind, creationToFollow, startsBeforeUpdate } from './row-time-order.js';
import { type SemanticBuild, type SemanticGenerator, siblingSeconds } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { followsCreation, isRowFirstMoment, stageOrderOf } from './time-stages.js';
import { followsParentClosely } from './version-twentythree-names.js';

/** 2026-01-01 00:00:00 UTC: "now" for every generated dataset. */
export const REFERENCE_DAY: number = daysFromCivil(2026, 1, 1);
export const REFERENCE_SECONDS = REFERENCE_DAY * SECONDS_PER_DAY;
/** created_at values fall in [CREATED_FIRST_DAY, REFERENCE_DAY): the five years before. */
export const CREATED_FIRST_DAY: number = daysFromCivil(2021, 1, 1);
const CREATED_WINDOW = (REFERENCE_DAY - CREATED_FIRST_DAY) * SECONDS_PER_DAY;
const BIRTH_FIRST_DAY = daysFromCivil(1936, 1, 1);
const BIRTH_LAST_DAY = daysFromCivil(2008, 1, 1);
/** Version 6: the creation's distance from the reference date (a day's rounding and a zone's margin fit in it). */
const CREATION_MARGIN = 2 * SECONDS_PER_DAY;
/** Deadlines fall within a year of the row's start. */
const DEADLINE_WINDOW = 365 * SECONDS_PER_DAY;
/** The widest UTC offset: the margin between a zoned and an unzoned time whatever the session zone. */
export const MAX_ZONE_OFFSET = 14 * 3600;

/** Writes seconds since the epoch in the type's text form (`timestamptz` with an explicit `+00`). */
export function createTimeWriter(base: TypeRef, tokens: readonly string[]): (seconds: number) => string {
  // Version 5: a moment kept as an integer since the epoch (epoch-times.ts).
  if (base.name === 'int4' || base.name === 'int8') return createEpochWriter(isEpochMillis(tokens, base));
  if (base.name === 'date') return (seconds) => formatDate(Math.floor(seconds / SECONDS_PER_DAY));
  if (base.name === 'timestamptz') return (seconds) => `${formatTimestamp(seconds)}+00`;
  return formatTimestamp;
}

/** `createTimeWriter(base)`'s bytes, for the types whose text is escape-free (date, timestamp, timestamptz). */
export function createTimeByteWriter(base: TypeRef): ((out: ByteOut, seconds: number) => void) | undefined {
  if (base.name === 'date') return (out, seconds) => writeDate(out, Math.floor(seconds / SECONDS_PER_DAY));
  if (base.name === 'timestamptz')
    return (out, seconds) => {
      writeTimestamp(out, seconds);
      // `+00`'s three bytes.
      out.ensure(3);
      const p = out.pos;
      out.buf[p] = 43;
      out.buf[p + 1] = 48;
      out.buf[p + 2] = 48;
      out.pos = p + 3;
    };
  return base.name === 'timestamp' ? writeTimestamp : undefined;
}

/** Version 23: the mean days from a parent's start to a row that follows it closely. */
const FOLLOW_UP_DAYS = 6;

/** A row's first moment in seconds (the draws of every form of the value): after its parents' starts where it has them. */
function createdSeconds(build: SemanticBuild): (rand: RowRandom, row: number) => number {
  const earliest = build.ctx.earliestStart;
  const typeName = build.base.name;
  const isDate = typeName === 'date';
  // Version 6: a creation ends two days before the reference date, so a later date of the row (a day's rounding
  // and a zone's margin after it) stays in the past.
  const end = build.version >= 6 ? REFERENCE_SECONDS - 1 - CREATION_MARGIN : REFERENCE_SECONDS - 1;
  const span = build.version >= 6 ? CREATED_WINDOW - CREATION_MARGIN : CREATED_WINDOW;
  // Version 23: an invoice, a payment, a review days after its parent's start (version-twentythree-names.ts).
  const near = build.version >= 23 && followsParentClosely(build.table);
  return (rand, row) => {
    let low = earliest?.(row, typeName);
    if (low === undefined) return end - rand.below(span);
    if (isDate) low = Math.ceil(low / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    const window = Math.max(end - low, 0);
    const u = rand.float();
    const offset = near
      ? Math.floor(Math.min(window, -Math.log(1 - u) * FOLLOW_UP_DAYS * SECONDS_PER_DAY))
      : Math.floor(window * u * u);
    return isDate ? low + Math.floor(offset / SECONDS_PER_DAY) * SECONDS_PER_DAY : low + offset;
  };
}

/**
 * A moment in the five years before the reference date; after the row's
 * parent rows' starts when it has such parents (a comment after its post),
 * mostly soon after.
 */
export function createCreatedAtGenerator(build: SemanticBuild): SemanticGenerator {
  // Version 4: a start of the row's work (`started_at`, `published_at`) at or after its creation.
  const creation = build.version >= 4 ? creationToFollow(build) : null;
  if (creation !== null) return createLaterGenerator(build, false, { start: creation, previous: [] });
  return timeGeneratorOf(build, createdSeconds(build));
}

/** The column's times of `secondsAt` (seconds since the epoch), as text or written as bytes (the same draws). */
export function timeGeneratorOf(
  build: SemanticBuild,
  secondsAt: (rand: RowRandom, row: number) => number,
): SemanticGenerator {
  const write = createTimeWriter(build.base, build.tokens);
  const writeBytes = createTimeByteWriter(build.base);
  return {
    random: (rand, row) => write(secondsAt(rand, row)),
    ...(writeBytes === undefined
      ? {}
      : { write: (rand: RowRandom, row: number, out: ByteOut) => writeBytes(out, secondsAt(rand, row)) }),
  };
}

/** The latest of the readers' times in a row (undefined where all are); one reader as it is. */
function latestOf(
  readers: readonly ((row: number) => number | undefined)[],
): (row: number) => number | undefined {
  if (readers.length === 0) return () => undefined;
  if (readers.length === 1) return readers[0] as (row: number) => number | undefined;
  return (row) => {
    let latest: number | undefined;
    for (const read of readers) {
      const at = read(row);
      if (at !== undefined && (latest === undefined || at > latest)) latest = at;
    }
    return latest;
  };
}

/** Whether comparing the two types involves the session time zone (one zoned, one not). */
function mixesZones(a: string, b: string): boolean {
  return (a === 'timestamptz') !== (b === 'timestamptz');
}

/**
 * At or after the row's created_at (a quarter of rows never updated: equal),
 * else a moment like created_at. Reads only the created_at column, which
 * reads nothing.
 */
export function createUpdatedAtGenerator(build: SemanticBuild): SemanticGenerator {
  return createLaterGenerator(build, false);
}

/** Deadlines (`expires_at`, `due_date`): after the row's start, up to a year later, so some lie in the future. */
export function createDueAtGenerator(build: SemanticBuild): SemanticGenerator {
  return createLaterGenerator(build, true);
}

/** The zone margin against a sibling column (0 when both zoned or both not). */
export function marginAgainst(build: SemanticBuild, column: string | null): number {
  const type = column === null ? undefined : build.table.columns.find((c) => c.name === column)?.type;
  // A zoned vs unzoned comparison shifts by the session's offset: keep a margin wider than any.
  return type !== undefined && mixesZones(type.name, build.base.name) ? MAX_ZONE_OFFSET : 0;
}

/** The columns a later time follows: the latest of `previous` in the row, else `start`; `uniform`: spread to the reference date. */
interface LaterColumns {
  readonly start: string | null;
  readonly previous: readonly string[];
  readonly uniform?: boolean;
}

function createLaterGenerator(
  build: SemanticBuild,
  deadline: boolean,
  columns?: LaterColumns,
): SemanticGenerator {
  const write = createTimeWriter(build.base, build.tokens);
  const step = deadline ? undefined : STEPS.find((s) => build.tokens.some((w) => s.words.includes(w)));
  const stepBefore = columns ? null : previousStep(build, step);
  let createdColumn = columns ? columns.start : startColumn(build);
  // Version 4: a last change after the latest start of work; an end after its start, the creation where it is NULL.
  let previousColumns: readonly string[] =
    stepBefore !== null ? [stepBefore] : columns ? columns.previous : startsBeforeUpdate(build);
  const uniform = columns?.uniform === true;
  const creation = columns || previousColumns.length > 0 ? null : creationBehind(build, createdColumn);
  if (creation !== null && createdColumn !== null) {
    previousColumns = [createdColumn];
    createdColumn = creation;
  }
  const previousMargin = Math.max(0, ...previousColumns.map((column) => marginAgainst(build, column)));
  const createdMargin = marginAgainst(build, createdColumn);
  const isDate = build.base.name === 'date';
  // Version 13: a period's end (`to_date` after `from_date`) in the past and before the next period's start.
  const periodEnd =
    build.version >= 13 &&
    build.tokens.some((w) => PERIOD_END_WORDS.has(w)) &&
    [createdColumn, ...previousColumns].some(
      (column) => column !== null && nameTokens(column).some((w) => PERIOD_START_WORDS.has(w)),
    );
  // The sibling columns' value functions, resolved once (not looked up per row).
  const secondsOf = (column: string | null): ((row: number) => number | undefined) => {
    if (column === null) return () => undefined;
    return siblingSeconds(build.ctx, column);
  };
  const previousAt = latestOf(previousColumns.map(secondsOf));
  const createdAt = secondsOf(createdColumn);
  // Version 6: the row's first time (`payment_date` in a table with no creation) after its parents' starts.
  const first =
    build.version >= 6 && !deadline && createdColumn === null && previousColumns.length === 0
      ? createdSeconds(build)
      : null;
  // Version 14: a history's period ends where its parent's next one starts, the latest at 9999-01-01 for a `to_date`.
  const chain =
    periodEnd && build.version >= 14 ? periodChainEnd(build, [createdColumn, ...previousColumns]) : null;
  return {
    random(rand, row) {
      const chained = chain?.(row);
      if (chained !== undefined) return write(chained);
      // After the step before when the row has it (a NULL shipped_at: after the start instead).
      const previous = previousAt(row);
      const created = previous ?? createdAt(row);
      const margin = previous !== undefined ? previousMargin : createdMargin;
      if (created === undefined) {
        if (first !== null) return write(first(rand, row));
        return write(
          REFERENCE_SECONDS - 1 - rand.below(CREATED_WINDOW) + (deadline ? DEADLINE_WINDOW / 2 : 0),
        );
      }
      let low = Math.ceil(created) + margin;
      // A date compares as its midnight: the first midnight at or after `low`.
      if (isDate) low = Math.ceil(low / SECONDS_PER_DAY) * SECONDS_PER_DAY;
      if (!deadline && !uniform && rand.chance(0.25)) return write(low);
      // Never past the reference date (the dataset's "now"), but for deadlines; a step soon after.
      const untilNow = Math.max(REFERENCE_SECONDS - 1 - low, 0);
      const window = periodEnd
        ? Math.min(PERIOD_END_DAYS * SECONDS_PER_DAY, untilNow)
        : deadline
          ? DEADLINE_WINDOW
          : step
            ? Math.min(step.span, untilNow)
            : untilNow;
      const u = rand.float();
      // Squared: most updates come soon after creation (version 5: a death anywhere after the birth).
      const offset = Math.floor(window * (uniform ? u : u * u));
      return write(isDate ? low + Math.floor(offset / SECONDS_PER_DAY) * SECONDS_PER_DAY : low + offset);
    },
  };
}

/**
 * Version 5: a time column among its row's stages (time-stages.ts): after
 * the latest earlier stage of its chains in the row (the creation where they
 * are all NULL); a chain's first stage of a later kind after the creation
 * alone (it reads no other stage). Null where no chain places the column,
 * or where its own kind's generator already reads no other stage.
 */
export function createStagedTimeGenerator(
  build: SemanticBuild,
  kind: SemanticKind,
): SemanticGenerator | null {
  const order = stageOrderOf(
    build.table,
    build.column.name,
    (name) => build.ctx.siblingKind(name),
    build.version,
  );
  if (order === null) return null;
  const deadline = kind === 'due_at';
  if (order.follows.length > 0)
    return createLaterGenerator(build, deadline, {
      start: order.creation,
      previous: order.follows,
      uniform: order.uniform,
    });
  // Version 6: a chain's first stage of any time kind (`submission_time`, `sent_at`) after the row's creation.
  if (
    kind !== 'updated_at' &&
    !deadline &&
    !(build.version >= 6 && followsCreation(kind, order, build.column.name, build.version))
  )
    return null;
  return order.creation === null
    ? createCreatedAtGenerator(build)
    : createLaterGenerator(build, deadline, { start: order.creation, previous: [] });
}

/** A birth date 18 to 90 years before the reference date (midnight for timestamp types). */
export function createBirthDateGenerator(build: SemanticBuild): SemanticGenerator {
  const write = createTimeWriter(build.base, build.tokens);
  const span = BIRTH_LAST_DAY - BIRTH_FIRST_DAY;
  const writeBytes = createTimeByteWriter(build.base);
  return {
    random: (rand) => write((BIRTH_FIRST_DAY + rand.below(span)) * SECONDS_PER_DAY),
    // The same draw written as bytes (no string per value).
    ...(writeBytes === undefined
      ? {}
      : {
          write: (rand: RowRandom, _row: number, out: ByteOut) =>
            writeBytes(out, (BIRTH_FIRST_DAY + rand.below(span)) * SECONDS_PER_DAY),
        }),
  };
}

/** past_time values fall in the ten years before the reference date. */
export const PAST_FIRST_DAY: number = daysFromCivil(2016, 1, 1);

/**
 * A date or timestamp no name rule reads (`d`, `valid_from`, `event_time`):
 * a moment in the ten years before the reference date, never in the future
 * (the type's own window ran 2000..2030).
 */
export function createPastTimeGenerator(build: SemanticBuild): SemanticGenerator {
  // Version 11: the first such moment of a row with no creation column, under parents with starts (a badge's
  // `date` after its user's creation_date): the row's creation, after its parents' (was ten years apart).
  if (
    build.version >= 11 &&
    build.ctx.earliestStart !== undefined &&
    isRowFirstMoment(build.table, build.column.name, (name) => build.ctx.siblingKind(name))
  )
    return timeGeneratorOf(build, createdSeconds(build));
  const write = createTimeWriter(build.base, build.tokens);
  const writeBytes = createTimeByteWriter(build.base);
  const first = PAST_FIRST_DAY * SECONDS_PER_DAY;
  const span = REFERENCE_SECONDS - first;
  return {
    random: (rand) => write(first + rand.below(span)),
    // The same draw written as bytes (no string per value: TPC-H's order and ship dates).
    ...(writeBytes === undefined
      ? {}
      : {
          write: (rand: RowRandom, _row: number, out: ByteOut) => writeBytes(out, first + rand.below(span)),
        }),
  };
}

export { BIRTH_FIRST_DAY, BIRTH_LAST_DAY };
