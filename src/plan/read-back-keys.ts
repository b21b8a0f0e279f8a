/**
 * A composite foreign key that reads row i of its parent back (BookBrainz's
 * `author_header (master_revision_id, bbid) → author_revision (id, bbid)`,
 * whose `bbid` references the header; Boundary's `auth_password_method
 * (public_id, password_conf_id) → auth_password_conf (password_method_id,
 * private_id)`, DEFERRABLE, whose `password_method_id` references the
 * method): a header pointing at one of its own revisions. The FK shares the
 * table's key column k with the parent's column that references k back, so
 * the parent row it takes must be one that points at this very row. Pinning k
 * to one value (pinned-columns.ts) left the table one row; leaving the FK's
 * other columns NULL (vacated-foreign-keys.ts) left it unset.
 *
 * Values are functions of the row (design.md), so the parent can make its
 * row j point back at this table's row j (`sameRowsFirst`: the back FK's
 * first picks are rows 0, 1, 2, …), and this table's row i then reads the
 * parent's row i (`readsBack`): k is the table's own (its key), the FK's other
 * columns the parent row's. Past the parent's rows they are NULL where they
 * may be, else the table is held to the parent's rows. The output adds its
 * FKs after the rows, as pg_dump does, so the cycle loads DEFERRABLE or not.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { pinnedClasses } from './pinned-classes.js';
import type { ForeignKeyPlan } from './plan-model.js';
import type { PlanContext, TableWork } from './table-work.js';
import { vacatedForeignKeys, vacatedKey } from './vacated-foreign-keys.js';

/** A foreign key that reads its parent's row i back, with the parent's FK that points at row i. */
export interface ReadBack {
  /** The table's key column the FK shares with the parent's back FK. */
  readonly key: string;
  /** The FK's other columns: the parent row's values. */
  readonly columns: readonly string[];
  /** The parent's FK back to the table's key, by `vacatedKey(parent, fk)`. */
  readonly back: string;
  /** The parent's column of that FK, as `nameKey(parent) + NUL + column`. */
  readonly backColumn: string;
  /** Some of `columns` is NOT NULL: the table cannot have more rows than the parent. */
  readonly notNull: boolean;
}

/** Whether a column is by itself the table's PRIMARY KEY or a UNIQUE constraint. */
function aloneKey(table: Table, column: string): boolean {
  const keys = tableKeys(table);
  return keys.some((k) => k.columns.length === 1 && k.columns[0] === column && k.where === null);
}

/** Whether a column is in any unique key of its table. */
function inAnyKey(table: Table, column: string): boolean {
  const keys = tableKeys(table);
  return keys.some((k) => k.columns.includes(column));
}

/** Whether a column is in a key of several columns none of the others of which is alone a key. */
function inWiderKey(table: Table, column: string): boolean {
  const keys = tableKeys(table);
  return keys.some(
    (k) =>
      k.columns.length > 1 &&
      k.columns.includes(column) &&
      !k.columns.some((c) => c !== null && c !== column && aloneKey(table, c)),
  );
}

function plainColumn(table: Table, name: string): boolean {
  const c = table.columns.find((col) => col.name === name);
  return c !== undefined && c.generated === null && c.sequence === null && c.identity === null;
}

/** The read-back FKs of the schema, by `vacatedKey(table, fk)` (see the top of this file). */
export function readBackForeignKeys(
  tables: readonly Table[],
  lookup: TypeLookup,
  generatorVersion: number,
): Map<string, ReadBack> {
  const byName = new Map(tables.map((t) => [nameKey(t), t]));
  const found = new Map<string, ReadBack>();
  const backs = new Set<string>();
  for (const table of tables) {
    if (table.partitionOf || table.partitionBy) continue;
    for (const fk of table.foreignKeys) {
      const read = readBackOf(table, fk, byName.get(nameKey(fk.references)), lookup, generatorVersion);
      // One read-back per back FK: its first picks can be one table's rows only.
      if (read === undefined || backs.has(read.back)) continue;
      backs.add(read.back);
      found.set(vacatedKey(table, fk), read);
    }
  }
  return found;
}

