/**
 * Columns that two composite foreign keys of one table share (Quartz's
 * `sched_name` is in every FK) cannot take each FK's parent value at once.
 * Such a column and the parent columns its FKs lead up to (transitively) are
 * pinned to one value, so every FK that contains it agrees; other children of
 * those parents keep drawing parent rows, and a parent key of its own holds
 * the value in its first row (plan-table.ts).
 */

import { type ColumnHints, TEXT_TYPES } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Schema, Table } from '../schema/model.js';
import { displayColumn, nameKey } from '../schema/names.js';
import { textChecker } from '../values/fitted-text.js';
import { RowRandom, streamKey } from '../values/random.js';
import { withReadableWords } from '../values/readable-words.js';
import { createValueGenerator } from '../values/types/index.js';
import { pinnedClasses } from './pinned-classes.js';
import type { ColumnSource } from './plan-model.js';
import { vacatedKey } from './vacated-foreign-keys.js';

/**
 * The values a class of pinned columns spreads its rows over (tenants): distinct, the first the value every
 * row takes when they cannot spread (generate/tenant-stripes.ts decides how many are used).
 */
export interface PinnedValues {
  /** The class's name (its root column's key): columns of one class take the same value in a row's chain. */
  readonly group: string;
  readonly values: readonly string[];
  /**
   * --append: the values are tenants the target holds already (its tenant table's rows): the class's new
   * rows join them, and the tenant table's new rows hold none of them.
   */
  readonly held?: true;
  /**
   * The class's tenant key counts from a sequence (serial, identity): its first rows hold the values (1, 2,
   * 3, …, as its sequence would give them; with --append values the target does not hold), the others
   * count on past them.
   */
  readonly counting?: true;
}

/** How many tenant values a class of pinned columns may spread over, at most. */
export const MAX_STRIPES = 32;

/** Map from `nameKey(table) + '\0' + column` to its class's values (text forms). */
export function findPinnedColumns(
  schema: Schema,
  seed: number,
  lookup: TypeLookup,
  version: number,
  heldBy?: (table: Table, column: string) => (value: string) => boolean,
  vacated: ReadonlySet<string> = new Set(),
  hintsOf: (table: Table, column: string) => ColumnHints | undefined = () => undefined,
  heldTenants?: (table: Table, column: string) => readonly string[],
): Map<string, PinnedValues> {
  const members = pinnedClasses(schema, vacated);
  if (members.size === 0) return new Map();
  const result = new Map<string, PinnedValues>();
  const random = new RowRandom();
  for (const [root, keys] of members) {
    const [tableKey, column] = splitKey(root);
    const table = schema.tables.find((t) => nameKey(t) === tableKey);
    const col = table?.columns.find((c) => c.name === column);
    if (!col) continue;
    const base = resolveDomains(col.type, lookup).base;
    const generator = createValueGenerator(base, withReadableWords(lookup, version));
    // --append into a target whose tenant table holds rows: the class's new rows join those tenants.
    const tenants = heldTenants === undefined ? [] : heldTenantsOf(schema, keys, heldTenants, vacated);
    if (tenants.length > 0) {
      const pinned = { group: root, values: tenants, held: true as const };
      for (const key of keys) result.set(key, pinned);
      continue;
    }
    // A serial or identity tenant key (a plain run): its first rows hold 1, 2, 3, …, the class's values.
    if (heldBy === undefined && keys.some((key) => countingTenantKey(schema, key))) {
      const counted = Array.from({ length: MAX_STRIPES }, (_, i) => String(i + 1));
      const pinned = { group: root, values: counted, counting: true as const };
      for (const key of keys) result.set(key, pinned);
      continue;
    }
    const stream = streamKey(seed, 'pinned', root);
    // --append: a value a key of the class (a tenant's id) holds already is not made again (its new rows
    // hold the class's values, so the same seed's values would collide with the first run's rows).
    const held = heldBy === undefined ? [] : heldKeysOf(schema, keys, heldBy, vacated);
    // A value every column of the class can hold: its CHECKs' and domains' text bounds (Boundary's
    // wt_public_id, `length(trim(value)) > 10`: a short word in a tenant key failed the load).
    const meets = textCheckersOf(schema, keys, lookup, hintsOf);
    const fresh = (value: string) => !held.some((h) => h(value)) && meets.every((ok) => ok(value));
    // The first value as before (one tenant when rows cannot spread); then distinct others.
    const values: string[] = [];
    const draws = (held.length === 0 && meets.length === 0 ? 4 : 8) * MAX_STRIPES;
    for (let i = 0; i < draws && values.length < MAX_STRIPES; i++) {
      const value = generator.random(random.at(stream, i));
      if (!values.includes(value) && fresh(value)) values.push(value);
    }
    if (values.length === 0) continue;
    // --append: a serial or identity tenant key holds these values (none the target holds) in its first rows too.
    const counting = keys.some((key) => countingTenantKey(schema, key));
    const pinned = { group: root, values, ...(counting ? { counting: true as const } : {}) };
    for (const key of keys) result.set(key, pinned);
  }
  return result;
}

