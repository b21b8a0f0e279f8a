/**
 * The system's identifier types a table may still have as columns: tid
 * (`(block,offset)`), xid and cid (unsigned 32-bit), xid8 (unsigned 64-bit),
 * and the vectors of the catalogs, oidvector and int2vector (numbers
 * separated by spaces). Random values are in realistic magnitudes (a table
 * of a few million pages, transaction ids of a busy but young cluster).
 */
import type { RowRandom } from '../random.js';
import type { TypeSupport } from './generator.js';

const TWO_32 = 2 ** 32;
/** Line pointers per page are 1-based; 291 is the most an 8 kB heap page holds. */
const MAX_OFFSET = 291;

export const tidSupport: TypeSupport = {
  random: () => ({ random: (rand) => `(${rand.below(5_000_000)},${1 + rand.below(MAX_OFFSET)})` }),
  unique: () => ({
    space: TWO_32 * MAX_OFFSET,
    value: (k) => `(${Math.floor(k / MAX_OFFSET)},${1 + (k % MAX_OFFSET)})`,
  }),
};

/** xid and cid: 32-bit unsigned counters (xid 0-2 are special but valid input). */
export const xid32Support: TypeSupport = {
  random: () => ({ random: (rand) => String(3 + rand.below(100_000_000)) }),
  unique: () => ({ space: TWO_32, value: (k) => String(k) }),
};

export const xid8Support: TypeSupport = {
  // A 64-bit counter: epoch in the high half.
  random: () => ({ random: (rand) => String(rand.below(4) * TWO_32 + 3 + rand.below(100_000_000)) }),
  unique: () => ({ space: 2 ** 52, value: (k) => String(k) }),
};

function numberList(rand: RowRandom, below: number): string {
  const n = 1 + rand.below(4);
  let out = String(rand.below(below));
  for (let i = 1; i < n; i++) out += ` ${rand.below(below)}`;
  return out;
}

/** oidvector (oids of built-in types, as pg_proc.proargtypes) and int2vector (column numbers, as pg_index.indkey). */
export function numberVectorSupport(element: 'oid' | 'int2'): TypeSupport {
  const [below, space] = element === 'oid' ? [20_000, TWO_32] : [32, 2 ** 15];
  return {
    random: () => ({ random: (rand) => numberList(rand, below) }),
    unique: () => ({ space, value: (k) => String(k) }),
  };
}
