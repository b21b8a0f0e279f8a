/**
 * Version 29: a time of day (`time`, `timetz`) named as an appointment's or an opening's
 * (`start_time`, `appointment_time`, `opens_at`, `closing_time`) in business hours, in whole quarter
 * hours, and an end after its row's start (`end_time` after `start_time`, `closes_at` after
 * `opens_at`); before, any second of the day (`23:50:06` to `18:35:16`).
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { type RowContext, siblingReader } from './semantic-generator.js';

const STARTS = new Set('start starts starting begin begins beginning open opens opening from'.split(' '));
const ENDS = new Set('end ends ending finish finishes close closes closing until to'.split(' '));
const OPENINGS = new Set('open opens opening close closes closing'.split(' '));
const BOOKED = new Set(
  'appointment appt slot booking booked meeting visit class lesson session shift pickup delivery reservation scheduled preferred'.split(
    ' ',
  ),
);
const CLOCK_TYPES = new Set(['time', 'timetz']);
const QUARTER = 15 * 60;
const DAY_LAST_QUARTER = 24 * 3600 - QUARTER;

type Role = 'start' | 'end' | 'at';

function roleOf(tokens: readonly string[]): Role | null {
  if (tokens.some((w) => ENDS.has(w))) return 'end';
  if (tokens.some((w) => STARTS.has(w))) return 'start';
  return tokens.some((w) => BOOKED.has(w)) ? 'at' : null;
}

function isClock(base: TypeRef): boolean {
  return CLOCK_TYPES.has(base.name) && base.arrayDims === 0;
}

/** True for a version 29 appointment's or opening's time of day. */
export function isClockTime(column: Column, base: TypeRef, version: number): boolean {
  return version >= 29 && isClock(base) && roleOf(nameTokens(column.name)) !== null;
}

/** The row's start an end column follows: the start-like time column named as it is but for its role. */
export function clockStartOf(table: Table, column: Column): string | null {
  if (roleOf(nameTokens(column.name)) !== 'end') return null;
  const rest = (name: string) =>
    nameTokens(name)
      .filter((w) => !STARTS.has(w) && !ENDS.has(w))
      .join('_');
  const starts = table.columns.filter(
    (c) =>
      c.name !== column.name &&
      c.type.name !== undefined &&
      CLOCK_TYPES.has(c.type.name) &&
      roleOf(nameTokens(c.name)) === 'start',
  );
  const same = starts.find((c) => rest(c.name) === rest(column.name));
  return (same ?? (starts.length === 1 ? starts[0] : undefined))?.name ?? null;
}

/** `hh:mm:00` of a second of the day (a quarter's). */
function clock(seconds: number, tz: boolean): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00${tz ? '+00' : ''}`;
}

function secondsOf(text: string | null | undefined): number | undefined {
  const m = typeof text === 'string' ? /^(\d{2}):(\d{2}):(\d{2})/.exec(text) : null;
  return m === null ? undefined : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Quarters from `from` (hours) on, `count` of them. */
const quarterFrom = (rand: RowRandom, from: number, count: number) =>
  from * 3600 + rand.below(count) * QUARTER;

/** The generator of a version 29 time of day: business hours in quarters, an end after its row's start. */
export function createClockTimeGenerator(
  table: Table,
  column: Column,
  base: TypeRef,
  ctx: RowContext,
): { random(rand: RowRandom, row: number): string } {
  const tokens = nameTokens(column.name);
  const role = roleOf(tokens) ?? 'at';
  const opening = tokens.some((w) => OPENINGS.has(w));
  const tz = base.name === 'timetz';
  const start = clockStartOf(table, column);
  const read = start === null ? null : siblingReader(ctx, start);
  // Openings 06:00 to 10:45 and closings 16:00 to 22:45; appointments 08:00 to 17:45.
  const first = (rand: RowRandom) => (opening ? quarterFrom(rand, 6, 20) : quarterFrom(rand, 8, 40));
  return {
    random(rand, row) {
      if (role !== 'end') return clock(first(rand), tz);
      const from = read === null ? undefined : secondsOf(read(row));
      if (from === undefined)
        return clock(opening ? quarterFrom(rand, 16, 28) : quarterFrom(rand, 9, 40), tz);
      // A day's opening of 8 to 12 hours; an appointment of 15 minutes to 2 hours.
      const length = opening ? (32 + rand.below(17)) * QUARTER : (1 + rand.below(8)) * QUARTER;
      return clock(Math.min(from + length, Math.max(DAY_LAST_QUARTER, from)), tz);
    },
  };
}
