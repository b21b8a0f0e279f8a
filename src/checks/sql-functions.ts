import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import { INET_FUNCTIONS } from './inet-functions.js';
import { jsonbArrayLength } from './jsonb-operators.js';
import { makeInterval } from './make-interval.js';
import { MULTIRANGE_FUNCTIONS } from './multiranges.js';
import { likeEscape, posixToRegex } from './patterns.js';
import { RANGE_FLAG_FUNCTIONS, RANGE_FUNCTIONS } from './range-functions.js';
import { regexpReplace } from './regex-replace.js';
import { arith, compareOp, matchPattern, regexOf } from './sql-operators.js';
import { coerce, isArray, isInterval, isTime, parseArrayText, type SqlValue, toText } from './sql-value.js';
import {
  intervalField,
  makeDate,
  truncateTime,
  UTC_NAMES,
  zonedField,
  zoneFreeField,
} from './time-fields.js';
import { timezone } from './time-zones.js';
import { toChar } from './to-char.js';
import { toDate, toTimestamp } from './to-date.js';
import { wellFormedDocument } from './xml-documents.js';
export function textArg(v: SqlValue): string | null {
  return v === null ? null : toText(v);
}

function numberArg(v: SqlValue): number | null {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : coerce(v, 'number');
  if (typeof n !== 'number') throw new NotEvaluableError('not a number');
  return n;
}

export function arrayArg(v: SqlValue): SqlValue[] | null {
  if (v === null) return null;
  if (isArray(v)) return [...v.items];
  if (typeof v === 'string') {
    const a = parseArrayText(v);
    if (a) return [...a.items];
  }
  throw new NotEvaluableError('not an array');
}

function jsonType(v: SqlValue): string | null {
  const text = textArg(v);
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new NotEvaluableError('not JSON');
  }
  if (parsed === null) return 'null';
  if (Array.isArray(parsed)) return 'array';
  return typeof parsed;
}

type Fn = (args: SqlValue[]) => SqlValue;

/** sqrt's argument: PostgreSQL refuses a negative one (the row's load fails). */
function nonNegative(n: number, what: string): number {
  if (n < 0) throw new SqlRuntimeError(`cannot take ${what} of a negative number`);
  return n;
}

/** ln's and log's argument: zero and negative ones are errors in PostgreSQL. */
function logArgument(n: number): number {
  if (n === 0) throw new SqlRuntimeError('cannot take logarithm of zero');
  if (n < 0) throw new SqlRuntimeError('cannot take logarithm of a negative number');
  return n;
}

const STRICT =
  (f: (args: SqlValue[]) => SqlValue): Fn =>
  (args) =>
    args.some((a) => a === null) ? null : f(args);

/** split_part(s, d, n) as PostgreSQL 14 computes it: field n (from the end when negative), '' past the last. */
function splitPart(s: string, delimiter: string, position: SqlValue): string {
  const n = numberArg(position) as number;
  if (n === 0) throw new SqlRuntimeError('field position must not be zero');
  if (s === '') return '';
  if (delimiter === '') return n === 1 || n === -1 ? s : '';
  const fields = s.split(delimiter);
  return fields[n > 0 ? n - 1 : fields.length + n] ?? '';
}

/** isfinite() of a date, timestamp or interval: false only for `infinity` and `-infinity`. */
function finiteTime(v: SqlValue): boolean {
  if (isTime(v)) return Number.isFinite(v.seconds);
  return !/^\s*[-+]?infinity\s*$/i.test(textArg(v) as string);
}

/**
 * regexp_match(s, pattern [, flags]): the first match's parenthesized groups (the whole match without any),
 * NULL when none; flags `i` and `c` only (others unread).
 */
function regexpMatch(s: string, pattern: string, flagsArg: SqlValue | undefined): SqlValue {
  const flags = flagsArg === undefined ? '' : (textArg(flagsArg) as string);
  if (!/^[ic]*$/.test(flags)) throw new NotEvaluableError(`regexp flags '${flags}'`);
  const insensitive = flags.lastIndexOf('i') > flags.lastIndexOf('c');
  const re = regexOf(posixToRegex(pattern), insensitive ? 'si' : 's');
  if (!re) throw new NotEvaluableError(`pattern ${pattern}`);
  const match = re.exec(s);
  if (!match) return null;
  return { kind: 'array', items: match.length > 1 ? match.slice(1).map((g) => g ?? null) : [match[0]] };
}

