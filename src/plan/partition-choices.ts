/**
 * Where a partitioned table's rows can go: the bounds of its partitions,
 * so every generated row lands in an existing partition (rows are loaded
 * through the root, as pg_dump's --load-via-partition-root does).
 */

import type { Table } from '../schema/model.js';
import { createRangePicker } from '../values/partition-value.js';
import { closeUnboundedRange } from './partition-intervals.js';
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
  // `IN (FALSE)`: libpg-query leaves false out of the boolval node.
  const boolval = asNode(c.boolval);
  if (boolval) return boolval.boolval === true ? 'true' : 'false';
  return null;
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A RANGE partition's bound on its first key column (MINVALUE/MAXVALUE as null ends). */
function rangeDatums(partition: Table): { from: string | null; to: string | null } {
  const node = asNode(partition.partitionOf?.bound.ast);
  const spec = asNode(node?.PartitionBoundSpec) ?? node;
  return {
    from: items(spec?.lowerdatums).map(datum)[0] ?? null,
    to: items(spec?.upperdatums).map(datum)[0] ?? null,
  };
}

/** A single-column RANGE partition's bound as [from, to) (MINVALUE/MAXVALUE as infinite ends). */
function rangeBounds(partition: Table): { from: string; to: string }[] {
  const { from, to } = rangeDatums(partition);
  return [{ from: from ?? '-infinity', to: to ?? 'infinity' }];
}

/** The values a LIST partition's bound lists (NULL left out). */
function listValues(partition: Table): string[] {
  const node = asNode(partition.partitionOf?.bound.ast);
  const spec = asNode(node?.PartitionBoundSpec) ?? node;
  return items(spec?.listdatums)
    .map(datum)
    .filter((v): v is string => v !== null);
}

export interface PartitionRouting {
  /** The column values are placed in: the key when it is one plain column, the first of a RANGE key. */
  readonly column: string | null;
  readonly choices: readonly PartitionChoice[];
  /** Why no row can be shown to land in a partition (an expression key with no DEFAULT partition). */
  readonly problem: string | null;
  /** Partitions no row is placed in, and why (the others take the rows). */
  readonly skipped: readonly string[];
  /** The partition each choice routes to (same order as `choices`). */
  readonly partitions: readonly Table[];
  /**
   * With `routeNested`: the choices (indexes) whose partition is partitioned again with no DEFAULT, so a
   * row there must also take a key inside one of its own partitions (plan/partition-routes.ts).
   */
  readonly nested: readonly number[];
}

/**
 * Whether every row that matches a partition's bound is stored: a plain
 * partition, or a partitioned one with a DEFAULT (or HASH) partition that
 * in turn stores every row.
 */
export function storesEveryRow(partition: Table, childrenOf: (t: Table) => readonly Table[]): boolean {
  const spec = partition.partitionBy;
  if (spec === null) return true;
  const children = childrenOf(partition);
  if (spec.strategy === 'hash')
    return children.length > 0 && children.every((c) => storesEveryRow(c, childrenOf));
  return children.some((c) => c.partitionOf?.isDefault === true && storesEveryRow(c, childrenOf));
}

const OPEN_RANGE_TYPES = new Set([
  'int2',
  'int4',
  'int8',
  'numeric',
  'float4',
  'float8',
  'date',
  'timestamp',
  'timestamptz',
]);

/**
 * A DEFAULT partition's choice narrowed to what no other partition takes: a
 * LIST level's DEFAULT the values none lists (else a row there could land in
 * one, which may get no rows), a single-column RANGE level's DEFAULT values
 * outside every partition's range (numbers, dates, times).
 */
function narrowDefaults(
  root: Table,
  partitions: readonly Table[],
  choices: PartitionChoice[],
  routes: readonly Table[],
): void {
  const spec = root.partitionBy;
  if (!spec) return;
  const multiRange = spec.strategy === 'range' && spec.columns.length > 1;
  const keyType = multiRange ? undefined : root.columns.find((c) => c.name === spec.columns[0])?.type;
  if (spec.strategy === 'list') {
    const listed = partitions.flatMap((p) => (p.partitionOf?.isDefault ? [] : listValues(p)));
    choices.forEach((c, i) => {
      if (c.kind === 'any' && listed.length > 0) choices[i] = { kind: 'any', except: listed };
    });
  }
  if (
    spec.strategy === 'range' &&
    !multiRange &&
    keyType !== undefined &&
    OPEN_RANGE_TYPES.has(keyType.name) &&
    keyType.arrayDims === 0
  ) {
    const ranges = partitions.flatMap((p) => (p.partitionOf?.isDefault ? [] : rangeBounds(p)));
    choices.forEach((c, i) => {
      if (c.kind === 'any' && ranges.length > 0 && routes[i]?.partitionOf?.isDefault === true)
        choices[i] = { kind: 'any', outside: ranges };
    });
  }
}

