/**
 * A partitioned table's partition key in one planning pass: a value inside a
 * partition (or the partitions' whole interval for a unique key of it), and
 * an integer RANGE key that is an FK bounded to the partitions' range.
 */

import type { Warning } from '../errors.js';
import type { Table } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import type { ForeignKeyFrame } from './foreign-key-frame.js';
import { hashNestedKeys } from './hash-nested.js';
import { hashLevelRoute } from './hash-routes.js';
import { listedValues } from './listed-fk-values.js';
import {
  integerRangeBounds,
  type PartitionRouting,
  partitionRouting,
  storesEveryRow,
} from './partition-choices.js';
import { contiguousRange, withinInterval } from './partition-intervals.js';
import { partitionLeafRows, type SubRoute } from './partition-leaves.js';
import { type NestedRoutes, nestedPartitionRoutes } from './partition-routes.js';
import type { ColumnSource, HashRoute, PartitionChoice, TablePlan } from './plan-model.js';
import type { PlanContext, TableWork } from './table-work.js';

/**
 * A RANGE partition key that is an FK column: the partitions' bounds join its hints (met by a window of parent
 * rows), and NULL, which no RANGE partition but a DEFAULT takes, is left out (MIMIC-III's nullable chartevents.itemid).
 */
export function boundPartitionKeyFk(ctx: PlanContext, work: TableWork): void {
  const { table, sources, hints } = work;
  const keyBounds = integerRangeBounds(table, ctx.family.partitionsOf(table), ctx.family.partitionsOf);
  if (!keyBounds || sources.get(keyBounds.column)?.kind !== 'foreign-key') return;
  const h = hints.get(keyBounds.column) ?? {};
  const min =
    typeof h.min === 'number' && h.min >= keyBounds.min ? {} : { min: keyBounds.min, minExclusive: false };
  const max =
    typeof h.max === 'number' && h.max < keyBounds.max ? {} : { max: keyBounds.max, maxExclusive: true };
  // Only a DEFAULT partition takes a NULL key, and these RANGE partitions have none: the nullable FK is never NULL.
  hints.set(keyBounds.column, { ...h, ...min, ...max, notNull: true });
  if (!keyBounds.joined)
    work.warnings.push({
      code: 'PARTITION_ROUTING',
      where: displayName(table),
      message: `${displayName(table)}: its partition key ${keyBounds.column} is a foreign key and its partitions' ranges do not join, so its rows take ${keyBounds.column} from ${keyBounds.min} up to ${keyBounds.max} (the widest partition) and the other partitions get no rows.`,
    });
}

/** A unique key of the partition key column alone. */
function hasUniqueKeyOf(ctx: PlanContext, table: Table, column: string): boolean {
  return ctx.family.uniquesOf(table, []).some((k) => k.columns.length === 1 && k.columns[0] === column);
}

/**
 * A HASH root over partitions partitioned again: their key routed by
 * PostgreSQL's hash when datagen computes it, else held inside the nested
 * partitions' values in every row (warned). Whether either applies.
 */
function planHashedSubKeys(ctx: PlanContext, work: TableWork): boolean {
  const { table, sources, warnings } = work;
  const free = (column: string) => !sources.has(column) && table.columns.some((c) => c.name === column);
  const exact = hashLevelRoute(table, table, ctx.family.partitionsOf, free);
  const hashed = exact ? undefined : hashNestedKeys(table, ctx.family.partitionsOf, free);
  if (exact) {
    work.set(
      exact.column,
      { kind: 'partition-key', choices: exact.choices, hashRoutes: [exact.route] },
      `sub-partition key: inside the partitions of the HASH partition its row hashes into (${exact.nested.join(', ')})`,
    );
  } else if (hashed?.kind === 'empty') work.empty(hashed.because);
  else if (hashed?.kind === 'keys') {
    work.set(
      hashed.column,
      { kind: 'partition-key', choices: hashed.choices },
      `sub-partition key: inside ${hashed.nested.join(', ')}'s partitions in every row (rows may hash into any partition)`,
    );
    warnings.push({
      code: 'PARTITION_ROUTING',
      where: `${displayColumn(table, hashed.column)}`,
      message: `${displayColumn(table, hashed.column)} takes only values the partitions of ${hashed.nested.join(', ')} accept, in every row: those HASH partitions are partitioned again with no DEFAULT partition, and datagen cannot route rows by their hash: ${hashed.why}. To spread ${hashed.column} over all its values, give ${hashed.nested.join(', ')} a DEFAULT partition.`,
    });
  }
  return hashed !== undefined || exact !== undefined;
}

