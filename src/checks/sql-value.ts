/**
 * The values the CHECK evaluator computes with: SQL NULL, booleans, numbers,
 * text, date/time points, intervals and arrays, read from PostgreSQL's text
 * forms (what the generators write) and compared as PostgreSQL compares them
 * (text by code point, as the C collation does).
 */
import {
  daysFromCivil,
  formatDate,
  formatTimestamp,
  parseTimestampText,
  parseTimeText,
  SECONDS_PER_DAY,
} from './calendar.js';
import { SqlRuntimeError } from './evaluation.js';
import { compareTimes, withZoneSlack } from './zone-shifts.js';

export type TimeKind = 'date' | 'timestamp' | 'timestamptz' | 'time';

/** A point in time: seconds since 1970-01-01 (UTC for timestamptz), or of the day for `time`. */
export interface SqlTime {
  readonly kind: 'time';
  readonly type: TimeKind;
  readonly seconds: number;
  /** A timestamptz ± days or months: the seconds it may lie off in a session TimeZone (zone-shifts.ts). */
  readonly zoneSlack?: number;
}

export interface SqlInterval {
  readonly kind: 'interval';
  readonly months: number;
  readonly days: number;
  readonly seconds: number;
}

export interface SqlArray {
  readonly kind: 'array';
  readonly items: readonly SqlValue[];
}

/** A label of an enum type: compared by its place in `labels` (CREATE TYPE ... AS ENUM order), not as text. */
export interface SqlEnum {
  readonly kind: 'enum';
  readonly label: string;
  readonly labels: readonly string[];
}

export type SqlValue = null | boolean | number | bigint | string | SqlTime | SqlInterval | SqlArray | SqlEnum;

/** The value families a column's text is read as. */
export type ValueFamily = 'number' | 'boolean' | 'text' | TimeKind | 'interval';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'oid']);

/** Which family a built-in type's values belong to. */
export function familyOf(typeName: string): ValueFamily {
  if (NUMBER_TYPES.has(typeName)) return 'number';
  if (typeName === 'bool') return 'boolean';
  if (typeName === 'date' || typeName === 'timestamp' || typeName === 'timestamptz' || typeName === 'time')
    return typeName;
  if (typeName === 'interval') return 'interval';
  return 'text';
}

export function isTime(v: SqlValue): v is SqlTime {
  return typeof v === 'object' && v !== null && v.kind === 'time';
}

export function isInterval(v: SqlValue): v is SqlInterval {
  return typeof v === 'object' && v !== null && v.kind === 'interval';
}

export function isEnum(v: SqlValue): v is SqlEnum {
  return typeof v === 'object' && v !== null && v.kind === 'enum';
}

/**
 * A value as a label of an enum (`labels` in order): text is read as the label (one the enum lacks is
 * PostgreSQL's "invalid input value for enum", thrown as `invalid`), arrays element by element.
 */
export function asEnum(v: SqlValue, labels: readonly string[], invalid: (label: string) => Error): SqlValue {
  if (v === null || isEnum(v)) return v;
  if (isArray(v)) return { kind: 'array', items: v.items.map((x) => asEnum(x, labels, invalid)) };
  const label = toText(v) as string;
  if (!labels.includes(label)) throw invalid(label);
  return { kind: 'enum', label, labels };
}

export function isArray(v: SqlValue): v is SqlArray {
  return typeof v === 'object' && v !== null && v.kind === 'array';
}

/** Reads a time value's text; undefined when it is not one. */
export function parseTime(text: string, type: TimeKind): SqlTime | undefined {
  if (type === 'time') {
    const s = parseTimeText(text);
    return s === undefined ? undefined : { kind: 'time', type, seconds: s };
  }
  const t = parseTimestampText(text);
  if (t === undefined) {
    const lower = text.trim().toLowerCase();
    if (lower === 'infinity' || lower === '-infinity') {
      return { kind: 'time', type, seconds: lower === 'infinity' ? Infinity : -Infinity };
    }
    return undefined;
  }
  const seconds = type === 'date' ? Math.floor(t.seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY : t.seconds;
  return { kind: 'time', type, seconds };
}

const UNIT_RE =
  /([+-]?\d+(?:\.\d+)?)\s*(years?|yrs?|y|mons?|months?|weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|millennium|centur(?:y|ies)|decades?)\b/gi;

/** Reads `'18 years'`, `'1 day 02:00:00'`, `'P1D'`-less interval text; undefined otherwise. */
export function parseInterval(text: string): SqlInterval | undefined {
  let months = 0;
  let days = 0;
  let seconds = 0;
  let rest = text.trim();
  if (rest === '') return undefined;
  const clock = /([+-]?)(\d+):(\d{2})(?::(\d{2}(?:\.\d+)?))?/.exec(rest);
  if (clock) {
    const sign = clock[1] === '-' ? -1 : 1;
    seconds += sign * (Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4] ?? 0));
    rest = rest.replace(clock[0], ' ');
  }
  const ago = /\bago\b/i.test(rest);
  rest = rest.replace(/\bago\b/i, ' ').replace(/^@/, ' ');
  for (const m of rest.matchAll(UNIT_RE)) {
    const n = Number(m[1]);
    const unit = (m[2] as string).toLowerCase();
    if (unit.startsWith('millennium')) months += n * 12000;
    else if (unit.startsWith('centur')) months += n * 1200;
    else if (unit.startsWith('decade')) months += n * 120;
    else if (unit.startsWith('y')) months += n * 12;
    else if (unit.startsWith('mon')) months += n;
    else if (unit.startsWith('w')) days += n * 7;
    else if (unit.startsWith('d')) days += n;
    else if (unit.startsWith('h')) seconds += n * 3600;
    else if (unit.startsWith('m')) seconds += n * 60;
    else seconds += n;
  }
  // A number without a unit is seconds, as PostgreSQL reads it (`interval '0'`, `'1.5'`, `'1 day 5'`).
  const leftover = rest.replace(UNIT_RE, '').trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(leftover)) seconds += Number(leftover);
  else if (leftover !== '') return undefined;
  const s = ago ? -1 : 1;
  return { kind: 'interval', months: s * months, days: s * days, seconds: s * seconds };
}

