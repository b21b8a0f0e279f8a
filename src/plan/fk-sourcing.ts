/**
 * Foreign keys → where their columns' values come from (design.md,
 * principle 2: a parent row index is picked, the parent's key is computed
 * from it). A CHECK on a foreign-key column (`parent_id > 50`) restricts the
 * parent rows picked: a window of rows when the parent's key counts up in
 * row order, else the row engine evaluates the CHECK and picks again.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';
import { columnUniqueGenerator } from '../values/column-generators.js';
import { type ExistingParentKeys, existingParentsKey } from './existing-parents.js';
import type {
  CheckPart,
  ExistingParents,
  FkPick,
  ForeignKeyPlan,
  RowWindow,
  TablePlan,
} from './plan-model.js';
import { columnReadThroughItself, treeRootMayBeNull } from './tree-roots.js';

/** The hints a window of parent rows can meet alone (bounds); others need the row engine. */
const WINDOW_HINTS = new Set(['min', 'max', 'minExclusive', 'maxExclusive', 'notNull']);

/**
 * The parent rows whose key satisfies the child column's bounds, when the
 * parent's key is `v0 + j` at row j (an ordered integer driver), else
 * undefined.
 */
export function parentRowWindow(
  hints: ColumnHints | undefined,
  parent: TablePlan | undefined,
  parentColumn: string,
  lookup: TypeLookup,
): RowWindow | undefined {
  const bounds = windowBounds(hints);
  if (!bounds || !parent) return undefined;
  const range = orderedKeyRange(parent, parentColumn, lookup);
  if (!range) return undefined;
  const { first: v0, count: n } = range;
  if (n === 0) return { from: 0, to: 0 };
  const from = Math.max(0, bounds.lo - v0);
  const to = Math.min(n, bounds.hi - v0 + 1);
  return to > from ? { from, to } : { from: 0, to: 0 };
}

/**
 * The integer bounds [lo, hi] a child FK column's hints put on the parent's
 * key (an integer list's least and greatest value too; ±Infinity where
 * open), or undefined when they bound nothing a window of rows can meet.
 */
export function windowBounds(hints: ColumnHints | undefined): { lo: number; hi: number } | undefined {
  if (!hints) return undefined;
  hints = withListBounds(hints);
  if (hints.min === undefined && hints.max === undefined) return undefined;
  if (typeof hints.min === 'string' || typeof hints.max === 'string') return undefined;
  const lo =
    typeof hints.min === 'number'
      ? hints.minExclusive
        ? Math.floor(hints.min) + 1
        : Math.ceil(hints.min)
      : -Infinity;
  const hi =
    typeof hints.max === 'number'
      ? hints.maxExclusive
        ? Math.ceil(hints.max) - 1
        : Math.floor(hints.max)
      : Infinity;
  return { lo, hi };
}

/**
 * An integer value list (`CHECK (entity_class IN (1, 2))`) read as bounds too:
 * the window of parent rows between its least and greatest value (the row
 * engine still evaluates the list, which a gap in it needs).
 */
function withListBounds(hints: ColumnHints): ColumnHints {
  const list = hints.oneOf?.map(Number);
  if (!list || list.length === 0 || !list.every(Number.isSafeInteger)) return hints;
  const least = Math.min(...list);
  const greatest = Math.max(...list);
  const min = typeof hints.min === 'number' && hints.min > least ? {} : { min: least, minExclusive: false };
  const max =
    typeof hints.max === 'number' && hints.max < greatest ? {} : { max: greatest, maxExclusive: false };
  return { ...hints, ...min, ...max };
}

/**
 * A parent column whose key is `first + j` at row j (an ordered integer
 * driver): its keys are `first … first + count - 1`; else undefined.
 */
export function orderedKeyRange(
  parent: TablePlan,
  parentColumn: string,
  lookup: TypeLookup,
): { first: number; count: number } | undefined {
  const plan = parent.columns.find((c) => c.column.name === parentColumn);
  const source = plan?.source;
  if (!plan || source?.kind !== 'unique' || plan.hints.holds) return undefined;
  const driver = parent.drivers[source.driver];
  if (!driver?.ordered || driver.components.length !== 1) return undefined;
  const base = resolveDomains(plan.column.type, lookup).base;
  const generator = columnUniqueGenerator(parent.table, plan.column, base, plan.hints, lookup, {
    preferSemantic: false,
    rows: parent.rows,
  });
  const n = Math.min(parent.rows, generator.space);
  if (n === 0) return { first: 0, count: 0 };
  const v0 = Number(generator.value(0));
  const last = Number(generator.value(n - 1));
  if (!Number.isSafeInteger(v0) || last - v0 !== n - 1) return undefined;
  return { first: v0, count: n };
}