/**
 * A LIST partition key that is a column of an FK to a parent LIST-partitioned
 * on the column it references (GitLab's `(partition_id, job_id) →
 * p_ci_builds(partition_id, id)`): every parent row holds a value the
 * parent's partitions list, so where the table's partitions list each of
 * them, any parent row the FK picks lands in one of them. The values the
 * parent's partitions list and the table's do not (none: every parent row
 * fits), or undefined where either key is no such list.
 */
function parentKeysUnlisted(
  ctx: PlanContext,
  table: Table,
  fkIndex: number,
  column: string | null,
): readonly string[] | undefined {
  const fk = ctx.family.foreignKeysOf(table)[fkIndex];
  const parent = ctx.family.tables[ctx.family.parentIndex(table, fkIndex)];
  const parentColumn = column === null ? undefined : fk?.referencedColumns[fk.columns.indexOf(column)];
  if (column === null || !parent || parentColumn === undefined) return undefined;
  const { partitionsOf } = ctx.family;
  const held = listedValues(parent, parentColumn, new Map(), partitionsOf(parent), partitionsOf);
  const accepted = listedValues(table, column, new Map(), partitionsOf(table), partitionsOf);
  if (held === undefined || held.length === 0 || accepted === undefined) return undefined;
  return held.filter((v) => !accepted.includes(v));
}