/** The text checkers (length, patterns, exclusions, bounds) of the class's text columns that have hints. */
function textCheckersOf(
  schema: Schema,
  keys: readonly string[],
  lookup: TypeLookup,
  hintsOf: (table: Table, column: string) => ColumnHints | undefined,
): ((value: string) => boolean)[] {
  return keys.flatMap((key) => {
    const [tableKey, column] = splitKey(key);
    const table = schema.tables.find((t) => nameKey(t) === tableKey);
    const col = table?.columns.find((c) => c.name === column);
    const hints = table && hintsOf(table, column);
    if (!col || !hints) return [];
    const base = resolveDomains(col.type, lookup).base;
    return base.arrayDims === 0 && TEXT_TYPES.has(base.name) ? [textChecker(base, hints)] : [];
  });
}

/**
 * --append: a class of pinned columns (a tenant column through composite
 * FKs) takes new tenant values, those of the tenant table's new rows: the
 * appended rows of its tables point at new tenants, not at the tenants
 * already there (datagen keeps a tenant's rows together through the
 * composite FKs only among the rows it makes). One warning per class.
 */
export function newTenantWarnings(pinned: ReadonlyMap<string, PinnedValues>): Warning[] {
  const classes = new Map<string, string[]>();
  for (const [key, p] of pinned) {
    if (p.held !== true) classes.set(p.group, [...(classes.get(p.group) ?? []), key]);
  }
  return [...classes.values()].map((keys) => {
    const columns = keys.map((k) => {
      const [table, column] = splitKey(k);
      const [schema, name] = [
        table.slice(0, table.indexOf('\u0000')),
        table.slice(table.indexOf('\u0000') + 1),
      ];
      return `${displayColumn({ schema, name }, column)}`;
    });
    const shown =
      columns.slice(0, 4).join(', ') + (columns.length > 4 ? `, and ${columns.length - 4} more` : '');
    return {
      code: 'APPEND_NEW_TENANTS',
      where: columns[0] ?? '',
      message: `--append: ${shown} hold one tenant value through composite foreign keys, and the appended rows take new tenant values (the tenant table's new rows), not the tenants the database holds already: its tenant table holds none yet, its rows were asked for by name (--rows), or a composite foreign key references it. Leave out --rows for the tenant table to add rows to the tenants there; --truncate starts again from empty tables.`,
    };
  });
}

/**
 * --append: the tenants the target holds, as the class's values: those of its tenant column (a key of its
 * own, holdsPinnedValue), none where no such column reads any, or where a composite FK references the
 * tenant table through it (a pick of its rows would be one of the new rows, whose values are others).
 */
function heldTenantsOf(
  schema: Schema,
  keys: readonly string[],
  heldTenants: (table: Table, column: string) => readonly string[],
  vacated: ReadonlySet<string>,
): readonly string[] {
  for (const key of keys) {
    const [tableKey, column] = splitKey(key);
    const table = schema.tables.find((t) => nameKey(t) === tableKey);
    if (!table || !isTenantKey(table, column, askingForeignKeys(table, vacated))) continue;
    const composite = schema.tables.some((t) =>
      t.foreignKeys.some(
        (fk) =>
          fk.columns.length > 1 &&
          nameKey(fk.references) === tableKey &&
          fk.referencedColumns.includes(column),
      ),
    );
    if (composite) return [];
    const values = heldTenants(table, column);
    if (values.length > 0) return values;
  }
  return [];
}

