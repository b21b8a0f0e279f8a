/**
 * Which partition each row of a partitioned table lands in, so an archive can
 * hold one TABLE DATA entry per partition as pg_dump writes it (and
 * `pg_restore -t payment_2025 --data-only` restores that partition's rows).
 *
 * Exact only when every partition is a RANGE or LIST partition of one plain
 * column whose values can be compared here (integers, numerics, dates,
 * timestamps, list literals), or a HASH partition of a key whose hash
 * values/pg-hash.ts computes; otherwise null, and the rows load through the
 * root in one entry.
 */

import type { ValueSource } from '../generate/value-source.js';
import { hashBound, hashKeyTypes } from '../plan/hash-routes.js';
import { partitionRouting } from '../plan/partition-choices.js';
import type { PartitionChoice } from '../plan/plan-model.js';
import type { Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { parseTimestampLiteral } from '../values/partition-value.js';
import { type Hash64, hashRemainder, partitionHasher } from '../values/pg-hash.js';

export interface PartitionRouter {
  /** The root's direct partitions, in the order `route` numbers them. */
  readonly partitions: readonly Table[];
  /** The index in `partitions` of the partition a row of the root goes to. */
  readonly route: (row: number) => number;
}

const NUMERIC = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']);
const TEMPORAL = new Set(['date', 'timestamp', 'timestamptz']);

function comparable(typeName: string): ((text: string) => number) | null {
  if (NUMERIC.has(typeName)) return Number;
  if (TEMPORAL.has(typeName)) return parseTimestampLiteral;
  return null;
}

function matcher(choice: PartitionChoice, toNumber: ((text: string) => number) | null) {
  if (choice.kind === 'list') return (value: string) => choice.values.includes(value);
  if (choice.kind !== 'range' || toNumber === null) return null;
  const lo = toNumber(choice.from);
  const hi = toNumber(choice.to);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return null;
  return (value: string) => {
    const x = toNumber(value);
    return x >= lo && x < hi;
  };
}

/**
 * A HASH root's router: each row to the partition whose modulus and remainder PostgreSQL's hash of its
 * key meets (values/pg-hash.ts), or null where datagen does not compute that hash.
 */
function hashRouter(source: ValueSource, rootIndex: number, root: Table, partitions: readonly Table[]) {
  const key = hashKeyTypes(root, root);
  const bounds = partitions.map(hashBound);
  if (!('types' in key) || bounds.some((b) => b === undefined)) return null;
  const hasher = partitionHasher(key.types);
  if (hasher === undefined) return null;
  const columns = (root.partitionBy?.columns ?? []).map((c) => source.valueOf(rootIndex, c as string));
  const values: (string | null)[] = columns.map(() => null);
  const hash: Hash64 = { hi: 0, lo: 0 };
  const fits = bounds as { modulus: number; remainder: number }[];
  return {
    partitions,
    route(row: number) {
      for (let i = 0; i < columns.length; i++)
        values[i] = (columns[i] as (row: number) => string | null)(row);
      hasher(values, hash);
      const found = fits.findIndex((b) => hashRemainder(hash, b.modulus) === b.remainder);
      if (found < 0) throw new Error(`${displayName(root)} row ${row}: its hash fits no partition`);
      return found;
    },
  };
}

/** The router of a partitioned table (by plan index), or null when rows cannot be placed exactly. */
export function partitionRouter(source: ValueSource, rootIndex: number): PartitionRouter | null {
  const plan = source.plan.tables[rootIndex];
  if (plan === undefined || plan.table.partitionBy === null) return null;
  const root = plan.table;
  const partitions = source.plan.tables
    .map((t) => t.table)
    .filter((t) => t.partitionOf !== null && nameKey(t.partitionOf.parent) === nameKey(root));
  if (root.partitionBy?.strategy === 'hash') return hashRouter(source, rootIndex, root, partitions);
  const routing = partitionRouting(root, partitions);
  if (routing.problem !== null || routing.column === null || routing.choices.length !== partitions.length)
    return null;
  const keyColumn = plan.columns.find((c) => c.column.name === routing.column);
  if (keyColumn === undefined || keyColumn.source.kind !== 'partition-key') return null;
  const toNumber = comparable(keyColumn.column.type.name);
  const matchers = routing.choices.map((c) =>
    matcher(c, keyColumn.column.type.schema === 'pg_catalog' ? toNumber : null),
  );
  if (matchers.some((m) => m === null)) return null;
  const tests = matchers as ((value: string) => boolean)[];
  const value = source.valueOf(rootIndex, keyColumn.column.name);
  return {
    partitions,
    route(row) {
      const v = value(row);
      const found = v === null ? -1 : tests.findIndex((test) => test(v));
      if (found < 0) {
        // The plan only makes values inside a partition: this is a bug, never a silently lost row.
        throw new Error(`${displayName(root)} row ${row}: key ${String(v)} fits no partition`);
      }
      return found;
    },
  };
}