/** Partition key: a value inside an existing partition. */
export function planPartitionKey(
  ctx: PlanContext,
  work: TableWork,
  frame: Pick<ForeignKeyFrame, 'fks' | 'windows'>,
  previous: readonly TablePlan[] | null,
): void {
  const { table, sources, warnings } = work;
  const { fks } = frame;
  if (!table.partitionBy) return;
  const partitions = ctx.family.partitionsOf(table);
  const rootKey = partitionRouting(table, partitions, ctx.family.partitionsOf).column;
  // Partitions partitioned again with no DEFAULT: routed leaf by leaf when the root's key is ours to place.
  const nested =
    rootKey !== null && !sources.has(rootKey) && !hasUniqueKeyOf(ctx, table, rootKey)
      ? nestedPartitionRoutes(
          table,
          ctx.family.partitionsOf,
          (column) => !sources.has(column) && table.columns.some((c) => c.name === column),
        )
      : undefined;
  const hashRouted = planHashedSubKeys(ctx, work);
  const routing = nested?.routing ?? partitionRouting(table, partitions, ctx.family.partitionsOf, hashRouted);
  for (const skipped of routing.skipped) {
    warnings.push({
      code: 'PARTITION_ROUTING',
      where: displayName(table),
      message: `${displayName(table)}: ${skipped}.`,
    });
  }
  if (routing.problem && routing.choices.length > 0 && work.rows > 0) {
    warnings.push({
      code: 'PARTITION_ROUTING',
      where: displayName(table),
      message: `${displayName(table)}: ${routing.problem}, so datagen cannot place its rows in a partition; it gets no rows. Add a DEFAULT partition (CREATE TABLE ... PARTITION OF ${displayName(table)} DEFAULT) to give it rows.`,
    });
    work.rows = 0;
  }
  // HASH partitions and a DEFAULT partition take any value: the column stays free (e.g. for its key).
  const anyValue = routing.choices.some((c) => c.kind === 'any');
  // Beside a DEFAULT partition, LIST and RANGE partitions still get their share: a free column's
  // values would almost never fall inside their bounds, and every row would go to the DEFAULT.
  const boundedBesideDefault = anyValue && routing.choices.some((c) => c.kind !== 'any');
  const keySource = routing.column ? sources.get(routing.column) : undefined;
  // (A key an integer RANGE bounds is met by a window of parent rows: see boundPartitionKeyFk.)
  const bounded = integerRangeBounds(table, partitions, ctx.family.partitionsOf) !== undefined;
  const keyWindow = keySource?.kind === 'foreign-key' && bounded ? frame.windows[keySource.fk] : undefined;
  if (keySource?.kind === 'foreign-key' && !anyValue && previous && keyWindow === undefined) {
    const parent = displayName(fks[keySource.fk]?.references ?? table);
    const unlisted = parentKeysUnlisted(ctx, table, keySource.fk, routing.column);
    if (unlisted === undefined)
      work.empty(
        `its partition key ${routing.column} is a foreign key to ${parent}, whose keys datagen cannot place inside the partitions' bounds`,
      );
    else if (unlisted.length > 0)
      work.empty(
        `its partition key ${routing.column} is a foreign key to ${parent}, whose partitions list ${unlisted.join(', ')}, which none of its own lists (datagen cannot pick only the parent rows its partitions take); a partition of ${displayName(table)} for ${unlisted.join(', ')} or a DEFAULT partition gives it rows`,
      );
  }
  const keyed = routing.column !== null && hasUniqueKeyOf(ctx, table, routing.column);
  const interval = keyed
    ? contiguousRange(table.columns.find((c) => c.name === routing.column)?.type, routing.choices)
    : null;
  if (routing.column && interval !== null && !sources.has(routing.column)) {
    // A unique key of the key column alone: its values come from the partitions' whole interval.
    work.hints.set(routing.column, withinInterval(work.hints.get(routing.column), interval));
  } else if (
    routing.column &&
    !sources.has(routing.column) &&
    routing.choices.length > 0 &&
    (!anyValue || boundedBesideDefault)
  ) {
    work.set(
      routing.column,
      { kind: 'partition-key', choices: routing.choices },
      'partition key: inside a partition',
    );
  }
  planSubPartitionKeys(ctx, work, routing, nested);
  if (routing.choices.length === 0 && work.rows > 0) {
    warnings.push({
      code: 'NO_PARTITION',
      where: displayName(table),
      message:
        partitions.length === 0
          ? `${displayName(table)} is partitioned but has no partitions; it gets no rows. To give it rows, add its partitions to the DDL (CREATE TABLE ... PARTITION OF ${displayName(table)} DEFAULT, or FOR VALUES ...), as the code that makes them when the application runs would.`
          : `${displayName(table)}: no partition can be given rows (see the warnings above); it gets no rows. Add a DEFAULT partition to give it rows.`,
      ...(partitions.length === 0 ? { data: { partitions: 'none' } } : {}),
    });
    work.rows = 0;
  }
}

/**
 * The key column of partitions that are partitioned in turn (LIST by region,
 * each region by RANGE of a date): the root's rows take values inside those
 * sub-partitions' bounds too, or the rows a partition gets would all go to its
 * DEFAULT. Only partitions that store every row (a DEFAULT or HASH below) get
 * rows at all, so any value still lands somewhere; a free value keeps its share.
 */
