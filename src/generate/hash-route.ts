/**
 * A deeper partition key below HASH partitions partitioned again
 * (plan/hash-routes.ts): in each row, the hash partition PostgreSQL routes
 * the row into (values/pg-hash.ts over the written values of the HASH
 * level's key columns), and so the choices the deeper key may take there.
 */
import type { HashRoute } from '../plan/plan-model.js';
import { type Hash64, hashRemainder, partitionHasher } from '../values/pg-hash.js';

type ValueFn = (row: number) => string | null;

/**
 * The choices a row's deeper key takes (undefined: no route applies, its own draw). `columnValues`: a column's
 * written values (read on the first row, once every column's function is built); `choiceOf`: the
 * choice a column (the root's key) takes in a row, for a route's `when`.
 */
export function hashRouteChoices(
  routes: readonly HashRoute[],
  columnValues: (column: string) => ValueFn,
  choiceOf: (column: string) => (row: number) => number,
): (row: number) => readonly number[] | undefined {
  const compiled = routes.map((route) => {
    const hasher = partitionHasher(route.types);
    if (hasher === undefined) throw new Error(`no partition hash for ${route.types.join(', ')}`);
    let keys: ValueFn[] | undefined;
    const when = route.when === undefined ? undefined : { ...route.when, of: choiceOf(route.when.column) };
    const values: (string | null)[] = route.columns.map(() => null);
    const hash: Hash64 = { hi: 0, lo: 0 };
    return (row: number): readonly number[] | undefined => {
      if (when !== undefined && !when.choices.includes(when.of(row))) return undefined;
      keys ??= route.columns.map(columnValues);
      for (let i = 0; i < keys.length; i++) values[i] = (keys[i] as ValueFn)(row);
      hasher(values, hash);
      const found = route.partitions.find((p) => hashRemainder(hash, p.modulus) === p.remainder);
      // Every remainder has its partition (PostgreSQL refuses a row otherwise): none is a plan bug.
      if (found === undefined)
        throw new Error(`row ${row}: its hash fits no partition of ${route.columns.join(', ')}`);
      return found.choices;
    };
  });
  return (row) => {
    for (const route of compiled) {
      const choices = route(row);
      if (choices !== undefined) return choices;
    }
    return undefined;
  };
}