/** Reads a 1-D or nested array literal `{a,"b c",NULL}` into text items (null for NULL). */
export function parseArrayText(text: string): SqlArray | undefined {
  let i = text.indexOf('{');
  if (i < 0) return undefined;
  const parse = (): SqlArray => {
    const items: SqlValue[] = [];
    i++; // past '{'
    for (;;) {
      while (text[i] === ' ') i++;
      const c = text[i];
      if (c === undefined) return { kind: 'array', items };
      if (c === '}') {
        i++;
        return { kind: 'array', items };
      }
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '{') {
        items.push(parse());
        continue;
      }
      if (c === '"') {
        let out = '';
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          out += text[i] ?? '';
          i++;
        }
        i++;
        items.push(out);
        continue;
      }
      let start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '}') i++;
      const raw = text.slice(start, i).trim();
      start = i;
      items.push(raw.toUpperCase() === 'NULL' ? null : raw);
    }
  };
  return parse();
}

/** A column's text value as the evaluator sees it. */
export function readValue(text: string | null, family: ValueFamily, arrayDims: number): SqlValue {
  if (text === null) return null;
  if (arrayDims > 0) {
    const array = parseArrayText(text);
    if (!array) return text;
    const convert = (a: SqlArray): SqlArray => ({
      kind: 'array',
      items: a.items.map((x) =>
        isArray(x) ? convert(x) : typeof x === 'string' ? readValue(x, family, 0) : x,
      ),
    });
    return convert(array);
  }
  return coerce(text, family);
}

/** An untyped literal (or text) read as a value of a family; the text itself when it does not parse. */
export function coerce(value: SqlValue, family: ValueFamily): SqlValue {
  if (typeof value !== 'string') return value;
  switch (family) {
    case 'number': {
      const special = SPECIAL_NUMBERS[value.trim().toLowerCase()];
      if (special !== undefined) return special;
      const n = Number(value.trim());
      if (!Number.isSafeInteger(n) && /^\s*[+-]?\d+\s*$/.test(value))
        return exactInteger(BigInt(value.trim()));
      return value.trim() !== '' && !Number.isNaN(n) ? n : value;
    }
    case 'boolean': {
      // parse_bool: any prefix of true/false/yes/no ('tr', 'ye'), on, of(f), 1, 0.
      const b = value.trim().toLowerCase();
      if (b === '') return value;
      if (b === '1' || b === 'on' || 'true'.startsWith(b) || 'yes'.startsWith(b)) return true;
      if (b === '0' || b === 'of' || b === 'off' || 'false'.startsWith(b) || 'no'.startsWith(b)) return false;
      return value;
    }
    case 'interval':
      return parseInterval(value) ?? value;
    case 'text':
      return value;
    default:
      return parseTime(value, family) ?? value;
  }
}

/** The special values float and numeric input accepts, case-insensitively ('NaN'::float8, '-Infinity'). */
const SPECIAL_NUMBERS: Record<string, number> = {
  nan: Number.NaN,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
};

/**
 * An integer as the evaluator keeps it: a number where that is exact (within 2^53), else a bigint, so an
 * int8 near its limits is compared and computed exactly.
 */
