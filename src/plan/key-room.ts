/**
 * What the rows past a unique key's room get (its room: the distinct values
 * its components can take): NULL in a CASE branch's nullable column, one NULL
 * more under NULLS NOT DISTINCT, values outside a partial key's WHERE
 * (partial-keys.ts), version 19: NULL in a nullable foreign key of the key
 * (`UNIQUE (user_id, tag)` beside `num_nonnulls(user_id, group_id) = 1`: the
 * rows past the room are the group's), or, when none of these is open, the
 * table cut to the room (warned; an error for a row count the user gave).
 */
import { counted, DatagenError, ErrorCodes, type Warning } from '../errors.js';
import type { UniqueKey } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import type { KeyPlanContext, PlannedKey } from './key-capacity.js';
import { keepOutside, outsideColumn } from './partial-keys.js';
import type { ColumnSource, KeyComponent } from './plan-model.js';

export interface PastTheRoom {
  /** The table's rows once this key is planned. */
  readonly rows: number;
  /** The nullable column written NULL past the room (a CASE branch's, or NULLS NOT DISTINCT's one NULL). */
  readonly branchNull: string | undefined;
  /** The partial key's WHERE column written outside the WHERE past the room. */
  readonly wayOut: string | undefined;
  /** Version 19: the FK (its index) of the key's driver written NULL past the room. */
  readonly nullFk: number | undefined;
  /** Version 20: a nullable column of the key's driver (no FK's) written NULL past the room. */
  readonly nullColumn: string | undefined;
  /** Only the first rows (the room) get distinct key values. */
  readonly roomOnly: boolean;
  /** The key's columns are distinct over every row (a key over a superset of them needs no plan). */
  readonly uniqueOverRows: boolean;
}

/** A key's plan past its room, its warning pushed to `out.warnings`. */
export function pastTheRoom(
  ctx: KeyPlanContext,
  planned: readonly PlannedKey[],
  sources: ReadonlyMap<string, ColumnSource>,
  at: {
    readonly key: UniqueKey;
    readonly branch: true | undefined;
    readonly chosen: readonly KeyComponent[];
    readonly components: readonly KeyComponent[];
    readonly opaque: readonly string[];
    readonly why: readonly string[];
    /** Version 20: the key's FK spans both arms of an exactly-one pair (either-keys.ts): never NULL past the room. */
    readonly bothArms?: true;
  },
  { capacity, rows }: { capacity: number; rows: number },
  out: { warnings: Warning[]; outside: Map<string, { readonly row: number; readonly key: string }> },
): PastTheRoom {
  const { key, branch, chosen, components, opaque, why } = at;
  // A CASE branch's nullable column: NULL past its values; under NULLS NOT DISTINCT, a nullable column's
  // NULL is one value more, in the last row (a boolean's true, false and NULL).
  const branchNull =
    (branch || key.nullsNotDistinct) && capacity < rows && capacity > 0
      ? branchNullColumn(ctx, key, chosen, planned, sources)
      : undefined;
  const wayOut =
    capacity < rows && capacity > 0 && branchNull === undefined
      ? outsideColumn(key, ctx.rowsOutside, ctx.wholeKeys === true, sources, ctx.hints)
      : undefined;
  const nullFk =
    capacity < rows && capacity > 0 && branchNull === undefined && wayOut === undefined && !at.bothArms
      ? nullableForeignKey(ctx, key, chosen, planned)
      : undefined;
  const nullColumn =
    capacity < rows &&
    capacity > 0 &&
    branchNull === undefined &&
    wayOut === undefined &&
    nullFk === undefined
      ? nullableKeyColumn(ctx, key, chosen, planned)
      : undefined;
  const nullMore = branchNull !== undefined && key.nullsNotDistinct && !branch;
  let kept = rows;
  if (nullMore) {
    const reason = capacityReason(components, opaque, [...why, nullValueReason(branchNull, capacity)]);
    out.warnings.push(rowsCut(ctx, key, { rows, capacity: capacity + 1 }, reason));
    kept = capacity + 1;
  } else if (branchNull !== undefined)
    out.warnings.push(branchNulled(ctx, key, branchNull, capacity, branch));
  else if (wayOut !== undefined) keepOutside(out.outside, wayOut, capacity, key.name);
  else if (nullFk !== undefined) out.warnings.push(foreignKeyNulled(ctx, key, nullFk, capacity));
  else if (nullColumn !== undefined)
    out.warnings.push(branchNulled(ctx, key, nullColumn, capacity, undefined));
  else if (capacity < rows) {
    const notNull = key.nullsNotDistinct && chosen.length === 1 ? [notNullReason(chosen, capacity)] : [];
    out.warnings.push(
      rowsCut(ctx, key, { rows, capacity }, capacityReason(components, opaque, [...why, ...notNull])),
    );
    kept = capacity;
  }
  const roomOnly =
    branchNull !== undefined || wayOut !== undefined || nullFk !== undefined || nullColumn !== undefined;
  return {
    rows: kept,
    branchNull,
    wayOut,
    nullFk,
    nullColumn,
    roomOnly,
    uniqueOverRows: !roomOnly || nullMore,
  };
}

