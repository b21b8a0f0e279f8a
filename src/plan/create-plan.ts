/**
 * Schema + options → GenerationPlan. Decides, before any byte is written,
 * how many rows each table gets and where every column's value comes from:
 * unique keys by construction (keyed bijections), foreign keys by computed
 * parent row, CHECK bounds, partition routing. Impossible requests fail here
 * with the numbers.
 */
import type { Warning } from '../errors.js';
import type { ExclusionConstraint, Schema, Table, UniqueKey } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { castDemands, withCastPatterns } from './cast-demands.js';
import { type ColumnHints, defaultReferenceTime, nowReadings } from './check-hints.js';
import { tableFallbacks } from './column-fallbacks.js';
import { explainCap, noRowsWarning, settleRows } from './cut-propagation.js';
import { fkColumnChecks, foreignKeyPlans, intersectParentKeys, parentRowWindow } from './fk-sourcing.js';
import { INTEGER_TYPES, MAX_SPACE, planUniqueKeys } from './key-capacity.js';
import { holdDemandedValues, listedValues, parentHolds } from './listed-fk-values.js';
import { outsidePredicateCheck, partialKeysTooSmall } from './partial-keys.js';
import { partitionRouting } from './partition-choices.js';
import { findPinnedColumns } from './pinned-columns.js';
import type {
  CheckPart,
  ColumnPlan,
  ColumnSource,
  GenerationPlan,
  TableCheckPlan,
  TablePlan,
} from './plan-model.js';
import { type RowOptions, resolveRowCounts } from './row-counts.js';
import { emptyDomain, groupRepeatedCheckWarnings, planCheckHints } from './table-check-hints.js';
import { applyTrialCut, type TrialCuts } from './trial-cuts.js';
import { createTypeLookup, resolveDomains } from './type-resolution.js';

export interface PlanOptions extends RowOptions {
  readonly seed?: number;
  /** Probability of NULL in nullable columns outside keys (default 0.1). */
  readonly nullRate?: number;
  /**
   * What now(), current_date and CURRENT_TIMESTAMP in CHECKs are read as
   * (default: today 00:00 UTC). Fix it for reproducible output.
   */
  readonly referenceTime?: Date;
  /**
   * The tables that get rows (`nameKey`s, from selectTables: -t/-T/-n/-N);
   * the others are planned with no rows, no warnings, and no data block.
   */
  readonly selectedTables?: ReadonlySet<string> | null;
  /** Tables whose rows past a point the row engine cannot make (from the row trial, run/row-trial.ts). */
  readonly trialCuts?: TrialCuts;
}

export const DEFAULT_SEED = 42;

interface Draft {
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
}

