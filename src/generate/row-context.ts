/**
 * What a semantic generator may read of its row (`RowContext`): the other
 * written columns (not those the CHECK engine is deciding, when inside it),
 * their meanings, the row's earliest start and country from its parents'
 * (cross-table time order and places), the locale and generator version.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { semanticKindOf } from '../values/column-kind.js';
import { detectSemantic } from '../values/semantic/detect-semantic.js';
import type { RowContext, SemanticKind } from '../values/semantic/index.js';
import type { loadedLocale } from '../values/semantic/load-locale.js';
import { createAncestorColumns } from './ancestor-values.js';
import {
  type ChildRowsDeps,
  childRowsOf,
  keyedChildRowsOf,
  siblingPlaceOf,
  siblingRowsOf,
} from './child-rows.js';
import type { ColumnFunctions } from './column-functions.js';
import { columnKey } from './compile-column.js';
import { managerTreeRows } from './manager-rows.js';
import { ownerPeriodsOf } from './owner-periods.js';
import { createParentCountries } from './parent-place.js';
import { createParentTimes } from './parent-time.js';
import type { RowEngines } from './row-engines.js';
import type { RowPicks } from './row-picks.js';
import { type NotedSeries, periodChainOf } from './series-offsets.js';

export interface RowContextDeps {
  readonly plan: GenerationPlan;
  readonly lookup: TypeLookup;
  readonly version: number;
  readonly locale: ReturnType<typeof loadedLocale>;
  readonly pickOf: RowPicks['pickOf'];
  readonly exactFanOut: RowPicks['exactFanOut'];
  readonly columns: ColumnFunctions;
  readonly engines: RowEngines;
  /** Version 14: history series noted by their start columns (compile-column.ts). */
  readonly periodSeries: ReadonlyMap<string, NotedSeries>;
  tablePlan(tableIndex: number): TablePlan;
}

/** A table's row context, read from inside its row engine or outside it. */
export type RowContextOf = (tableIndex: number, insideEngine: boolean) => RowContext;

export function createRowContexts(deps: RowContextDeps): RowContextOf {
  const { lookup, version, locale, columns, engines, tablePlan } = deps;
  const parentDeps = {
    plan: deps.plan,
    pickOf: deps.pickOf,
    valueOf: columns.valueOf,
    kindOf: (tableIndex: number, column: string) =>
      siblingKindOf(tablePlan(tableIndex), column, lookup, version),
  };
  const parentTimes = createParentTimes(parentDeps);
  const parentCountries = createParentCountries(parentDeps);
  const ancestors = createAncestorColumns(parentDeps);
  const childDeps = { plan: deps.plan, exactFanOut: deps.exactFanOut, valueOf: columns.valueOf };
  const families = (tableIndex: number) => familyReaders(childDeps, tableIndex, version);

  /** A row's earliest start and its country from its parents' (cross-table time order and places), when it has such parents. */
  function parentBounds(
    tableIndex: number,
  ): Pick<RowContext, 'earliestStart' | 'parentCountry' | 'parentStartThrough'> {
    const earliestStart = parentTimes.earliest(tableIndex);
    const parentCountry = version >= 3 ? parentCountries(tableIndex) : undefined;
    return {
      ...(earliestStart
        ? { earliestStart, parentStartThrough: (fk) => parentTimes.throughFk(tableIndex, fk) }
        : {}),
      ...(parentCountry ? { parentCountry } : {}),
    };
  }

  /** Version 14: a start column's chain of periods, once its unique values are compiled (which notes it). */
  const periodChain = (tableIndex: number, column: string) => {
    const c = tablePlan(tableIndex).columns.find((col) => col.column.name === column);
    if (version < 14 || c?.source.kind !== 'unique' || c.source.series !== true) return undefined;
    if (columns.isBeingBuilt(tableIndex, column)) return undefined;
    columns.valueOf(tableIndex, column);
    return periodChainOf(deps.periodSeries.get(columnKey(tableIndex, column)));
  };

  /** Version 15: a table's owner periods (owner-periods.ts), made once per table. */
  const ownerPeriodMemo = new Map<number, ReturnType<typeof ownerPeriodsOf>>();
  const ownerPeriods = (tableIndex: number) => {
    if (version < 15) return undefined;
    if (!ownerPeriodMemo.has(tableIndex)) {
      const t = tablePlan(tableIndex);
      ownerPeriodMemo.set(
        tableIndex,
        ownerPeriodsOf({
          seed: deps.plan.seed,
          version,
          t,
          startThrough: (fk) => parentTimes.throughFk(tableIndex, fk),
        }),
      );
    }
    return ownerPeriodMemo.get(tableIndex);
  };

  /** Version 32: a manager tree's rows (manager-rows.ts). */
  const managerTree = (tableIndex: number): Pick<RowContext, 'managerTreeRows'> => {
    const rows = version >= 32 ? managerTreeRows(deps.plan, tableIndex) : undefined;
    return rows === undefined ? {} : { managerTreeRows: rows };
  };

  return (tableIndex, insideEngine) => ({
    sibling: (name, row) => {
      if (!writtenColumn(tablePlan(tableIndex), name)) return undefined;
      if (insideEngine) {
        const engine = engines.engineOf(tableIndex);
        // Version 23: what the row's attempt has made so far (a tax reads its subtotal).
        if (engine?.columns.has(name)) return version >= 23 ? engine.madeSoFar(name, row) : undefined;
      }
      return columns.valueOf(tableIndex, name)(row);
    },
    siblingKind: (name) => siblingKindOf(tablePlan(tableIndex), name, lookup, version),
    // Inside the row engine, and for a column still being built (a cycle), reads stay on demand.
    siblingReader: (name) => {
      if (insideEngine || columns.isBeingBuilt(tableIndex, name)) return undefined;
      if (!writtenColumn(tablePlan(tableIndex), name)) return () => undefined;
      return columns.shared(tableIndex, name);
    },
    tableKeys: (parent) => {
      const p = tablePlan(parent);
      const key = p.table.primaryKey?.columns[0];
      if (key == null || p.rows === 0) return undefined;
      return { rows: p.rows, keyAt: columns.valueOf(parent, key) };
    },
    ...parentBounds(tableIndex),
    ancestorColumn: (accepts) => ancestors(tableIndex, accepts),
    ...managerTree(tableIndex),
    ...families(tableIndex),
    periodChain: (column) => periodChain(tableIndex, column),
    ownerPeriods: () => ownerPeriods(tableIndex),
    ...(locale === null ? {} : { locale }),
    generatorVersion: version,
    seed: deps.plan.seed,
  });
}

