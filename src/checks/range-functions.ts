/**
 * PostgreSQL's range constructors (`daterange(since, until)`,
 * `tstzrange(a, b, '[]')`, `int4range(lo, hi)`), read by the evaluator as
 * PostgreSQL computes them: a NULL bound is unbounded, a lower bound above
 * the upper one is an error (`range lower bound must be less than or equal
 * to range upper bound`, which fails the row's load), and the result is the
 * range's text form, discrete ranges (integers, dates) made canonical
 * `[lower,upper)` and a range with no values `empty` (what `isempty` reads).
 */
import { SECONDS_PER_DAY } from './calendar.js';
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import { coerce, compareValues, isTime, type SqlValue, toText, type ValueFamily } from './sql-value.js';

type Fn = (args: SqlValue[]) => SqlValue;

/** Each constructor's element family, and whether its ranges are discrete (canonical `[)`). */
export const CONSTRUCTORS: Readonly<Record<string, { family: ValueFamily; discrete: boolean }>> = {
  int4range: { family: 'number', discrete: true },
  int8range: { family: 'number', discrete: true },
  numrange: { family: 'number', discrete: false },
  daterange: { family: 'date', discrete: true },
  tsrange: { family: 'timestamp', discrete: false },
  tstzrange: { family: 'timestamptz', discrete: false },
};

/** The next value of a discrete element (an integer, a date). */
function successor(v: SqlValue): SqlValue {
  if (typeof v === 'number') return v + 1;
  if (isTime(v)) return { ...v, seconds: v.seconds + SECONDS_PER_DAY };
  throw new NotEvaluableError('a range bound of no discrete type');
}

/** A bound read as its element type: NULL (unbounded), or a value of the family (text that is none cannot be read). */
function bound(v: SqlValue | undefined, family: ValueFamily, name: string): SqlValue {
  if (v === null || v === undefined) return null;
  const value = coerce(v, family);
  if (typeof value === 'string') throw new NotEvaluableError(`${name} bound '${value}'`);
  return value;
}