/** A column that may be NULL in every row: not NOT NULL (its own, a domain's or a CHECK's), not generated, not in the primary key. */
function mayBeNull(ctx: KeyPlanContext, name: string): boolean {
  const column = ctx.table.columns.find((c) => c.name === name);
  return (
    column !== undefined &&
    !column.notNull &&
    !column.generated &&
    !(ctx.table.primaryKey?.columns ?? []).includes(name) &&
    ctx.hints.get(name)?.notNull !== true &&
    ctx.hints.get(name)?.nullOnly !== true
  );
}

/**
 * Version 20: a plain column among the key's driving components that may be NULL and is in no other key
 * (`variant smallint` of `UNIQUE (code, variant)`, a boolean): rows with it NULL are distinct under a UNIQUE
 * key whatever its other columns, so the rows past the room are written with it NULL, as a foreign key is.
 */
function nullableKeyColumn(
  ctx: KeyPlanContext,
  key: UniqueKey,
  chosen: readonly KeyComponent[],
  planned: readonly PlannedKey[],
): string | undefined {
  if (ctx.generatorVersion < 20 || key.kind === 'primary-key' || key.nullsNotDistinct) return undefined;
  const period = key.periodBounds;
  for (const c of chosen) {
    if (c.kind !== 'column' || c.series === true || !mayBeNull(ctx, c.column)) continue;
    if (ctx.table.columns.find((col) => col.name === c.column)?.identity) continue;
    if (period !== undefined && (c.column === period.lower || c.column === period.upper)) continue;
    if (!planned.some((k) => k.key !== key && k.columns.includes(c.column))) return c.column;
  }
  return undefined;
}

/**
 * Version 19: a foreign key among the key's driving components whose columns may all be NULL (not NOT NULL,
 * no domain's or CHECK's NOT NULL, not in the primary key, in no other key): rows with it NULL are distinct
 * under a UNIQUE key whatever its other columns, so the rows past the room are written with it NULL (a CHECK
 * such as `num_nonnulls(user_id, group_id) = 1` then sets the other column, generate/row-choices.ts).
 */
function nullableForeignKey(
  ctx: KeyPlanContext,
  key: UniqueKey,
  chosen: readonly KeyComponent[],
  planned: readonly PlannedKey[],
): number | undefined {
  if (ctx.generatorVersion < 19 || key.kind === 'primary-key' || key.nullsNotDistinct) return undefined;
  for (const c of chosen) {
    const fk = c.kind === 'foreign-key' ? ctx.fks[c.fk] : undefined;
    if (fk === undefined || c.kind !== 'foreign-key' || !fk.columns.every((name) => mayBeNull(ctx, name)))
      continue;
    const elsewhere = planned.some((k) => k.key !== key && fk.columns.some((col) => k.columns.includes(col)));
    if (!elsewhere) return c.fk;
  }
  return undefined;
}

function foreignKeyNulled(ctx: KeyPlanContext, key: UniqueKey, fkIndex: number, capacity: number): Warning {
  const fk = ctx.fks[fkIndex];
  const columns = fk?.columns ?? [];
  const where = columns.map((c) => displayColumn(ctx.table, c)).join(', ');
  const what = columns.length === 1 ? columns[0] : `(${columns.join(', ')})`;
  const parent = fk === undefined ? 'its parent table' : displayName(fk.references);
  return {
    code: 'COLUMN_LEFT_NULL',
    where,
    message: `${where} ${columns.length === 1 ? 'is' : 'are'} NULL past the first ${counted(capacity, 'row')}: ${key.kind === 'unique' && ctx.table.exclusions.some((x) => x.name === key.name) ? 'EXCLUDE' : 'UNIQUE'} ${key.name} has room for ${counted(capacity, 'distinct value')}, and rows with ${what} NULL are distinct under it, so the table keeps its rows. To give more rows a value, give ${parent} more rows or widen the key's other columns.`,
  };
}

/**
 * A key whose expression datagen cannot make unique but is NULL with `nulled` NULL: the column is left NULL
 * in every row (every row distinct under the key, no cut); the warning, unless it was NULL-only already.
 */
/**
 * A CASE branch's key (case-key-branches.ts) with room for fewer rows than asked, made of one nullable
 * column no other key holds: the column, to be NULL past the branch's room. Every operator in a branch is
 * strict, so a NULL there gives a NULL result or takes the row into another branch; either way the row
 * does not count against this branch's values. Undefined otherwise (the key cuts the rows as any other).
 */