/**
 * A column with single-column FKs to two parents (`posts.id REFERENCES items
 * REFERENCES commentables`) takes its value through the first; the others'
 * keys bound it: when they count up in row order (`first … first + count - 1`)
 * the bound joins the column's hints, which the first FK's row window meets.
 * Returns the columns whose other parents' keys are not such a range (their
 * values cannot be drawn from both parents' keys), or undefined before the
 * parents are planned.
 */
export function intersectParentKeys(
  fks: readonly ForeignKey[],
  sourceFk: (column: string) => number | undefined,
  parentPlan: (fk: number) => TablePlan | undefined,
  hints: Map<string, ColumnHints>,
  lookup: TypeLookup,
): string[] {
  const unmet: string[] = [];
  fks.forEach((fk, j) => {
    const column = fk.columns[0] as string;
    const i = sourceFk(column);
    if (fk.columns.length !== 1 || i === undefined || i === j) return;
    const source = fks[i] as ForeignKey;
    const same =
      source.columns.length === 1 &&
      nameKey(source.references) === nameKey(fk.references) &&
      source.referencedColumns[0] === fk.referencedColumns[0];
    if (same || source.columns.length !== 1) return;
    if (impliedThroughParent(source, parentPlan(i)?.table, fk)) return;
    const parent = parentPlan(j);
    if (!parent) return;
    const range = orderedKeyRange(parent, fk.referencedColumns[0] as string, lookup);
    const h = hints.get(column) ?? {};
    if (!range || typeof h.min === 'string' || typeof h.max === 'string') {
      unmet.push(column);
      return;
    }
    const lo = range.first;
    const hi = range.first + range.count - 1;
    const min = typeof h.min === 'number' && (h.min > lo || (h.min === lo && h.minExclusive)) ? h : undefined;
    const max = typeof h.max === 'number' && (h.max < hi || (h.max === hi && h.maxExclusive)) ? h : undefined;
    hints.set(column, {
      ...h,
      ...(min ? {} : { min: lo, minExclusive: false }),
      ...(max ? {} : { max: hi, maxExclusive: false }),
    });
  });
  return unmet;
}

/**
 * True when the source FK's parent key column is itself a foreign key to the
 * other FK's parent column (near-indexer: `execution_outcome_receipts.
 * executed_receipt_id` references `execution_outcomes(receipt_id)`, which
 * references `receipts(receipt_id)`, as the column does too): every value
 * the source parent holds is in the other parent, so the other FK holds.
 */
function impliedThroughParent(source: ForeignKey, sourceParent: Table | undefined, fk: ForeignKey): boolean {
  const key = source.referencedColumns[0];
  return (
    sourceParent?.foreignKeys.some(
      (f) =>
        f.columns.length === 1 &&
        f.columns[0] === key &&
        nameKey(f.references) === nameKey(fk.references) &&
        f.referencedColumns[0] === fk.referencedColumns[0],
    ) === true
  );
}

/**
 * True when `fk`'s parent key column is itself a foreign key (in `parent`) to the parent column of another
 * of `fks` on the same single column (Boundary's `..._password_mapping_override.library_id` references
 * `credential_vault_generic_library` and `..._mapping_override`, whose `library_id` references
 * `credential_vault_generic_library` too): taking the column from this FK's parent, the other FK holds.
 */
export function narrowsAnotherParent(
  fk: ForeignKey,
  parent: Table | undefined,
  fks: readonly ForeignKey[],
): boolean {
  if (fk.columns.length !== 1 || parent === undefined) return false;
  return fks.some(
    (other) =>
      other !== fk &&
      other.columns.length === 1 &&
      other.columns[0] === fk.columns[0] &&
      impliedThroughParent(fk, parent, other),
  );
}

