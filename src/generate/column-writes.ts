/**
 * A column's values written as bytes (the COPY writer's hot path): the same
 * draws and the same bytes as its value function, without making a string,
 * for columns of escape-free types whose generators can write themselves
 * (integers, numerics, dates, timestamps, booleans).
 */
import type { ByteOut } from '../checks/digits.js';
import { firstChance } from '../values/random.js';

/** Writes a row's value at `out.pos` and returns true; returns false, writing nothing, for NULL. */
export type ColumnWrite = (out: ByteOut, row: number) => boolean;

/**
 * `write` with the NULLs of `withNulls(fn, rate, nullKey)`: the same rows NULL, by the same draw.
 * `write` itself always writes (and returns true); without NULLs it is the column's writer as it is,
 * no call in between.
 */
export function writeWithNulls(write: ColumnWrite, rate: number, nullKey: number): ColumnWrite {
  if (rate <= 0) return write;
  const isNull = firstChance(nullKey, rate);
  return (out, row) => (isNull(row) ? false : write(out, row));
}
