/**
 * Version 4: an implied reference's values (plan/implied-keys.ts): a parent
 * row picked as a free FK picks one (skewed, `fan-out.ts`), its key written.
 */
import { hashString, type RowRandom } from '../values/random.js';
import type { RowContext } from '../values/semantic/index.js';
import { createSkewedFanOut } from './fan-out.js';

/** `where`'s values: keys of `keys`' rows, else (a parent without rows) `fallback`'s. */
export function impliedKeyGenerator(
  where: string,
  keys: ReturnType<NonNullable<RowContext['tableKeys']>>,
  fallback: (rand: RowRandom) => string | null,
): (rand: RowRandom, row: number) => string | null {
  if (keys === undefined) return fallback;
  const pick = createSkewedFanOut(keys.rows, hashString(`implied:${where}`));
  const keyAt = keys.keyAt;
  return (rand) => keyAt(pick(rand.float()));
}
