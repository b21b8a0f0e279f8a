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
import type { ForeignKey, Schema, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { textChecker } from '../values/fitted-text.js';
import { RowRandom, streamKey } from '../values/random.js';
import { withReadableWords } from '../values/readable-words.js';
import { createValueGenerator } from '../values/types/index.js';
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
  const parentOf = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parentOf.has(root) && parentOf.get(root) !== root) root = parentOf.get(root) as string;
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parentOf.set(ra, rb);
  };
  // FK edges child column → parent columns, and the columns two FKs of their table share.
  const parents = new Map<string, string[]>();
  const conflicted = new Set<string>();
  const tablesByKey = new Map(schema.tables.map((t) => [nameKey(t), t]));
  for (const table of schema.tables) {
    // Every earlier FK on the column, not only the last: (a, p), p, (b, p) conflict through the first and the third.
    const seen = new Map<string, number[]>();
    table.foreignKeys.forEach((fk, i) => {
      // A vacated FK (its own columns NULL: vacated-foreign-keys.ts) asks nothing of the columns it shares.
      if (vacated.has(vacatedKey(table, fk))) return;
      fk.columns.forEach((col, k) => {
        const child = nameKey(table) + '\u0000' + col;
        const parent = nameKey(fk.references) + '\u0000' + (fk.referencedColumns[k] ?? '');
        parents.set(child, [...(parents.get(child) ?? []), parent]);
        const before = seen.get(col) ?? [];
        if (
          before.some((b) => b !== i && !implied(table.foreignKeys, b, i, col, tablesByKey, nameKey(table)))
        ) {
          conflicted.add(child);
        }
        seen.set(col, [...before, i]);
      });
    });
  }
  if (conflicted.size === 0) return new Map();
  // A shared column and the columns its FKs lead up to take one value; other children of those parents
  // (a tenant's other tables) keep drawing parent rows.
  const pinned = new Set<string>();
  const pending = [...conflicted];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (pinned.has(key)) continue;
    pinned.add(key);
    for (const parent of parents.get(key) ?? []) {
      union(key, parent);
      pending.push(parent);
    }
  }
  const members = new Map<string, string[]>();
  for (const key of pinned) members.set(find(key), [...(members.get(find(key)) ?? []), key]);

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
      return `${displayName({ schema, name })}.${column}`;
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

/**
 * Whether one of two FKs sharing `column` holds whenever the other does
 * (two plain FKs: the planner intersects their parents' keys);
 * a plain FK (`org_id → orgs(id)`) is implied by a composite one that
 * contains the column (`(m_id, org_id) → m(id, org_id)`) when the parent's
 * matching column has that same plain FK (`m.org_id → orgs(id)`). The
 * column then follows the composite FK (the planner sources wider FKs
 * first) and need not be pinned.
 */
function implied(
  fks: readonly ForeignKey[],
  a: number,
  b: number,
  column: string,
  tables: ReadonlyMap<string, Table>,
  child: string,
): boolean {
  const x = fks[a];
  const y = fks[b];
  if (!x || !y) return false;
  // Two plain FKs on one column (a duplicate, or FKs to two parents): the
  // planner draws the column from the first parent's keys that the others
  // hold too (fk-sourcing.ts, intersectParentKeys).
  if (x.columns.length === 1 && y.columns.length === 1) return true;
  if (!x.columns.includes(column) || !y.columns.includes(column)) return false;
  return heldThroughParent(x, y, tables, child) || heldThroughParent(y, x, tables, child);
}

/**
 * Whether every row that meets `wide` meets `narrow` too: narrow's columns are
 * all in wide, and wide's parent has an FK of its own from the columns they
 * map to onto narrow's parent columns (Airflow's `task_reschedule (dag_id,
 * run_id) → dag_run` beside `(dag_id, task_id, run_id, map_index) →
 * task_instance`, whose `(dag_id, run_id)` references dag_run). The planner
 * sources the shared columns through the wider FK (plan-table.ts), so both hold.
 */
function heldThroughParent(
  narrow: ForeignKey,
  wide: ForeignKey,
  tables: ReadonlyMap<string, Table>,
  child: string,
): boolean {
  if (wide.columns.length <= narrow.columns.length) return false;
  if (!narrow.columns.every((c) => wide.columns.includes(c))) return false;
  const parent = tables.get(nameKey(wide.references));
  const mapped = narrow.columns.map((c) => wide.referencedColumns[wide.columns.indexOf(c)]);
  // Both to one parent, narrow's columns onto the same parent columns (Lakekeeper's `(warehouse_id,
  // namespace_id) → namespace` beside `(warehouse_id, namespace_id, tabular_namespace_name) → namespace`):
  // wide's parent row is a row narrow's key finds. Not on a table's own rows: a tree's root row then has
  // no parent row to take its columns from (sqlboiler's node tree keeps its pinned root).
  if (
    nameKey(wide.references) !== child &&
    nameKey(wide.references) === nameKey(narrow.references) &&
    mapped.every((pc, k) => pc === narrow.referencedColumns[k])
  )
    return true;
  return (
    parent?.foreignKeys.some(
      (f) =>
        f.columns.length === narrow.columns.length &&
        nameKey(f.references) === nameKey(narrow.references) &&
        mapped.every((pc, k) => {
          const j = pc === undefined ? -1 : f.columns.indexOf(pc);
          return j >= 0 && f.referencedColumns[j] === narrow.referencedColumns[k];
        }),
    ) === true
  );
}

/** Whether an FK of the table asks anything of its columns (a vacated one does not: vacated-foreign-keys.ts). */
export type FkAsks = (fk: ForeignKey) => boolean;

/** The FKs of `table` that ask something of their columns (all but the vacated ones). */
export function askingForeignKeys(table: Table, vacated: ReadonlySet<string>): FkAsks {
  return (fk) => !vacated.has(vacatedKey(table, fk));
}

/**
 * A column that is alone a PRIMARY KEY or UNIQUE constraint of its table, in none of its FKs, not fed by a
 * sequence (whose values count up past a held one): its first row can hold a value, the others differ.
 */
export function holdsPinnedValue(table: Table, column: string, asks: FkAsks = () => true): boolean {
  const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
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
  const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
  return (
    keys.some((k) => k.columns.length === 1 && k.columns[0] === column) &&
    !table.foreignKeys.some((fk) => fk.columns.includes(column) && asks(fk))
  );
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