function writtenColumn(t: TablePlan, column: string): boolean {
  return t.columns.some((c) => c.column.name === column && c.written);
}

/** A sibling column's meaning, whatever its source (a unique email is still an email). */
export function siblingKindOf(
  t: TablePlan,
  column: string,
  lookup: TypeLookup,
  version: number,
): SemanticKind | null {
  const c = t.columns.find((col) => col.column.name === column);
  if (!c) return null;
  // A configured generator is the column's meaning (an email reads a first_name generator's names).
  const named = c.steer?.generator;
  if (named !== undefined) return named === 'lorem' || named === 'uuid' ? null : (named as SemanticKind);
  if (c.steer?.template !== undefined || c.steer?.values !== undefined) return null;
  const base = resolveDomains(c.column.type, lookup).base;
  const kind = semanticKindOf(t.table, c.column, base, c.hints, version);
  if (kind !== null || version < 29 || c.hints.oneOf === undefined) return kind;
  // Version 29: a place a CHECK lists (`city IN ('Springfield', …)`) is still the place its row's
  // coordinates are read from.
  const listed = detectSemantic(t.table, c.column, base, version);
  return listed !== null && LISTED_PLACES.has(listed) ? listed : null;
}

const LISTED_PLACES = new Set<SemanticKind>(['city', 'state', 'country', 'country_code']);

/**
 * Version 12: an order reads its lines, a line its place among them (exact fan-out only).
 * Version 17: also the children of a child keyed by its FK and a counter (keyedChildRows).
 * Version 20: a row's parent's rows in its own table (a ledger's running balance).
 */
function familyReaders(
  childDeps: ChildRowsDeps,
  tableIndex: number,
  version: number,
): Pick<RowContext, 'childRows' | 'placeAmongSiblings' | 'keyedChildRows' | 'siblingRows'> {
  if (version < 12) return {};
  return {
    childRows: (accepts) => childRowsOf(childDeps, tableIndex, accepts),
    placeAmongSiblings: () => siblingPlaceOf(childDeps, tableIndex),
    ...(version >= 17
      ? { keyedChildRows: (accepts) => keyedChildRowsOf(childDeps, tableIndex, accepts) }
      : {}),
    ...(version >= 20 ? { siblingRows: () => siblingRowsOf(childDeps, tableIndex) } : {}),
  };
}
