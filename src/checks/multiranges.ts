/**
 * Multiranges read by the evaluator as PostgreSQL computes them: the
 * constructors (`datemultirange(daterange(a, b), ...)`: the union of their
 * ranges, overlapping or adjacent ones merged, `{}` for none) and the
 * containment and overlap operators `@>`, `<@`, `&&` between a multirange, a
 * range or an element of one family (a range is the multirange of itself, an
 * element the range `[x,x]`). Values are their text forms, as datagen
 * writes them and as range-functions.ts builds ranges.
 */
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import { boundText, CONSTRUCTORS, rangeParts } from './range-functions.js';
import { coerce, compareValues, type SqlValue, toText, type ValueFamily } from './sql-value.js';

/** One non-empty range: its bounds (NULL: infinite) and whether each is inclusive. */
export interface RangePart {
  readonly lower: SqlValue;
  readonly upper: SqlValue;
  readonly lowerInf: boolean;
  readonly upperInf: boolean;
  readonly lowerInc: boolean;
  readonly upperInc: boolean;
}

/** How an operand of `@>`, `<@`, `&&` is read: a multirange's text, a range's text, or an element. */
export type RangeOperand = 'multi' | 'range' | 'element';

function order(a: SqlValue, b: SqlValue): number {
  const c = compareValues(a, b);
  if (c === undefined) throw new NotEvaluableError('range bounds that do not compare');
  return c;
}

/** The member texts of a multirange's text (`{[1,5),[8,10)}`), `empty` members dropped. */
function memberTexts(text: string): string[] {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw new NotEvaluableError(`multirange text '${t}'`);
  const members: string[] = [];
  let quoted = false;
  let start = -1;
  for (let i = 1; i < t.length - 1; i++) {
    const c = t[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && start < 0 && (c === '[' || c === '(')) start = i;
    else if (!quoted && start >= 0 && (c === ']' || c === ')')) {
      members.push(t.slice(start, i + 1));
      start = -1;
    }
  }
  return members;
}

/** An operand's non-empty ranges (a multirange's members as written, a range alone, an element as `[x,x]`). */
export function partsOf(value: SqlValue, operand: RangeOperand, family: ValueFamily): RangePart[] {
  if (operand === 'element') {
    const x = coerce(value, family);
    if (typeof x === 'string' && family !== 'text') throw new NotEvaluableError(`range element '${x}'`);
    return [{ lower: x, upper: x, lowerInf: false, upperInf: false, lowerInc: true, upperInc: true }];
  }
  const text = toText(value) ?? '';
  const texts = operand === 'multi' ? memberTexts(text) : [text];
  return texts.flatMap((t) => {
    const part = rangeParts(t, family);
    return part === undefined ? [] : [part];
  });
}

/** Whether range `b` lies in range `a` (range_contains of two non-empty ranges). */
function contains(a: RangePart, b: RangePart): boolean {
  const lower =
    a.lowerInf ||
    (!b.lowerInf &&
      (order(a.lower, b.lower) < 0 || (order(a.lower, b.lower) === 0 && (a.lowerInc || !b.lowerInc))));
  const upper =
    a.upperInf ||
    (!b.upperInf &&
      (order(a.upper, b.upper) > 0 || (order(a.upper, b.upper) === 0 && (a.upperInc || !b.upperInc))));
  return lower && upper;
}

/** Whether `a` ends before `b` begins (no value in both). */
function before(a: RangePart, b: RangePart): boolean {
  if (a.upperInf || b.lowerInf) return false;
  const c = order(a.upper, b.lower);
  return c < 0 || (c === 0 && !(a.upperInc && b.lowerInc));
}

/** `a @> b`, `a <@ b`, `a && b` over two operands' ranges (a multirange's members merged as PostgreSQL keeps them). */
export function rangeSetOperator(op: string, a: RangePart[], b: RangePart[]): boolean {
  if (op === '&&') return a.some((x) => b.some((y) => !before(x, y) && !before(y, x)));
  const [outer, inner] = op === '@>' ? [merged(a), b] : [merged(b), a];
  return inner.every((y) => outer.some((x) => contains(x, y)));
}

/** Lower bounds in order, an infinite one first (an inclusive bound before an exclusive one at one value). */
function byLower(a: RangePart, b: RangePart): number {
  if (a.lowerInf || b.lowerInf) return (b.lowerInf ? 1 : 0) - (a.lowerInf ? 1 : 0);
  return order(a.lower, b.lower) || (b.lowerInc ? 1 : 0) - (a.lowerInc ? 1 : 0);
}

/** The ranges sorted, overlapping or adjacent ones merged: the members of their multirange. */
export function merged(parts: readonly RangePart[]): RangePart[] {
  const out: RangePart[] = [];
  for (const part of [...parts].sort(byLower)) {
    const last = out[out.length - 1];
    if (last === undefined || (before(last, part) && !adjacent(last, part))) {
      out.push(part);
      continue;
    }
    if (last.upperInf || (!part.upperInf && order(last.upper, part.upper) >= 0)) {
      const same = !last.upperInf && !part.upperInf && order(last.upper, part.upper) === 0;
      if (same && part.upperInc) out[out.length - 1] = { ...last, upperInc: true };
      continue;
    }
    out[out.length - 1] = { ...last, upper: part.upper, upperInf: part.upperInf, upperInc: part.upperInc };
  }
  return out;
}

/** `[1,5)` then `[5,8)`: no value between them. */
function adjacent(a: RangePart, b: RangePart): boolean {
  return !a.upperInf && !b.lowerInf && order(a.upper, b.lower) === 0 && (a.upperInc || b.lowerInc);
}

/** A multirange's text of merged members, as multirange_out prints them. */
function multirangeText(parts: readonly RangePart[]): string {
  const member = (p: RangePart) =>
    `${p.lowerInc ? '[' : '('}${p.lowerInf ? '' : boundText(p.lower)},${p.upperInf ? '' : boundText(p.upper)}${p.upperInc ? ']' : ')'}`;
  return `{${parts.map(member).join(',')}}`;
}

/** `int4multirange(r1, r2, ...)`, `datemultirange()`, ...: the union of the ranges (a NULL argument an error). */
export const MULTIRANGE_FUNCTIONS: Readonly<Record<string, (args: SqlValue[]) => SqlValue>> =
  Object.fromEntries(
    Object.entries(CONSTRUCTORS).map(([name, { family }]) => [
      name.replace('range', 'multirange'),
      (args: SqlValue[]) => {
        if (args.some((a) => a === null))
          throw new SqlRuntimeError('multirange values cannot contain null members');
        return multirangeText(merged(args.flatMap((a) => partsOf(a, 'range', family))));
      },
    ]),
  );
