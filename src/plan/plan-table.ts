/**
 * One table's plan in one planning pass: where every column's value comes
 * from (generated, pinned, foreign key, partition key, unique key, sequence,
 * CHECK list, random) and how many rows it gets, from its draft and its
 * parents' plans of the pass before (cuts travel along FKs: cut-propagation.ts).
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import type { ForeignKey, Table, UniqueKey } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { configUniqueKeys, planColumns } from './apply-column-settings.js';
import type { TableSettings } from './column-settings.js';
import { noRowsWarning } from './cut-propagation.js';
import { distinctParentPrefix, takesDistinctFirst } from './distinct-prefix.js';
import {
  appendedRowWindow,
  type ExistingParentKeys,
  existingParentsOf,
  type HeldColumnValues,
  heldParentValues,
} from './existing-parents.js';
import { applyFanOutSettings } from './fan-out-settings.js';
import { fkColumnChecks, foreignKeyPlans, intersectParentKeys, parentRowWindow } from './fk-sourcing.js';
import { INTEGER_TYPES, MAX_SPACE, planUniqueKeys } from './key-capacity.js';
import { parentHolds } from './listed-fk-values.js';
import { listedValuesMeet, parentKeyCovers } from './parent-key-facts.js';
import { lookupWindow, type ParentLookup } from './parent-lookups.js';
import { boundPartitionKeyFk, planPartitionKey } from './partition-key-plan.js';
import { type PinnedValues, pinnedColumnPlan } from './pinned-columns.js';
import type {
  CheckPart,
  ColumnPlan,
  ColumnSource,
  ExistingParents,
  RowWindow,
  TableCheckPlan,
  TablePlan,
  UniqueDriver,
} from './plan-model.js';
import { constantExclusionColumns, type TableFamily, unplannedExclusions } from './table-family.js';

/** What a table's plan starts from, decided once before the passes (create-plan.ts). */
export interface Draft {
  readonly table: Table;
  readonly index: number;
  /** The rows asked for (0 for partitions: they are filled through their root). */
  readonly requested: number;
  readonly explicit: boolean;
  readonly filledThrough: Table | null;
  readonly hints: Map<string, ColumnHints>;
  readonly checks: TableCheckPlan;
  readonly columnParts: ReadonlyMap<string, readonly CheckPart[]>;
  /** Why the table gets no rows whatever else is planned (an unsatisfiable column), if it does not. */
  readonly noRows: string | undefined;
  readonly excluded: boolean;
  /** Partial unique keys every row is kept outside of (see partial-keys.ts): not planned as keys. */
  readonly outsideKeys: ReadonlySet<UniqueKey>;
  /** CHECKs met by picking parent rows whose column holds their values (parent-lookups.ts). */
  readonly lookups: readonly ParentLookup[];
}

/** What every table's plan reads: the schema's tables, every draft, the run's settings. */
export interface PlanContext {
  readonly family: TableFamily;
  readonly drafts: readonly Draft[];
  readonly lookup: TypeLookup;
  readonly nullRate: number;
  /** Values of columns shared by overlapping composite FKs, by `nameKey(table) + NUL + column`. */
  readonly pinned: ReadonlyMap<string, PinnedValues>;
  /** The values a single-column FK is restricted to (CHECK IN, LIST partitions), if it is. */
  readonly listedOf: (draft: Draft, column: string) => readonly string[] | undefined;
  /** The configuration's column and FK settings, by table index (see column-settings.ts). */
  readonly settings: ReadonlyMap<number, TableSettings>;
  /** The value generators' version (which columns have a meaning, so which unique spaces). */
  readonly generatorVersion: number;
  /** --append: parent rows the target holds, which FKs may point at (see existing-parents.ts). */
  readonly existingParents?: ExistingParentKeys;
  /** --append: the values the target holds in one-column unique keys (see existing-parents.ts). */
  readonly heldValues?: HeldColumnValues;
  /** --append: unique keys keep all their components (see key-capacity.ts' `wholeKeys`). */
  readonly append?: boolean;
  /** `table:fk` of FKs a child's unique key asks to pick distinct parent rows first (distinct-prefix.ts). */
  readonly distinctFirst: ReadonlySet<string>;
}

/** The table being planned: its column sources so far, its hints, its rows, and where warnings go. */
export interface TableWork {
  readonly draft: Draft;
  readonly table: Table;
  readonly sources: Map<string, ColumnSource>;
  readonly reasons: Map<string, string>;
  readonly hints: Map<string, ColumnHints>;
  readonly warnings: Warning[];
  rows: number;
  set(column: string, source: ColumnSource, reason: string): void;
  /** The table gets no rows, because… (warned once, when it had rows). */
  empty(because: string): void;
}

