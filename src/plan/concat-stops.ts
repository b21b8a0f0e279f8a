/**
 * Version 28: a unique key on `a || ' ' || b` (PostGraphile's `first_name || ' ' || last_name`): a column
 * operand followed by a constant is split back off at the constant's first character when the column's
 * values never hold that character, so distinct (a, b) give distinct concatenations without a fixed
 * length for a (key-expressions.ts reads the stops, applyKeyExpressionHints keeps the character out).
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { isConst, stringConst } from './key-expression-nodes.js';

/**
 * For each column operand but the last (the constants skipped), the first character of the constant right
 * after it, or undefined when a column follows it directly (or the constant is empty).
 */
export function concatStops(operands: readonly unknown[]): (string | undefined)[] {
  const stops: (string | undefined)[] = [];
  operands.forEach((operand, i) => {
    if (isConst(operand)) return;
    const next = operands[i + 1];
    const text = next === undefined || !isConst(next) ? undefined : stringConst(next);
    stops.push(text === undefined || text === '' ? undefined : [...text][0]);
  });
  return stops.slice(0, -1);
}

/** Keeps `stop` out of a column's values: a pattern they never match. */
export function keepStopOut(h: ColumnHints, stop: string): void {
  const escaped = stop.replace(/[\\\]^-]/g, '\\$&');
  h.patterns = [...(h.patterns ?? []), { source: `[${escaped}]`, insensitive: false, negated: true }];
}