/** Why a NULLS NOT DISTINCT key has one value more than its column's values. */
function nullValueReason(column: string, capacity: number): string {
  return `${column} takes ${counted(capacity, 'value')}, and NULLS NOT DISTINCT counts NULL as one more, written in the last row`;
}

function branchNullColumn(
  ctx: KeyPlanContext,
  key: UniqueKey,
  chosen: readonly KeyComponent[],
  planned: readonly PlannedKey[],
  sources: ReadonlyMap<string, ColumnSource>,
): string | undefined {
  const only = chosen.length === 1 ? chosen[0] : undefined;
  if (only?.kind !== 'column' || sources.has(only.column)) return undefined;
  const column = ctx.table.columns.find((c) => c.name === only.column);
  const inPrimaryKey = ctx.table.primaryKey?.columns.includes(only.column) ?? false;
  if (!column || column.notNull || column.generated || column.identity || inPrimaryKey) return undefined;
  if (ctx.hints.get(only.column)?.notNull) return undefined;
  const elsewhere = planned.some((k) => k.key !== key && !k.branch && k.columns.includes(only.column));
  return elsewhere ? undefined : only.column;
}

function branchNulled(
  ctx: KeyPlanContext,
  key: UniqueKey,
  column: string,
  capacity: number,
  branch: boolean | undefined,
): Warning {
  const where = `${displayColumn(ctx.table, column)}`;
  const why = branch
    ? `its branch of the CASE in UNIQUE ${key.name} has room for ${counted(capacity, 'distinct value')}, and a NULL ${column} takes a row out of that branch`
    : `UNIQUE ${key.name} has room for ${counted(capacity, 'distinct value')} of it, and rows with ${column} NULL are distinct under it`;
  const more = branch ? 'give that branch more rows' : 'give more rows a value';
  return {
    code: 'COLUMN_LEFT_NULL',
    where,
    message: `${where} is NULL past the first ${counted(capacity, 'row')}: ${why}, so the table keeps its rows. To ${more}, widen the values ${column} may take (its CHECKs or type).`,
  };
}

/** Why a NULLS NOT DISTINCT key over one NOT NULL column has no value more. */
function notNullReason(chosen: readonly KeyComponent[], capacity: number): string {
  const only = chosen[0];
  const name = only?.kind === 'column' ? only.column : 'its column';
  return `${name} takes ${counted(capacity, 'value')} and is NOT NULL, so NULLS NOT DISTINCT adds none`;
}

/** A key with room for fewer rows than asked: an error for a row count the user gave, else the cut's warning. */
export function rowsCut(
  ctx: KeyPlanContext,
  key: UniqueKey,
  { rows, capacity }: { rows: number; capacity: number },
  because: string,
): Warning {
  const { table } = ctx;
  const shown = key.columns.map((c, i) => c ?? key.expressions[i]?.text ?? '?');
  const exclusion = table.exclusions.some((x) => x.name === key.name);
  const kind = key.kind === 'primary-key' ? 'PRIMARY KEY' : key.isIndex ? 'UNIQUE INDEX' : 'UNIQUE';
  const what = `${exclusion ? 'EXCLUDE' : kind} ${key.name} (${shown.join(', ')})`;
  if (ctx.explicit) {
    throw new DatagenError(
      ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
      `${displayName(table)}: ${counted(rows, 'row')} were requested but ${what} allows only ${counted(capacity, 'distinct value')}${because}. Ask for at most ${counted(capacity, 'row')} (--rows ${table.name}=${capacity}) or widen the key.`,
      { table: displayName(table), key: key.name, requested: rows, capacity },
    );
  }
  return {
    code: 'ROWS_REDUCED',
    where: displayName(table),
    message: `${displayName(table)}: ${what} allows only ${counted(capacity, 'distinct value')}${because}, so it gets ${counted(capacity, 'row')} instead of ${rows}.`,
  };
}

export function capacityReason(
  components: readonly KeyComponent[],
  opaque: readonly string[],
  why: readonly string[],
): string {
  const parts: string[] = [];
  if (components.some((c) => c.kind === 'foreign-key')) {
    parts.push('a key over foreign keys is bounded by the parent tables\u2019 rows');
  }
  if (why.length > 0) parts.push(why.join('; '));
  if (opaque.length > 0 && components.length === 0) {
    parts.push(
      `datagen cannot make ${opaque.join(', ')} unique by construction and no other column of the key is free to vary; for more rows, generate from a copy of the DDL without this key`,
    );
  } else if (components.length === 0) {
    parts.push('all its columns are decided by other constraints');
  }
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