export function partitionRouting(
  root: Table,
  partitions: readonly Table[],
  childrenOf: (t: Table) => readonly Table[] = () => [],
  routeNested = false,
): PartitionRouting {
  const spec = root.partitionBy;
  if (!spec) return { column: null, choices: [], problem: null, skipped: [], partitions: [], nested: [] };
  const multiRange = spec.strategy === 'range' && spec.columns.length > 1;
  const column = spec.columns.length === 1 || multiRange ? (spec.columns[0] ?? null) : null;
  if (partitions.length === 0) {
    return {
      column,
      choices: [],
      problem: 'it has no partitions, so no row can be stored',
      skipped: [],
      partitions: [],
      nested: [],
    };
  }
  const keyType = root.columns.find((c) => c.name === column)?.type;
  const choices: PartitionChoice[] = [];
  const skipped: string[] = [];
  const routes: Table[] = [];
  const nested: number[] = [];
  for (const partition of partitions) {
    const storesAll = storesEveryRow(partition, childrenOf);
    const add = (choice: PartitionChoice) => {
      if (!storesAll) nested.push(choices.length);
      choices.push(choice);
      routes.push(partition);
    };
    const bound = partition.partitionOf;
    if (!bound) continue;
    if (!storesAll && !routeNested) {
      skipped.push(
        `partition ${partition.name} is itself partitioned with no DEFAULT partition, so it gets no rows`,
      );
      continue;
    }
    if (bound.isDefault || spec.strategy === 'hash') {
      add({ kind: 'any' });
      continue;
    }
    if (spec.strategy === 'list') {
      const values = listValues(partition);
      if (values.length > 0) add({ kind: 'list', values });
      continue;
    }
    const { from: rawFrom, to: rawTo } = rangeDatums(partition);
    const open = multiRange ? null : closeUnboundedRange(keyType, rawFrom, rawTo);
    if (open === 'any') {
      add({ kind: 'any' });
      continue;
    }
    const from = open?.from ?? rawFrom;
    const to = open?.to ?? rawTo;
    if (from === null || to === null) {
      skipped.push(
        `partition ${partition.name} has an unbounded (MINVALUE/MAXVALUE) range, so it gets no rows`,
      );
    } else if (!multiRange) add({ kind: 'range', from, to });
    else if (
      keyType !== undefined &&
      OPEN_RANGE_TYPES.has(keyType.name) &&
      keyType.arrayDims === 0 &&
      createRangePicker(keyType, from, to, true) !== null
    ) {
      // Strictly inside the first column's bounds, the row fits whatever the other key columns hold.
      add({ kind: 'range', from, to, openFrom: true });
    } else {
      skipped.push(
        `partition ${partition.name}: no value of ${column ?? 'the first key column'} lies strictly inside its bounds, so it gets no rows`,
      );
    }
  }
  narrowDefaults(root, partitions, choices, routes);
  const anyValue = choices.some((c) => c.kind === 'any');
  const problem =
    column === null && !anyValue
      ? 'its partition key is an expression, and it has no DEFAULT partition'
      : choices.length === 0
        ? 'no partition can be given rows'
        : null;
  return { column, choices, problem, skipped, partitions: routes, nested };
}

/**
 * The integer bounds `[min, max)` rows of a single-column RANGE key must take
 * to land in a partition: the partitions' ranges when they join into one,
 * else the widest (the other partitions then get no rows). For a key that is
 * also a foreign key (`PARTITION BY RANGE (tenant_id)`, `tenant_id REFERENCES
 * tenants`): the bounds join the column's hints, and the FK draws parent rows
 * whose keys fall inside them. Undefined for other keys.
 */
export function integerRangeBounds(
  root: Table,
  partitions: readonly Table[],
  childrenOf: (t: Table) => readonly Table[] = () => [],
): { column: string; min: number; max: number; joined: boolean } | undefined {
  if (root.partitionBy?.strategy !== 'range' || root.partitionBy.columns.length !== 1) return undefined;
  const routing = partitionRouting(root, partitions, childrenOf);
  if (!routing.column || routing.problem || routing.choices.length === 0) return undefined;
  const ranges: [number, number][] = [];
  for (const c of routing.choices) {
    if (c.kind !== 'range') return undefined;
    const from = Number(c.from);
    const to = Number(c.to);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return undefined;
    if (to > from) ranges.push([from, to]);
  }
  if (ranges.length === 0) return undefined;
  ranges.sort((a, b) => a[0] - b[0]);
  const joined = ranges.every((r, i) => i === 0 || r[0] === (ranges[i - 1] as [number, number])[1]);
  const [min, max] = joined
    ? [(ranges[0] as [number, number])[0], (ranges[ranges.length - 1] as [number, number])[1]]
    : (ranges.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a)) as [number, number]);
  return { column: routing.column, min, max, joined };
}
