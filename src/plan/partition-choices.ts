/**
 * Where a partitioned table's rows can go: the bounds of its partitions,
 * so every generated row lands in an existing partition (rows are loaded
 * through the root, as pg_dump's --load-via-partition-root does).
 */

import { createRangePicker } from '../generate/partition-value.js';
import type { Table, TypeRef } from '../schema/model.js';
import type { ColumnHints } from './check-hints.js';
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

export interface PartitionRouting {
  /** The column values are placed in: the key when it is one plain column, the first of a RANGE key. */
  readonly column: string | null;
  readonly choices: readonly PartitionChoice[];
  /** Why no row can be shown to land in a partition (an expression key with no DEFAULT partition). */
  readonly problem: string | null;
  /** Partitions no row is placed in, and why (the others take the rows). */
  readonly skipped: readonly string[];
}

/**
 * Whether every row that matches a partition's bound is stored: a plain
 * partition, or a partitioned one with a DEFAULT (or HASH) partition that
 * in turn stores every row.
 */
function storesEveryRow(partition: Table, childrenOf: (t: Table) => readonly Table[]): boolean {
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

/** How far past its finite bound an integer range open at the other end reaches (pgbench's first and last partitions). */
const OPEN_INTEGER_SPAN = 1_000_000;
const INTEGER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [-(2 ** 53) + 1, 2 ** 53 - 1],
};

/**
 * A RANGE bound with MINVALUE or MAXVALUE on one side, of one integer column,
 * closed to a finite range: `FROM (MINVALUE) TO (25001)` takes 1..25000
 * (values from 1 when the bound is above 1), `FROM (75001) TO (MAXVALUE)`
 * the next million, within the type; both unbounded: any value. Null when
 * nothing is to close (or the type is not an integer).
 */
function closeUnboundedRange(
  keyType: TypeRef | undefined,
  from: string | null,
  to: string | null,
): { from: string; to: string } | 'any' | null {
  if (from !== null && to !== null) return null;
  if (from === null && to === null) return 'any';
  const limits = keyType !== undefined && keyType.arrayDims === 0 ? INTEGER_LIMITS[keyType.name] : undefined;
  if (limits === undefined) return null;
  const [min, max] = limits;
  if (from === null) {
    const upper = Number(to);
    if (!Number.isSafeInteger(upper)) return null;
    const lower =
      upper > 1 ? Math.max(1, upper - OPEN_INTEGER_SPAN) : Math.max(min, upper - OPEN_INTEGER_SPAN);
    return upper > lower ? { from: String(lower), to: String(upper) } : null;
  }
  const lower = Number(from);
  if (!Number.isSafeInteger(lower)) return null;
  const upper = Math.min(max + 1, lower + OPEN_INTEGER_SPAN);
  return upper > lower ? { from: String(lower), to: String(upper) } : null;
}

/**
 * The RANGE partitions of one integer column, when together they cover one
 * interval [lo, hi) with no gap: every integer in it lands in a partition,
 * so a unique key over the column can take its values from the whole
 * interval (pgbench's `PRIMARY KEY (aid)` over `PARTITION BY RANGE (aid)`).
 */
export function contiguousIntegerRange(
  keyType: TypeRef | undefined,
  choices: readonly PartitionChoice[],
): { lo: number; hi: number } | null {
  if (keyType === undefined || keyType.arrayDims !== 0 || INTEGER_LIMITS[keyType.name] === undefined)
    return null;
  const ranges: { lo: number; hi: number }[] = [];
  for (const c of choices) {
    if (c.kind !== 'range' || c.openFrom === true) return null;
    const lo = Number(c.from);
    const hi = Number(c.to);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi <= lo) return null;
    ranges.push({ lo, hi });
  }
  ranges.sort((a, b) => a.lo - b.lo);
  const first = ranges[0];
  if (first === undefined) return null;
  let hi = first.hi;
  for (const r of ranges.slice(1)) {
    if (r.lo !== hi) return null;
    hi = r.hi;
  }
  return { lo: first.lo, hi };
}

