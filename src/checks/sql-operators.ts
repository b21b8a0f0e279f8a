/**
 * SQL operators on values as PostgreSQL applies them: casts, three-valued
 * truth, comparisons, arithmetic (with int4 overflow), pattern matching and
 * IN lists. NULL in, NULL out, as the server does.
 */
import { SECONDS_PER_DAY } from './calendar.js';
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import { CAST_NAMES } from './expression-nodes.js';
import { exactArithmetic, inIntegerRange } from './integer-types.js';
import { combineIntervals, divideInterval, multiplyInterval } from './interval-arithmetic.js';
import { likeToRegex, posixToRegex, similarToRegex } from './patterns.js';
import {
  addInterval,
  coerce,
  compareValues,
  exactInteger,
  familyOf,
  isArray,
  isInterval,
  isTime,
  parseArrayText,
  type SqlInterval,
  type SqlValue,
  toText,
} from './sql-value.js';

const INT4_MAX = 2147483647;

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
    if (!Number.isFinite(out)) throw new SqlRuntimeError(`invalid input syntax for type ${name}: "${text}"`);
    const rounded = Math.round(out);
    inIntegerRange(rounded, name);
    return rounded;
  }
  if (typeof out === 'bigint') {
    if (name === 'int2' || name === 'int4' || name === 'int8') inIntegerRange(out, name);
    if (name === 'float4' || name === 'float8') return Number(out);
  }
  return out;
}

export function truth(v: SqlValue): boolean | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  const c = coerce(v, 'boolean');
  if (typeof c === 'boolean') return c;
  throw new NotEvaluableError('not a boolean');
}

const regexCache = new Map<string, RegExp | undefined>();

