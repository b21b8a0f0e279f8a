/**
 * A column's values written as bytes (the COPY writer's hot path): the same
 * draws and the same bytes as its value function, without making a string,
 * for columns of escape-free types whose generators can write themselves
 * (integers, numerics, dates, timestamps, booleans).
 */
import type { ByteOut } from '../checks/digits.js';
import { RowRandom } from '../values/random.js';

/** Writes a row's value at `out.pos` and returns true; returns false, writing nothing, for NULL. */
export type ColumnWrite = (out: ByteOut, row: number) => boolean;

/** `write` with the NULLs of `withNulls(fn, rate, nullKey)`: the same rows NULL, by the same draw. */
export function writeWithNulls(
  write: (out: ByteOut, row: number) => void,
  rate: number,
  nullKey: number,
): ColumnWrite {
  if (rate <= 0) {
    return (out, row) => {
      write(out, row);
      return true;
    };
  }
  const nullRandom = new RowRandom();
  return (out, row) => {
    if (nullRandom.at(nullKey, row).chance(rate)) return false;
    write(out, row);
    return true;
  };
}
