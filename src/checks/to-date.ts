/**
 * `to_date(text, format)` for the formats CHECKs give it (`YYYY-MM-DD`,
 * `YYYYMMDD`, `DD.MM.YYYY`: `YYYY`, `MM`, `DD` and separators), read as
 * strictly as datagen writes dates: exactly those digits and separators, a
 * day past its month an error as the server's (`date/time field value out of
 * range`). Text of any other shape (which the server may still read, or
 * refuse otherwise) is not evaluable. From version 27 a date column equal to
 * `to_date(s, format)` of a text column is met the other way: s computed as
 * `to_char(d, format)`, which to_date reads back as d.
 */

import { daysFromCivil, daysInMonth, SECONDS_PER_DAY, ZONE_REACH } from './calendar.js';
import type { Atom } from './check-atoms.js';
import { equationSides } from './equations.js';
import { NotEvaluableError, SqlRuntimeError, UNREAD_CALL } from './evaluation.js';
import { callNode, child, funcCall, lastName, textNode, unwrap } from './expression-nodes.js';
import { type SqlValue, toText } from './sql-value.js';

const FIELDS = { YYYY: 4, MM: 2, DD: 2, HH24: 2, MI: 2, SS: 2 } as const;
type Field = keyof typeof FIELDS;
const DATE_FIELDS: readonly Field[] = ['YYYY', 'MM', 'DD'];
const SEPARATORS = /^[-/. ]$/;

/**
 * The format's fields and separators in order, or undefined for another format: the date's three fields once
 * each; with `time` (to_timestamp) also `HH24`, `MI`, `SS` at most once each and `:` between them.
 */
function formatParts(format: string, time = false): (Field | string)[] | undefined {
  const parts: (Field | string)[] = [];
  const names = (Object.keys(FIELDS) as Field[]).filter((f) => time || DATE_FIELDS.includes(f));
  let i = 0;
  while (i < format.length) {
    const field = names.find((f) => format.startsWith(f, i));
    if (field) {
      parts.push(field);
      i += field.length;
    } else if (SEPARATORS.test(format[i] as string) || (time && format[i] === ':'))
      parts.push(format[i++] as string);
    else return undefined;
  }
  const fields = parts.filter((p) => p in FIELDS);
  const dates = fields.filter((f) => DATE_FIELDS.includes(f as Field));
  return new Set(fields).size === fields.length && dates.length === 3 ? parts : undefined;
}

/** The fields of `text` read by the format's parts, or a NotEvaluableError for text of another shape. */
function readFields(s: string, parts: (Field | string)[], name: string): Partial<Record<Field, number>> {
  const values: Partial<Record<Field, number>> = {};
  let at = 0;
  for (const p of parts) {
    const width = FIELDS[p as Field];
    if (width === undefined) {
      if (s[at] !== p) throw new NotEvaluableError(`${name} of text of another shape`);
      at++;
      continue;
    }
    const digits = s.slice(at, at + width);
    if (!/^\d+$/.test(digits) || digits.length !== width)
      throw new NotEvaluableError(`${name} of text of another shape`);
    values[p as Field] = Number(digits);
    at += width;
  }
  if (at !== s.length) throw new NotEvaluableError(`${name} of text of another shape`);
  return values;
}

/** The day the fields name (days since 1970), or the server's error. */
function dayOf(values: Partial<Record<Field, number>>, s: string, name: string): number {
  const { YYYY: y = 0, MM: m = 0, DD: d = 0 } = values;
  // A zero field the server reads leniently (month 00 as January, year 0000 as 1 BC): not claimed.
  if (y < 1 || m < 1 || d < 1) throw new NotEvaluableError(`${name} of a zero field`);
  if (m > 12 || d > daysInMonth(y, m))
    throw new SqlRuntimeError(`date/time field value out of range: "${s}"`);
  return daysFromCivil(y, m, d);
}

/** to_date(text, format): NULL for a NULL argument; the date, or an error the server raises too. */
export function toDate([text, format]: SqlValue[]): SqlValue {
  if (text === null || format === null || text === undefined || format === undefined) return null;
  const parts = formatParts(toText(format) as string);
  if (!parts) throw new NotEvaluableError(`to_date format ${toText(format)}`);
  const s = toText(text) as string;
  const day = dayOf(readFields(s, parts, 'to_date'), s, 'to_date');
  return { kind: 'time', type: 'date', seconds: day * SECONDS_PER_DAY };
}