export function regexOf(source: string | undefined, flags: string): RegExp | undefined {
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

export function arith(op: string, a: SqlValue, b: SqlValue): SqlValue {
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
  if (isInterval(a) || isInterval(b)) return intervalArith(op, a, b);
  if (typeof a === 'number' && isTime(b) && b.type === 'date' && op === '+') {
    return { ...b, seconds: b.seconds + a * SECONDS_PER_DAY };
  }
  const x = typeof a === 'number' ? a : coerce(a, 'number');
  const y = typeof b === 'number' ? b : coerce(b, 'number');
  if (typeof x === 'bigint' || typeof y === 'bigint') return bigArith(op, x, y);
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

/** Arithmetic where an integer is past 2^53 (an int8 near its limits): exact over integers, else as numbers. */
function bigArith(op: string, x: SqlValue, y: SqlValue): SqlValue {
  const integral = (v: SqlValue) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
  if (integral(x) && integral(y) && ['+', '-', '*', '/', '%'].includes(op))
    return exactInteger(exactArithmetic(op, BigInt(x as number | bigint), BigInt(y as number | bigint)));
  if ((typeof x === 'number' || typeof x === 'bigint') && (typeof y === 'number' || typeof y === 'bigint'))
    return arith(op, Number(x), Number(y));
  throw new NotEvaluableError(`${op} on non-numbers`);
}

/** Arithmetic with an interval on one side at least: ± another interval or a time, × or ÷ a number. */
function intervalArith(op: string, a: SqlValue, b: SqlValue): SqlValue {
  if (isInterval(a) && isTime(b) && op === '+') return addInterval(b, a, 1);
  // Prefix minus arrives as `0 - interval`.
  if (a === 0 && op === '-' && isInterval(b)) return combineIntervals(b, b, 0);
  if (isInterval(a)) {
    const y = coerce(b, op === '*' || op === '/' ? 'number' : 'interval');
    if (isInterval(y) && (op === '+' || op === '-')) return combineIntervals(a, y, op === '+' ? 1 : -1);
    if (typeof y === 'number' && op === '*') return multiplyInterval(a, y);
    if (typeof y === 'number' && op === '/') return divideInterval(a, y);
  } else if (isInterval(b)) {
    const x = coerce(a, op === '*' ? 'number' : 'interval');
    if (typeof x === 'number' && op === '*') return multiplyInterval(b, x);
    if (isInterval(x) && (op === '+' || op === '-')) return combineIntervals(x, b, op === '+' ? 1 : -1);
  }
  throw new NotEvaluableError(`${op} on an interval`);
}

export function compareOp(op: string, a: SqlValue, b: SqlValue): SqlValue {
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

export const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
export const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^', '||']);
export const PATTERNS = new Set(['~', '~*', '!~', '!~*', '~~', '~~*', '!~~', '!~~*']);
export const ARRAY_SET_OPERATORS = new Set(['@>', '<@', '&&']);

/**
 * Array containment and overlap (`a @> b`, `a <@ b`, `a && b`) as PostgreSQL's
 * array_contains/arrayoverlap: multi-dimensional arrays flattened, a NULL
 * element equal to nothing. Applies when one side is an array; with `json`, two JSON texts as jsonb's
 * containment; ranges and the geometric types share the spelling and are not evaluated here.
 */
export function arraySetOp(op: string, a: SqlValue, b: SqlValue, json = false): SqlValue {
  if (a === null || b === null) return null;
  const left = asArray(a, b);
  const right = asArray(b, a);
  if (left === undefined || right === undefined) {
    // jsonb containment (`data @> '{"type": "event"}'`): both sides JSON text.
    const contained = op === '&&' || !json ? undefined : jsonbContainment(op, a, b);
    if (contained !== undefined) return contained;
    throw new NotEvaluableError(`operator ${op} on non-arrays`);
  }
  const holds = (outer: SqlValue[], inner: SqlValue[]) =>
    inner.every((x) => x !== null && outer.some((y) => y !== null && compareValues(x, y) === 0));
  if (op === '@>') return holds(left, right);
  if (op === '<@') return holds(right, left);
  return left.some((x) => x !== null && right.some((y) => y !== null && compareValues(x, y) === 0));
}

/** `a @> b` / `a <@ b` of two JSON texts as jsonb compares them; undefined when either is not JSON. */
function jsonbContainment(op: string, a: SqlValue, b: SqlValue): boolean | undefined {
  const parse = (v: SqlValue): unknown => {
    if (typeof v !== 'string') return undefined;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  };
  const x = parse(a);
  const y = parse(b);
  if (x === undefined || y === undefined) return undefined;
  return op === '@>' ? jsonContains(x, y, true) : jsonContains(y, x, true);
}

/** jsonb's `@>`: an object's members each contained, an array's elements each in some element (a top-level array holds a scalar too). */
export function jsonContains(outer: unknown, inner: unknown, top = false): boolean {
  if (Array.isArray(outer)) {
    if (Array.isArray(inner)) return inner.every((i) => outer.some((o) => jsonContains(o, i)));
    return top && (inner === null || typeof inner !== 'object') && outer.some((o) => jsonContains(o, inner));
  }
  if (outer !== null && typeof outer === 'object') {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return false;
    const o = outer as Record<string, unknown>;
    return Object.entries(inner as Record<string, unknown>).every(
      ([k, v]) => k in o && jsonContains(o[k], v),
    );
  }
  return outer === inner || (typeof outer === 'number' && typeof inner === 'number' && outer === inner);
}

/** A side's elements, flattened: an array, or array text when the other side is an array. */
function asArray(v: SqlValue, other: SqlValue): SqlValue[] | undefined {
  const array = isArray(v) ? v : typeof v === 'string' && isArray(other) ? parseArrayText(v) : undefined;
  if (array === undefined) return undefined;
  const flat = (items: readonly SqlValue[]): SqlValue[] =>
    items.flatMap((x) => (isArray(x) ? flat(x.items) : [x]));
  return flat(array.items);
}

export function inList(v: SqlValue, items: readonly SqlValue[], negated: boolean): SqlValue {
  if (v === null) return null;
  let unknown = false;
  for (const item of items) {
    const c = compareValues(v, item);
    if (c === undefined) unknown = true;
    else if (c === 0) return !negated;
  }
  return unknown ? null : negated;
}
