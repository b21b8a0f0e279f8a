/**
 * Version 27: a CHECK conjunct that fixes the difference of two time columns
 * by an expression of others, solved for the later one (`end = start +
 * amount`): `extract(epoch from (ends_at - starts_at)) = duration_minutes *
 * 60` (the amount in seconds; `date_part('epoch', b - a)` too), `(ends_at -
 * starts_at) = make_interval(mins => duration)` (an interval), and `ends_at =
 * starts_at + duration * interval '1 minute'`. The row engine computes the
 * end from the start and the amount (generate/time-difference-values.ts).
 */

import { expressionColumns } from '../schema/expression-columns.js';
import { equationSides } from './equations.js';
import { child, funcCall, lastName, unwrap } from './expression-nodes.js';

/** `end = start + amount`, the amount in seconds (a number) or an interval. */
export interface TimeDifference {
  readonly end: string;
  readonly start: string;
  readonly amount: unknown;
  readonly unit: 'seconds' | 'interval';
}

/** A bare column's name, through casts. */
function columnOf(node: unknown): string | undefined {
  const ref = child(unwrap(node), 'ColumnRef');
  return ref ? lastName(ref.fields) : undefined;
}

/** `b - a` of two columns: [b, a]. */
function difference(node: unknown): readonly [string, string] | undefined {
  const op = child(unwrap(node), 'A_Expr');
  if (op?.kind !== 'AEXPR_OP' || lastName(op.name) !== '-' || op.lexpr === undefined) return undefined;
  const [b, a] = [columnOf(op.lexpr), columnOf(op.rexpr)];
  return b !== undefined && a !== undefined && a !== b ? [b, a] : undefined;
}

/** `extract(epoch from (b - a))` or `date_part('epoch', b - a)`: [b, a]. */
function epochDifference(node: unknown): readonly [string, string] | undefined {
  const call = funcCall(node);
  if ((call?.name !== 'extract' && call?.name !== 'date_part') || call.args.length !== 2) return undefined;
  const field = child(child(unwrap(call.args[0]), 'A_Const'), 'sval');
  if (typeof field?.sval !== 'string' || field.sval.toLowerCase() !== 'epoch') return undefined;
  return difference(call.args[1]);
}

/** `a + X` (or `X + a`) of a column a: [a, X]. */
function sumWithColumn(node: unknown): readonly [string, unknown] | undefined {
  const op = child(node, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP' || lastName(op.name) !== '+' || op.lexpr === undefined) return undefined;
  const left = columnOf(op.lexpr);
  if (left !== undefined && child(op.lexpr, 'ColumnRef')) return [left, op.rexpr];
  const right = columnOf(op.rexpr);
  return right !== undefined && child(op.rexpr, 'ColumnRef') ? [right, op.lexpr] : undefined;
}

/** The conjunct as `end = start + amount` (the amount reading neither), else undefined. */
export function timeDifferenceOf(ast: unknown): TimeDifference | undefined {
  const sides = equationSides(ast);
  if (!sides) return undefined;
  for (const [i, side] of sides.entries()) {
    const other = sides[1 - i];
    const found =
      sideDifference(epochDifference(side), other, 'seconds') ??
      sideDifference(difference(side), other, 'interval') ??
      sumDifference(
        columnOf(side) !== undefined && child(side, 'ColumnRef') ? columnOf(side) : undefined,
        other,
      );
    if (found) return found;
  }
  return undefined;
}

function sideDifference(
  pair: readonly [string, string] | undefined,
  amount: unknown,
  unit: TimeDifference['unit'],
): TimeDifference | undefined {
  if (!pair) return undefined;
  const [end, start] = pair;
  const reads = expressionColumns(amount);
  return reads.includes(end) || reads.includes(start) ? undefined : { end, start, amount, unit };
}

function sumDifference(end: string | undefined, other: unknown): TimeDifference | undefined {
  const sum = end === undefined ? undefined : sumWithColumn(other);
  if (end === undefined || !sum || sum[0] === end) return undefined;
  return sideDifference([end, sum[0]], sum[1], 'interval');
}
