/**
 * Version 7: a hire is a life event, not a stage of the record's life. An
 * employee's record is made when they are hired or later (a new HR system
 * takes in the staff it already has), so a hire (`hire_date`, `hired_at`)
 * beside the row's creation column falls at or before that creation, often
 * years before, and after an eighteenth birthday where the row has a birth
 * date. Births keep their own generator (18 to 90 years before the
 * reference date).
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { ByteOut } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { createHireOverDecades, HIRE_WINDOW_18, hireAgeDays } from './hire-decades.js';
import { isCreationName } from './number-time-names.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingSeconds,
} from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { isLifeEventStart } from './time-stages.js';
import {
  BIRTH_FIRST_DAY,
  BIRTH_LAST_DAY,
  createTimeByteWriter,
  createTimeWriter,
  marginAgainst,
  timeGeneratorOf,
} from './time-values.js';

/** How far before the record a hire can lie: fifteen years (squared: most within a few). */
const HIRE_WINDOW = 15 * 365 * SECONDS_PER_DAY;
/** Hired no younger than eighteen: 18 years of days, the leap days included (6,575). */
const ADULT_DAYS = Math.ceil(18 * 365.25);
const ADULT = ADULT_DAYS * SECONDS_PER_DAY;
/** Hired no older than 65: the 47 years of days past the eighteenth birthday (17,166). */
const WORKING_DAYS = Math.floor(47 * 365.25);
/** A quarter of records are made on the day of the hire. */
const SAME_DAY_SHARE = 0.25;

/** The row's creation column a life event lies before (`created_at`), or null. */
export function lifeEventCreation(
  table: SemanticBuild['table'],
  column: string,
  kindOf: (column: string) => SemanticKind | null,
): string | null {
  if (isCreationName(column) || !isLifeEventStart(column)) return null;
  const kind = kindOf(column);
  if (kind !== 'created_at' && kind !== 'past_time') return null;
  return (
    table.columns.find(
      (c) => c.name !== column && !c.generated && isCreationName(c.name) && kindOf(c.name) === 'created_at',
    )?.name ?? null
  );
}

/**
 * Version 7: a hire at or before the row's creation (see above); null where
 * the column is no life event's start or the row has no creation column.
 * Where the creation is NULL, `usual` (the kind's own generator) decides.
 */