function readBackOf(
  table: Table,
  fk: ForeignKey,
  parent: Table | undefined,
  lookup: TypeLookup,
  generatorVersion: number,
): ReadBack | undefined {
  if (!parent || parent === table || parent.partitionOf || parent.partitionBy) return undefined;
  if (fk.columns.length < 2 || fk.match !== 'simple') return undefined;
  const keyed = fk.columns.filter((c) => aloneKey(table, c));
  const key = keyed[0];
  if (key === undefined || keyed.length !== 1) return undefined;
  const columns = fk.columns.filter((c) => c !== key);
  // The other columns are the parent row's alone: in no other FK or key of the table, made by nothing else.
  const free = columns.every(
    (c) =>
      plainColumn(table, c) &&
      !inAnyKey(table, c) &&
      !table.foreignKeys.some(
        (other) =>
          other !== fk && other.columns.includes(c) && !(generatorVersion >= 19 && impliedBy(other, fk)),
      ),
  );
  if (!free) return undefined;
  const parentKey = fk.referencedColumns[fk.columns.indexOf(key)] as string;
  // The parent's one FK on that column is a plain one back to the key (k ← parentKey).
  const onColumn = parent.foreignKeys.filter((f) => f.columns.includes(parentKey));
  const back = onColumn[0];
  if (
    back === undefined ||
    onColumn.length !== 1 ||
    back.columns.length !== 1 ||
    nameKey(back.references) !== nameKey(table) ||
    back.referencedColumns[0] !== key ||
    !plainColumn(parent, parentKey)
  )
    return undefined;
  const notNull = columns.some((c) => {
    const column = table.columns.find((col) => col.name === c);
    return column?.notNull === true || (column !== undefined && resolveDomains(column.type, lookup).notNull);
  });
  // NOT NULL columns have no NULL to fall back on where the parent's back FK is picked by a wider key's
  // driver at planning (a key holding a column that is alone a key is unique through that one, and has none):
  // the FK is then planned as any, which reads the key back through itself (no rows, warned); where the key
  // is in another FK too, it keeps its pinned value instead (one row), as before.
  const pinnedElse = table.foreignKeys.some((other) => other !== fk && other.columns.includes(key));
  if (notNull && pinnedElse && inWiderKey(parent, parentKey)) return undefined;
  return {
    key,
    columns,
    back: vacatedKey(parent, back),
    backColumn: `${nameKey(parent)}\u0000${parentKey}`,
    notNull,
  };
}

/**
 * Version 19: whether FK `fk` implies `other`: the same parent, each of `other`'s columns taken from the
 * parent column `fk` takes it from (Boundary's `primary_auth_method_id → auth_method (public_id)` beside
 * `(public_id, primary_auth_method_id) → auth_method (scope_id, public_id)`): the parent row `fk` picks
 * meets `other` too, so a read-back FK fills the column for both.
 */
function impliedBy(other: ForeignKey, fk: ForeignKey): boolean {
  return (
    nameKey(other.references) === nameKey(fk.references) &&
    other.columns.every((c, i) => {
      const at = fk.columns.indexOf(c);
      return at >= 0 && fk.referencedColumns[at] === other.referencedColumns[i];
    })
  );
}

/**
 * The read-back FKs and the vacated ones (vacated-foreign-keys.ts) beside them: a read-back FK is not
 * vacated, and asks nothing of the key it shares (it is left out of the pinned classes). One whose back
 * column is pinned all the same (another table's overlapping FKs pin it: its rows hold a few tenant values,
 * not row j's key) cannot read back, and is vacated or pinned as before.
 */
export function readBacksAndVacated(
  schema: Schema,
  lookup: TypeLookup,
  generatorVersion: number,
): { readBack: Map<string, ReadBack>; vacated: Set<string> } {
  const all = vacatedForeignKeys(schema.tables, lookup);
  const readBack = readBackForeignKeys(schema.tables, lookup, generatorVersion);
  for (;;) {
    const vacated = new Set([...all].filter((k) => !readBack.has(k)));
    const quiet = new Set([...vacated, ...readBack.keys()]);
    const pinned = new Set([...pinnedClasses(schema, quiet).values()].flat());
    const held = [...readBack].filter(([, r]) => pinned.has(r.backColumn));
    if (held.length === 0) return { readBack, vacated };
    for (const [k] of held) readBack.delete(k);
  }
}

/**
 * A parent's FK that a child reads back (read-back-keys.ts) and that is alone a key of the table: its key's
 * driver takes the child's row j in row j (the tuples in row order).
 */
export function orderBackForeignKeys(ctx: PlanContext, work: TableWork): void {
  work.table.foreignKeys.forEach((fk, i) => {
    const column = fk.columns[0] as string;
    if (!ctx.readBackParents.has(vacatedKey(work.table, fk))) return;
    const keys = [...(work.table.primaryKey ? [work.table.primaryKey] : []), ...work.table.uniques];
    if (keys.some((k) => k.columns.length === 1 && k.columns[0] === column)) work.orderedFks.add(i);
  });
}

/**
 * A read-back FK (read-back-keys.ts) whose parent points back at row i in its row i takes that row; the
 * parent's FK back takes rows 0, 1, 2, … first, where it is a plain pick (else its key's ordered driver).
 */
export function readBackPlan(ctx: PlanContext, work: TableWork, p: ForeignKeyPlan): ForeignKeyPlan {
  const key = vacatedKey(work.table, p.fk);
  if (work.readsBack.has(key)) return { ...p, readsBack: true, nullRate: 0 };
  const plain =
    p.pick.kind === 'hash' &&
    p.window === undefined &&
    p.fanOut === undefined &&
    p.existing === undefined &&
    p.parent !== work.draft.index;
  return plain && ctx.readBackParents.has(key) ? { ...p, sameRowsFirst: true } : p;
}