/** A bound as range_out prints it: quoted where it holds a space, a comma, a quote, a bracket or a backslash. */
export function boundText(v: SqlValue): string {
  if (v === null) return '';
  const text = toText(v) ?? '';
  return /[\s,"\\()[\]]/.test(text) || text === '' ? `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"` : text;
}

function construct(name: string, family: ValueFamily, discrete: boolean): Fn {
  return (args) => {
    if (args.length < 2 || args.length > 3)
      throw new NotEvaluableError(`${name} with ${args.length} arguments`);
    const bounds = args[2] === undefined ? '[)' : toText(args[2] ?? null);
    if (bounds === null) throw new SqlRuntimeError('range constructor flags argument must not be null');
    if (!/^[[(][\])]$/.test(bounds)) throw new SqlRuntimeError(`invalid range bound flags: ${bounds}`);
    let lower = bound(args[0], family, name);
    let upper = bound(args[1], family, name);
    let lowerInclusive = lower !== null && bounds[0] === '[';
    let upperInclusive = upper !== null && bounds[1] === ']';
    if (lower !== null && upper !== null) {
      const order = compareValues(lower, upper);
      if (order === undefined) throw new NotEvaluableError(`${name} bounds that do not compare`);
      if (order > 0)
        throw new SqlRuntimeError('range lower bound must be less than or equal to range upper bound');
    }
    if (discrete) {
      if (lower !== null && !lowerInclusive) [lower, lowerInclusive] = [successor(lower), true];
      if (upper !== null && upperInclusive) [upper, upperInclusive] = [successor(upper), false];
    }
    if (lower !== null && upper !== null) {
      const order = compareValues(lower, upper) as number;
      if (order > 0 || (order === 0 && !(lowerInclusive && upperInclusive))) return 'empty';
    }
    return `${lowerInclusive ? '[' : '('}${boundText(lower)},${boundText(upper)}${upperInclusive ? ']' : ')'}`;
  };
}

export const RANGE_FUNCTIONS: Record<string, Fn> = Object.fromEntries(
  Object.entries(CONSTRUCTORS).map(([name, { family, discrete }]) => [
    name,
    construct(name, family, discrete),
  ]),
);

/** A range's text form read for its bound flags (`[2,5)`, `(,10]`, `empty`); other text cannot be read. */
function rangeFlags(text: string): {
  lowerInf: boolean;
  upperInf: boolean;
  lowerInc: boolean;
  upperInc: boolean;
} {
  const t = text.trim();
  if (t.toLowerCase() === 'empty')
    return { lowerInf: false, upperInf: false, lowerInc: false, upperInc: false };
  const open = t[0];
  const close = t[t.length - 1];
  if ((open !== '[' && open !== '(') || (close !== ']' && close !== ')') || t.length < 3)
    throw new NotEvaluableError(`range text '${t}'`);
  const lowerInf = t[1] === ',';
  const upperInf = t[t.length - 2] === ',';
  return { lowerInf, upperInf, lowerInc: !lowerInf && open === '[', upperInc: !upperInf && close === ']' };
}

/** `lower_inf(r)`, `upper_inf(r)`, `lower_inc(r)`, `upper_inc(r)` of a range's text (false for `empty`, as PostgreSQL). */
export const RANGE_FLAG_FUNCTIONS: Readonly<Record<string, (text: string) => boolean>> = {
  lower_inf: (t) => rangeFlags(t).lowerInf,
  upper_inf: (t) => rangeFlags(t).upperInf,
  lower_inc: (t) => rangeFlags(t).lowerInc,
  upper_inc: (t) => rangeFlags(t).upperInc,
};

/** A built-in range or multirange type's element family (`tstzrange` → timestamptz) and which of the two it is. */
export interface RangeColumnType {
  readonly family: ValueFamily;
  readonly multi: boolean;
}

/** The element family of a built-in range or multirange type, else undefined. */
export function rangeTypeFamily(typeName: string): RangeColumnType | undefined {
  const multi = typeName.endsWith('multirange');
  const family = CONSTRUCTORS[multi ? typeName.replace('multirange', 'range') : typeName]?.family;
  return family === undefined ? undefined : { family, multi };
}

/**
 * A multirange's text (`{[1,5), [8,10)}`, `{}`) as the range from its first member's lower bound to its last
 * member's upper bound, which is what `lower()`/`upper()` of it read (`empty` for `{}`: NULL, as PostgreSQL).
 */
function multirangeSpan(text: string): string {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw new NotEvaluableError(`multirange text '${t}'`);
  const body = t.slice(1, -1);
  let quoted = false;
  let first = -1;
  let last = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '[' || c === '(') && first < 0) first = i;
    else if (!quoted && (c === ']' || c === ')')) last = i;
  }
  if (first < 0 || last < first) return 'empty';
  const members = body.slice(first, last + 1);
  // The first member's opening and lower bound, the last member's upper bound and closing.
  const lower = members.slice(0, boundEnd(members, 0) + 1);
  const upper = members.slice(boundStart(members));
  return `${lower}${upper}`;
}

/** Where the first member's lower bound ends: the index of the comma after it (outside quotes). */
function boundEnd(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) return i;
  }
  throw new NotEvaluableError(`multirange text '${text}'`);
}

/** Where the last member's upper bound starts: just after the last comma outside quotes. */
function boundStart(text: string): number {
  let quoted = false;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) at = i;
  }
  if (at < 0) throw new NotEvaluableError(`multirange text '${text}'`);
  return at + 1;
}

/** One bound's text of a range literal (`["2020-01-01 00:00:00+00",)` → its lower), unquoted; null when infinite or empty. */
function boundOf(text: string, which: 'lower' | 'upper'): string | null {
  const t = text.trim();
  if (t.toLowerCase() === 'empty') return null;
  const body = t.slice(1, -1);
  // The comma between the bounds: the first one outside quotes.
  let quoted = false;
  let at = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new NotEvaluableError(`range text '${t}'`);
  const raw = (which === 'lower' ? body.slice(0, at) : body.slice(at + 1)).trim();
  if (raw === '') return null;
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
}

/**
 * `lower(r)` / `upper(r)` of a range column: its bound as a value of the element family (NULL: infinite,
 * empty); of a multirange column, its first member's lower bound, its last member's upper bound.
 */
export function rangeBoundFunction(which: 'lower' | 'upper', type: RangeColumnType): Fn {
  const { family } = type;
  return ([v]) => {
    const value = v === null || v === undefined ? null : toText(v);
    if (value === null) return null;
    const text = type.multi ? multirangeSpan(value) : value;
    rangeFlags(text);
    const b = boundOf(text, which);
    return b === null ? null : coerce(b, family);
  };
}

/** A range's text read as its bounds (values of the family, NULL: infinite) and flags; undefined when empty. */
export function rangeParts(text: string, family: ValueFamily) {
  const flags = rangeFlags(text);
  if (text.trim().toLowerCase() === 'empty') return undefined;
  const lower = boundOf(text, 'lower');
  const upper = boundOf(text, 'upper');
  return {
    ...flags,
    lower: lower === null ? null : coerce(lower, family),
    upper: upper === null ? null : coerce(upper, family),
  };
}

/**
 * `outer @> inner` between two range columns' texts of one element family (range_contains): an empty inner
 * range is in every range. Bounds compared with their flags, so a discrete range written uncanonically
 * (`[1,5]` against `[1,6)`) can read as not contained, which only rejects the row.
 */
export function rangeContains(outer: string, inner: string, family: ValueFamily): boolean {
  const b = rangeParts(inner, family);
  if (b === undefined) return true;
  const a = rangeParts(outer, family);
  if (a === undefined) return false;
  const lowerOk =
    a.lowerInf ||
    (!b.lowerInf && order(a.lower, b.lower) < 0) ||
    (!b.lowerInf && order(a.lower, b.lower) === 0 && (a.lowerInc || !b.lowerInc));
  const upperOk =
    a.upperInf ||
    (!b.upperInf && order(a.upper, b.upper) > 0) ||
    (!b.upperInf && order(a.upper, b.upper) === 0 && (a.upperInc || !b.upperInc));
  return lowerOk && upperOk;
}

function order(a: SqlValue, b: SqlValue): number {
  const c = compareValues(a, b);
  if (c === undefined) throw new NotEvaluableError('range bounds that do not compare');
  return c;
}
