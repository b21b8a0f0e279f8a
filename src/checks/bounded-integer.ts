/**
 * Integer columns whose CHECK bounds them (`line_no BETWEEN 1 AND 500`):
 * unique values are then `min + k`, and the unique space is the range size.
 */
import type { TypeRef } from '../schema/model.js';
import type { ColumnHints } from './check-hints.js';

/** The integer types' ranges as plain numbers (int8 held to the safe integers). */
export const INTEGER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [-(2 ** 53) + 1, 2 ** 53 - 1],
};

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/** The CHECK-bounded range of an integer column, or null when unbounded by CHECKs or not an integer. */
export function boundedIntegerRange(type: TypeRef, hints: ColumnHints): IntegerRange | null {
  const limits = type.arrayDims === 0 ? INTEGER_LIMITS[type.name] : undefined;
  if (!limits) return null;
  // A bound kept as integer text is past 2^53 (an int8 near its limits): the int8 generators read it exactly.
  if (typeof hints.min === 'string' || typeof hints.max === 'string') return null;
  const min =
    typeof hints.min === 'number'
      ? hints.minExclusive
        ? Math.floor(hints.min) + 1
        : Math.ceil(hints.min)
      : undefined;
  const max =
    typeof hints.max === 'number'
      ? hints.maxExclusive
        ? Math.ceil(hints.max) - 1
        : Math.floor(hints.max)
      : undefined;
  if (min === undefined && max === undefined) return null;
  // Unbounded below: from 1 (positive values) when the upper bound allows it, else from the type's least.
  const least = min ?? (max !== undefined && max < 1 ? limits[0] : 1);
  return { min: Math.max(limits[0], least), max: Math.min(limits[1], max ?? limits[1]) };
}