export function exactInteger(v: bigint): number | bigint {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** Numbers and bigints compared exactly (a bigint beside a fractional number: as numbers). */
function compareExact(x: number | bigint, y: number | bigint): number {
  if (typeof x === 'number' && !Number.isInteger(x)) return compareNumbers(x, Number(y));
  if (typeof y === 'number' && !Number.isInteger(y)) return compareNumbers(Number(x), y);
  const a = BigInt(x);
  const b = BigInt(y);
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Numbers in PostgreSQL's order: NaN equals NaN and sorts above every other number. */
function compareNumbers(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The family a value already has (undefined for an untyped string). */
function familyOfValue(v: SqlValue): ValueFamily | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (isTime(v)) return v.type;
  if (isInterval(v)) return 'interval';
  return undefined;
}

function intervalSeconds(v: SqlInterval): number {
  return v.months * 30 * SECONDS_PER_DAY + v.days * SECONDS_PER_DAY + v.seconds;
}

/** -1, 0, 1; undefined when either is NULL or they cannot be compared. */
export function compareValues(a: SqlValue, b: SqlValue): number | undefined {
  if (a === null || b === null) return undefined;
  if (isEnum(a) || isEnum(b)) return compareEnums(a, b);
  const fa = familyOfValue(a);
  const fb = familyOfValue(b);
  let x: SqlValue = a;
  let y: SqlValue = b;
  if (fa && !fb) y = coerce(b, fa);
  else if (fb && !fa) x = coerce(a, fb);
  if (typeof x === 'number' && typeof y === 'number') return compareNumbers(x, y);
  if ((typeof x === 'bigint' || typeof x === 'number') && (typeof y === 'bigint' || typeof y === 'number'))
    return compareExact(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  if (isTime(x) && isTime(y)) return compareTimes(x, y);
  if (isInterval(x) && isInterval(y)) return Math.sign(intervalSeconds(x) - intervalSeconds(y));
  if (isArray(x) && isArray(y)) {
    for (let i = 0; i < Math.min(x.items.length, y.items.length); i++) {
      const c = compareValues(x.items[i] ?? null, y.items[i] ?? null);
      if (c !== 0) return c;
    }
    return Math.sign(x.items.length - y.items.length);
  }
  if (x === null || y === null) return undefined;
  const sx = toText(x);
  const sy = toText(y);
  if (sx === null || sy === null) return undefined;
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** Enum labels by their place in the type; text beside a label read as a label of its type (undefined if none). */
function compareEnums(a: SqlValue, b: SqlValue): number | undefined {
  const labels = isEnum(a) ? a.labels : isEnum(b) ? b.labels : [];
  const place = (v: SqlValue): number => {
    if (isEnum(v))
      return v.labels === labels || v.labels.join('\u0000') === labels.join('\u0000')
        ? labels.indexOf(v.label)
        : -1;
    return typeof v === 'string' ? labels.indexOf(v) : -1;
  };
  const x = place(a);
  const y = place(b);
  // PostgreSQL refuses what is no label of the type (or another enum type): the row is not shown to hold.
  if (x < 0 || y < 0) throw new SqlRuntimeError(`invalid input value for enum: ${toText(x < 0 ? a : b)}`);
  return Math.sign(x - y);
}

/** The text form of a value (what `::text` gives). */
export function toText(v: SqlValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isTime(v)) return formatTime(v);
  if (isInterval(v)) return `${v.months} mons ${v.days} days ${v.seconds} secs`;
  if (isEnum(v)) return v.label;
  return `{${v.items.map((x) => toText(x) ?? 'NULL').join(',')}}`;
}

/** A time value in PostgreSQL's ISO output form (UTC for timestamptz). */
export function formatTime(v: SqlTime): string {
  if (!Number.isFinite(v.seconds)) return v.seconds > 0 ? 'infinity' : '-infinity';
  const whole = Math.floor(v.seconds);
  const frac = v.seconds - whole;
  const fraction =
    frac > 0
      ? `.${Math.round(frac * 1e6)
          .toString()
          .padStart(6, '0')
          .replace(/0+$/, '')}`
      : '';
  switch (v.type) {
    case 'date':
      return formatDate(Math.floor(v.seconds / SECONDS_PER_DAY));
    case 'time': {
      const s = ((whole % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
      return formatTimestamp(s).slice(11) + fraction;
    }
    case 'timestamp':
      return formatTimestamp(whole) + fraction;
    case 'timestamptz':
      return `${formatTimestamp(whole)}${fraction}+00`;
  }
}

/** Adds months, days and seconds to a time point, month arithmetic clamped to the month's end as PostgreSQL does. */
export function addInterval(t: SqlTime, iv: SqlInterval, sign: 1 | -1): SqlTime {
  if (t.type === 'time') {
    const s = (((t.seconds + sign * iv.seconds) % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
    return { kind: 'time', type: 'time', seconds: s };
  }
  let seconds = t.seconds;
  const months = sign * iv.months;
  if (months !== 0) {
    const day = Math.floor(seconds / SECONDS_PER_DAY);
    const within = seconds - day * SECONDS_PER_DAY;
    const [y, m, d] = formatDate(day).split('-').map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) + months;
    const ny = Math.floor(total / 12);
    const nm = total - ny * 12 + 1;
    const last = daysFromCivil(nm === 12 ? ny + 1 : ny, nm === 12 ? 1 : nm + 1, 1) - daysFromCivil(ny, nm, 1);
    seconds = daysFromCivil(ny, nm, Math.min(d, last)) * SECONDS_PER_DAY + within;
  }
  seconds += sign * (iv.days * SECONDS_PER_DAY + iv.seconds);
  // date ± interval is a timestamp in PostgreSQL.
  const type = t.type === 'date' ? 'timestamp' : t.type;
  return withZoneSlack(t, { kind: 'time', type, seconds }, months, iv.days);
}