/** The table's FKs, the parents they pick rows from, and the parent row windows CHECKs impose. */
export interface ForeignKeyFrame {
  readonly fks: ForeignKey[];
  readonly fkParents: number[];
  readonly parentRows: (parent: number) => number;
  readonly windows: ReturnType<typeof parentRowWindow>[];
  /** --append: the parent rows the target holds that each FK may pick (before the parent's new rows). */
  readonly existing: (ExistingParents | undefined)[];
}

export function planTable(
  ctx: PlanContext,
  draft: Draft,
  previous: readonly TablePlan[] | null,
  warnings: Warning[],
  cap: number | undefined,
): TablePlan {
  const work = startWork(draft, warnings, cap);
  const { table, sources, hints } = work;
  if (draft.noRows !== undefined) work.empty(draft.noRows);
  const unplanned = unplannedExclusions(table)[0];
  if (unplanned !== undefined && work.rows > 1) {
    warnings.push({
      code: 'EXCLUSION_NOT_PLANNED',
      where: displayName(table),
      message: `${displayName(table)} gets 1 row instead of ${work.rows}: datagen cannot plan any element of EXCLUDE constraint ${unplanned.name} (expressions or operators other than = and &&), and two rows might conflict. To get more rows, generate from a copy of the DDL without the constraint.`,
    });
    work.rows = 1;
  }
  for (const c of table.columns) if (c.generated) work.set(c.name, { kind: 'generated' }, 'generated column');

  // Pinned columns (shared by overlapping composite FKs): tenant values, held by the class's own key (pinned-columns.ts).
  for (const c of table.columns) {
    const pinned = ctx.pinned.get(nameKey(table) + '\u0000' + c.name);
    if (pinned === undefined || sources.has(c.name)) continue;
    const planned = pinnedColumnPlan(table, c.name, pinned, hints.get(c.name) ?? {});
    if (planned.kind === 'hints') hints.set(c.name, planned.hints);
    else work.set(c.name, planned.source, planned.reason);
  }
  const frame = planForeignKeyColumns(ctx, work, previous);
  planPartitionKey(ctx, work, frame, previous);

  // Unique keys: each made unique by a keyed bijection of the row index.
  const keys = planUniqueKeys({
    table,
    keys: [
      ...ctx.family.uniquesOf(table, warnings).filter((k) => !draft.outsideKeys.has(k)),
      ...configUniqueKeys(table, ctx.settings.get(draft.index)?.columns),
    ],
    rows: work.rows,
    explicit: draft.explicit,
    wholeKeys: ctx.append === true,
    lookup: ctx.lookup,
    generatorVersion: ctx.generatorVersion,
    hints,
    sources,
    set: work.set,
    fks: frame.fks,
    fkParents: frame.fkParents,
    fkSpace: (i) => {
      const window = frame.windows[i];
      if (window) return window.to - window.from;
      return frame.parentRows(frame.fkParents[i] ?? -1) + (frame.existing[i]?.count ?? 0);
    },
    parentKeyCovers: (i, keyColumns) =>
      parentKeyCovers(
        frame.fks[i],
        ctx.drafts[frame.fkParents[i] ?? -1]?.table,
        (c) => keyColumns.includes(c) || hints.get(c)?.oneOf?.length === 1,
      ),
    parentPrefix: (i, keyColumns) =>
      frame.windows[i] || ctx.append
        ? undefined
        : distinctParentPrefix(previous, frame.fks[i], frame.fkParents[i] ?? -1, keyColumns),
    relations: draft.checks.relations.map((r) => r.atom),
  });
  warnings.push(...keys.warnings);
  work.rows = keys.rows;
  const drivers = keys.drivers;
  planSequencesAndLists(ctx, work, drivers);

  const fkChecks = fkColumnChecks(
    frame.fks,
    keys.fkPicks,
    frame.windows,
    hints,
    draft.columnParts,
    (i, column) => ctx.drafts[frame.fkParents[i] ?? -1]?.columnParts.get(column) ?? [],
    (i, column, parentColumn, part) =>
      listedValuesMeet(
        ctx.drafts[frame.fkParents[i] ?? -1]?.hints.get(parentColumn)?.oneOf,
        column,
        table.columns.find((c) => c.name === column)?.type,
        ctx.lookup,
        part,
      ),
  );
  if (fkChecks.unmet.length > 0) {
    work.empty(
      `the CHECKs on ${fkChecks.unmet.map((c) => `${displayName(table)}.${c}`).join(', ')} cannot be met: ` +
        'the parent row of a foreign key in a unique key is fixed by the key, and its key does not count up in row order',
    );
  }
  const foreignKeys = foreignKeyPlans({
    table,
    fks: frame.fks,
    fkParents: frame.fkParents,
    tables: ctx.family.tables,
    selfIndex: draft.index,
    rows: work.rows,
    nullRate: ctx.nullRate,
    hints,
    fkPicks: keys.fkPicks,
    windows: frame.windows,
    parentRows: frame.parentRows,
    existing: frame.existing,
    parentRequested: (parent) => ctx.drafts[parent]?.requested ?? 0,
    explicit: draft.explicit,
  });
  if (foreignKeys.noRows !== undefined) work.empty(foreignKeys.noRows);

  const fanned = applyFanOutSettings(
    table,
    foreignKeys.plans,
    ctx.settings.get(draft.index)?.foreignKeys,
    work.rows,
    (p) => (p.window ? p.window.to - p.window.from : frame.parentRows(p.parent) + (p.existing?.count ?? 0)),
    warnings,
  );
  const fkPlans = fanned.map((p, i) =>
    ctx.distinctFirst.has(`${draft.index}:${i}`) &&
    takesDistinctFirst(
      p,
      i,
      draft.index,
      (c) => {
        const s = sources.get(c);
        return s?.kind === 'foreign-key' ? s.fk : undefined;
      },
      (c) => (draft.columnParts.get(c)?.length ?? 0) > 0,
    )
      ? { ...p, distinctFirst: true as const }
      : p,
  );
  const { columns, steeredChecks } = planColumns({
    table,
    settings: ctx.settings.get(draft.index)?.columns,
    hints,
    sources,
    reasons: work.reasons,
    keyColumns: keys.keyColumns,
    nullRate: ctx.nullRate,
    generatorVersion: ctx.generatorVersion,
    columnParts: draft.columnParts,
  });
  keepExclusionsConstant(table, columns, work);
  const extraVerify = [...fkChecks.verify, ...steeredChecks];
  const checks =
    extraVerify.length === 0
      ? draft.checks
      : { ...draft.checks, verify: [...new Set([...draft.checks.verify, ...extraVerify])] };
  return {
    table,
    rows: work.rows,
    columns,
    foreignKeys: fkPlans,
    drivers,
    filledThrough: draft.filledThrough,
    checks,
    ...(draft.excluded ? { excluded: true as const } : {}),
  };
}