/**
 * to_timestamp(text, format) (version 29) for the formats to_date reads plus `HH24`, `MI`, `SS`: the instant
 * (read in the session's TimeZone, which the output does not set: marked with the zones' spread, so no
 * comparison that spread could turn is shown to hold), or an error the server raises too.
 */
export function toTimestamp([text, format]: SqlValue[]): SqlValue {
  if (text === undefined || format === undefined)
    throw new NotEvaluableError('to_timestamp(double precision)');
  if (text === null || format === null) return null;
  const parts = formatParts(toText(format) as string, true);
  if (!parts) throw new NotEvaluableError(`to_timestamp format ${toText(format)}`);
  const s = toText(text) as string;
  const values = readFields(s, parts, 'to_timestamp');
  const { HH24: h = 0, MI: mi = 0, SS: sec = 0 } = values;
  if (h > 23) throw new NotEvaluableError('to_timestamp of hour 24');
  if (mi > 59 || sec > 59) throw new SqlRuntimeError(`date/time field value out of range: "${s}"`);
  const seconds = dayOf(values, s, 'to_timestamp') * SECONDS_PER_DAY + h * 3600 + mi * 60 + sec;
  return { kind: 'time', type: 'timestamptz', seconds, zoneSlack: ZONE_REACH };
}

/** The version from which a date equal to to_date() of a text column makes that text from the date. */
export const TO_DATE_FROM = 27;

/** `d = to_date(s, 'format')` (either side, a format read here): s computed as `to_char(d, 'format')`. */
export function toDateInverse(ast: unknown): { column: string; expr: unknown } | undefined {
  const sides = equationSides(ast);
  if (!sides) return undefined;
  for (const [i, side] of sides.entries()) {
    const call = funcCall(side);
    const date = child(sides[1 - i], 'ColumnRef');
    const text = child(unwrap(call?.args[0]), 'ColumnRef');
    const format = child(child(unwrap(call?.args[1]), 'A_Const'), 'sval')?.sval;
    if (call?.name !== 'to_date' || call.args.length !== 2 || !date || !text || typeof format !== 'string')
      continue;
    const [column, base] = [lastName(text.fields), lastName(date.fields)];
    if (column === undefined || base === undefined || column === base || !formatParts(format)) continue;
    return { column, expr: callNode('to_char', sides[1 - i], textNode(format)) };
  }
  return undefined;
}

/** What each field's text is made of: years 1950-2029, days to the 28th (a day every month has). */
const FIELD_PATTERNS: Readonly<Record<Field, string>> = {
  YYYY: '(19[5-9][0-9]|20[0-2][0-9])',
  MM: '(0[1-9]|1[0-2])',
  DD: '(0[1-9]|1[0-9]|2[0-8])',
  HH24: '([01][0-9]|2[0-3])',
  MI: '[0-5][0-9]',
  SS: '[0-5][0-9]',
};

/**
 * `to_date(s, 'YYYYMMDD') IS NOT NULL` (from version 29 also `to_timestamp(s, 'YYYY-MM-DD HH24:MI')`, its call
 * unread before) on a text column (a format read here): s made as a real date (time) in that format, the
 * pattern atom of its fields (the CHECK still evaluated per row); undefined for other shapes.
 */
export function toDatePattern(ast: unknown): Atom | undefined {
  const test = child(ast, 'NullTest');
  const node = test?.nulltesttype === 'IS_NOT_NULL' ? child(unwrap(test.arg), 'FuncCall') : undefined;
  const call = node === undefined || node[UNREAD_CALL] === true ? undefined : funcCall(test?.arg);
  const column = lastName(child(unwrap(call?.args[0]), 'ColumnRef')?.fields);
  const format = child(child(unwrap(call?.args[1]), 'A_Const'), 'sval')?.sval;
  const time = call?.name === 'to_timestamp';
  const parts = typeof format === 'string' ? formatParts(format, time) : undefined;
  if ((call?.name !== 'to_date' && !time) || call?.args.length !== 2 || column === undefined || !parts)
    return undefined;
  const body = parts.map((p) => FIELD_PATTERNS[p as Field] ?? `\\${p}`).join('');
  return {
    kind: 'pattern',
    column,
    source: `^${body}$`,
    insensitive: false,
    negated: false,
    text: `${format}`,
  };
}
