/**
 * Time order across tables: a child row starts after the parent rows it
 * points to (order_items after their order, comments after their post, a
 * rental after its customer signed up). Where a table and the parent of one
 * of its foreign keys both have a start-of-life column (a `created_at`-kind
 * column: `created_at`, `order_date`, `creation_date`…), the child's start
 * columns are drawn at or after the latest of those parents' starts at the
 * parent rows the row picks. Nothing is stored: the parent's value function
 * is called at the picked parent row, as foreign keys do.
 */

import type { ForeignKeyPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { columnsReadByRowChecks } from '../plan/table-checks.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { isCreationName } from '../values/semantic/number-time-names.js';
import { readTimestampSeconds } from '../values/semantic/time-text.js';
import { MAX_ZONE_OFFSET } from '../values/semantic/time-values.js';
import { isFirstStep24 } from '../values/semantic/version-twentyfour-names.js';
import { effectiveGeneratorVersion } from '../version.js';
import { newParentPick } from './existing-parents.js';
import { onOneCycle } from './foreign-key-cycles.js';

export interface ParentTimeDeps {
  readonly plan: GenerationPlan;
  /** The parent row a table's FK picks at a row (-1 for NULL). */
  pickOf(tableIndex: number, fkIndex: number): (row: number) => number;
  /** A column's value function (text or NULL). */
  valueOf(tableIndex: number, column: string): (row: number) => string | null;
  /** A column's semantic kind, if any. */
  kindOf(tableIndex: number, column: string): SemanticKind | null;
}

/** The earliest start a row's start column may take, in seconds (`typeName`: the column's base type), or undefined. */
export type EarliestStart = (row: number, typeName: string) => number | undefined;

interface TimeParent {
  readonly fk: number;
  readonly pick: (row: number) => number;
  readonly start: (row: number) => string | null;
  readonly zoned: boolean;
}

/** The first start-of-life column of a table, or undefined. */
function startColumnOf(
  plan: GenerationPlan,
  kindOf: ParentTimeDeps['kindOf'],
  tableIndex: number,
): TablePlan['columns'][number] | undefined {
  return plan.tables[tableIndex]?.columns.find(
    (c) => c.written && kindOf(tableIndex, c.column.name) === 'created_at',
  );
}

/** Date and time types a start is read from. */
const MOMENT_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/**
 * Version 24: a parent without a creation column still has a start where a moment is named for the row's
 * first step (an application's `applied_at`, a copy's `acquired_at`, a device's `installed_at`): its
 * children (an offer, a loan, a sensor) start after it (were before it in a third to nine tenths of rows).
 */
function startNamedColumnOf(
  plan: GenerationPlan,
  tableIndex: number,
): TablePlan['columns'][number] | undefined {
  if (effectiveGeneratorVersion(plan.generatorVersion) < 24) return undefined;
  return plan.tables[tableIndex]?.columns.find(
    (c) =>
      c.written &&
      c.column.type.arrayDims === 0 &&
      MOMENT_TYPES.has(c.column.type.name) &&
      isFirstStep24(c.column.name),
  );
}

/**
 * The start columns of a parent a child follows: its first start-of-life
 * column; version 6 also its creation column (`orders.created_at` beside an
 * `order_date`, `posts.created_at` beside a nullable `published_at`), the
 * child after the latest of them.
 */
function parentStartColumns(
  plan: GenerationPlan,
  kindOf: ParentTimeDeps['kindOf'],
  tableIndex: number,
): TablePlan['columns'][number][] {
  const first = startColumnOf(plan, kindOf, tableIndex);
  if (first === undefined) {
    const named = startNamedColumnOf(plan, tableIndex);
    return named === undefined ? [] : [named];
  }
  if (effectiveGeneratorVersion(plan.generatorVersion) < 6 || isCreationName(first.column.name))
    return [first];
  const creation = plan.tables[tableIndex]?.columns.find(
    (c) => c.written && isCreationName(c.column.name) && kindOf(tableIndex, c.column.name) === 'created_at',
  );
  return creation === undefined ? [first] : [first, creation];
}

/**
 * Whether a table's rows follow their parents' starts: it has a start
 * column; version 6 also where its times are all of a later kind, none with
 * a start to follow (`payment.payment_date`); version 11 also where it has a
 * past moment (`badges.date`).
 */
function followsParents(plan: GenerationPlan, kindOf: ParentTimeDeps['kindOf'], tableIndex: number): boolean {
  if (startColumnOf(plan, kindOf, tableIndex)) return true;
  const version = effectiveGeneratorVersion(plan.generatorVersion);
  if (version < 6) return false;
  // Version 11: also a moment no name places (a badge's `date`): the row's first time, after its parents'.
  return (plan.tables[tableIndex]?.columns ?? []).some(
    (c) =>
      c.written &&
      (kindOf(tableIndex, c.column.name) === 'updated_at' ||
        (version >= 11 && kindOf(tableIndex, c.column.name) === 'past_time') ||
        // Version 25: an expected time alone (an interview's `scheduled_at`) follows its parents too.
        (version >= 25 && kindOf(tableIndex, c.column.name) === 'due_at')),
  );
}

/** A parent whose start a table's rows follow: through which FK, and the parent's start column. */
export interface StartParent {
  readonly fk: number;
  readonly parent: number;
  readonly column: string;
  readonly zoned: boolean;
}

/**
 * The parents a table's rows start after: its own-picked FKs (see
 * `ownPickedParents`) to a table with a start column, one entry per start
 * column followed. Empty when the table itself has no start column (version
 * 6: and no time of a later kind).
 */
export function startParentsOf(
  plan: GenerationPlan,
  kindOf: ParentTimeDeps['kindOf'],
  tableIndex: number,
): StartParent[] {
  if (!followsParents(plan, kindOf, tableIndex)) return [];
  const parents: StartParent[] = [];
  for (const fkIndex of ownPickedParents(plan, tableIndex)) {
    const parent = plan.tables[tableIndex]?.foreignKeys[fkIndex]?.parent as number;
    for (const start of parentStartColumns(plan, kindOf, parent))
      parents.push({
        fk: fkIndex,
        parent,
        column: start.column.name,
        zoned: start.column.type.name === 'timestamptz',
      });
  }
  return parents;
}

/**
 * The FKs of a table whose parent row a row's values may follow: wholly
 * sourced by their own pick (not decided by a CHECK's row engine, not
 * pinned), to another table, outside any FK cycle.
 */
export function ownPickedParents(plan: GenerationPlan, tableIndex: number): number[] {
  const t = plan.tables[tableIndex];
  if (!t) return [];
  // An FK a CHECK reads is picked per attempt by the row engine, not by `pickOf`.
  const checked = columnsReadByRowChecks(t.checks);
  const fks: number[] = [];
  t.foreignKeys.forEach((fkPlan, fkIndex) => {
    if (fkPlan.parent === tableIndex || fkPlan.pick.kind === 'tree') return;
    const own = fkPlan.fk.columns.every((name) => {
      const c = t.columns.find((col) => col.column.name === name);
      return c?.source.kind === 'foreign-key' && c.source.fk === fkIndex && !checked.has(name);
    });
    // The parent reaches this table back along FKs only when one cycle holds both (then ordering them could loop).
    if (own && !onOneCycle(plan.tables, fkPlan.parent, tableIndex)) fks.push(fkIndex);
  });
  return fks;
}

function timeParentsOf(deps: ParentTimeDeps, tableIndex: number): TimeParent[] {
  return startParentsOf(deps.plan, deps.kindOf, tableIndex).map((p) => {
    let fn: ((row: number) => string | null) | undefined;
    return {
      fk: p.fk,
      // An existing parent's start is not known: only a new parent row bounds the child's.
      pick: newParentPick(
        deps.plan.tables[tableIndex]?.foreignKeys[p.fk] as ForeignKeyPlan,
        deps.pickOf(tableIndex, p.fk),
      ),
      // Resolved on first use: the parent's function may not be built yet.
      start: (row: number) => {
        fn ??= deps.valueOf(p.parent, p.column);
        return fn(row);
      },
      zoned: p.zoned,
    };
  });
}

/** The latest of the parents' starts at the rows a row picks, in seconds for a column of type `typeName`. */
function latestStart(parents: readonly TimeParent[]): EarliestStart {
  return (row, typeName) => {
    let latest: number | undefined;
    for (const parent of parents) {
      const j = parent.pick(row);
      if (j < 0) continue;
      const text = parent.start(j);
      const seconds = text === null ? undefined : readTimestampSeconds(text);
      if (seconds === undefined) continue;
      const margin = parent.zoned !== (typeName === 'timestamptz') ? MAX_ZONE_OFFSET : 0;
      const low = Math.ceil(seconds) + margin;
      if (latest === undefined || low > latest) latest = low;
    }
    return latest;
  };
}

/**
 * Per table, the earliest start its rows may take (undefined when no parent
 * of the table has a start column); `throughFk` also the start of the one
 * parent a given FK picks (version 13: a history's periods after their
 * employee's hire_date, series-offsets.ts), a function of that pick alone.
 *
 * @example createParentTimes(deps).earliest(orderItems)?.(0, 'timestamp') // 1717243200: its order's order_date
 */
export function createParentTimes(deps: ParentTimeDeps): {
  earliest(tableIndex: number): EarliestStart | undefined;
  throughFk(tableIndex: number, fk: number): EarliestStart | undefined;
} {
  const memo = new Map<number, readonly TimeParent[]>();
  const parentsOf = (tableIndex: number): readonly TimeParent[] => {
    let parents = memo.get(tableIndex);
    if (parents === undefined) {
      parents = timeParentsOf(deps, tableIndex);
      memo.set(tableIndex, parents);
    }
    return parents;
  };
  const earliestMemo = new Map<number, EarliestStart | undefined>();
  return {
    earliest: (tableIndex) => {
      if (earliestMemo.has(tableIndex)) return earliestMemo.get(tableIndex);
      const parents = parentsOf(tableIndex);
      const earliest = parents.length === 0 ? undefined : latestStart(parents);
      earliestMemo.set(tableIndex, earliest);
      return earliest;
    },
    throughFk: (tableIndex, fk) => {
      const parents = parentsOf(tableIndex).filter((p) => p.fk === fk);
      return parents.length === 0 ? undefined : latestStart(parents);
    },
  };
}