export function createLifeEventGenerator(
  build: SemanticBuild,
  usualOf: () => SemanticGenerator,
): SemanticGenerator | null {
  if (build.version < 7) return null;
  const creation = lifeEventCreation(build.table, build.column.name, (name) => build.ctx.siblingKind(name));
  // Version 18: a hire with no creation column over the decades before the reference date (hire-decades.ts).
  if (creation === null) return build.version >= 18 ? createHireOverDecades(build) : null;
  const usual = usualOf();
  const createdAt = siblingSeconds(build.ctx, creation);
  const birth = siblingOfKind(build, 'birth_date');
  const bornAt = birth === null ? () => undefined : siblingSeconds(build.ctx, birth);
  const margin = marginAgainst(build, creation);
  const isDate = build.base.name === 'date';
  const hireWindow = build.version >= 18 ? HIRE_WINDOW_18 : HIRE_WINDOW;
  const secondsAt = (rand: RowRandom, created: number, row: number): number => {
    // A date compares as its midnight: the last midnight at or before the creation (less a zone's margin).
    let high = Math.floor(created) - margin;
    if (isDate) high = Math.floor(high / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    if (rand.chance(SAME_DAY_SHARE)) return high;
    const born = bornAt(row);
    // Version 18: up to 35 years before the creation (was 15).
    const low = Math.max(high - hireWindow, born === undefined ? -Infinity : born + ADULT);
    const window = Math.max(high - low, 0);
    const u = rand.float();
    const offset = Math.floor(window * u * u);
    return isDate ? high - Math.floor(offset / SECONDS_PER_DAY) * SECONDS_PER_DAY : high - offset;
  };
  const write = createTimeWriter(build.base, build.tokens);
  const writeBytes = createTimeByteWriter(build.base);
  const usualWrite = usual.write;
  return {
    random(rand, row) {
      const created = createdAt(row);
      return created === undefined ? usual.random(rand, row) : write(secondsAt(rand, created, row));
    },
    ...(writeBytes === undefined || usualWrite === undefined
      ? {}
      : {
          write(rand: RowRandom, row: number, out: ByteOut) {
            const created = createdAt(row);
            if (created === undefined) return usualWrite(rand, row, out);
            writeBytes(out, secondsAt(rand, created, row));
          },
        }),
  };
}

/** The creation column a hire of the table lies before (another column than `column`), or null: an employee's row. */
export function hiringCreation(
  table: SemanticBuild['table'],
  column: string,
  kindOf: (column: string) => SemanticKind | null,
): string | null {
  for (const other of table.columns) {
    if (other.name === column || other.generated) continue;
    const creation = lifeEventCreation(table, other.name, kindOf);
    if (creation !== null) return creation;
  }
  return null;
}

/**
 * Version 8: a birth date in a row with a hire and a creation column (an
 * employee) is 18 years or more before the row's creation (version 13: 18
 * to 65 years, and before a hire where the row has no creation column): its usual draw
 * (18 to 90 years before the reference date), drawn again before that
 * where it is later, so the hire, at or before the creation and after the
 * eighteenth birthday, has room in every row (version 7 put it on the
 * creation's day, under 18, where the birthday came later). `usual` where the row has no hire or before
 * version 8; the birth date's own draw where the creation is NULL.
 */
export function withAdultAtCreation(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (build.version < 8) return usual;
  const kindOf = (name: string) => build.ctx.siblingKind(name);
  const creation = hiringCreation(build.table, build.column.name, kindOf);
  // Version 13: also a row with a hire and no creation (the MySQL employees sample's `employees`), born before it.
  const anchor =
    creation ?? (build.version >= 13 ? hireColumn(build.table, build.column.name, kindOf) : null);
  if (anchor === null) return usual;
  const createdAt = siblingSeconds(build.ctx, anchor);
  const span = BIRTH_LAST_DAY - BIRTH_FIRST_DAY;
  const secondsAt = (rand: RowRandom, row: number): number => {
    const day = BIRTH_FIRST_DAY + rand.below(span);
    const created = createdAt(row);
    if (created === undefined) return day * SECONDS_PER_DAY;
    // The day before the creation's (a zone's margin is less than a day), less eighteen years.
    const latest = Math.floor(created / SECONDS_PER_DAY) - 1 - ADULT_DAYS;
    // Version 13: 18 to 65 years old at the hire or creation (version 12 hired a third of them past 65).
    // Version 18: born 1936 or later (at most 90 now) and most hired young, as hires span decades.
    if (build.version >= 18) return (latest - hireAgeDays(rand, latest)) * SECONDS_PER_DAY;
    if (build.version >= 13) return (latest - rand.below(WORKING_DAYS)) * SECONDS_PER_DAY;
    if (day <= latest) return day * SECONDS_PER_DAY;
    // Too late for the record: drawn again before the latest birthday it allows.
    return (BIRTH_FIRST_DAY + rand.below(Math.max(1, latest - BIRTH_FIRST_DAY))) * SECONDS_PER_DAY;
  };
  return timeGeneratorOf(build, secondsAt);
}

/** A hire of the row (`hire_date`: a life event's start of a creation or past kind, not a birth), or null. */
function hireColumn(
  table: SemanticBuild['table'],
  column: string,
  kindOf: (column: string) => SemanticKind | null,
): string | null {
  return (
    table.columns.find((c) => {
      if (c.name === column || c.generated || !isLifeEventStart(c.name)) return false;
      const kind = kindOf(c.name);
      return kind === 'created_at' || kind === 'past_time';
    })?.name ?? null
  );
}
