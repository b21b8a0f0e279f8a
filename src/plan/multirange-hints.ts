/**
 * `m <@ X`, `m && X`, `m @> X` (either side) of a multirange column `m` (from
 * version 29 also a range column) and a constant range or multirange `X` (`datemultirange(daterange('2020-01-01',
 * '2030-01-01'))`): bounds for the range generator, the conjunct still
 * evaluated per row (checks/multiranges.ts). Inside X's span (`<@`, `&&`):
 * every member's bounds within it (a non-empty value inside a one-range X
 * overlaps it); `@>`: one member holds X's span.
 */

import type { ColumnHints, RangeSpan } from '../checks/check-hints.js';
import { compileExpression } from '../checks/evaluate-expr.js';
import { NotEvaluableError, SqlRuntimeError, type TypeReadings } from '../checks/evaluation.js';
import { asNode, child, lastName, unwrap } from '../checks/expression-nodes.js';
import { merged, partsOf, type RangePart } from '../checks/multiranges.js';
import { type RangeColumnType, rangeTypeFamily } from '../checks/range-functions.js';
import { formatTime, isTime, type SqlValue } from '../checks/sql-value.js';
import { RANGE_OPERANDS_FROM } from './version-checks.js';

/** A bound as a hint reads it: a number, or a date's or timestamp's text (UTC, no zone). */
function hintValue(v: SqlValue): number | string | undefined {
  if (typeof v === 'number') return v;
  return isTime(v) && v.type !== 'time'
    ? formatTime({ ...v, type: v.type === 'date' ? 'date' : 'timestamp' })
    : undefined;
}

/**
 * A constant side's merged ranges (a range or multirange constructor or cast literal; else an element, the
 * range `[x,x]`), else undefined.
 */
function constantParts(node: unknown, type: RangeColumnType, now: number): RangePart[] | undefined {
  const call = lastName(child(unwrap(node), 'FuncCall')?.funcname);
  const cast = lastName(asNode(child(node, 'TypeCast')?.typeName)?.names);
  const written = rangeTypeFamily(call ?? cast ?? '');
  if (written !== undefined && written.family !== type.family) return undefined;
  try {
    const value = compileExpression(node, { now })(() => {
      throw new NotEvaluableError('a column');
    });
    if (value === null) return undefined;
    const operand = written === undefined ? 'element' : written.multi ? 'multi' : 'range';
    return merged(partsOf(value, operand, type.family));
  } catch (error) {
    if (error instanceof NotEvaluableError || error instanceof SqlRuntimeError) return undefined;
    throw error;
  }
}

/** X's span (its first member's lower bound to its last one's upper), null where infinite; undefined: none. */
function spanOf(parts: RangePart[]): RangeSpan | undefined {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const lower = first.lowerInf ? null : hintValue(first.lower);
  const upper = last.upperInf ? null : hintValue(last.upper);
  if (lower === undefined || upper === undefined) return undefined;
  return { lower, upper, ...(first.lowerInc || first.lowerInf ? {} : { lowerExclusive: true }) };
}

/**
 * True when the conjunct is one of these shapes over a multirange column, from version 29 (`version`) also
 * over a range column (`r && int4range(1, 100)`, `r @> 5`) (hinted where X's bounds allow).
 */
export function multirangeHints(
  hintsOf: (column: string) => ColumnHints,
  types: TypeReadings,
  ast: unknown,
  { now, version }: { readonly now: number; readonly version: number },
): boolean {
  const e = child(ast, 'A_Expr');
  const op = e?.kind === 'AEXPR_OP' ? lastName(e.name) : undefined;
  if (op !== '<@' && op !== '@>' && op !== '&&') return false;
  const flipped = op === '<@' ? '@>' : op === '@>' ? '<@' : op;
  for (const [side, other, asked] of [
    [e?.lexpr, e?.rexpr, op],
    [e?.rexpr, e?.lexpr, flipped],
  ] as const) {
    const column = lastName(child(unwrap(side), 'ColumnRef')?.fields);
    const type = column === undefined ? undefined : types.rangeColumn?.(column);
    if (column === undefined || type === undefined || (!type.multi && version < RANGE_OPERANDS_FROM))
      continue;
    const parts = constantParts(other, type, now);
    if (parts === undefined) return false;
    const span = spanOf(parts);
    // `@>`: one member holds X's span; `<@`, `&&`: members inside it.
    if (span !== undefined)
      hintsOf(column)[asked === '@>' ? 'containsSpan' : 'withinSpan'] =
        version < RANGE_OPERANDS_FROM
          ? span
          : { ...span, strictTimes: true, ...(asked === '&&' && !type.multi ? { overlaps: true } : {}) };
    return true;
  }
  return false;
}
