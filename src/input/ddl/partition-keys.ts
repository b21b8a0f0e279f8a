/**
 * Keys on partitions: a partition takes its parent's primary key and unique
 * constraints, and a unique key on a partitioned table must hold every column
 * of its partition key (else PostgreSQL refuses the DDL: a located problem).
 */
import type { UniqueKey } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { makeObjectName, nameAddition } from './object-names.js';
import type { SchemaProblem, TableDraft } from './schema-builder.js';

/**
 * PostgreSQL refuses a unique key (constraint or index) on a partitioned table
 * that lacks a column of its partition key ("unique constraint on partitioned
 * table must include all partitioning columns"): the output's DDL would not
 * load, so it is a located problem. Only keys declared on the table itself.
 */
export function checkPartitionColumns(problems: SchemaProblem[], t: TableDraft, key: UniqueKey): void {
  if (t.partitionBy === null || t.changedUnseenBy !== undefined) return;
  const location = t.keyLocations.get(key.name);
  if (location === undefined) return;
  const missing = t.partitionBy.columns.filter((c): c is string => c !== null && !key.columns.includes(c));
  if (missing.length === 0) return;
  const what =
    key.kind === 'primary-key' ? 'PRIMARY KEY' : key.isIndex ? 'unique index' : 'UNIQUE constraint';
  const from =
    t.partitionOf !== null && location === t.location
      ? ` (taken from its parent ${displayName(t.partitionOf.parent)}: a partition gets its parent's keys)`
      : '';
  problems.push({
    location,
    message: `${what} ${key.name} on partitioned table ${displayName(t)}${from} lacks ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} of its partition key, which PostgreSQL refuses (a unique key on a partitioned table must include all partitioning columns); add ${missing.join(', ')} to the key`,
  });
}

/**
 * A partition gets its parent's primary key and unique constraints (PostgreSQL
 * creates them on every partition, named after the partition).
 */
export function inheritPartitionKeys(
  table: TableDraft,
  tables: ReadonlyMap<string, TableDraft>,
  seen: Set<TableDraft>,
): void {
  if (seen.has(table) || table.partitionOf === null) return;
  seen.add(table);
  const parent = tables.get(nameKey(table.partitionOf.parent));
  if (parent === undefined) return;
  inheritPartitionKeys(parent, tables, seen);
  const pk = parent.primaryKey;
  // A partition itself partitioned must hold its parent's keys with its own partition key's
  // columns too (checkPartitionColumns): located at its CREATE TABLE, where PostgreSQL fails.
  const inherited = (name: string): void => {
    if (table.partitionBy !== null && table.location !== null && !table.keyLocations.has(name))
      table.keyLocations.set(name, table.location);
  };
  if (table.primaryKey === null && pk !== null) {
    table.primaryKey = { ...pk, name: makeObjectName(table.name, null, 'pkey') };
    for (const c of table.columns) if (pk.columns.includes(c.name)) c.notNull = true;
    inherited(table.primaryKey.name);
  }
  for (const u of parent.uniques) {
    if (u.isIndex) continue;
    const columns = u.columns.filter((c): c is string => c !== null);
    const name = makeObjectName(table.name, nameAddition(columns), 'key');
    if (!table.uniques.some((own) => own.name === name)) {
      table.uniques.push({ ...u, name });
      inherited(name);
    }
  }
}