function startWork(draft: Draft, warnings: Warning[], cap: number | undefined): TableWork {
  const sources = new Map<string, ColumnSource>();
  const reasons = new Map<string, string>();
  const work: TableWork = {
    draft,
    table: draft.table,
    sources,
    reasons,
    hints: new Map([...draft.hints].map(([c, h]) => [c, { ...h }])),
    warnings,
    rows: Math.min(draft.requested, cap ?? Number.POSITIVE_INFINITY),
    set: (column, source, reason) => {
      sources.set(column, source);
      reasons.set(column, reason);
    },
    empty: (because) => {
      if (work.rows > 0) warnings.push(noRowsWarning(displayName(draft.table), because, draft.requested));
      work.rows = 0;
    },
  };
  return work;
}

/** Foreign key columns take the parent's values at a computed parent row. */
function planForeignKeyColumns(
  ctx: PlanContext,
  work: TableWork,
  previous: readonly TablePlan[] | null,
): ForeignKeyFrame {
  const { draft, table, sources, hints } = work;
  const fks = ctx.family.foreignKeysOf(table);
  const fkParents = fks.map((_, i) => ctx.family.parentIndex(table, i));
  const parentRows = (parent: number) => previous?.[parent]?.rows ?? ctx.drafts[parent]?.requested ?? 0;
  // Wider FKs first: a column in a composite FK and in a plain one takes the composite's parent row, which
  // keeps the composite consistent (the plain FK then holds through the parent's own FK: see pinned-columns.ts).
  const byWidth = fks.map((fk, i) => ({ fk, i })).sort((a, b) => b.fk.columns.length - a.fk.columns.length);
  // A listed FK column the parent is known to hold draws from its list (plan/listed-fk-values.ts).
  const listed = fks.map((fk, i) => {
    const values = fk.columns.length === 1 ? ctx.listedOf(draft, fk.columns[0] as string) : undefined;
    const held = heldParentValues(ctx, fk.references, fk.referencedColumns[0] as string);
    return values !== undefined && parentHolds(fk, previous?.[fkParents[i] ?? -1], values, held);
  });
  for (const { fk, i } of byWidth) {
    fk.columns.forEach((col, k) => {
      if (sources.has(col) || listed[i]) return;
      const parentColumn = fk.referencedColumns[k] as string;
      work.set(
        col,
        { kind: 'foreign-key', fk: i, parentColumn },
        `foreign key ${fk.name} → ${displayName(fk.references)}`,
      );
    });
  }
  const unmetParents = intersectParentKeys(
    fks,
    (column) => {
      const source = sources.get(column);
      return source?.kind === 'foreign-key' ? source.fk : undefined;
    },
    (j) => previous?.[fkParents[j] ?? -1],
    hints,
    ctx.lookup,
  );
  if (unmetParents.length > 0) {
    work.empty(
      `${unmetParents.map((c) => `${displayName(table)}.${c}`).join(', ')} references two parents whose keys cannot be intersected (they do not count up in row order)`,
    );
  }
  boundPartitionKeyFk(ctx, work);
  const existing = existingParentsOf({ fks, sources, existing: ctx.existingParents });
  // A CHECK bounding a single-column FK: a window of the parent's rows when its key counts up in row order
  // (--append: of the rows the target holds, then the new ones).
  const windows = fks.map((fk, i) => {
    if (fk.columns.length !== 1 || fkParents[i] === draft.index) return undefined;
    const args = [
      hints.get(fk.columns[0] as string),
      previous?.[fkParents[i] ?? -1],
      fk.referencedColumns[0] as string,
      ctx.lookup,
    ] as const;
    const held = existing[i];
    const window = held ? appendedRowWindow(...args, held) : parentRowWindow(...args);
    return withLookupWindows(ctx, draft, fk, parentRows(fkParents[i] ?? -1), window, held?.count ?? 0);
  });
  return { fks, fkParents, parentRows, windows, existing };
}