/** The length functions that count a bytea's bytes. */
export const BYTE_COUNTS = new Set(['length', 'octet_length']);

export const textLength = (v: SqlValue): SqlValue => [...(textArg(v) as string)].length;

export const FUNCTIONS: Record<string, Fn> = {
  lower: STRICT(([a]) => (textArg(a ?? null) as string).toLowerCase()),
  upper: STRICT(([a]) => (textArg(a ?? null) as string).toUpperCase()),
  length: STRICT(([a]) => [...(textArg(a ?? null) as string)].length),
  char_length: STRICT(([a]) => [...(textArg(a ?? null) as string)].length),
  character_length: STRICT(([a]) => [...(textArg(a ?? null) as string)].length),
  octet_length: STRICT(([a]) => Buffer.byteLength(textArg(a ?? null) as string)),
  btrim: STRICT(([a, chars]) => trim(textArg(a ?? null) as string, chars, true, true)),
  ltrim: STRICT(([a, chars]) => trim(textArg(a ?? null) as string, chars, true, false)),
  rtrim: STRICT(([a, chars]) => trim(textArg(a ?? null) as string, chars, false, true)),
  like_escape: STRICT(([p, e]) => {
    const escaped = likeEscape(textArg(p ?? null) as string, textArg(e ?? null) as string);
    if (escaped === undefined)
      throw new NotEvaluableError('like_escape() with an escape of several characters');
    return escaped;
  }),
  substr: STRICT(substring),
  substring: STRICT(substring),
  strpos: STRICT(
    ([a, b]) => [...(textArg(a ?? null) as string)].join('').indexOf(textArg(b ?? null) as string) + 1,
  ),
  position: STRICT(([a, b]) => (textArg(a ?? null) as string).indexOf(textArg(b ?? null) as string) + 1),
  left: STRICT(([a, n]) => {
    const s = [...(textArg(a ?? null) as string)];
    const k = numberArg(n ?? null) as number;
    return (k >= 0 ? s.slice(0, k) : s.slice(0, Math.max(0, s.length + k))).join('');
  }),
  right: STRICT(([a, n]) => {
    const s = [...(textArg(a ?? null) as string)];
    const k = numberArg(n ?? null) as number;
    return (k >= 0 ? s.slice(Math.max(0, s.length - k)) : s.slice(-k)).join('');
  }),
  replace: STRICT(([a, b, c]) =>
    (textArg(a ?? null) as string).replaceAll(textArg(b ?? null) as string, textArg(c ?? null) as string),
  ),
  lpad: STRICT(([a, n, fill]) => pad(textArg(a ?? null) as string, n ?? null, fill, true)),
  rpad: STRICT(([a, n, fill]) => pad(textArg(a ?? null) as string, n ?? null, fill, false)),
  split_part: STRICT(([a, d, n]) =>
    splitPart(textArg(a ?? null) as string, textArg(d ?? null) as string, n ?? null),
  ),
  isfinite: STRICT(([a]) => finiteTime(a ?? null)),
  regexp_match: STRICT(([a, p, f]) =>
    regexpMatch(textArg(a ?? null) as string, textArg(p ?? null) as string, f),
  ),
  starts_with: STRICT(([a, b]) => (textArg(a ?? null) as string).startsWith(textArg(b ?? null) as string)),
  concat: (args) => args.map((a) => (a === null ? '' : toText(a))).join(''),
  abs: STRICT(([a]) => Math.abs(numberArg(a ?? null) as number)),
  round: STRICT(([a, d]) => {
    const p = 10 ** ((d === undefined ? 0 : numberArg(d)) ?? 0);
    const x = (numberArg(a ?? null) as number) * p;
    return (Math.sign(x) * Math.round(Math.abs(x))) / p;
  }),
  trunc: STRICT(([a]) => Math.trunc(numberArg(a ?? null) as number)),
  floor: STRICT(([a]) => Math.floor(numberArg(a ?? null) as number)),
  ceil: STRICT(([a]) => Math.ceil(numberArg(a ?? null) as number)),
  ceiling: STRICT(([a]) => Math.ceil(numberArg(a ?? null) as number)),
  mod: STRICT(([a, b]) => arith('%', a ?? null, b ?? null)),
  sign: STRICT(([a]) => Math.sign(numberArg(a ?? null) as number)),
  power: STRICT(([a, b]) => (numberArg(a ?? null) as number) ** (numberArg(b ?? null) as number)),
  pow: STRICT(([a, b]) => (numberArg(a ?? null) as number) ** (numberArg(b ?? null) as number)),
  sqrt: STRICT(([a]) => Math.sqrt(nonNegative(numberArg(a ?? null) as number, 'square root'))),
  exp: STRICT(([a]) => Math.exp(numberArg(a ?? null) as number)),
  ln: STRICT(([a]) => Math.log(logArgument(numberArg(a ?? null) as number))),
  log: STRICT(([a, b]) =>
    b === undefined
      ? Math.log10(logArgument(numberArg(a ?? null) as number))
      : Math.log(logArgument(numberArg(b) as number)) / Math.log(logArgument(numberArg(a ?? null) as number)),
  ),
  make_interval: makeInterval,
  make_date: STRICT(([y, m, d]) =>
    makeDate(numberArg(y ?? null), numberArg(m ?? null), numberArg(d ?? null)),
  ),
  // inet/cidr as text (inet-functions.ts): family, masklen, host, network, set_masklen, …
  ...Object.fromEntries(
    Object.entries(INET_FUNCTIONS).map(([name, f]) => [
      name,
      STRICT(([a, b]) =>
        f(textArg(a ?? null) as string, b === undefined ? undefined : (numberArg(b) as number)),
      ),
    ]),
  ),
  // A range as text: PostgreSQL prints an empty one as `empty`; range-functions.ts builds one.
  ...RANGE_FUNCTIONS,
  ...MULTIRANGE_FUNCTIONS,
  // A range's `empty`, a multirange's `{}`.
  isempty: STRICT(([a]) => /^(empty|\{\s*\})$/i.test((textArg(a ?? null) as string).trim())),
  ...Object.fromEntries(
    Object.entries(RANGE_FLAG_FUNCTIONS).map(([name, f]) => [
      name,
      STRICT(([a]) => f(textArg(a ?? null) as string)),
    ]),
  ),
  xml_is_well_formed_document: STRICT(([a]) => wellFormedDocument(textArg(a ?? null) as string)),
  jsonb_typeof: STRICT(([a]) => jsonType(a ?? null)),
  jsonb_array_length: STRICT(([a]) => jsonbArrayLength(a ?? null)),
  json_typeof: STRICT(([a]) => jsonType(a ?? null)),
  array_length: STRICT(([a, d]) => {
    const items = arrayArg(a ?? null) as SqlValue[];
    if (numberArg(d ?? null) !== 1) throw new NotEvaluableError('array_length past dimension 1');
    return items.length === 0 ? null : items.length;
  }),
  cardinality: STRICT(([a]) => {
    const count = (items: readonly SqlValue[]): number =>
      items.reduce<number>((n, x) => n + (isArray(x) ? count(x.items) : 1), 0);
    return count(arrayArg(a ?? null) as SqlValue[]);
  }),
  array_ndims: STRICT(([a]) => {
    const items = arrayArg(a ?? null) as SqlValue[];
    let dims = items.length === 0 ? null : 1;
    let first = items[0];
    while (dims !== null && isArray(first ?? null)) {
      dims++;
      first = isArray(first ?? null) ? (first as { items: readonly SqlValue[] }).items[0] : undefined;
    }
    return dims;
  }),
  // Not strict: `array_position(items, NULL) IS NULL` (no NULL element) searches for a NULL.
  array_position: ([a, e, start]) => arrayPosition(a ?? null, e ?? null, start),
  num_nonnulls: (args) => args.filter((a) => a !== null).length,
  num_nulls: (args) => args.filter((a) => a === null).length,
  extract: STRICT(([field, v]) => {
    const t = v ?? null;
    if (isInterval(t)) return intervalField(textArg(field ?? null) as string, t);
    if (!isTime(t)) throw new NotEvaluableError('extract from a non-time value');
    return zonedField(textArg(field ?? null) as string, t, 'extract');
  }),
  date_part: STRICT(([field, v]) => {
    const t = v ?? null;
    if (isInterval(t)) return intervalField(textArg(field ?? null) as string, t);
    if (!isTime(t)) throw new NotEvaluableError('date_part of a non-time value');
    return zonedField(textArg(field ?? null) as string, t, 'date_part');
  }),
  date_trunc: STRICT(([field, v, zone]) => {
    const t = v ?? null;
    if (!isTime(t) || t.type === 'time') throw new NotEvaluableError('date_trunc of a non-timestamp value');
    const unit = textArg(field ?? null) as string;
    // timestamptz: in the zone given (UTC only), else in the session's, which neither pg_dump's output nor datagen's sets.
    const utc = zone !== undefined && UTC_NAMES.has((textArg(zone) ?? '').toLowerCase());
    if (zone !== undefined && (t.type !== 'timestamptz' || !utc))
      throw new NotEvaluableError(`date_trunc in time zone ${textArg(zone)}`);
    if (t.type === 'timestamptz' && !utc) zoneFreeField(unit, t, 'date_trunc');
    const type = t.type === 'timestamptz' ? 'timestamptz' : 'timestamp';
    return { kind: 'time', type, seconds: truncateTime(unit, t.seconds) };
  }),
  to_char: toChar,
  to_date: toDate,
  to_timestamp: toTimestamp,
  // `t AT TIME ZONE zone` (time-zones.ts).
  timezone,
  regexp_replace: regexpReplace,
  regexp_like: STRICT(([a, p]) => {
    const r = matchPattern(textArg(a ?? null) as string, textArg(p ?? null) as string, '~');
    if (r === undefined) throw new NotEvaluableError('regex');
    return r;
  }),
};

