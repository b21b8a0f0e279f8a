/**
 * Version 18: hires over decades. A company's staff were hired over its
 * whole history, most of them recently: a hire (`hire_date`, `hired_at`)
 * with no creation column in its row lies between 1985 and two days before
 * the reference date, recent years most often (version 17 put every hire in
 * the five years before it); beside a creation column it lies up to 35
 * years before it (was 15). A birth drawn before such a hire (life-events.ts)
 * makes the person 18 or older at the hire, mostly in their twenties or
 * thirties, and born 1936 or later.
 */
import { daysFromCivil, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { RowRandom } from '../random.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { timeStageOf } from './time-stages.js';
import { BIRTH_FIRST_DAY, REFERENCE_SECONDS, timeGeneratorOf } from './time-values.js';

/** The first day a hire with no creation column falls on. */
const FIRST_HIRE_DAY = daysFromCivil(1985, 1, 1);
/** Hires end two days before the reference date, as creations do (a later date of the row stays in the past). */
const LAST_HIRE_SECONDS = REFERENCE_SECONDS - 1 - 2 * SECONDS_PER_DAY;
/** How far before the row's creation a hire can lie from version 18: 35 years. */
export const HIRE_WINDOW_18 = 35 * 365 * SECONDS_PER_DAY;
/** Ages at a hire past eighteen: up to 47 years (65 at the hire), the young most often. */
const WORKING_DAYS = Math.floor(47 * 365.25);

/** The stage words of a hire (time-stages.ts' hire chain's first level). */
const HIRE_WORDS = new Set(['hired', 'hire', 'employed', 'employment', 'onboarded']);

/** Whether the column is a hire of a creation or past kind (`hire_date`, `hired_at`, `employment_date`). */
export function isHire(build: SemanticBuild): boolean {
  const stage = timeStageOf(build.column.name);
  if (stage === null || !HIRE_WORDS.has(stage.word)) return false;
  const kind = build.ctx.siblingKind(build.column.name);
  return kind === 'created_at' || kind === 'past_time';
}

/** A hire's moment over the decades before the reference date, recent ones most often; null if no hire. */
export function createHireOverDecades(build: SemanticBuild): SemanticGenerator | null {
  if (!isHire(build)) return null;
  const isDate = build.base.name === 'date';
  const window = LAST_HIRE_SECONDS - FIRST_HIRE_DAY * SECONDS_PER_DAY;
  // Version 32: hires rise with the row where each row's manager is a row before it (a report after the
  // manager; generate/manager-rows.ts): row r draws within the r-th n-th of the distribution.
  const rows = build.version >= 32 ? build.ctx.managerTreeRows : undefined;
  return timeGeneratorOf(build, (rand: RowRandom, row: number) => {
    const u = rows === undefined || row >= rows ? rand.float() : 1 - (row + rand.float()) / rows;
    const at = LAST_HIRE_SECONDS - Math.floor(window * u * u);
    return isDate ? Math.floor(at / SECONDS_PER_DAY) * SECONDS_PER_DAY : at;
  });
}

/** Days past the eighteenth birthday a person is hired at (young most often), born no earlier than 1936. */
export function hireAgeDays(rand: RowRandom, latestBirthDay: number): number {
  const room = Math.max(1, Math.min(WORKING_DAYS, latestBirthDay - BIRTH_FIRST_DAY));
  const u = rand.float();
  return Math.floor(room * u * u);
}
