/**
 * Names version 12 reads before the older rules: a place's `location` (a
 * department's, a warehouse's, an event's; `office_location`) is a city, as
 * version 10 made a person's (was readable words, "Wrathful omelet
 * publicize commercial"); the amount of a table of salaries
 * (`salaries.amount`, `payroll.amount`) is a salary (was a purchase's
 * amount, 4.37 to 768.49).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

/** Words before `location` that keep it a place of business or work (not `file_location`). */
const PLACE_WORDS = new Set([
  'office',
  'work',
  'job',
  'event',
  'store',
  'branch',
  'department',
  'hq',
  'meeting',
]);
const SALARY_TABLES = new Set([
  'salary',
  'salaries',
  'wage',
  'wages',
  'payroll',
  'compensation',
  'compensations',
]);

/** Version 12's kind for a column of `table`, or null. */
export function versionTwelveKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  const tokens = nameTokens(column.name);
  const last = tokens[tokens.length - 1] ?? '';
  if (family === 'text' && last === 'location') {
    const place = tokens.length === 1 || (tokens.length === 2 && PLACE_WORDS.has(tokens[0] ?? ''));
    return place ? 'city' : null;
  }
  const number = family === 'decimal' || family === 'integer';
  if (
    number &&
    tokens.length === 1 &&
    last === 'amount' &&
    nameTokens(table.name).some((w) => SALARY_TABLES.has(w))
  )
    return 'salary';
  return null;
}