/** lpad/rpad as PostgreSQL: cut to `length` characters, or filled to it (not with an empty fill). */
function pad(text: string, length: SqlValue, fill: SqlValue | undefined, left: boolean): string {
  const n = Math.max(0, numberArg(length) as number);
  const chars = [...text];
  if (chars.length >= n) return chars.slice(0, n).join('');
  const filler = [...(fill === undefined ? ' ' : (textArg(fill) as string))];
  if (filler.length === 0) return text;
  const padding = Array.from({ length: n - chars.length }, (_, i) => filler[i % filler.length]).join('');
  return left ? padding + text : text + padding;
}

function trim(text: string, chars: SqlValue | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined ? ' ' : (textArg(chars) ?? ' ');
  let s = 0;
  let e = text.length;
  while (left && s < e && set.includes(text[s] as string)) s++;
  while (right && e > s && set.includes(text[e - 1] as string)) e--;
  return text.slice(s, e);
}

function substring([a, from, len]: SqlValue[]): SqlValue {
  if (typeof from === 'string' && !/^\s*[-+]?\d+\s*$/.test(from)) return regexSubstring(a ?? null, from, len);
  const s = [...(textArg(a ?? null) as string)];
  const start = numberArg(from ?? null) as number;
  const end = len === undefined ? s.length + 1 : start + (numberArg(len) as number);
  return s.slice(Math.max(0, start - 1), Math.max(0, end - 1)).join('');
}

