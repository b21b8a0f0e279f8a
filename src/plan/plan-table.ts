/**
 * One table's plan in one planning pass: where every column's value comes
 * from (generated, pinned, foreign key, partition key, unique key, sequence,
 * CHECK list, random) and how many rows it gets, from its draft and its
 * parents' plans of the pass before (cuts travel along FKs: cut-propagation.ts).
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import type { Table } from '../schema/model.js';
import { displayColumn, displayName, nameKey } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';
import { configUniqueKeys, planColumns } from './apply-column-settings.js';
import { equationColumnParts } from './check-equations.js';
import { emptyWhereParentPairsUnmet } from './distinct-parent-pairs.js';
import { distinctParentPrefix, takesDistinctFirst } from './distinct-prefix.js';
import { exactlyOnePairs } from './either-keys.js';
import { applyFanOutSettings } from './fan-out-settings.js';
import { fkColumnChecks, foreignKeyPlans } from './fk-sourcing.js';
import { type ForeignKeyFrame, planForeignKeyColumns } from './foreign-key-frame.js';
import { foreignKeyValueLoop } from './foreign-key-loops.js';
import { emptyWhereGeneratedKeysUnmet } from './generated-foreign-keys.js';
import { INTEGER_TYPES, MAX_SPACE, planUniqueKeys } from './key-capacity.js';
import { holdToRing } from './key-rings.js';
import {
  exclusionHeldByParent,
  lengthHeldByParent,
  listedValuesMeet,
  parentKeyCovers,
} from './parent-key-facts.js';
import { planPartitionKey } from './partition-key-plan.js';
import {
  askingForeignKeys,
  holdsPinnedValue,
  pinnedColumnPlan,
  tenantExtensionFk,
} from './pinned-columns.js';
import type { ColumnPlan, TablePlan, UniqueDriver } from './plan-model.js';
import { orderBackForeignKeys, readBackPlan } from './read-back-keys.js';
import { constantExclusionColumns, sameParentExclusionColumn, unplannedExclusions } from './table-family.js';
import { type Draft, type PlanContext, startWork, type TableWork } from './table-work.js';
import { keysToPlan, planGeneratedColumns } from './tagged-references.js';
import { warnUnreachedPartitions } from './unreached-partitions.js';

export function planTable(
  ctx: PlanContext,
  draft: Draft,
  previous: readonly TablePlan[] | null,
  warnings: Warning[],
  cap: number | undefined,
): TablePlan {
  const work = startWork(draft, warnings, cap);
  const { table, hints } = work;
  holdToRing(
    ctx.rings,
    table,
    draft.index,
    work,
    (m) => previous?.[m]?.rows ?? ctx.drafts[m]?.requested ?? 0,
    (m) => displayName(ctx.family.tables[m] as Table),
  );
  if (draft.noRows !== undefined) work.empty(draft.noRows, draft.noRowsTold);
  oneRowForUnplannedExclusion(work, ctx.lookup, ctx.generatorVersion);
  planGeneratedColumns(ctx, work, previous);
  emptyWhereGeneratedKeysUnmet(ctx, work);
  planPinnedColumns(ctx, work);
  orderBackForeignKeys(ctx, work);
  const frame = planForeignKeyColumns(ctx, work, previous);
  emptyWhereParentPairsUnmet(ctx, work, frame);
  const loop = foreignKeyValueLoop(draft.index, work.sources, frame.fks, frame.fkParents, previous, (i) =>
    displayName(ctx.family.tables[i] as Table),
  );
  if (loop !== undefined) work.empty(loop);
  planPartitionKey(ctx, work, frame, previous);
  warnUnreachedPartitions(ctx, work, frame, previous);
  const keys = planKeys(ctx, work, frame, previous);
  const drivers = keys.drivers;
  planSequencesAndLists(ctx, work, drivers);
  const { fkPlans, fkVerify } = planForeignKeys(ctx, work, frame, keys.fkPicks);
  const { columns, steeredChecks } = planColumns({
    table,
    settings: ctx.settings.get(draft.index)?.columns,
    hints,
    sources: work.sources,
    reasons: work.reasons,
    keyColumns: keys.keyColumns,
    branchColumns: keys.branchColumns,
    nullRate: ctx.nullRate,
    generatorVersion: ctx.generatorVersion,
    columnParts: draft.columnParts,
  });
  const planned = keys.outside.size === 0 ? columns : columns.map((c) => withRowsOutside(c, keys, draft));
  keepExclusionsConstant(table, planned, work);
  const extraVerify = [
    ...fkVerify,
    ...steeredChecks,
    ...equationColumnParts(draft.checks, draft.columnParts, ctx.generatorVersion, (c) =>
      planned.find((p) => p.column.name === c),
    ),
  ];
  const checks =
    extraVerify.length === 0
      ? draft.checks
      : { ...draft.checks, verify: [...new Set([...draft.checks.verify, ...extraVerify])] };
  return {
    table,
    rows: work.rows,
    columns: planned,
    foreignKeys: fkPlans,
    drivers,
    filledThrough: draft.filledThrough,
    checks,
    ...(draft.excluded ? { excluded: true as const } : {}),
  };
}

/** A partial key's WHERE column: outside the WHERE past the key's room (key-capacity.ts outsideColumn). */
function withRowsOutside(c: ColumnPlan, keys: ReturnType<typeof planUniqueKeys>, draft: Draft): ColumnPlan {
  const at = keys.outside.get(c.column.name);
  const hints = at === undefined ? undefined : draft.rowsOutside.get(at.key)?.hints;
  if (at === undefined || hints === undefined) return c;
  return { ...c, outsideFrom: { ...at, hints } };
}

