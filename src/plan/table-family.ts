/**
 * Tables as the planner sees them: partitions are filled through their root,
 * and a root carries its partitions' foreign keys and unique keys too (rows
 * are routed into the partitions, so their constraints bind the root's rows).
 * An FK to a partition is an FK to rows made through its root.
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import { expressionColumns } from '../schema/expression-columns.js';
import { tableKeys } from '../schema/key-columns.js';
import type {
  ExclusionConstraint,
  ForeignKey,
  PeriodBounds,
  QualifiedName,
  Table,
  UniqueKey,
} from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { asColumnElement, periodOfElement } from './exclusion-periods.js';

export interface TableFamily {
  readonly tables: readonly Table[];
  /** A table's index by its nameKey (-1 when the schema has no such table). */
  indexOf(name: QualifiedName): number;
  /** The partitions directly under a table. */
  partitionsOf(table: Table): readonly Table[];
  /** The partitioned table a partition's rows are made through (the table itself when not a partition). */
  rootOf(table: Table): Table;
  /** The table's FKs and those of its partitions (one per column list). */
  foreignKeysOf(table: Table): ForeignKey[];
  /** The table's unique keys, its partitions', and its exclusion constraints planned as keys. */
  uniquesOf(table: Table, warnings: Warning[]): UniqueKey[];
  /** The index of the table whose rows the table's fkIndex-th FK picks from (its root), or -1. */
  parentIndex(table: Table, fkIndex: number): number;
  /** The table's first place in `tables` (`tables.indexOf(t)`, without a scan), -1 when absent. */
  positionOf(table: Table): number;
}

