/**
 * Names version 24 reads (version-twentyfour-values.ts makes their values):
 * - the moment a loan, a booking or an offer begins (`loaned_at`,
 *   `borrowed_at`, `booked_at`, `extended_at`, `offered_at`): the row's
 *   start of life, so its return, stay, answer and start follow it and it
 *   follows its parent rows (were read as a change after the row's creation,
 *   drawn anywhere);
 * - a recruiting row's hire (`hired_at` of an application): a step after
 *   the application (was a hire date of its own, years before it);
 * - a sensor's quantity, unit and readings, a device's model (sensor-kinds.ts);
 * - grades, plans' prices, a person's weight and height, discounts in percent (magnitudes24.ts);
 * - a stay's check-in and check-out beside the booking (`check_in`,
 *   `check_out`): days to months after the booking, 1 to 14 nights long
 *   (were any day, up to a year apart).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { magnitudeKind, magnitudeOf, magnitudeText } from './magnitudes24.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { type SensorColumn, sensorColumnOf, sensorText } from './sensor-kinds.js';

/** Words of a loan's, a booking's or an offer's first moment (`loaned_at`, `booked_on`). */
export const LIFE_STARTS_24 = new Set('loaned borrowed booked extended offered'.split(' '));
/** A recruiting table (`applications`, `applicants`, `candidates`, `job_applications`). */
export const RECRUITING_TABLE = /applica|candidate|recruit|pipeline/;
/** A table of job postings (`jobs`, `job_postings`, `vacancies`, `openings`). */
export const JOB_TABLE =
  /(^|_)(jobs?|postings?|job_posts?|vacanc(y|ies)|openings?|positions?|requisitions?)$/;

const TIME_WORDS = new Set(['at', 'on', 'date', 'time', 'ts', 'timestamp', 'datetime', 'dt', 'utc']);

/** The name's words without the time words around them (`loaned_at` → loaned). */
function coreWords(name: string): readonly string[] {
  const t = [...nameTokens(name)];
  while (t.length > 1 && TIME_WORDS.has(t[t.length - 1] ?? '')) t.pop();
  while (t.length > 1 && TIME_WORDS.has(t[0] ?? '')) t.shift();
  return t;
}

/** Whether a time column's name says the row's start of life is a loan, a booking or an offer (`loaned_at`). */
export function isLifeStart24(name: string): boolean {
  const t = coreWords(name);
  return t.length === 1 && LIFE_STARTS_24.has(t[0] ?? '');
}

/** Words of a row's first step in a table with no creation column (`applied_at`, `acquired_on`, `installed_at`). */
const FIRST_STEPS_24 = new Set('applied acquired installed registered joined enrolled opened'.split(' '));

/** Whether a time column's name is a row's first step (`applied_at`): its table's children start after it. */
export function isFirstStep24(name: string): boolean {
  const t = coreWords(name);
  return t.length === 1 && FIRST_STEPS_24.has(t[0] ?? '');
}

/** A stay's ends: `check_in` / `checkin_date` is 'in', `check_out` / `checkout_at` is 'out'; else null. */
export function stayEndOf(name: string): 'in' | 'out' | null {
  const compact = coreWords(name).join('');
  if (compact === 'checkin') return 'in';
  if (compact === 'checkout') return 'out';
  return null;
}

/** The kind a sensor column's role gives (sensor-kinds.ts makes its values). */
const SENSOR_KINDS: Readonly<Record<SensorColumn, SemanticKind>> = {
  model: 'label',
  kind: 'category',
  unit: 'label',
  value: 'dimension',
};

/** The version 24 kind of a column by its name, or null. */
export function versionTwentyFourKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  const sensor = sensorColumnOf(table, column, family);
  if (sensor !== null) return SENSOR_KINDS[sensor];
  const magnitude = magnitudeOf(table, column, family);
  if (magnitude !== null) return magnitudeKind(magnitude);
  if (family !== 'temporal') return null;
  if (isLifeStart24(column.name)) return 'created_at';
  const t = coreWords(column.name);
  if (t.length === 1 && t[0] === 'hired' && RECRUITING_TABLE.test(table.name.toLowerCase()))
    return 'updated_at';
  return null;
}

/** The plan's words for a version 24 column, or null. */
export function versionTwentyFourText(
  table: Table,
  column: Column,
  family: TypeFamily | null,
): string | null {
  const sensor = sensorColumnOf(table, column, family);
  if (sensor !== null) return sensorText(sensor);
  const magnitude = magnitudeOf(table, column, family);
  return magnitude === null ? null : magnitudeText(magnitude);
}