export function createPlan(schema: Schema, options: PlanOptions = {}): GenerationPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  const nullRate = options.nullRate ?? 0.1;
  const lookup = createTypeLookup(schema);
  const warnings: Warning[] = [];
  const tables = schema.tables;
  const tableIndex = new Map(tables.map((t, i) => [nameKey(t), i]));
  const { rows, explicit } = resolveRowCounts(tables, options);
  const pinned = findPinnedColumns(schema, seed, lookup);
  const referenceTime = options.referenceTime ?? defaultReferenceTime();
  const referenceSeconds = Math.floor(referenceTime.getTime() / 1000);
  const readings = nowReadings(referenceTime);
  const casts = castDemands(schema);
  let usesNow = false;

  // Partitions are filled through their root; the root carries their constraints too.
  const partitionsOf = new Map<string, Table[]>();
  for (const t of tables) {
    if (t.partitionOf) {
      const key = nameKey(t.partitionOf.parent);
      partitionsOf.set(key, [...(partitionsOf.get(key) ?? []), t]);
    }
  }
  const rootOf = (t: Table): Table => {
    let current = t;
    for (let i = 0; i < 16 && current.partitionOf; i++) {
      const parent = tables[tableIndex.get(nameKey(current.partitionOf.parent)) ?? -1];
      if (!parent) break;
      current = parent;
    }
    return current;
  };

  const drafts: Draft[] = tables.map((table, index) => {
    const root = rootOf(table);
    const filledThrough = root === table ? null : root;
    const excluded = options.selectedTables?.has(nameKey(table)) === false;
    // A table left out by the selection says nothing: its warnings are not the run's.
    const tableWarnings = excluded ? [] : warnings;
    const planChecks = (t: Table) =>
      planCheckHints(t, partitionsOf.get(nameKey(table)) ?? [], lookup, readings, referenceSeconds);
    let planned = planChecks(table);
    // Partial unique keys too small for the rows: rows kept outside their WHERE, when that CHECK plans.
    let outside =
      filledThrough || excluded
        ? []
        : partialKeysTooSmall(table, planned.hints, lookup, rows[index] as number);
    if (outside.length > 0) {
      const extra = outside.map(outsidePredicateCheck);
      const again = planChecks({ ...table, checks: [...table.checks, ...extra] });
      if (again.problems.some((p) => extra.some((c) => c.name === p.check))) outside = [];
      else planned = again;
    }
    withCastPatterns(table, planned.hints, casts.get(nameKey(rootOf(table))), lookup);
    tableWarnings.push(...planned.warnings);
    if (planned.usesNow && !excluded) usesNow = true;
    const requested =
      filledThrough || excluded
        ? 0
        : applyTrialCut(table, rows[index] as number, explicit[index] === true, options.trialCuts, warnings);
    const empty = table.columns
      .map((c) => ({ column: c.name, why: emptyDomain(table, c.name, planned.hints.get(c.name), lookup) }))
      .filter((e) => e.why !== undefined);
    // Columns without values (unknown types, contradictory bounds, an unsatisfiable CHECK): NULL, or no rows.
    const keyed = new Set(
      [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques].flatMap((k) =>
        k.columns.filter((c): c is string => c !== null),
      ),
    );
    const fallback = filledThrough
      ? undefined
      : tableFallbacks({
          table,
          problems: planned.problems,
          hints: planned.hints,
          keyed,
          asked: (explicit[index] as boolean) && requested > 0,
          lookup,
          warnings: tableWarnings,
        });
    const reasons = [
      ...(table.changedUnseenBy === undefined
        ? []
        : [
            `${displayName(table)} is altered, renamed or dropped by the ${table.changedUnseenBy}, which datagen cannot read, so its shape at load time is unknown; write that change as plain DDL for datagen to follow it`,
          ]),
      ...(fallback === undefined ? [] : [fallback]),
      ...empty.map(
        (e) =>
          `${displayName(table)}.${e.column} is NOT NULL and its CHECKs allow no value (${e.why}); fix the CHECK in the DDL`,
      ),
    ];
    const noRows = reasons.length === 0 ? undefined : reasons.join('; ');
    return {
      table,
      index,
      requested,
      explicit: explicit[index] as boolean,
      filledThrough,
      hints: planned.hints,
      checks: planned.checks,
      columnParts: planned.columnParts,
      noRows,
      excluded,
      outsideKeys: new Set(outside),
    };
  });
  if (usesNow) {
    warnings.push({
      code: 'CHECK_REFERENCE_TIME',
      where: 'plan',
      message: `CHECKs read now()/current_date as ${referenceTime.toISOString()} (fix it with --reference-time, or the referenceTime option of the library, for reproducible output).`,
    });
  }

  groupRepeatedCheckWarnings(warnings);

  // The constraints a table's rows must meet: its own, plus those of its partitions.
  const foreignKeysOf = (t: Table) => {
    const own = [...t.foreignKeys];
    for (const p of partitionsOf.get(nameKey(t)) ?? []) {
      for (const fk of p.foreignKeys) {
        if (!own.some((o) => o.columns.join() === fk.columns.join())) own.push(fk);
      }
    }
    return own;
  };
  const uniquesOf = (t: Table) => [
    ...(t.primaryKey ? [t.primaryKey] : []),
    ...t.uniques,
    ...(partitionsOf.get(nameKey(t)) ?? []).flatMap((p) => [
      ...(p.primaryKey ? [p.primaryKey] : []),
      ...p.uniques,
    ]),
    ...t.exclusions.flatMap((x) => exclusionAsKey(x, warnings, t)),
  ];

  const parentIndex = (draft: Draft, fkIndex: number): number => {
    const fk = foreignKeysOf(draft.table)[fkIndex];
    if (!fk) return -1;
    const index = tableIndex.get(nameKey(fk.references)) ?? -1;
    const parent = tables[index];
    // An FK to a partition is an FK to rows routed through its root.
    return parent ? tables.indexOf(rootOf(parent)) : -1;
  };

  // FK columns restricted to listed values: their parents' key columns hold those values.
  const childrenOf = (t: Table) => partitionsOf.get(nameKey(t)) ?? [];
  const listedOf = (draft: Draft, column: string) =>
    listedValues(draft.table, column, draft.hints, childrenOf(draft.table), childrenOf);
  const demands = drafts
    .filter((draft) => draft.filledThrough === null)
    .flatMap((draft) =>
      foreignKeysOf(draft.table).flatMap((fk, i) => {
        const values = fk.columns.length === 1 ? listedOf(draft, fk.columns[0] as string) : undefined;
        const parent = parentIndex(draft, i);
        if (!values || parent < 0 || parent === draft.index) return [];
        return [{ parent, column: fk.referencedColumns[0] as string, values }];
      }),
    );
  holdDemandedValues(demands, tables, (i) => (drafts[i] as Draft).hints);

  // Cuts travel along FKs: plan every table from its parents' rows of the pass before, until rows settle.
  const settled = settleRows<TablePlan>(tables.length, (previous, caps) => {
    const passWarnings: Warning[] = [];
    const plans = drafts.map((draft) => {
      const plan = planTable(draft, previous, passWarnings, caps?.[draft.index]);
      return explainCap(plan, draft.requested, caps?.[draft.index], passWarnings);
    });
    return { plans, warnings: passWarnings };
  });
  return {
    seed,
    referenceTime: referenceTime.toISOString(),
    tables: settled.plans,
    warnings: dedupe([...warnings, ...settled.warnings]),
  };

  function planTable(
    draft: Draft,
    previous: readonly TablePlan[] | null,
    warnings: Warning[],
    cap: number | undefined,
  ): TablePlan {
    const { table } = draft;
    const fks = foreignKeysOf(table);
    const sources = new Map<string, ColumnSource>();
    const reasons = new Map<string, string>();
    const set = (column: string, source: ColumnSource, reason: string) => {
      sources.set(column, source);
      reasons.set(column, reason);
    };
    const hints = new Map([...draft.hints].map(([c, h]) => [c, { ...h }]));
    let rows = Math.min(draft.requested, cap ?? Number.POSITIVE_INFINITY);
    const empty = (because: string) => {
      if (rows > 0) warnings.push(noRowsWarning(displayName(table), because, draft.requested));
      rows = 0;
    };
    if (draft.noRows !== undefined) empty(draft.noRows);
    for (const c of table.columns) if (c.generated) set(c.name, { kind: 'generated' }, 'generated column');

    // Pinned columns (shared by overlapping composite FKs) hold one value everywhere.
    for (const c of table.columns) {
      const value = pinned.get(nameKey(table) + '\u0000' + c.name);
      if (value !== undefined && !sources.has(c.name)) {
        set(c.name, { kind: 'constant', value }, 'shared by overlapping composite foreign keys: one value');
      }
    }

    // Foreign key columns take the parent's values at a computed parent row.
    const fkParents = fks.map((_, i) => parentIndex(draft, i));
    const parentRows = (parent: number) => previous?.[parent]?.rows ?? drafts[parent]?.requested ?? 0;
    // Wider FKs first: a column in a composite FK and in a plain one takes the composite's parent row, which
    // keeps the composite consistent (the plain FK then holds through the parent's own FK: see pinned-columns.ts).
    const byWidth = fks.map((fk, i) => ({ fk, i })).sort((a, b) => b.fk.columns.length - a.fk.columns.length);
    // A listed FK column the parent is known to hold draws from its list (plan/listed-fk-values.ts).
    const listed = fks.map((fk, i) => {
      const values = fk.columns.length === 1 ? listedOf(draft, fk.columns[0] as string) : undefined;
      return values !== undefined && parentHolds(fk, previous?.[fkParents[i] ?? -1], values);
    });
    byWidth.forEach(({ fk, i }) => {
      fk.columns.forEach((col, k) => {
        if (sources.has(col) || listed[i]) return;
        const parentColumn = fk.referencedColumns[k] as string;
        set(
          col,
          { kind: 'foreign-key', fk: i, parentColumn },
          `foreign key ${fk.name} → ${displayName(fk.references)}`,
        );
      });
    });
    const unmetParents = intersectParentKeys(
      fks,
      (column) => {
        const source = sources.get(column);
        return source?.kind === 'foreign-key' ? source.fk : undefined;
      },
      (j) => previous?.[fkParents[j] ?? -1],
      hints,
      lookup,
    );
    if (unmetParents.length > 0) {
      empty(
        `${unmetParents.map((c) => `${displayName(table)}.${c}`).join(', ')} references two parents whose keys cannot be intersected (they do not count up in row order)`,
      );
    }
    // A CHECK bounding a single-column FK: a window of the parent's rows when its key counts up in row order.
    const windows = fks.map((fk, i) =>
      fk.columns.length === 1 && fkParents[i] !== draft.index
        ? parentRowWindow(
            hints.get(fk.columns[0] as string),
            previous?.[fkParents[i] ?? -1],
            fk.referencedColumns[0] as string,
            lookup,
          )
        : undefined,
    );

    // Partition key: a value inside an existing partition.
    const partitions = partitionsOf.get(nameKey(table)) ?? [];
    if (table.partitionBy) {
      const routing = partitionRouting(table, partitions, (t) => partitionsOf.get(nameKey(t)) ?? []);
      for (const skipped of routing.skipped) {
        warnings.push({
          code: 'PARTITION_ROUTING',
          where: displayName(table),
          message: `${displayName(table)}: ${skipped}.`,
        });
      }
      if (routing.problem && routing.choices.length > 0 && rows > 0) {
        warnings.push({
          code: 'PARTITION_ROUTING',
          where: displayName(table),
          message: `${displayName(table)}: ${routing.problem}, so datagen cannot place its rows in a partition; it gets no rows. Add a DEFAULT partition (CREATE TABLE ... PARTITION OF ${displayName(table)} DEFAULT) to give it rows.`,
        });
        rows = 0;
      }
      // HASH partitions and a DEFAULT partition take any value: the column stays free (e.g. for its key).
      const anyValue = routing.choices.some((c) => c.kind === 'any');
      const keySource = routing.column ? sources.get(routing.column) : undefined;
      if (keySource?.kind === 'foreign-key' && !anyValue && previous) {
        empty(
          `its partition key ${routing.column} is a foreign key to ${displayName(fks[keySource.fk]?.references ?? table)}, whose keys datagen cannot place inside the partitions' bounds`,
        );
      }
      if (routing.column && !sources.has(routing.column) && routing.choices.length > 0 && !anyValue) {
        set(
          routing.column,
          { kind: 'partition-key', choices: routing.choices },
          'partition key: inside a partition',
        );
      }
      if (routing.choices.length === 0 && rows > 0) {
        warnings.push({
          code: 'NO_PARTITION',
          where: displayName(table),
          message:
            partitions.length === 0
              ? `${displayName(table)} is partitioned but has no partitions; it gets no rows.`
              : `${displayName(table)}: no partition can be given rows (see the warnings above); it gets no rows. Add a DEFAULT partition to give it rows.`,
        });
        rows = 0;
      }
    }

    // Unique keys: each made unique by a keyed bijection of the row index.
    const keys = planUniqueKeys({
      table,
      keys: uniquesOf(table).filter((k) => !draft.outsideKeys.has(k)),
      rows,
      explicit: draft.explicit,
      lookup,
      hints,
      sources,
      set,
      fks,
      fkParents,
      fkSpace: (i) => {
        const window = windows[i];
        return window ? window.to - window.from : parentRows(fkParents[i] ?? -1);
      },
      relations: draft.checks.relations.map((r) => r.atom),
    });
    warnings.push(...keys.warnings);
    rows = keys.rows;
    const drivers = keys.drivers;

    // Sequence-fed integer columns not otherwise planned count up like the sequence would.
    for (const c of table.columns) {
      if (sources.has(c.name) || !c.sequence) continue;
      const base = resolveDomains(c.type, lookup).base;
      if (!INTEGER_TYPES.has(base.name) || base.arrayDims > 0) continue;
      const driverIndex = drivers.length;
      drivers.push({
        key: `${c.name} sequence`,
        components: [{ kind: 'column', column: c.name, space: MAX_SPACE }],
        radices: [Math.max(rows, 1)],
        ordered: true,
      });
      set(
        c.name,
        { kind: 'unique', driver: driverIndex, component: 0, semantic: false },
        'sequence: 1, 2, 3, … in row order',
      );
    }

    // CHECK value lists.
    for (const c of table.columns) {
      const oneOf = hints.get(c.name)?.oneOf;
      if (oneOf && !sources.has(c.name))
        set(c.name, { kind: 'one-of', values: oneOf }, 'CHECK lists its values');
    }

    const fkChecks = fkColumnChecks(
      fks,
      keys.fkPicks,
      windows,
      hints,
      draft.columnParts,
      (i, column) => drafts[fkParents[i] ?? -1]?.columnParts.get(column) ?? [],
    );
    if (fkChecks.unmet.length > 0) {
      empty(
        `the CHECKs on ${fkChecks.unmet.map((c) => `${displayName(table)}.${c}`).join(', ')} cannot be met: ` +
          'the parent row of a foreign key in a unique key is fixed by the key, and its key does not count up in row order',
      );
    }
    const foreignKeys = foreignKeyPlans({
      table,
      fks,
      fkParents,
      tables,
      selfIndex: draft.index,
      rows,
      nullRate,
      hints,
      fkPicks: keys.fkPicks,
      windows,
      parentRows,
      parentRequested: (parent) => drafts[parent]?.requested ?? 0,
      explicit: draft.explicit,
    });
    if (foreignKeys.noRows !== undefined) empty(foreignKeys.noRows);

    const columns: ColumnPlan[] = table.columns.map((column) => {
      const h = hints.get(column.name) ?? {};
      const source = sources.get(column.name) ?? { kind: 'random' };
      const nullable = !column.notNull && !h.notNull && !keys.keyColumns.has(column.name);
      return {
        column,
        written: source.kind !== 'generated',
        source,
        nullRate: nullable && source.kind === 'random' ? nullRate : 0,
        hints: h,
        reason: reasons.get(column.name) ?? 'random value of its type',
      };
    });
    const checks =
      fkChecks.verify.length === 0
        ? draft.checks
        : { ...draft.checks, verify: [...draft.checks.verify, ...fkChecks.verify] };
    return {
      table,
      rows,
      columns,
      foreignKeys: foreignKeys.plans,
      drivers,
      filledThrough: draft.filledThrough,
      checks,
      ...(draft.excluded ? { excluded: true as const } : {}),
    };
  }
}

/**
 * `EXCLUDE USING gist (room WITH =, during WITH &&)` holds when no two rows
 * are equal on the `=` elements and overlap on the `&&` ones. The unique
 * generators of range types give pairwise disjoint ranges for distinct
 * inputs, so planning the elements as a unique key satisfies it.
 */
function exclusionAsKey(x: ExclusionConstraint, warnings: Warning[], table: Table): UniqueKey[] {
  const planned = x.elements.every((e) => e.column !== null && (e.operator === '=' || e.operator === '&&'));
  if (!planned) {
    warnings.push({
      code: 'EXCLUSION_NOT_PLANNED',
      where: displayName(table),
      message: `EXCLUDE constraint ${x.name} on ${displayName(table)} uses operators other than = and && on plain columns; values may violate it.`,
    });
    return [];
  }
  return [
    {
      kind: 'unique',
      name: x.name,
      columns: x.elements.map((e) => e.column),
      expressions: x.elements.map(() => null),
      where: x.where,
      nullsNotDistinct: false,
      isIndex: false,
      deferrable: false,
    },
  ];
}

function dedupe(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.where}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