/** A column's hints narrowed to [lo, hi): the bounds a CHECK already set are kept where tighter. */
export function withinInterval(
  hints: ColumnHints | undefined,
  interval: { lo: number; hi: number },
): ColumnHints {
  const h = { ...(hints ?? {}) };
  const number = (v: number | string | undefined) =>
    v === undefined || (typeof v === 'string' && v.trim() === '') ? Number.NaN : Number(v);
  const low = Math.ceil(number(h.min));
  const high = Math.floor(number(h.max));
  const min = Number.isNaN(low)
    ? undefined
    : h.minExclusive === true && low === number(h.min)
      ? low + 1
      : low;
  const max = Number.isNaN(high)
    ? undefined
    : h.maxExclusive === true && high === number(h.max)
      ? high - 1
      : high;
  h.min = Math.max(interval.lo, min ?? interval.lo);
  h.max = Math.min(interval.hi - 1, max ?? interval.hi - 1);
  h.minExclusive = false;
  h.maxExclusive = false;
  return h;
}

export function partitionRouting(
  root: Table,
  partitions: readonly Table[],
  childrenOf: (t: Table) => readonly Table[] = () => [],
): PartitionRouting {
  const spec = root.partitionBy;
  if (!spec) return { column: null, choices: [], problem: null, skipped: [] };
  const multiRange = spec.strategy === 'range' && spec.columns.length > 1;
  const column = spec.columns.length === 1 || multiRange ? (spec.columns[0] ?? null) : null;
  if (partitions.length === 0) {
    return { column, choices: [], problem: 'it has no partitions, so no row can be stored', skipped: [] };
  }
  const keyType = root.columns.find((c) => c.name === column)?.type;
  const choices: PartitionChoice[] = [];
  const skipped: string[] = [];
  for (const partition of partitions) {
    const bound = partition.partitionOf;
    if (!bound) continue;
    if (!storesEveryRow(partition, childrenOf)) {
      skipped.push(
        `partition ${partition.name} is itself partitioned with no DEFAULT partition, so it gets no rows`,
      );
      continue;
    }
    if (bound.isDefault || spec.strategy === 'hash') {
      choices.push({ kind: 'any' });
      continue;
    }
    const node = asNode(bound.bound.ast);
    const spec2 = asNode(node?.PartitionBoundSpec) ?? node;
    if (spec.strategy === 'list') {
      const values = items(spec2?.listdatums)
        .map(datum)
        .filter((v): v is string => v !== null);
      if (values.length > 0) choices.push({ kind: 'list', values });
      continue;
    }
    const rawFrom = items(spec2?.lowerdatums).map(datum)[0] ?? null;
    const rawTo = items(spec2?.upperdatums).map(datum)[0] ?? null;
    const open = multiRange ? null : closeUnboundedRange(keyType, rawFrom, rawTo);
    if (open === 'any') {
      choices.push({ kind: 'any' });
      continue;
    }
    const from = open?.from ?? rawFrom;
    const to = open?.to ?? rawTo;
    if (from === null || to === null) {
      skipped.push(
        `partition ${partition.name} has an unbounded (MINVALUE/MAXVALUE) range, so it gets no rows`,
      );
    } else if (!multiRange) choices.push({ kind: 'range', from, to });
    else if (
      keyType !== undefined &&
      OPEN_RANGE_TYPES.has(keyType.name) &&
      keyType.arrayDims === 0 &&
      createRangePicker(keyType, from, to, true) !== null
    ) {
      // Strictly inside the first column's bounds, the row fits whatever the other key columns hold.
      choices.push({ kind: 'range', from, to, openFrom: true });
    } else {
      skipped.push(
        `partition ${partition.name}: no value of ${column ?? 'the first key column'} lies strictly inside its bounds, so it gets no rows`,
      );
    }
  }
  const anyValue = choices.some((c) => c.kind === 'any');
  const problem =
    column === null && !anyValue
      ? 'its partition key is an expression, and it has no DEFAULT partition'
      : choices.length === 0
        ? 'no partition can be given rows'
        : null;
  return { column, choices, problem, skipped };
}