/** A `c WITH <>` exclusion column the settings made other than one value in every row: one row (no two to conflict). */
function keepExclusionsConstant(table: Table, columns: readonly ColumnPlan[], work: TableWork): void {
  const held = new Set(['random', 'one-of', 'constant']);
  const unheld = constantExclusionColumns(table).filter(
    (c) => !held.has(columns.find((p) => p.column.name === c)?.source.kind ?? ''),
  );
  if (unheld.length === 0 || work.rows <= 1) return;
  work.warnings.push({
    code: 'EXCLUSION_NOT_PLANNED',
    where: displayName(table),
    message: `${displayName(table)} gets 1 row instead of ${work.rows}: its EXCLUDE constraint compares ${unheld.join(', ')} WITH <>, which datagen keeps the same in every row, but the configuration decides ${unheld.length === 1 ? 'that column' : 'those columns'} otherwise. Remove the column's settings to get more rows.`,
  });
  work.rows = 1;
}

/**
 * A window of the parent rows whose looked-up column holds the values a
 * CHECK asks for (parent-lookups.ts; --append: among the parent's new rows,
 * after the `offset` it holds), within the window the FK had.
 */
function withLookupWindows(
  ctx: PlanContext,
  draft: Draft,
  fk: ForeignKey,
  rows: number,
  window: RowWindow | undefined,
  offset: number,
): RowWindow | undefined {
  let out = window;
  for (const l of draft.lookups) {
    if (l.fk.name !== fk.name || l.fk.columns.join() !== fk.columns.join()) continue;
    const blocks = ctx.drafts[l.parent]?.hints.get(l.parentColumn)?.rowBlocks ?? [];
    const own = lookupWindow(rows, blocks, l.values);
    const from = Math.max(own.from + offset, out?.from ?? 0);
    const to = Math.min(own.to + offset, out?.to ?? Number.POSITIVE_INFINITY);
    out = { from, to: Math.max(from, to) };
  }
  return out;
}

/** Sequence-fed integer columns count up like the sequence would; CHECK value lists draw from their list. */
function planSequencesAndLists(ctx: PlanContext, work: TableWork, drivers: UniqueDriver[]): void {
  const { table, sources } = work;
  for (const c of table.columns) {
    if (sources.has(c.name) || !c.sequence) continue;
    const base = resolveDomains(c.type, ctx.lookup).base;
    if (!INTEGER_TYPES.has(base.name) || base.arrayDims > 0) continue;
    const driverIndex = drivers.length;
    drivers.push({
      key: `${c.name} sequence`,
      components: [{ kind: 'column', column: c.name, space: MAX_SPACE }],
      radices: [Math.max(work.rows, 1)],
      ordered: true,
    });
    work.set(
      c.name,
      { kind: 'unique', driver: driverIndex, component: 0, semantic: false },
      'sequence: 1, 2, 3, … in row order',
    );
  }
  for (const c of table.columns) {
    const oneOf = work.hints.get(c.name)?.oneOf;
    if (oneOf && !sources.has(c.name))
      work.set(c.name, { kind: 'one-of', values: oneOf }, 'CHECK lists its values');
  }
}