function planSubPartitionKeys(
  ctx: PlanContext,
  work: TableWork,
  routing: PartitionRouting,
  nested: NestedRoutes | undefined,
): void {
  const { table, sources } = work;
  const rootColumn = routing.column;
  const byColumn = new Map<string, PartitionChoice[]>();
  const subOf = new Map<Table, SubRoute>();
  for (const partition of ctx.family.partitionsOf(table)) {
    if (!partition.partitionBy) continue;
    // (One with no DEFAULT below it has its rows' keys from their routes, or gets none.)
    const routed = !storesEveryRow(partition, ctx.family.partitionsOf);
    const sub = partitionRouting(partition, ctx.family.partitionsOf(partition), ctx.family.partitionsOf);
    const column = sub.column;
    if (column === null || column === rootColumn || sub.problem !== null) continue;
    if (sources.has(column) || !table.columns.some((c) => c.name === column)) continue;
    const bounded = sub.choices.filter((c) => c.kind !== 'any');
    if (bounded.length === 0) continue;
    const before = byColumn.get(column) ?? [];
    const indexes = bounded.map((_, k) => before.length + k);
    if (!routed)
      subOf.set(partition, { column, bounded: indexes, anys: sub.choices.length - bounded.length });
    byColumn.set(column, [...before, ...bounded]);
  }
  // Version 3: one of the first rows per leaf, the root's key and the sub-partition's agreeing.
  const rootSource = rootColumn === null ? undefined : sources.get(rootColumn);
  const leaves =
    ctx.generatorVersion >= 3 && rootSource?.kind === 'partition-key'
      ? partitionLeafRows(routing.partitions, subOf, (column) => byColumn.get(column)?.length ?? 0)
      : undefined;
  if (leaves && rootColumn !== null && rootSource?.kind === 'partition-key')
    work.set(rootColumn, { ...rootSource, firstRows: leaves.root }, work.reasons.get(rootColumn) ?? '');
  for (const [column, choices] of byColumn) {
    const firstRows = leaves?.sub.get(column);
    const own: PartitionChoice[] = [...choices, { kind: 'any' }];
    const routed = rootColumn === null ? undefined : nested?.columns.get(column);
    const route = routed && {
      column: rootColumn as string,
      choice: routed.byRoute.map((c) => (c < 0 ? c : own.length + c)),
    };
    work.set(
      column,
      withHashRoutes(
        {
          kind: 'partition-key',
          choices: [...own, ...(routed?.choices ?? [])],
          ...(firstRows ? { firstRows } : {}),
          ...(route ? { route } : {}),
        },
        nested?.hashed.get(column),
      ),
      route
        ? 'sub-partition key: inside the sub-partition its row is routed to, else any value'
        : 'sub-partition key: inside a sub-partition, or any value',
    );
  }
  if (rootColumn === null) return;
  for (const [column, routed] of nested?.columns ?? []) {
    if (byColumn.has(column)) continue;
    work.set(
      column,
      withHashRoutes(
        {
          kind: 'partition-key',
          choices: routed.choices,
          route: { column: rootColumn, choice: routed.byRoute },
        },
        nested?.hashed.get(column),
      ),
      'sub-partition key: inside the sub-partition its row is routed to',
    );
  }
  for (const [column, hashed] of nested?.hashed ?? []) {
    if (byColumn.has(column) || nested?.columns.has(column)) continue;
    work.set(
      column,
      withHashRoutes({ kind: 'partition-key', choices: [] }, hashed),
      'sub-partition key: inside the partitions of the HASH partition its row hashes into',
    );
  }
}

type PartitionKeySource = Extract<ColumnSource, { kind: 'partition-key' }>;

/** A partition key source with a HASH partition's routes of it (and their choices) added after its own. */
function withHashRoutes(
  source: PartitionKeySource,
  hashed: { choices: PartitionChoice[]; routes: HashRoute[] } | undefined,
): PartitionKeySource {
  if (hashed === undefined) return source;
  const offset = source.choices.length;
  return {
    ...source,
    choices: [...source.choices, ...hashed.choices],
    hashRoutes: hashed.routes.map((r) => ({
      ...r,
      partitions: r.partitions.map((p) => ({ ...p, choices: p.choices.map((c) => c + offset) })),
    })),
  };
}

/**
 * NO_PARTITION warnings of two or more tables without partitions, as one
 * listing them (the first five, and how many more): a schema whose
 * application makes its 22 tables' partitions when it runs gave 22 lines.
 */
export function groupNoPartitionWarnings(warnings: readonly Warning[]): Warning[] {
  const group = warnings.filter((w) => w.code === 'NO_PARTITION' && w.data?.partitions === 'none');
  const [first] = group;
  if (first === undefined || group.length < 2) return [...warnings];
  const names = group.map((w) => w.where);
  const shown = `${names.slice(0, 5).join(', ')}${names.length > 5 ? `, and ${names.length - 5} more` : ''}`;
  const combined: Warning = {
    code: 'NO_PARTITION',
    where: first.where,
    message: `${names.length} partitioned tables have no partitions: ${shown}; they get no rows. To give them rows, add their partitions to the DDL (CREATE TABLE ... PARTITION OF ${first.where} DEFAULT, or FOR VALUES ...), as the code that makes them when the application runs would.`,
    data: { partitions: 'none', tables: names.join(', ') },
  };
  return warnings.flatMap((w) => (w === first ? [combined] : group.includes(w) ? [] : [w]));
}
