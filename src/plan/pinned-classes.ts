/**
 * The classes of pinned columns (pinned-columns.ts): a column two FKs of its
 * table share (neither implied by the other) and every column its FKs lead
 * up to take one value, found with a union-find over the FK edges. Keys are
 * `nameKey(table) + '\0' + column`; each class under its root.
 */
import type { ForeignKey, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { vacatedKey } from './vacated-foreign-keys.js';

/** The classes by root (empty when no column is shared by two FKs). */
export function pinnedClasses(schema: Schema, vacated: ReadonlySet<string>): Map<string, string[]> {
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
          before.some(
            (b) => b !== i && !implied(table.foreignKeys, b, i, col, tablesByKey, nameKey(table), vacated),
          )
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

  return members;
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
  vacated: ReadonlySet<string>,
): boolean {
  const x = fks[a];
  const y = fks[b];
  if (!x || !y) return false;
  // Two plain FKs on one column (a duplicate, or FKs to two parents): the
  // planner draws the column from the first parent's keys that the others
  // hold too (fk-sourcing.ts, intersectParentKeys).
  if (x.columns.length === 1 && y.columns.length === 1) return true;
  // One composite FK written twice (PostGraphile's kitchen sink: `second_fkey` added beside the inline
  // FK, same columns onto the same parent columns): the same rows meet both, so nothing is shared.
  if (sameForeignKey(x, y)) return true;
  if (!x.columns.includes(column) || !y.columns.includes(column)) return false;
  return heldThroughParent(x, y, tables, child, vacated) || heldThroughParent(y, x, tables, child, vacated);
}

/** Whether two FKs map the same columns onto the same parent columns (in any order). */
function sameForeignKey(x: ForeignKey, y: ForeignKey): boolean {
  return (
    x.columns.length === y.columns.length &&
    nameKey(x.references) === nameKey(y.references) &&
    x.columns.every((c, k) => {
      const j = y.columns.indexOf(c);
      return j >= 0 && y.referencedColumns[j] === x.referencedColumns[k];
    })
  );
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
  vacated: ReadonlySet<string>,
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
  // The parent's FK may hold more columns than narrow's (Boundary's credential_vault_generic_library:
  // `(project_id, public_id) → credential_library` beside a four-column FK to credential_vault_library, whose
  // four columns reference credential_library): its parent row's key columns hold narrow's too.
  return (
    (parent !== undefined && heldUpChain(parent, mapped, narrow, { tables, vacated }, 0)) ||
    heldThroughExtension(narrow, wide, tables) !== undefined
  );
}

/** How many tables up heldUpChain follows FKs, at most. */
const CHAIN_DEPTH = 6;

/**
 * Whether `table`'s columns `mapped` (narrow's columns as a wider FK's parent holds them) reference narrow's
 * parent columns through an FK of `table`, or through a chain of FKs every row fills
 * (before, a key over such a column was pinned and its table cut to one row): Lakekeeper's table_refs `(warehouse_id,
 * table_id) → "table"` beside `(warehouse_id, table_id, snapshot_id) → table_snapshot`, whose `(warehouse_id,
 * table_id, schema_id)` references table_schema, whose `(warehouse_id, table_id)` references "table". Each
 * parent row's columns then hold a row of the next, up to narrow's parent.
 */
function heldUpChain(
  table: Table,
  mapped: readonly (string | undefined)[],
  narrow: ForeignKey,
  schema: { readonly tables: ReadonlyMap<string, Table>; readonly vacated: ReadonlySet<string> },
  depth: number,
): boolean {
  return table.foreignKeys.some((f) => {
    const at = mapped.map((pc) => (pc === undefined ? -1 : f.columns.indexOf(pc)));
    if (f.columns.length < narrow.columns.length || at.some((j) => j < 0)) return false;
    // Past wide's parent, only an FK every row fills leads on: its carried columns NOT NULL, and its others
    // too unless no CHECK may leave them NULL (a NULL skips the FK's check); not a vacated one.
    const filled = (cols: readonly string[]) => cols.every((c) => filledColumn(table, c));
    const leads =
      !schema.vacated.has(vacatedKey(table, f)) &&
      filled(mapped as readonly string[]) &&
      (table.checks.length === 0 || filled(f.columns));
    if (nameKey(f.references) === nameKey(narrow.references) && (depth === 0 || leads))
      if (at.every((j, k) => f.referencedColumns[j] === narrow.referencedColumns[k])) return true;
    const next = schema.tables.get(nameKey(f.references));
    if (depth + 1 >= CHAIN_DEPTH || next === undefined || next === table || !leads) return false;
    return heldUpChain(
      next,
      at.map((j) => f.referencedColumns[j]),
      narrow,
      schema,
      depth + 1,
    );
  });
}

/** Whether no row leaves a column NULL: NOT NULL, or in the primary key. */
function filledColumn(table: Table, name: string): boolean {
  return (
    table.primaryKey?.columns.includes(name) === true ||
    table.columns.some((c) => c.name === name && c.notNull)
  );
}

/** Narrow's parent as a 1:1 extension of the table wide's parent's FK references (heldThroughExtension). */
export interface CoveringExtension {
  /** The extension (narrow's parent) and the table it extends. */
  readonly extension: Table;
  readonly base: Table;
  /** The extension's FK onto the base. */
  readonly fk: ForeignKey;
}

/**
 * Whether narrow holds through an extension of the table wide's parent points at: wide's parent has an FK
 * from the columns narrow's map to onto a base table X, and narrow's parent N extends X 1:1 (an FK of N
 * onto X from narrow's parent columns, over a column alone N's key), so N holds a row for each of X's rows
 * when it has as many rows (Boundary's credential_vault_library: `(project_id, store_id) →
 * credential_vault_store` beside `(public_id, store_id, credential_type, project_id) → credential_library`,
 * whose store is a credential_store that credential_vault_store extends). The planner checks the rows
 * (foreign-key-frame.ts). The extension, or undefined.
 */
export function heldThroughExtension(
  narrow: ForeignKey,
  wide: ForeignKey,
  tables: ReadonlyMap<string, Table>,
): CoveringExtension | undefined {
  if (wide.columns.length <= narrow.columns.length) return undefined;
  if (!narrow.columns.every((c) => wide.columns.includes(c))) return undefined;
  const parent = tables.get(nameKey(wide.references));
  const extension = tables.get(nameKey(narrow.references));
  if (!parent || !extension || extension === parent) return undefined;
  const mapped = narrow.columns.map((c) => wide.referencedColumns[wide.columns.indexOf(c)] as string);
  for (const f of parent.foreignKeys) {
    const base = tables.get(nameKey(f.references));
    if (!base || base === extension || f.columns.length !== narrow.columns.length) continue;
    if (!mapped.every((pc) => f.columns.includes(pc))) continue;
    // Base column k: what f takes mapped[k] onto; N's FK must take narrow's parent column k onto it too.
    const baseColumns = mapped.map((pc) => f.referencedColumns[f.columns.indexOf(pc)] as string);
    const fk = extension.foreignKeys.find(
      (e) =>
        nameKey(e.references) === nameKey(base) &&
        e.columns.length >= narrow.columns.length &&
        narrow.referencedColumns.every((nc, k) => {
          const j = e.columns.indexOf(nc);
          return j >= 0 && e.referencedColumns[j] === baseColumns[k];
        }),
    );
    const keys = [...(extension.primaryKey ? [extension.primaryKey] : []), ...extension.uniques];
    const oneToOne = fk?.columns.some((c) =>
      keys.some((k) => k.columns.length === 1 && k.columns[0] === c && k.where === null),
    );
    if (fk && oneToOne) return { extension, base, fk };
  }
  return undefined;
}