/** An EXCLUDE constraint datagen cannot plan any element of: one row, so no two rows conflict. */
function oneRowForUnplannedExclusion(work: TableWork, lookup: TypeLookup, generatorVersion: number): void {
  const { table } = work;
  const unplanned = unplannedExclusions(table, lookup, generatorVersion)[0];
  if (unplanned === undefined || work.rows <= 1) return;
  work.warnings.push({
    code: 'EXCLUSION_NOT_PLANNED',
    where: displayName(table),
    message: `${displayName(table)} gets 1 row instead of ${work.rows}: datagen cannot plan any element of EXCLUDE constraint ${unplanned.name} (expressions, operators other than = and &&, or && on values that are not ranges, boxes or circles: polygons, networks, arrays), and two rows might conflict. To get more rows, generate from a copy of the DDL without the constraint.`,
  });
  work.rows = 1;
}

/**
 * Pinned columns (shared by overlapping composite FKs): tenant values, held by the class's own key; a key
 * that extends a tenant key takes its parent's row i, through the FK whose columns then all come from it
 * (pinned-columns.ts).
 */
function planPinnedColumns(ctx: PlanContext, work: TableWork): void {
  const { table, sources, hints } = work;
  const asks = askingForeignKeys(table, ctx.vacated, ctx.readBack);
  const fromParent = new Set<string>();
  for (const c of table.columns) {
    const pinned = ctx.pinned.get(nameKey(table) + '\u0000' + c.name);
    if (pinned === undefined || pinned.held === true || sources.has(c.name)) continue;
    const fk = tenantExtensionFk(table, c.name, asks, (i, pc) => extendsTenantKey(ctx, table, i, pc, 0));
    if (fk === undefined) continue;
    work.orderedFks.add(fk);
    for (const col of table.foreignKeys[fk]?.columns ?? []) fromParent.add(col);
    hints.set(c.name, { ...(hints.get(c.name) ?? {}), stripeRoot: pinned.group });
  }
  for (const c of table.columns) {
    const pinned = ctx.pinned.get(nameKey(table) + '\u0000' + c.name);
    if (pinned === undefined || sources.has(c.name) || fromParent.has(c.name)) continue;
    const planned = pinnedColumnPlan(table, c.name, pinned, hints.get(c.name) ?? {}, asks);
    if (planned.kind === 'hints') hints.set(c.name, planned.hints);
    else work.set(c.name, planned.source, planned.reason);
  }
}

/**
 * Whether FK `fk` of `table` leads to a parent column that holds its class's values in its first rows: the
 * class's tenant key, or a key extending one (through a few such tables at most).
 */
function extendsTenantKey(
  ctx: PlanContext,
  table: Table,
  fk: number,
  parentColumn: string,
  depth: number,
): boolean {
  const parent = ctx.family.tables[ctx.family.parentIndex(table, fk)];
  const pinned = parent && ctx.pinned.get(nameKey(parent) + '\u0000' + parentColumn);
  if (!parent || pinned === undefined || pinned.held === true) return false;
  const asks = askingForeignKeys(parent, ctx.vacated, ctx.readBack);
  if (holdsPinnedValue(parent, parentColumn, asks)) return true;
  return (
    depth < 8 &&
    tenantExtensionFk(parent, parentColumn, asks, (i, pc) =>
      extendsTenantKey(ctx, parent, i, pc, depth + 1),
    ) !== undefined
  );
}

/** Unique keys: each made unique by a keyed bijection of the row index; the table's rows as the keys allow. */
function planKeys(
  ctx: PlanContext,
  work: TableWork,
  frame: ForeignKeyFrame,
  previous: readonly TablePlan[] | null,
): ReturnType<typeof planUniqueKeys> {
  const { draft, table, sources, hints, warnings } = work;
  const keys = planUniqueKeys({
    table,
    keys: [
      ...keysToPlan(ctx.family.uniquesOf(table, warnings), draft.outsideKeys, sources),
      ...configUniqueKeys(table, ctx.settings.get(draft.index)?.columns),
    ],
    rows: work.rows,
    orderedFks: work.orderedFks,
    explicit: draft.explicit,
    wholeKeys: ctx.append === true,
    newParentsOnly: (i) => frame.existing[i] === undefined && frame.windows[i] === undefined,
    lookup: ctx.lookup,
    generatorVersion: ctx.generatorVersion,
    ...(ctx.locale === undefined ? {} : { locale: ctx.locale }),
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
    exactlyOne: exactlyOnePairs(draft.checks.counts, draft.checks.choices),
    rowsOutside: draft.rowsOutside,
  });
  warnings.push(...keys.warnings);
  work.rows = keys.rows;
  return keys;
}

