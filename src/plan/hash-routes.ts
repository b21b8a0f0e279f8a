/**
 * A HASH level whose partitions are partitioned again with no DEFAULT (`ev`
 * HASH (id), `ev_0` LIST (kind) with 'a' and 'b', `ev_1` LIST (kind) with
 * 'c'): the hash partition a row lands in is PostgreSQL's hash of the level's
 * key (values/pg-hash.ts, computed offline), so the deeper key of each row
 * takes a value of the sub-partitions of the hash partition its row hashes
 * into. Every leaf gets about its modulus' share of the rows, and every row
 * fits where PostgreSQL routes it.
 *
 * Only where the hash is computed exactly: plain key columns of supported
 * built-in types (no expression, domain, array, enum or user-defined
 * collation; an enum's hash is of its labels' OIDs), and one
 * level below the hash partitions (their partitions store every row).
 */
import type { Table } from '../schema/model.js';
import { hashTypeSupported } from '../values/pg-hash.js';
import { partitionRouting, storesEveryRow } from './partition-choices.js';
import type { HashRoute, PartitionChoice } from './plan-model.js';

/** Collations that compare (and hash) text by its bytes. */
const DETERMINISTIC = new Set(['c', 'posix', 'default', 'ucs_basic', 'pg_c_utf8']);

/** A hash partition's modulus and remainder (libpg-query leaves a 0 out). */
export function hashBound(partition: Table): { modulus: number; remainder: number } | undefined {
  const node = partition.partitionOf?.bound.ast as Record<string, unknown> | undefined;
  const spec = (node?.PartitionBoundSpec ?? node) as { modulus?: number; remainder?: number } | undefined;
  const modulus = spec?.modulus ?? 0;
  return modulus > 0 ? { modulus, remainder: spec?.remainder ?? 0 } : undefined;
}

/**
 * The base types of a HASH level's key, when PostgreSQL's hash of it is computed here; else why not
 * (for the warning of the fallback).
 */
export function hashKeyTypes(level: Table, table: Table): { types: string[] } | { because: string } {
  const spec = level.partitionBy;
  if (spec?.strategy !== 'hash') return { because: 'it is no HASH level' };
  const types: string[] = [];
  for (const name of spec.columns) {
    const column = name === null ? undefined : table.columns.find((c) => c.name === name);
    if (column === undefined) return { because: 'its hash key is an expression' };
    const type = column.type;
    if (type.schema !== 'pg_catalog' && type.arrayDims === 0)
      return {
        because: `PostgreSQL's hash of ${column.name}'s type ${type.name} is not computed by datagen (a type the schema defines: an enum hashes its labels' OIDs, which only the database it is loaded into assigns)`,
      };
    if (type.schema !== 'pg_catalog' || type.arrayDims > 0 || !hashTypeSupported(type.name))
      return {
        because: `PostgreSQL's hash of ${column.name}'s type ${type.name} is not computed by datagen`,
      };
    const collation = column.collation
      ?.replace(/"/g, '')
      .replace(/^pg_catalog\./, '')
      .toLowerCase();
    if (collation !== undefined && !DETERMINISTIC.has(collation))
      return {
        because: `${column.name} has the collation ${column.collation}, whose hash datagen does not compute`,
      };
    types.push(type.name);
  }
  return { types };
}

/** A HASH level's route of one deeper key column: its choices and the route (choice indexes into them). */
export interface HashLevelRoute {
  readonly column: string;
  readonly choices: PartitionChoice[];
  readonly route: HashRoute;
  /** The hash partitions partitioned again. */
  readonly nested: string[];
}

/**
 * The route of a HASH level (`level`, the table itself or one of its partitions) some of whose partitions
 * are partitioned again with no DEFAULT, or undefined when it cannot be routed exactly: a key whose hash
 * is not computed, sub-partitions keyed by different columns, an expression, a column a hash key or
 * something else decides (`free`), or partitions below them with no DEFAULT either.
 */
export function hashLevelRoute(
  level: Table,
  table: Table,
  childrenOf: (t: Table) => readonly Table[],
  free: (column: string) => boolean,
): HashLevelRoute | undefined {
  const keyTypes = hashKeyTypes(level, table);
  const spec = level.partitionBy;
  if (!('types' in keyTypes) || spec === null) return undefined;
  const keyColumns = spec.columns as string[];
  const children = childrenOf(level);
  const nested = children.filter((p) => !storesEveryRow(p, childrenOf));
  if (nested.length === 0) return undefined;
  const subs = nested.map((p) => partitionRouting(p, childrenOf(p), childrenOf));
  const column = subs[0]?.column ?? null;
  if (
    column === null ||
    keyColumns.includes(column) ||
    !free(column) ||
    subs.some(
      (s) => s.column !== column || s.problem !== null || s.skipped.length > 0 || s.choices.length === 0,
    )
  )
    return undefined;
  const choices: PartitionChoice[] = [];
  const partitions: { modulus: number; remainder: number; choices: number[] }[] = [];
  // Rows hashed into a partition that stores every row: any of the nested partitions' values (categories
  // stay categories; that partition takes any value).
  const anyChoice: number[] = [];
  for (const child of children) {
    const bound = hashBound(child);
    if (bound === undefined) return undefined;
    const at = nested.indexOf(child);
    if (at < 0) {
      partitions.push({ ...bound, choices: anyChoice });
      continue;
    }
    const own = subs[at]?.choices ?? [];
    partitions.push({ ...bound, choices: own.map((_, k) => choices.length + k) });
    choices.push(...own);
  }
  anyChoice.push(...choices.keys());
  return {
    column,
    choices,
    route: { columns: keyColumns, types: keyTypes.types, partitions },
    nested: nested.map((p) => p.name),
  };
}