/** True when a window of rows meets every hint of the column (no per-row check needed). */
export function windowCovers(hints: ColumnHints | undefined): boolean {
  return Object.keys(hints ?? {}).every((k) => WINDOW_HINTS.has(k));
}

export interface FkPlanContext {
  readonly table: Table;
  readonly fks: readonly ForeignKey[];
  readonly fkParents: readonly number[];
  readonly tables: readonly Table[];
  readonly selfIndex: number;
  readonly rows: number;
  readonly nullRate: number;
  readonly hints: ReadonlyMap<string, ColumnHints>;
  readonly fkPicks: ReadonlyMap<number, FkPick>;
  readonly windows: readonly (RowWindow | undefined)[];
  /** Rows of a parent table in the plan so far, and the rows it was asked for. */
  parentRows(parent: number): number;
  /** --append: per FK, the parent rows the target holds that it may pick too. */
  readonly existing?: readonly (ExistingParents | undefined)[];
  /** Filling in place or --append: every parent key's rows the target holds. */
  readonly existingParents?: ExistingParentKeys;
  parentRequested(parent: number): number;
  /** The user asked for this table's rows by name: a parent without rows is then an error. */
  readonly explicit?: boolean;
  /** Per FK: every column of it takes its value from another FK of the table (a composite FK's parent row). */
  readonly filledByOther?: readonly boolean[];
}

export interface FkPlans {
  readonly plans: ForeignKeyPlan[];
  /** Why the table gets no rows (a NOT NULL FK whose parent has none, or no parent row meets its CHECK). */
  readonly noRows?: string;
}

export function foreignKeyPlans(ctx: FkPlanContext): FkPlans {
  const { table } = ctx;
  let noRows: string | undefined;
  const plans = ctx.fks.map((fk, i): ForeignKeyPlan => {
    const parent = ctx.fkParents[i] ?? -1;
    if (parent < 0) {
      throw new DatagenError(
        ErrorCodes.SCHEMA_INVALID,
        `${displayName(table)}: foreign key ${fk.name} references ${displayName(fk.references)}, which is not in the schema. Add the file with its DDL as another argument.`,
        { table: displayName(table), fk: fk.name },
      );
    }
    const parentTable = ctx.tables[parent] as Table;
    const selfReference = parent === ctx.selfIndex;
    // NULL is written in every column of the FK (a parent row of -1): each must allow it (a NOT NULL
    // column of a composite FK, MATCH FULL or not, always takes a parent's value).
    const nullable = fk.columns.every((col) => {
      const column = table.columns.find((c) => c.name === col);
      return column !== undefined && !column.notNull && !ctx.hints.get(col)?.notNull;
    });
    const keyed = ctx.fkPicks.get(i);
    const pick: FkPick = keyed ?? (selfReference ? { kind: 'tree' } : { kind: 'hash' });
    const window = selfReference ? undefined : ctx.windows[i];
    const existing = ctx.existing?.[i];
    const parentRows = window ? window.to - window.from : ctx.parentRows(parent) + (existing?.count ?? 0);
    if (parentRows === 0 && ctx.rows > 0 && !nullable && !selfReference) {
      if (window) {
        noRows ??= `the CHECKs on ${displayName(table)}.${fk.columns.map((c) => quoteIdent(c)).join(', ')} leave no row of ${displayName(parentTable)} (of ${ctx.parentRows(parent)}) to point to`;
      } else if (!ctx.explicit) {
        // Filling in place or appending, the parent's rows there count too: ones with the key NULL do not.
        const heldRows = ctx.existingParents?.get(
          existingParentsKey(fk.references, fk.referencedColumns),
        )?.count;
        const held = heldRows === 0 ? `, nor holds any with ${fk.referencedColumns.join(', ')} set` : '';
        // Columns another FK fills take a parent row's values there, which point at the rows the target holds
        // (Ory Hydra: flow (client_id, nid) -> client (id, nid) beside nid -> networks, its one seeded row).
        const throughOther = ctx.filledByOther?.[i] === true && (heldRows ?? 0) > 0;
        if (!throughOther)
          noRows ??= `foreign key ${fk.name} (${fk.columns.join(', ')}) is NOT NULL and ${displayName(parentTable)} gets no rows${held}`;
      } else {
        throw new DatagenError(
          ErrorCodes.UNSATISFIABLE,
          `${displayName(table)}: foreign key ${fk.name} (${fk.columns.join(', ')}) is NOT NULL but ${displayName(
            parentTable,
          )} gets 0 rows. Give ${displayName(parentTable)} rows (--rows ${parentTable.name}=N) or ${displayName(table)} 0 rows.`,
          { table: displayName(table), fk: fk.name },
        );
      }
    }
    const selfRead = selfReference && !keyed ? columnReadThroughItself(fk) : undefined;
    if (
      selfRead !== undefined &&
      ctx.rows > 0 &&
      !treeRootMayBeNull(table, ctx.fks, i, (c) => ctx.hints.get(c)?.notNull === true)
    ) {
      noRows ??= `foreign key ${fk.name} (${fk.columns.join(', ')}) references the table's own ${fk.referencedColumns.join(', ')}, and its first row, with no earlier row to point to, would take ${selfRead} from itself. Make ${fk.columns.find((c) => !fk.referencedColumns.includes(c)) ?? fk.columns[0]} nullable (a root row with no parent), or load this table's rows yourself`;
    }
    // A column left NULL (a vacated FK's: vacated-foreign-keys.ts) leaves every nullable FK on it NULL too.
    const nulled = fk.columns.some((c) => ctx.hints.get(c)?.nullOnly === true);
    const rate = !nullable || keyed ? 0 : parentRows === 0 || nulled ? 1 : selfReference ? 0 : ctx.nullRate;
    return {
      fk,
      parent,
      pick,
      nullRate: rate,
      ...(window ? { window } : {}),
      ...(existing ? { existing } : {}),
    };
  });
  return noRows === undefined ? { plans } : { plans, noRows };
}