/** The FKs' plans (parent rows, fan-out settings) and the CHECKs their columns must be verified against per row. */
function planForeignKeys(
  ctx: PlanContext,
  work: TableWork,
  frame: ForeignKeyFrame,
  fkPicks: ReturnType<typeof planUniqueKeys>['fkPicks'],
): { fkPlans: TablePlan['foreignKeys']; fkVerify: ReturnType<typeof fkColumnChecks>['verify'] } {
  const { draft, table, hints, warnings } = work;
  const fkChecks = fkColumnChecks(
    frame.fks,
    fkPicks,
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
      ) ||
      exclusionHeldByParent(
        hints.get(column),
        ctx.drafts[frame.fkParents[i] ?? -1]?.hints.get(parentColumn),
        column,
        part,
      ) ||
      lengthHeldByParent(ctx.drafts[frame.fkParents[i] ?? -1]?.hints.get(parentColumn), column, part),
  );
  if (fkChecks.unmet.length > 0) {
    work.empty(
      `the CHECKs on ${fkChecks.unmet.map((c) => `${displayColumn(table, c)}`).join(', ')} cannot be met: ` +
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
    fkPicks,
    windows: frame.windows,
    parentRows: frame.parentRows,
    existing: frame.existing,
    ...(ctx.existingParents === undefined ? {} : { existingParents: ctx.existingParents }),
    parentRequested: (parent) => ctx.drafts[parent]?.requested ?? 0,
    explicit: draft.explicit,
    filledByOther: frame.fks.map((fk, i) =>
      fk.columns.every((c) => {
        const source = work.sources.get(c);
        return source?.kind === 'foreign-key' && source.fk !== i;
      }),
    ),
  });
  if (foreignKeys.noRows !== undefined) work.empty(foreignKeys.noRows);
  warnForeignKeysNullByCheck(ctx, work, frame, foreignKeys.plans);

  const fanned = applyFanOutSettings(
    table,
    foreignKeys.plans,
    ctx.settings.get(draft.index)?.foreignKeys,
    work.rows,
    (p) => (p.window ? p.window.to - p.window.from : frame.parentRows(p.parent) + (p.existing?.count ?? 0)),
    warnings,
  );
  // An exclusion's `fk_col WITH <>`: one parent row for every row (table-family.ts).
  const sameParent = new Set(table.exclusions.flatMap((x) => sameParentExclusionColumn(x, table) ?? []));
  // A child's unique key reads these FKs' columns through a composite FK: distinct first picks (distinct-prefix.ts).
  const fkPlans = fanned
    .map((p) =>
      p.fk.columns.length === 1 && sameParent.has(p.fk.columns[0] as string)
        ? { ...p, sameParent: true as const }
        : p,
    )
    .map((p, i) =>
      ctx.distinctFirst.has(`${draft.index}:${i}`) &&
      takesDistinctFirst(
        p,
        i,
        draft.index,
        (c) => {
          const s = work.sources.get(c);
          return s?.kind === 'foreign-key' ? s.fk : undefined;
        },
        (c) => (draft.columnParts.get(c)?.length ?? 0) > 0,
      )
        ? { ...p, distinctFirst: true as const }
        : p,
    )
    .map((p) => readBackPlan(ctx, work, p));
  return { fkPlans, fkVerify: fkChecks.verify };
}

/** A nullable FK whose CHECKs leave no parent row: NULL in every row (the pick's rate 1), told. */
function warnForeignKeysNullByCheck(
  ctx: PlanContext,
  work: TableWork,
  frame: ForeignKeyFrame,
  plans: TablePlan['foreignKeys'],
): void {
  for (const p of plans) {
    if (work.rows === 0 || p.nullRate !== 1 || p.window === undefined || p.window.to > p.window.from)
      continue;
    const where = `${displayName(work.table)}.${p.fk.columns.map((c) => quoteIdent(c)).join(', ')}`;
    const parent = displayName(ctx.family.tables[p.parent] ?? p.fk.references);
    work.warnings.push({
      code: 'COLUMN_NULL_BY_CHECK',
      where,
      message: `${where} is written NULL in every row: its CHECKs leave no row of ${parent} (of ${frame.parentRows(p.parent)}) to point to. To fill it, give ${parent} rows whose key meets them, or fix the CHECKs in a copy of the DDL you generate from.`,
    });
  }
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