export function tableFamily(
  tables: readonly Table[],
  lookup?: TypeLookup,
  generatorVersion = 0,
): TableFamily {
  const tableIndex = new Map(tables.map((t, i) => [nameKey(t), i]));
  const partitions = new Map<string, Table[]>();
  for (const t of tables) {
    if (t.partitionOf) {
      const key = nameKey(t.partitionOf.parent);
      partitions.set(key, [...(partitions.get(key) ?? []), t]);
    }
  }
  const indexOf = (name: QualifiedName) => tableIndex.get(nameKey(name)) ?? -1;
  // Each table's first place in the list (as tables.indexOf finds it, without a scan per call).
  const position = new Map<Table, number>();
  tables.forEach((t, i) => {
    if (!position.has(t)) position.set(t, i);
  });
  const partitionsOf = (t: Table) => partitions.get(nameKey(t)) ?? [];
  const rootOf = (t: Table): Table => {
    let current = t;
    for (let i = 0; i < 16 && current.partitionOf; i++) {
      const parent = tables[indexOf(current.partitionOf.parent)];
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const foreignKeysOf = (t: Table) => {
    const own = [...t.foreignKeys];
    for (const p of partitionsOf(t)) {
      for (const fk of p.foreignKeys) {
        if (!own.some((o) => o.columns.join() === fk.columns.join())) own.push(fk);
      }
    }
    return own;
  };
  return {
    tables,
    indexOf,
    partitionsOf,
    rootOf,
    foreignKeysOf,
    uniquesOf: (t, warnings) => [
      ...(t.primaryKey ? [t.primaryKey] : []),
      ...t.uniques,
      ...partitionsOf(t).flatMap((p) => [...(p.primaryKey ? [p.primaryKey] : []), ...p.uniques]),
      ...t.exclusions
        .filter((x) => constantExclusionColumn(x, t) === undefined)
        .flatMap((x) =>
          exclusionAsKey(
            readExclusion(x, t, lookup, generatorVersion),
            warnings,
            t,
            lookup,
            generatorVersion,
          ),
        ),
    ],
    parentIndex: (t, fkIndex) => {
      const fk = foreignKeysOf(t)[fkIndex];
      const parent = fk ? tables[indexOf(fk.references)] : undefined;
      return parent ? (position.get(rootOf(parent)) ?? -1) : -1;
    },
    positionOf: (t) => position.get(t) ?? -1,
  };
}

/**
 * `c WITH <>`: two rows conflict only where their c differ, so a c the same
 * in every row (`hints.sameInEveryRow`, set by `constantExclusionColumns`)
 * keeps every row of the constraint from conflicting whatever its other
 * elements; the column is one nothing else decides (no key, FK, CHECK,
 * generation, sequence, partition key).
 */
export function constantExclusionColumn(x: ExclusionConstraint, table: Table): string | undefined {
  const decided = new Set([
    ...tableKeys(table).flatMap((k) => k.columns),
    ...table.foreignKeys.flatMap((fk) => fk.columns),
    ...table.checks.flatMap((c) => expressionColumns(c.expr.ast)),
    ...(table.partitionBy?.columns ?? []),
  ]);
  const element = x.elements.find((e) => {
    if (e.column === null || (e.operator !== '<>' && e.operator !== '!=') || decided.has(e.column))
      return false;
    const column = table.columns.find((c) => c.name === e.column);
    return column !== undefined && !column.generated && !column.sequence && !column.identity;
  });
  return element?.column ?? undefined;
}

/**
 * `fk_col WITH <>` on the one column of a foreign key nothing else decides (no key, CHECK, partition key):
 * every row whose FK is set points at one parent row (`ForeignKeyPlan.sameParent`), so no two rows differ on
 * it; NULL rows never conflict.
 */
export function sameParentExclusionColumn(x: ExclusionConstraint, table: Table): string | undefined {
  const decided = new Set([
    ...tableKeys(table).flatMap((k) => k.columns),
    ...table.checks.flatMap((c) => expressionColumns(c.expr.ast)),
    ...(table.partitionBy?.columns ?? []),
  ]);
  // A self-reference's picks form a tree (generate/free-pick.ts), never one row.
  const self = (fk: Table['foreignKeys'][number]) =>
    fk.references.name === table.name && (fk.references.schema || table.schema) === table.schema;
  const single = new Set(
    table.foreignKeys.filter((fk) => fk.columns.length === 1 && !self(fk)).map((fk) => fk.columns[0]),
  );
  const inFks = table.foreignKeys.flatMap((fk) => fk.columns);
  const element = x.elements.find(
    (e) =>
      e.column !== null &&
      (e.operator === '<>' || e.operator === '!=') &&
      single.has(e.column) &&
      inFks.filter((c) => c === e.column).length === 1 &&
      !decided.has(e.column),
  );
  return element?.column ?? undefined;
}

/**
 * Types whose `&&` distinct values of the unique generators may still satisfy
 * (two different polygons, networks or arrays can overlap): a range's,
 * a box's and a circle's unique values are pairwise disjoint.
 */
const OVERLAPPING_TYPES = new Set([
  'polygon',
  'path',
  'lseg',
  'line',
  'point',
  'inet',
  'cidr',
  'geometry',
  'geography',
  'box2d',
  'box3d',
]);

/**
 * An element the unique generators keep from conflicting: a plain column
 * compared with =, or with && on a range (a domain's base type: `CREATE DOMAIN
 * dc AS circle` overlaps as circles do).
 */
const plannedElement =
  (table: Table, lookup: TypeLookup | undefined) =>
  (e: ExclusionConstraint['elements'][number]): boolean => {
    if (e.column === null) return false;
    if (e.operator === '=') return true;
    if (e.operator !== '&&') return false;
    const written = table.columns.find((c) => c.name === e.column)?.type;
    if (written === undefined) return false;
    const type = lookup ? resolveDomains(written, lookup).base : written;
    return type.arrayDims === 0 && !OVERLAPPING_TYPES.has(type.name);
  };

/**
 * `EXCLUDE USING gist (room WITH =, during WITH &&)` holds when no two rows
 * are equal on the `=` elements and overlap on the `&&` ones. The unique
 * generators of range types give pairwise disjoint ranges for distinct
 * inputs, so planning the elements as a unique key satisfies it. Where some
 * elements are other operators or expressions (`tsrange(start, end) WITH &&`,
 * Inbox Zero), the planned ones alone are made a key: two rows then never
 * conflict on them, so they never conflict at all (a stronger rule, warned).
 * With none planned, `unplannedExclusions` keeps the table to one row.
 */
function exclusionAsKey(
  x: ExclusionConstraint,
  warnings: Warning[],
  table: Table,
  lookup: TypeLookup | undefined,
  generatorVersion: number,
): UniqueKey[] {
  const planned = x.elements.filter(plannedElement(table, lookup));
  const period = generatorVersion >= 19 ? exclusionPeriod(x, table, lookup, planned.length) : undefined;
  if (period !== undefined) return [periodKey(x, planned, period)];
  if (planned.length === 0) return [];
  if (planned.length < x.elements.length) {
    const columns = planned.map((e) => e.column).join(', ');
    warnings.push({
      code: 'EXCLUSION_NARROWED',
      where: displayName(table),
      message: `EXCLUDE constraint ${x.name} on ${displayName(table)} compares expressions, operators other than = and &&, or && on values that are not ranges, boxes or circles (polygons, networks, arrays), which datagen cannot plan; its rows are kept distinct on (${columns}) instead, so no two of them can conflict. To let rows share those values, generate from a copy of the DDL without the constraint.`,
    });
  }
  const overlapping = planned.filter((e) => e.operator === '&&');
  return [
    {
      kind: 'unique',
      name: x.name,
      ...(overlapping.length === 1 ? { overlapColumn: overlapping[0]?.column as string } : {}),
      columns: planned.map((e) => e.column as string),
      expressions: planned.map(() => null),
      where: x.where,
      nullsNotDistinct: false,
      isIndex: false,
      deferrable: false,
    },
  ];
}

/**
 * Version 19: the constraint's one element over two columns' range (exclusion-periods.ts), where every other
 * element is planned and none is another `&&`: the key is the `=` columns and the period's lower column.
 */
function exclusionPeriod(
  x: ExclusionConstraint,
  table: Table,
  lookup: TypeLookup | undefined,
  planned: number,
): PeriodBounds | undefined {
  if (planned !== x.elements.length - 1 || x.elements.some((e) => e.column !== null && e.operator === '&&'))
    return undefined;
  const element = x.elements.find((e) => e.column === null);
  return element === undefined ? undefined : periodOfElement(element, table, lookup);
}

function periodKey(
  x: ExclusionConstraint,
  planned: readonly ExclusionConstraint['elements'][number][],
  period: PeriodBounds,
): UniqueKey {
  const columns = [...planned.map((e) => e.column as string), period.lower];
  return {
    kind: 'unique',
    name: x.name,
    periodBounds: period,
    columns,
    expressions: columns.map(() => null),
    where: x.where,
    nullsNotDistinct: false,
    isIndex: false,
    deferrable: false,
  };
}

/** The constraint with its elements as version `generatorVersion` reads them (asColumnElement: version 27). */
function readExclusion(
  x: ExclusionConstraint,
  table: Table,
  lookup: TypeLookup | undefined,
  generatorVersion: number,
): ExclusionConstraint {
  return generatorVersion >= 27
    ? { ...x, elements: x.elements.map((e) => asColumnElement(e, table, lookup)) }
    : x;
}

/** Exclusion constraints none of whose elements can be planned: any two rows may conflict, so a table holding one gets one row. */
export function unplannedExclusions(
  table: Table,
  lookup?: TypeLookup,
  generatorVersion = 0,
): ExclusionConstraint[] {
  return table.exclusions.filter(
    (x) =>
      !readExclusion(x, table, lookup, generatorVersion).elements.some(plannedElement(table, lookup)) &&
      (generatorVersion < 19 || exclusionPeriod(x, table, lookup, 0) === undefined) &&
      constantExclusionColumn(x, table) === undefined &&
      sameParentExclusionColumn(x, table) === undefined,
  );
}

/** The columns `c WITH <>` exclusions keep the same in every row (see constantExclusionColumn). */
export function constantExclusionColumns(table: Table): string[] {
  return table.exclusions.flatMap((x) => constantExclusionColumn(x, table) ?? []);
}
