/**
 * What planning one table works with (plan-table.ts): its draft (decided once
 * before the passes), the context every table's plan reads, and the table
 * being planned (column sources so far, hints, rows, warnings).
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import type { Table, UniqueKey } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import type { TableSettings } from './column-settings.js';
import { noRowsWarning } from './cut-propagation.js';
import type { ExistingParentKeys, HeldColumnValues } from './existing-parents.js';
import type { KeyRings } from './key-rings.js';
import type { ParentLookup } from './parent-lookups.js';
import type { RowsOutside } from './partial-keys.js';
import type { PinnedValues } from './pinned-columns.js';
import type { CheckPart, ColumnSource, TableCheckPlan } from './plan-model.js';
import type { ReadBack } from './read-back-keys.js';
import type { TableFamily } from './table-family.js';

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
  /**
   * `noRows` is a warning given already that says the table gets no rows (a
   * CHECK datagen cannot read or that can never hold, a NOT NULL column
   * without values): one cause, one warning, so emptying it adds none.
   */
  readonly noRowsTold?: boolean;
  readonly excluded: boolean;
  /** Partial unique keys every row is kept outside of (see partial-keys.ts): not planned as keys. */
  readonly outsideKeys: ReadonlySet<UniqueKey>;
  /** Partial unique keys over FKs whose rows past the key's room are kept outside its WHERE, by key name (partial-keys.ts). */
  readonly rowsOutside: ReadonlyMap<string, RowsOutside>;
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
  /** Composite FKs whose nullable own columns are left NULL (vacated-foreign-keys.ts), by `vacatedKey`. */
  readonly vacated: ReadonlySet<string>;
  /** Composite FKs that read their parent's row i back (read-back-keys.ts), by `vacatedKey`. */
  readonly readBack: ReadonlyMap<string, ReadBack>;
  /** The parents' FKs those read back through (their first picks are rows 0, 1, 2, …), by `vacatedKey`. */
  readonly readBackParents: ReadonlySet<string>;
  /** Primary keys that reference each other 1:1 in a ring (key-rings.ts). */
  readonly rings: KeyRings;
  /** The values a single-column FK is restricted to (CHECK IN, LIST partitions), if it is. */
  readonly listedOf: (draft: Draft, column: string) => readonly string[] | undefined;
  /** The configuration's column and FK settings, by table index (see column-settings.ts). */
  readonly settings: ReadonlyMap<number, TableSettings>;
  /** The value generators' version (which columns have a meaning, so which unique spaces). */
  readonly generatorVersion: number;
  /** The run's locale (`--locale`; its unique spaces). */
  readonly locale?: string;
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
  /** FKs whose parent row i is row i's (a tenant key's extension: pinned-columns.ts tenantExtensionFk). */
  readonly orderedFks: Set<number>;
  /** Read-back FKs (read-back-keys.ts) whose parent points back at row i in its row i, by `vacatedKey`. */
  readonly readsBack: Set<string>;
  set(column: string, source: ColumnSource, reason: string): void;
  /** The table gets no rows, because… (warned once, when it had rows, unless `told` already). */
  empty(because: string, told?: boolean): void;
}

/** The table being planned, from its draft: rows as asked (under the cap), hints copied, sources empty. */
export function startWork(draft: Draft, warnings: Warning[], cap: number | undefined): TableWork {
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
    orderedFks: new Set(),
    readsBack: new Set(),
    set: (column, source, reason) => {
      sources.set(column, source);
      reasons.set(column, reason);
    },
    empty: (because, told = false) => {
      if (work.rows > 0 && !told)
        warnings.push(noRowsWarning(displayName(draft.table), because, draft.requested));
      work.rows = 0;
    },
  };
  return work;
}
