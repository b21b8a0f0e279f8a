/**
 * A small evaluator of PostgreSQL expressions over one row's values, for
 * CHECKs the compiler cannot turn into generator bounds: generate, evaluate,
 * try again (see generate/row-checks.ts). It follows SQL's three-valued
 * logic; a CHECK passes when it is true or NULL. An expression it does not
 * know (a user function, a subquery) fails at compile time with
 * `NotEvaluableError`, so the planner can name it before any row is made.
 */
import { SECONDS_PER_DAY } from '../../generate/types/calendar.js';
import { likeToRegex, posixToRegex, similarToRegex } from './patterns.js';
import {
  addInterval,
  coerce,
  compareValues,
  familyOf,
  isArray,
  isInterval,
  isTime,
  parseArrayText,
  type SqlInterval,
  type SqlTime,
  type SqlValue,
  toText,
  type ValueFamily,
} from './sql-value.js';

/** The row's values by column name (already read into SqlValues). */
export type RowEnv = (column: string) => SqlValue;

export type Evaluate = (env: RowEnv) => SqlValue;

export class NotEvaluableError extends Error {
  override readonly name = 'NotEvaluableError';
}

/** An error PostgreSQL would raise while evaluating (integer overflow, division by zero): the row is rejected. */
export class SqlRuntimeError extends Error {
  override readonly name = 'SqlRuntimeError';
}

const INT4_MAX = 2147483647;

export interface EvaluatorOptions {
  /** What `now()`, `current_date`, `CURRENT_TIMESTAMP` return: seconds since 1970-01-01 UTC. */
  readonly now: number;
  /** Whether a column is a bytea: length()/octet_length() of it count the bytes of its `\x…` text. */
  readonly bytea?: (column: string) => boolean;
}

type Node = Record<string, unknown>;

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

function only(node: unknown): [string, Node] | undefined {
  const n = asNode(node);
  if (!n) return undefined;
  const keys = Object.keys(n);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const inner = asNode(n[key]);
  return inner ? [key, inner] : undefined;
}

function lastName(list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const s = asNode(asNode(list[list.length - 1])?.String);
  return typeof s?.sval === 'string' ? s.sval : undefined;
}

/** A type name as the evaluator's cast sees it: `int4`, `text`, `date`, with `[]` when an array. */
export function castTarget(typeName: unknown): { name: string; array: boolean } | undefined {
  const t = asNode(typeName);
  const name = lastName(t?.names);
  if (!name) return undefined;
  return { name, array: Array.isArray(t?.arrayBounds) && t.arrayBounds.length > 0 };
}

const CAST_NAMES: Record<string, string> = {
  integer: 'int4',
  int: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  decimal: 'numeric',
  boolean: 'bool',
  varchar: 'text',
  bpchar: 'text',
  char: 'text',
  name: 'text',
  citext: 'text',
};

/** The value family a cast's target type belongs to. */
export function castFamily(name: string): ValueFamily {
  return familyOf(CAST_NAMES[name] ?? name);
}