/**
 * The CHECK conjuncts on foreign-key columns that the row engine must
 * evaluate (a window of parent rows does not meet them alone), and the FK
 * columns whose CHECKs cannot be met (their parent row is fixed by a key).
 */
export function fkColumnChecks(
  fks: readonly ForeignKey[],
  fkPicks: ReadonlyMap<number, FkPick>,
  windows: readonly (RowWindow | undefined)[],
  hints: ReadonlyMap<string, ColumnHints>,
  columnParts: ReadonlyMap<string, readonly CheckPart[]>,
  parentParts: (fk: number, column: string) => readonly CheckPart[],
  /** Every value the parent column holds (it lists them) meets the CHECK part on the child column. */
  heldByParentValues: (fk: number, column: string, parentColumn: string, part: CheckPart) => boolean = () =>
    false,
): { verify: CheckPart[]; unmet: string[] } {
  const verify: CheckPart[] = [];
  const unmet: string[] = [];
  fks.forEach((fk, i) => {
    fk.columns.forEach((col, k) => {
      const parentColumn = fk.referencedColumns[k] as string;
      const parts = (columnParts.get(col) ?? []).filter(
        (p) =>
          !heldByParent(p, col, parentParts(i, parentColumn), parentColumn) &&
          !heldByParentValues(i, col, parentColumn, p),
      );
      if (parts.length === 0) return;
      const window = windows[i];
      if (window && windowCovers(hints.get(col))) return;
      if (fkPicks.has(i)) unmet.push(col);
      else for (const p of parts) if (!verify.includes(p)) verify.push(p);
    });
  });
  return { verify, unmet };
}

/**
 * Whether a CHECK on a child FK column is one of the parent column's own
 * CHECKs, over the other column (Rails' `CHECK (hash ~ '^0x[a-f0-9]{64}$')`
 * on both sides of a 1:1 FK): every parent value already meets it.
 */
function heldByParent(
  part: CheckPart,
  column: string,
  parentParts: readonly CheckPart[],
  parentColumn: string,
): boolean {
  const shape = checkShape(part.ast, column);
  return parentParts.some((p) => checkShape(p.ast, parentColumn) === shape);
}

/** A CHECK expression's tree with the column's references made anonymous and locations left out. */
function checkShape(ast: unknown, column: string): string {
  return JSON.stringify(ast, (key, value: unknown) => {
    if (key === 'location') return undefined;
    if (key === 'ColumnRef' && value && typeof value === 'object') {
      const fields = (value as { fields?: readonly { String?: { sval?: string } }[] }).fields ?? [];
      if (fields.length === 1 && fields[0]?.String?.sval === column) return '$column';
    }
    return value;
  });
}
