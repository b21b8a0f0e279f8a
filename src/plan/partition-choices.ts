/**
 * Where a partitioned table's rows can go: the bounds of its partitions,
 * so every generated row lands in an existing partition (rows are loaded
 * through the root, as pg_dump's --load-via-partition-root does).
 */
import type { Table } from '../schema/model.js';
import type { PartitionChoice } from './plan-model.js';

type Node = Record<string, unknown>;

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null ? (value as Node) : undefined;
}

/** A bound datum as text, `null` for MINVALUE/MAXVALUE or anything not a constant. */
function datum(node: unknown): string | null {
  let current = asNode(node);
  while (current?.TypeCast) current = asNode(asNode(current.TypeCast)?.arg);
  const c = asNode(current?.A_Const);
  if (!c) return null;
  const ival = asNode(c.ival);
  if (ival) return String(typeof ival.ival === 'number' ? ival.ival : 0);
  const fval = asNode(c.fval);
  if (fval && typeof fval.fval === 'string') return fval.fval;
  const sval = asNode(c.sval);
  if (sval && typeof sval.sval === 'string') return sval.sval;
  return null;
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export interface PartitionRouting {
  /** The single partition key column, when the key is one plain column. */
  readonly column: string | null;
  readonly choices: readonly PartitionChoice[];
  /** Why routing is not exact (multi-column key, expressions, sub-partitions...). */
  readonly problem: string | null;
}

export function partitionRouting(root: Table, partitions: readonly Table[]): PartitionRouting {
  const spec = root.partitionBy;
  if (!spec) return { column: null, choices: [], problem: null };
  const column = spec.columns.length === 1 ? (spec.columns[0] ?? null) : null;
  if (partitions.length === 0) {
    return { column, choices: [], problem: 'it has no partitions, so no row can be stored' };
  }
  const choices: PartitionChoice[] = [];
  let problem: string | null = null;
  for (const partition of partitions) {
    const bound = partition.partitionOf;
    if (!bound) continue;
    if (bound.isDefault || spec.strategy === 'hash') {
      choices.push({ kind: 'any' });
      continue;
    }
    if (partition.partitionBy) problem = `partition ${partition.name} is itself partitioned`;
    const node = asNode(bound.bound.ast);
    const spec2 = asNode(node?.PartitionBoundSpec) ?? node;
    if (spec.strategy === 'list') {
      const values = items(spec2?.listdatums)
        .map(datum)
        .filter((v): v is string => v !== null);
      if (values.length > 0) choices.push({ kind: 'list', values });
    } else {
      const lower = items(spec2?.lowerdatums).map(datum);
      const upper = items(spec2?.upperdatums).map(datum);
      const from = lower[0] ?? null;
      const to = upper[0] ?? null;
      if (from !== null && to !== null) choices.push({ kind: 'range', from, to });
      else problem = `partition ${partition.name} has an unbounded (MINVALUE/MAXVALUE) range`;
    }
  }
  if (column === null) problem = 'its partition key is not a single column';
  return { column, choices, problem };
}
