/**
 * Date and timestamp text as PostgreSQL writes what it reads:
 * `infinity`/`-infinity` (any case, `+infinity`), `epoch`, the compact
 * `20200101` (also before a time) as `2020-01-01`, ISO text in its output
 * form (seconds written, `T` a space, a timestamp's offset dropped, a
 * timestamptz's kept). Years past 9999 are kept, as PostgreSQL writes them.
 * Configured values go through it (plan/time-setting-values.ts); a cast's
 * text in the evaluator does not (a DDL CHECK reading `'20200101'::date`
 * would fill a table v19 leaves empty).
 */

import { dateTimeFieldProblem } from '../input/date-time-fields.js';
import { TIMESTAMP_TEXT } from './calendar.js';

const EPOCH: Readonly<Record<string, string>> = {
  date: '1970-01-01',
  timestamp: '1970-01-01 00:00:00',
  timestamptz: '1970-01-01 00:00:00+00',
};

/** `text` as PostgreSQL writes the value it reads for a column of `type` (unchanged when nothing applies). */
export function pgTimeText(text: string, type: string): string {
  const word = text.trim().toLowerCase();
  if (word === 'infinity' || word === '+infinity') return 'infinity';
  if (word === '-infinity') return '-infinity';
  if (word === 'epoch') return EPOCH[type] ?? text;
  const compact = /^\s*(\d{4})(\d{2})(\d{2})(?=$|[ T]|\s*$)(.*)$/s.exec(text);
  const iso = compact === null ? text : `${compact[1]}-${compact[2]}-${compact[3]}${compact[4] ?? ''}`;
  // A field out of range (`20201301`) leaves the text as written, for the reader to refuse.
  return canonicalForm(iso, type) ?? text;
}

/**
 * ISO text in PostgreSQL's output form: a date's day alone (a time after it read and dropped), a
 * timestamp's seconds written (`10:30` as `10:30:00`, `T` as a space), its offset dropped (PostgreSQL
 * ignores it for timestamp), a timestamptz's offset written `+HH[:MM]` (`Z` as `+00`). Undefined for other text.
 */
function canonicalForm(text: string, type: string): string | undefined {
  const m = TIMESTAMP_TEXT.exec(text);
  // A field out of range (`2020-02-29 25:00` for a date) stays as written, for the check that refuses it.
  if (m === null || dateTimeFieldProblem(text) !== undefined) return undefined;
  const [, y, mo, d, hour, minute, second, zone] = m;
  const date = `${y}-${(mo as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}`;
  if (type === 'date') return date;
  const time = `${(hour ?? '0').padStart(2, '0')}:${minute ?? '00'}:${second === undefined ? '00' : second.padStart(2, '0')}`;
  if (type === 'timestamp' || zone === undefined) return `${date} ${time}`;
  if (zone.toUpperCase() === 'Z') return `${date} ${time}+00`;
  const digits = zone.slice(1).replace(':', '');
  const hours = digits.length > 2 ? digits.slice(0, -2) : digits;
  const minutes = digits.length > 2 ? digits.slice(-2) : '';
  return `${date} ${time}${zone[0]}${hours.padStart(2, '0')}${minutes === '' || minutes === '00' ? '' : `:${minutes}`}`;
}