/** A value cast to a type (`x::date`, `'5'::int`). */
export function castValue(v: SqlValue, target: { name: string; array: boolean }): SqlValue {
  if (v === null) return null;
  const name = CAST_NAMES[target.name] ?? target.name;
  if (target.array) {
    const array = typeof v === 'string' ? parseArrayText(v) : isArray(v) ? v : undefined;
    if (!array) throw new NotEvaluableError(`cannot cast to ${name}[]`);
    const cast = (a: typeof array): SqlValue => ({
      kind: 'array',
      items: a.items.map((x) => (isArray(x) ? cast(x) : castValue(x, { name, array: false }))),
    });
    return cast(array);
  }
  const family = familyOf(name);
  if (family === 'text') return toText(v);
  if (isTime(v) && family !== 'number' && family !== 'boolean' && family !== 'interval') {
    if (family === 'date')
      return { ...v, type: 'date', seconds: Math.floor(v.seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY };
    if (family === 'time')
      return {
        ...v,
        type: 'time',
        seconds: ((v.seconds % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY,
      };
    return { ...v, type: family };
  }
  // boolean → integer is 1 or 0 (PostgreSQL's bool::int4).
  if (typeof v === 'boolean' && family === 'number') return v ? 1 : 0;
  const text = typeof v === 'string' ? v : toText(v);
  const out = coerce(text, family);
  // The server rejects what it cannot read as the type, and so the row: never "unknown", which a CHECK accepts.
  if (typeof out === 'string') {
    throw new SqlRuntimeError(`invalid input syntax for type ${name}: "${text}"`);
  }
  if (
    family === 'number' &&
    typeof out === 'number' &&
    (name === 'int2' || name === 'int4' || name === 'int8')
  ) {
    return Math.round(out);
  }
  return out;
}

function truth(v: SqlValue): boolean | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  const c = coerce(v, 'boolean');
  if (typeof c === 'boolean') return c;
  throw new NotEvaluableError('not a boolean');
}

const regexCache = new Map<string, RegExp | undefined>();

function regexOf(source: string | undefined, flags: string): RegExp | undefined {
  if (source === undefined) return undefined;
  const key = `${flags}/${source}`;
  if (!regexCache.has(key)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(source, flags);
    } catch {
      re = undefined;
    }
    regexCache.set(key, re);
  }
  return regexCache.get(key);
}

/** Whether text matches a pattern of one of PostgreSQL's pattern operators; undefined when the pattern is not understood. */
export function matchPattern(text: string, pattern: string, op: string): boolean | undefined {
  const insensitive = op === '~*' || op === '!~*' || op === '~~*' || op === '!~~*';
  const negated = op.startsWith('!');
  let source: string | undefined;
  if (op === '~~' || op === '!~~' || op === '~~*' || op === '!~~*') source = likeToRegex(pattern);
  else if (op === 'similar' || op === '!similar') source = similarToRegex(pattern);
  else source = posixToRegex(pattern);
  const re = regexOf(source, insensitive ? 'si' : 's');
  if (!re) return undefined;
  return re.test(text) !== negated;
}

function arith(op: string, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  if (op === '||') {
    if (isArray(a) && isArray(b)) return { kind: 'array', items: [...a.items, ...b.items] };
    return `${toText(a)}${toText(b)}`;
  }
  // time ± interval, date ± integer, time - time
  if (isTime(a)) {
    const iv = isInterval(b) ? b : typeof b === 'string' ? coerce(b, 'interval') : b;
    if (isInterval(iv) && (op === '+' || op === '-')) return addInterval(a, iv, op === '+' ? 1 : -1);
    const other = typeof b === 'string' ? coerce(b, a.type) : b;
    if (typeof other === 'number' && a.type === 'date' && (op === '+' || op === '-')) {
      return {
        kind: 'time',
        type: 'date',
        seconds: a.seconds + (op === '+' ? 1 : -1) * other * SECONDS_PER_DAY,
      };
    }
    if (isTime(other) && op === '-') {
      const diff = a.seconds - other.seconds;
      if (a.type === 'date' && other.type === 'date') return Math.round(diff / SECONDS_PER_DAY);
      const days = Math.trunc(diff / SECONDS_PER_DAY);
      return {
        kind: 'interval',
        months: 0,
        days,
        seconds: diff - days * SECONDS_PER_DAY,
      } satisfies SqlInterval;
    }
    throw new NotEvaluableError(`${op} on a date/time`);
  }
  if (isInterval(a) && isTime(b) && op === '+') return addInterval(b, a, 1);
  if (isInterval(a) && isInterval(b) && (op === '+' || op === '-')) {
    const s = op === '+' ? 1 : -1;
    return {
      kind: 'interval',
      months: a.months + s * b.months,
      days: a.days + s * b.days,
      seconds: a.seconds + s * b.seconds,
    };
  }
  if (typeof a === 'number' && isTime(b) && b.type === 'date' && op === '+') {
    return { ...b, seconds: b.seconds + a * SECONDS_PER_DAY };
  }
  const x = typeof a === 'number' ? a : coerce(a, 'number');
  const y = typeof b === 'number' ? b : coerce(b, 'number');
  if (typeof x !== 'number' || typeof y !== 'number') throw new NotEvaluableError(`${op} on non-numbers`);
  const integral = Number.isInteger(x) && Number.isInteger(y);
  // int4 arithmetic overflows in PostgreSQL (an error, so the row is rejected).
  const int4 = integral && Math.abs(x) <= INT4_MAX && Math.abs(y) <= INT4_MAX;
  const checked = (r: number): number => {
    if (int4 && Math.abs(r) > INT4_MAX) throw new SqlRuntimeError('integer out of range');
    return r;
  };
  switch (op) {
    case '+':
      return checked(x + y);
    case '-':
      return checked(x - y);
    case '*':
      return checked(x * y);
    case '/':
      if (y === 0) throw new SqlRuntimeError('division by zero');
      return integral ? Math.trunc(x / y) : x / y;
    case '%':
      if (y === 0) throw new SqlRuntimeError('division by zero');
      return x % y;
    case '^':
      return x ** y;
    default:
      throw new NotEvaluableError(`operator ${op}`);
  }
}

function compareOp(op: string, a: SqlValue, b: SqlValue): SqlValue {
  const c = compareValues(a, b);
  if (c === undefined) return null;
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    default:
      throw new NotEvaluableError(`operator ${op}`);
  }
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^', '||']);
const PATTERNS = new Set(['~', '~*', '!~', '!~*', '~~', '~~*', '!~~', '!~~*']);

function textArg(v: SqlValue): string | null {
  return v === null ? null : toText(v);
}

function numberArg(v: SqlValue): number | null {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : coerce(v, 'number');
  if (typeof n !== 'number') throw new NotEvaluableError('not a number');
  return n;
}

function arrayArg(v: SqlValue): SqlValue[] | null {
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

function timeField(field: string, v: SqlTime): number {
  const seconds = v.seconds;
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const date = new Date(day * SECONDS_PER_DAY * 1000);
  const within = seconds - day * SECONDS_PER_DAY;
  switch (field.toLowerCase()) {
    case 'year':
      return date.getUTCFullYear();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'day':
      return date.getUTCDate();
    case 'dow':
      return date.getUTCDay();
    case 'isodow':
      return date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    case 'doy':
      return day - Math.floor(Date.UTC(date.getUTCFullYear(), 0, 1) / 86400000) + 1;
    case 'hour':
      return Math.floor(within / 3600);
    case 'minute':
      return Math.floor((within % 3600) / 60);
    case 'second':
      return within % 60;
    case 'epoch':
      return seconds;
    default:
      throw new NotEvaluableError(`extract(${field})`);
  }
}

/** date_trunc(field, timestamp): the seconds since 1970 cut to the start of the field's unit. */
function truncateTime(field: string, seconds: number): number {
  const date = new Date(Math.floor(seconds) * 1000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const startOf = (year: number, month = 0, day = 1) => Date.UTC(year, month, day) / 1000;
  switch (field.toLowerCase()) {
    case 'microseconds':
    case 'milliseconds':
      return seconds;
    case 'second':
      return Math.floor(seconds);
    case 'minute':
      return Math.floor(seconds / 60) * 60;
    case 'hour':
      return Math.floor(seconds / 3600) * 3600;
    case 'day':
      return Math.floor(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    case 'week': {
      const day = Math.floor(seconds / SECONDS_PER_DAY);
      return (day - ((date.getUTCDay() + 6) % 7)) * SECONDS_PER_DAY;
    }
    case 'month':
      return startOf(y, m);
    case 'quarter':
      return startOf(y, m - (m % 3));
    case 'year':
      return startOf(y);
    default:
      throw new NotEvaluableError(`date_trunc(${field})`);
  }
}

type Fn = (args: SqlValue[]) => SqlValue;

const STRICT =
  (f: (args: SqlValue[]) => SqlValue): Fn =>
  (args) =>
    args.some((a) => a === null) ? null : f(args);

/** The length functions that count a bytea's bytes. */
const BYTE_COUNTS = new Set(['length', 'octet_length']);

const textLength = (v: SqlValue): SqlValue => [...(textArg(v) as string)].length;

const FUNCTIONS: Record<string, Fn> = {
  lower: STRICT(([a]) => (textArg(a ?? null) as string).toLowerCase()),
  upper: STRICT(([a]) => (textArg(a ?? null) as string).toUpperCase()),
  length: STRICT(([a]) => [...(textArg(a ?? null) as string)].length),
  char_length: STRICT(([a]) => [...(textArg(a ?? null) as string)].length),
  character_length: STRICT(([a]) => [...(textArg(a ?? null) as string)].length),
  octet_length: STRICT(([a]) => Buffer.byteLength(textArg(a ?? null) as string)),
  btrim: STRICT(([a, chars]) => trim(textArg(a ?? null) as string, chars, true, true)),
  ltrim: STRICT(([a, chars]) => trim(textArg(a ?? null) as string, chars, true, false)),
  rtrim: STRICT(([a, chars]) => trim(textArg(a ?? null) as string, chars, false, true)),
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
  sqrt: STRICT(([a]) => Math.sqrt(numberArg(a ?? null) as number)),
  exp: STRICT(([a]) => Math.exp(numberArg(a ?? null) as number)),
  ln: STRICT(([a]) => Math.log(numberArg(a ?? null) as number)),
  log: STRICT(([a, b]) =>
    b === undefined
      ? Math.log10(numberArg(a ?? null) as number)
      : Math.log(numberArg(b) as number) / Math.log(numberArg(a ?? null) as number),
  ),
  // inet/cidr as text: an IPv6 address holds a colon.
  family: STRICT(([a]) => ((textArg(a ?? null) as string).includes(':') ? 6 : 4)),
  // A range as text: PostgreSQL prints an empty one as `empty`.
  isempty: STRICT(([a]) => (textArg(a ?? null) as string).trim().toLowerCase() === 'empty'),
  jsonb_typeof: STRICT(([a]) => jsonType(a ?? null)),
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
  num_nonnulls: (args) => args.filter((a) => a !== null).length,
  num_nulls: (args) => args.filter((a) => a === null).length,
  extract: STRICT(([field, v]) => {
    const t = v ?? null;
    if (!isTime(t)) throw new NotEvaluableError('extract from a non-time value');
    return timeField(textArg(field ?? null) as string, t);
  }),
  date_part: STRICT(([field, v]) => {
    const t = v ?? null;
    if (!isTime(t)) throw new NotEvaluableError('date_part of a non-time value');
    return timeField(textArg(field ?? null) as string, t);
  }),
  date_trunc: STRICT(([field, v, zone]) => {
    const t = v ?? null;
    // timestamptz truncates in the session's time zone, which the output does not fix.
    if (!isTime(t) || t.type === 'time' || t.type === 'timestamptz' || zone !== undefined)
      throw new NotEvaluableError('date_trunc of a non-timestamp value');
    return {
      kind: 'time',
      type: 'timestamp',
      seconds: truncateTime(textArg(field ?? null) as string, t.seconds),
    };
  }),
  regexp_like: STRICT(([a, p]) => {
    const r = matchPattern(textArg(a ?? null) as string, textArg(p ?? null) as string, '~');
    if (r === undefined) throw new NotEvaluableError('regex');
    return r;
  }),
};

function trim(text: string, chars: SqlValue | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined ? ' ' : (textArg(chars) ?? ' ');
  let s = 0;
  let e = text.length;
  while (left && s < e && set.includes(text[s] as string)) s++;
  while (right && e > s && set.includes(text[e - 1] as string)) e--;
  return text.slice(s, e);
}

function substring([a, from, len]: SqlValue[]): SqlValue {
  const s = [...(textArg(a ?? null) as string)];
  const start = numberArg(from ?? null) as number;
  const end = len === undefined ? s.length + 1 : start + (numberArg(len) as number);
  return s.slice(Math.max(0, start - 1), Math.max(0, end - 1)).join('');
}

/**
 * Compile a libpg-query expression node into a function of the row. Throws
 * `NotEvaluableError` for what it does not know.
 */
export function compileExpression(ast: unknown, options: EvaluatorOptions): Evaluate {
  const rec = (node: unknown): Evaluate => {
    const entry = only(node);
    if (!entry) throw new NotEvaluableError('unknown node');
    const [kind, n] = entry;
    switch (kind) {
      case 'A_Const': {
        if (n.isnull === true) return () => null;
        const ival = asNode(n.ival);
        if (ival) {
          const v = typeof ival.ival === 'number' ? ival.ival : 0;
          return () => v;
        }
        const fval = asNode(n.fval);
        if (fval) {
          const v = Number(fval.fval);
          return () => v;
        }
        const sval = asNode(n.sval);
        if (sval) {
          const v = typeof sval.sval === 'string' ? sval.sval : '';
          return () => v;
        }
        const bval = asNode(n.boolval);
        if (bval) {
          const v = bval.boolval === true;
          return () => v;
        }
        throw new NotEvaluableError('constant');
      }
      case 'ColumnRef': {
        const name = lastName(n.fields);
        if (!name) throw new NotEvaluableError('column reference');
        return (env) => env(name);
      }
      case 'TypeCast': {
        const target = castTarget(n.typeName);
        if (!target) throw new NotEvaluableError('cast');
        const arg = rec(n.arg);
        return (env) => castValue(arg(env), target);
      }
      case 'BoolExpr': {
        const args = Array.isArray(n.args) ? n.args.map(rec) : [];
        if (n.boolop === 'NOT_EXPR') {
          const a = args[0];
          if (!a) throw new NotEvaluableError('NOT');
          return (env) => {
            const t = truth(a(env));
            return t === null ? null : !t;
          };
        }
        const and = n.boolop === 'AND_EXPR';
        return (env) => {
          let unknown = false;
          for (const a of args) {
            const t = truth(a(env));
            if (t === null) unknown = true;
            else if (t !== and) return !and;
          }
          return unknown ? null : and;
        };
      }
      case 'JsonIsPredicate': {
        // PostgreSQL 16's `x IS JSON [OBJECT|ARRAY|SCALAR]`: NULL for NULL, else whether the text parses as that kind.
        const arg = rec(n.expr);
        const kind = n.item_type;
        return (env) => {
          const v = arg(env);
          if (v === null) return null;
          const text = toText(v);
          if (text === null) return null;
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return false;
          }
          if (kind === 'JS_TYPE_OBJECT')
            return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
          if (kind === 'JS_TYPE_ARRAY') return Array.isArray(parsed);
          if (kind === 'JS_TYPE_SCALAR') return typeof parsed !== 'object' || parsed === null;
          return true;
        };
      }
      case 'NullTest': {
        const arg = rec(n.arg);
        const isNull = n.nulltesttype === 'IS_NULL';
        return (env) => (arg(env) === null) === isNull;
      }
      case 'BooleanTest': {
        const arg = rec(n.arg);
        const test = String(n.booltesttype);
        return (env) => {
          const t = truth(arg(env));
          switch (test) {
            case 'IS_TRUE':
              return t === true;
            case 'IS_NOT_TRUE':
              return t !== true;
            case 'IS_FALSE':
              return t === false;
            case 'IS_NOT_FALSE':
              return t !== false;
            case 'IS_UNKNOWN':
              return t === null;
            default:
              return t !== null;
          }
        };
      }
      case 'CoalesceExpr': {
        const args = Array.isArray(n.args) ? n.args.map(rec) : [];
        return (env) => {
          for (const a of args) {
            const v = a(env);
            if (v !== null) return v;
          }
          return null;
        };
      }
      case 'MinMaxExpr': {
        const args = Array.isArray(n.args) ? n.args.map(rec) : [];
        const greatest = n.op === 'IS_GREATEST';
        return (env) => {
          let best: SqlValue = null;
          for (const a of args) {
            const v = a(env);
            if (v === null) continue;
            const c = best === null ? undefined : compareValues(v, best);
            if (best === null || (c !== undefined && (greatest ? c > 0 : c < 0))) best = v;
          }
          return best;
        };
      }
      case 'CaseExpr': {
        const subject = n.arg === undefined ? undefined : rec(n.arg);
        const whens = (Array.isArray(n.args) ? n.args : []).map((w) => {
          const cw = asNode(asNode(w)?.CaseWhen);
          if (!cw) throw new NotEvaluableError('CASE');
          return { when: rec(cw.expr), result: rec(cw.result) };
        });
        const otherwise = n.defresult === undefined ? () => null : rec(n.defresult);
        return (env) => {
          const s = subject?.(env);
          for (const w of whens) {
            const hit = subject ? compareOp('=', s ?? null, w.when(env)) : w.when(env);
            if (truth(hit) === true) return w.result(env);
          }
          return otherwise(env);
        };
      }
      case 'A_ArrayExpr': {
        const items = Array.isArray(n.elements) ? n.elements.map(rec) : [];
        return (env) => ({ kind: 'array', items: items.map((i) => i(env)) });
      }
      case 'SQLValueFunction': {
        const op = String(n.op);
        const now = options.now;
        if (op === 'SVFOP_CURRENT_DATE') {
          return () => ({
            kind: 'time',
            type: 'date',
            seconds: Math.floor(now / SECONDS_PER_DAY) * SECONDS_PER_DAY,
          });
        }
        if (op.includes('LOCALTIMESTAMP')) return () => ({ kind: 'time', type: 'timestamp', seconds: now });
        if (op.includes('TIMESTAMP')) return () => ({ kind: 'time', type: 'timestamptz', seconds: now });
        if (op.includes('TIME'))
          return () => ({ kind: 'time', type: 'time', seconds: now % SECONDS_PER_DAY });
        throw new NotEvaluableError(op);
      }
      case 'FuncCall':
        return funcCall(n);
      case 'A_Expr':
        return aExpr(n);
      default:
        throw new NotEvaluableError(kind);
    }
  };

  const funcCall = (n: Node): Evaluate => {
    const name = lastName(n.funcname);
    if (!name) throw new NotEvaluableError('function');
    if (n.agg_star === true || n.over !== undefined) throw new NotEvaluableError(name);
    const args = Array.isArray(n.args) ? n.args.map(rec) : [];
    if (
      ['now', 'transaction_timestamp', 'statement_timestamp', 'clock_timestamp'].includes(name) &&
      args.length === 0
    ) {
      const now = options.now;
      return () => ({ kind: 'time', type: 'timestamptz', seconds: now });
    }
    const column =
      Array.isArray(n.args) && n.args.length === 1 ? asNode(asNode(n.args[0])?.ColumnRef) : undefined;
    const columnName = column ? lastName(column.fields) : undefined;
    if (BYTE_COUNTS.has(name) && columnName !== undefined && options.bytea?.(columnName)) {
      const arg = args[0] as Evaluate;
      return (env) => {
        const v = arg(env);
        return typeof v === 'string' && v.startsWith('\\x')
          ? (v.length - 2) / 2
          : v === null
            ? null
            : textLength(v);
      };
    }
    const fn = FUNCTIONS[name];
    if (!fn) throw new NotEvaluableError(`function ${name}()`);
    return (env) => fn(args.map((a) => a(env)));
  };

  const listOf = (node: unknown): Evaluate[] => {
    const list = asNode(asNode(node)?.List)?.items;
    if (Array.isArray(list)) return list.map(rec);
    const array = asNode(asNode(node)?.A_ArrayExpr)?.elements;
    if (Array.isArray(array)) return array.map(rec);
    return [];
  };

  const aExpr = (n: Node): Evaluate => {
    const op = lastName(n.name) ?? '';
    const kind = String(n.kind);
    switch (kind) {
      case 'AEXPR_OP': {
        const right = rec(n.rexpr);
        if (n.lexpr === undefined) {
          if (op === '-') return (env) => arith('-', 0, right(env));
          if (op === '+') return right;
          throw new NotEvaluableError(`prefix ${op}`);
        }
        const left = rec(n.lexpr);
        if (COMPARISONS.has(op)) return (env) => compareOp(op, left(env), right(env));
        if (ARITHMETIC.has(op)) return (env) => arith(op, left(env), right(env));
        if (PATTERNS.has(op)) {
          return (env) => {
            const text = textArg(left(env));
            const pattern = textArg(right(env));
            if (text === null || pattern === null) return null;
            const r = matchPattern(text, pattern, op);
            if (r === undefined) throw new NotEvaluableError(`pattern ${pattern}`);
            return r;
          };
        }
        throw new NotEvaluableError(`operator ${op}`);
      }
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE':
      case 'AEXPR_SIMILAR': {
        const left = rec(n.lexpr);
        let patternNode = n.rexpr;
        const escapeCall = asNode(asNode(patternNode)?.FuncCall);
        if (
          escapeCall &&
          lastName(escapeCall.funcname) === 'similar_to_escape' &&
          Array.isArray(escapeCall.args)
        ) {
          if (escapeCall.args.length !== 1) throw new NotEvaluableError('SIMILAR TO ... ESCAPE');
          patternNode = escapeCall.args[0];
        }
        const right = rec(patternNode);
        const patternOp = kind === 'AEXPR_SIMILAR' ? (op === '!~' ? '!similar' : 'similar') : op;
        return (env) => {
          const text = textArg(left(env));
          const pattern = textArg(right(env));
          if (text === null || pattern === null) return null;
          const r = matchPattern(text, pattern, patternOp);
          if (r === undefined) throw new NotEvaluableError(`pattern ${pattern}`);
          return r;
        };
      }
      case 'AEXPR_IN': {
        const left = rec(n.lexpr);
        const items = listOf(n.rexpr);
        const negated = op === '<>';
        return (env) =>
          inList(
            left(env),
            items.map((i) => i(env)),
            negated,
          );
      }
      case 'AEXPR_OP_ANY':
      case 'AEXPR_OP_ALL': {
        const left = rec(n.lexpr);
        const right = rec(n.rexpr);
        const any = kind === 'AEXPR_OP_ANY';
        if (!COMPARISONS.has(op)) throw new NotEvaluableError(`${op} ANY`);
        return (env) => {
          const l = left(env);
          const items = arrayArg(right(env));
          if (items === null) return null;
          let unknown = false;
          for (const item of items) {
            const t = compareOp(op, l, item) as boolean | null;
            if (t === null) unknown = true;
            else if (t === any) return any;
          }
          return unknown ? null : !any;
        };
      }
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN':
      case 'AEXPR_BETWEEN_SYM':
      case 'AEXPR_NOT_BETWEEN_SYM': {
        const left = rec(n.lexpr);
        const [lo, hi] = listOf(n.rexpr);
        if (!lo || !hi) throw new NotEvaluableError('BETWEEN');
        const negated = kind.includes('NOT');
        const symmetric = kind.endsWith('SYM');
        return (env) => {
          const v = left(env);
          let a = lo(env);
          let b = hi(env);
          if (symmetric && (compareValues(a, b) ?? 0) > 0) [a, b] = [b, a];
          const x = truth(compareOp('>=', v, a));
          const y = truth(compareOp('<=', v, b));
          const both = x === false || y === false ? false : x === null || y === null ? null : true;
          return both === null ? null : both !== negated;
        };
      }
      case 'AEXPR_DISTINCT':
      case 'AEXPR_NOT_DISTINCT': {
        const left = rec(n.lexpr);
        const right = rec(n.rexpr);
        const distinct = kind === 'AEXPR_DISTINCT';
        return (env) => {
          const a = left(env);
          const b = right(env);
          const same = a === null || b === null ? a === b : compareValues(a, b) === 0;
          return same !== distinct;
        };
      }
      case 'AEXPR_NULLIF': {
        const left = rec(n.lexpr);
        const right = rec(n.rexpr);
        return (env) => {
          const a = left(env);
          return compareValues(a, right(env)) === 0 ? null : a;
        };
      }
      default:
        throw new NotEvaluableError(kind);
    }
  };

  return rec(ast);
}

function inList(v: SqlValue, items: readonly SqlValue[], negated: boolean): SqlValue {
  if (v === null) return null;
  let unknown = false;
  for (const item of items) {
    const c = compareValues(v, item);
    if (c === undefined) unknown = true;
    else if (c === 0) return !negated;
  }
  return unknown ? null : negated;
}

/** True when the CHECK's result lets a row in (true or NULL). */
export function checkPasses(result: SqlValue): boolean {
  return result === null || result === true || (typeof result === 'string' && truth(result) !== false);
}