/**
 * `substring(x FROM 'pattern')`: the part of x the POSIX pattern matches (its first parenthesized
 * group's, when it has one), NULL when none does. The SIMILAR form (`FOR 'escape'`) is not read.
 */
function regexSubstring(a: SqlValue, pattern: string, escapeChar: SqlValue | undefined): SqlValue {
  if (escapeChar !== undefined) throw new NotEvaluableError('substring(... similar ... escape ...)');
  const re = regexOf(posixToRegex(pattern), 's');
  if (!re) throw new NotEvaluableError(`pattern ${pattern}`);
  const match = re.exec(textArg(a) as string);
  if (!match) return null;
  return match.length > 1 ? (match[1] ?? null) : match[0];
}

/** array_position(a, e [, start]): the first index from start where a holds e (NULL: a NULL element), else NULL. */
function arrayPosition(a: SqlValue, e: SqlValue, start: SqlValue | undefined): SqlValue {
  if (a === null) return null;
  const items = arrayArg(a) as SqlValue[];
  if (items.some((x) => isArray(x)))
    throw new NotEvaluableError('array_position in a multidimensional array');
  const from = start === undefined ? 1 : numberArg(start);
  if (from === null) throw new SqlRuntimeError('initial position must not be null');
  for (let i = Math.max(0, from - 1); i < items.length; i++) {
    const item = items[i] ?? null;
    if (e === null ? item === null : item !== null && compareOp('=', item, e) === true) return i + 1;
  }
  return null;
}