/** What the class's own keys (columns that hold its values in their first rows) already hold in the target. */
function heldKeysOf(
  schema: Schema,
  keys: readonly string[],
  heldBy: (table: Table, column: string) => (value: string) => boolean,
  vacated: ReadonlySet<string>,
): ((value: string) => boolean)[] {
  return keys.flatMap((key) => {
    const [tableKey, column] = splitKey(key);
    const table = schema.tables.find((t) => nameKey(t) === tableKey);
    return table && holdsPinnedValue(table, column, askingForeignKeys(table, vacated))
      ? [heldBy(table, column)]
      : [];
  });
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** Whether an FK of the table asks anything of its columns (a vacated one does not: vacated-foreign-keys.ts). */
export type FkAsks = (fk: ForeignKey) => boolean;

/**
 * The FKs of `table` that ask something of their columns: all but the vacated ones, and those that read
 * their parent's row back (`readBack`: plan/read-back-keys.ts), whose shared key is the table's own.
 */
export function askingForeignKeys(
  table: Table,
  vacated: ReadonlySet<string>,
  readBack: { has(key: string): boolean } = new Set<string>(),
): FkAsks {
  return (fk) => !vacated.has(vacatedKey(table, fk)) && !readBack.has(vacatedKey(table, fk));
}

/**
 * A column that is alone a PRIMARY KEY or UNIQUE constraint of its table, in none of its FKs, not fed by a
 * sequence (whose values count up past a held one): its first row can hold a value, the others differ.
 */
export function holdsPinnedValue(table: Table, column: string, asks: FkAsks = () => true): boolean {
  const keys = tableKeys(table);
  const c = table.columns.find((col) => col.name === column);
  return (
    c !== undefined &&
    c.sequence === null &&
    c.identity === null &&
    c.generated === null &&
    keys.some((k) => k.columns.length === 1 && k.columns[0] === column) &&
    !table.foreignKeys.some((fk) => fk.columns.includes(column) && asks(fk))
  );
}

/** A tenant key (isTenantKey) fed by a sequence: serial, identity, a nextval default (`key`: table + NUL + column). */
function countingTenantKey(schema: Schema, key: string): boolean {
  const [tableKey, column] = splitKey(key);
  const table = schema.tables.find((t) => nameKey(t) === tableKey);
  const c = table?.columns.find((col) => col.name === column);
  return (
    table !== undefined &&
    c !== undefined &&
    (c.sequence !== null || c.identity !== null) &&
    c.generated === null &&
    isTenantKey(table, column)
  );
}

/** A column that is alone a PRIMARY KEY or UNIQUE constraint of its table, in none of its FKs (a tenant's id). */
function isTenantKey(table: Table, column: string, asks: FkAsks = () => true): boolean {
  const keys = tableKeys(table);
  return (
    keys.some((k) => k.columns.length === 1 && k.columns[0] === column) &&
    !table.foreignKeys.some((fk) => fk.columns.includes(column) && asks(fk))
  );
}

/**
 * A pinned column alone a key of its table, in one FK (of those that ask, not to its own table) whose
 * parent column holds the class's values in its first rows (`parentHolds`): Boundary's
 * auth_password_method.public_id through (scope_id, public_id) → auth_method, a subtype 1:1 with its base.
 * A constant would leave its key one value (one row); instead row i takes the parent's row i through that
 * FK (all of its columns, which no other FK of the table shares), so its first rows hold the class's values
 * as the parent's do, and its other rows the parent's other keys. The FK's index, if so.
 */
export function tenantExtensionFk(
  table: Table,
  column: string,
  asks: FkAsks,
  parentHolds: (fk: number, parentColumn: string) => boolean,
): number | undefined {
  const c = table.columns.find((col) => col.name === column);
  const keys = tableKeys(table);
  if (!c || c.sequence !== null || c.identity !== null || c.generated !== null) return undefined;
  if (!keys.some((k) => k.columns.length === 1 && k.columns[0] === column)) return undefined;
  const through = table.foreignKeys.flatMap((fk, i) => (fk.columns.includes(column) && asks(fk) ? [i] : []));
  const [index] = through;
  const fk = index === undefined ? undefined : table.foreignKeys[index];
  if (through.length !== 1 || index === undefined || !fk || nameKey(fk.references) === nameKey(table))
    return undefined;
  const shared = fk.columns.some((col) =>
    table.foreignKeys.some((other) => other !== fk && asks(other) && other.columns.includes(col)),
  );
  const parentColumn = fk.referencedColumns[fk.columns.indexOf(column)];
  return !shared && parentColumn !== undefined && parentHolds(index, parentColumn) ? index : undefined;
}

/**
 * How a pinned column is planned: a key of its own that the class starts from (a tenant's id) holds the
 * class's values in its first rows (and other values in the rest); any other column takes them row by row
 * (generate/tenant-stripes.ts), one value through every FK of the row.
 */
export function pinnedColumnPlan(
  table: Table,
  column: string,
  pinned: PinnedValues,
  hints: ColumnHints,
  asks: FkAsks = () => true,
):
  | { readonly kind: 'hints'; readonly hints: ColumnHints }
  | { readonly kind: 'source'; readonly source: ColumnSource; readonly reason: string } {
  const { group, values } = pinned;
  // Held tenants: the table's rows there hold them; its new rows are other tenants (keys past or around theirs).
  if (pinned.held === true && isTenantKey(table, column, asks)) return { kind: 'hints', hints };
  const counting =
    pinned.counting === true &&
    isTenantKey(table, column, asks) &&
    table.columns.some((c) => c.name === column && (c.sequence !== null || c.identity !== null));
  if (holdsPinnedValue(table, column, asks) || counting) {
    // Values a child's FK lists (Boundary's iam_scope_global: `CHECK (scope_id = 'global')`) stay held, after the
    // tenants' (listed-fk-values.ts).
    const holds = [...values, ...(hints.holds ?? []).filter((v) => !values.includes(v))];
    const exclude = [...(hints.exclude ?? []), ...values];
    return { kind: 'hints', hints: { ...hints, holds, exclude, stripeRoot: group } };
  }
  return {
    kind: 'source',
    source: {
      kind: 'constant',
      value: values[0] as string,
      stripes: { group, values, ...(pinned.held === true ? { held: true as const } : {}) },
    },
    reason: 'shared by overlapping composite foreign keys: one value through all of them in a row',
  };
}
