/**
 * Each table's draft, decided once before the planning passes: its CHECKs read
 * into hints (with its partitions' and domains'), partial unique keys its rows
 * stay outside of, cast patterns, the rows asked for after the row trial's
 * cut, and the reasons it gets no rows whatever else is planned (columns no
 * value satisfies, a table changed by DDL datagen cannot read).
 */
import type { JsonPathDemand } from '../checks/check-hints.js';
import type { FormulaOptions } from '../checks/compile-formula.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import type { CheckConstraint, ForeignKey, Table, UniqueKey } from '../schema/model.js';
import { displayColumn, displayName, nameKey } from '../schema/names.js';
import { applyColumnSettings } from './apply-column-settings.js';
import { withCastPatterns } from './cast-demands.js';
import { childDemands } from './child-demands.js';
import { tableFallbacks } from './column-fallbacks.js';
import type { TableSettings } from './column-settings.js';
import { foreignKeyTypeFits, fractionalParentWarnings } from './foreign-key-type-fits.js';
import { withJsonPaths } from './json-path-demands.js';
import type { ParentLookup } from './parent-lookups.js';
import {
  outsidePredicateCheck,
  partialKeysTooSmall,
  type RowsOutside,
  rowsOutsidePartialKeys,
} from './partial-keys.js';
import { emptyDomain, planCheckHints } from './table-check-hints.js';
import { constantExclusionColumns, type TableFamily } from './table-family.js';
import type { Draft } from './table-work.js';
import { excludeEmptyPeriods } from './temporal-keys.js';
import { applyTrialCut, type TrialCuts } from './trial-cuts.js';
import { vacatedKey } from './vacated-foreign-keys.js';

export interface DraftInputs {
  readonly family: TableFamily;
  readonly lookup: TypeLookup;
  readonly readings: FormulaOptions;
  readonly referenceSeconds: number;
  readonly casts: ReadonlyMap<string, Map<string, string>>;
  /** Per table (nameKey): what its generated columns', indexes' and EXCLUDE elements' expressions ask lest the load fail (load-error-checks.ts), planned as CHECKs. */
  readonly loadErrors: ReadonlyMap<string, readonly CheckConstraint[]>;
  /** Rows asked for per table index, and whether they were asked by name. */
  readonly rows: readonly number[];
  readonly explicit: readonly boolean[];
  readonly selectedTables: ReadonlySet<string> | null | undefined;
  readonly trialCuts: TrialCuts | undefined;
  /** The configuration's column and FK settings, by table index. */
  readonly settings: ReadonlyMap<number, TableSettings>;
  /** The value generators' version (see GENERATOR_VERSION). */
  readonly generatorVersion: number;
  /** The run's locale (`--locale`; its unique spaces). */
  readonly locale?: string;
  /** Per table (nameKey), per json column: the paths generated columns, CHECKs and indexes read (json-path-demands.ts). */
  readonly jsonPaths: ReadonlyMap<string, ReadonlyMap<string, readonly JsonPathDemand[]>>;
  /** Per table index, its CHECKs met by picking parent rows (parent-lookups.ts): not read as CHECKs. */
  readonly lookups: ReadonlyMap<number, readonly ParentLookup[]>;
  /** The FKs left NULL in their nullable columns (vacated-foreign-keys.ts): they decide no column's value. */
  readonly vacated: ReadonlySet<string>;
  /** The FKs that read their parent's row back (read-back-keys.ts), by `vacatedKey`: their key column. */
  readonly readBack?: ReadonlyMap<string, { readonly key: string }>;
}

/** Every table's draft; `usesNow` when a selected table's CHECKs read now(). */
export function draftTables(input: DraftInputs, warnings: Warning[]): { drafts: Draft[]; usesNow: boolean } {
  let usesNow = false;
  const drafts = input.family.tables.map((table, index) => {
    const excluded = input.selectedTables?.has(nameKey(table)) === false;
    // A table left out by the selection says nothing: its warnings are not the run's.
    const draft = draftTable(input, table, index, excluded, excluded ? [] : warnings);
    if (draft.usesNow && !excluded) usesNow = true;
    return draft.draft;
  });
  return { drafts, usesNow };
}

/** Why a table gets no rows: a change datagen cannot read, its CHECKs' fallback, NOT NULL columns no value fits. */
function noRowsReasons(
  table: Table,
  generatorVersion: number,
  fallback: string | undefined,
  empty: readonly { readonly column: string; readonly why: string | undefined }[],
): string[] {
  return [
    ...(table.changedUnseenBy === undefined
      ? []
      : [
          `${displayName(table)} is altered, renamed or dropped by the ${table.changedUnseenBy}, which datagen cannot read, so its shape at load time is unknown; write that change as plain DDL for datagen to follow it`,
        ]),
    ...(table.noRowsBecause === undefined ? [] : [table.noRowsBecause]),
    ...(rowsWrittenByCode(table, generatorVersion)
      ? [
          `the ${table.rowsWrittenBy}, which stays before the data, writes ${displayName(table)}'s rows (rows its code inserts, or triggers it makes insert as the data loads): the table holds those rows alone, its keys and indexes made before the call (where an INSERT ... ON CONFLICT needs them), so no row collides with a generated one; to have datagen fill it, write the objects that code makes as plain DDL`,
        ]
      : []),
    ...(table.reshapedByCall !== undefined && generatorVersion >= 22
      ? [
          `${displayName(table)} is altered by the ${table.reshapedByCall} in a way its rows may not survive (an added CHECK or key, a column's new type, dropped or renamed), which datagen cannot read; write that change as plain DDL for datagen to follow it`,
        ]
      : []),
    ...(fallback === undefined ? [] : [fallback]),
    ...empty.map(
      (e) =>
        `${displayColumn(table, e.column)} is NOT NULL and its CHECKs allow no value (${e.why}); fix the CHECK in the DDL`,
    ),
  ];
}

/**
 * The domain CHECKs each FK column's parent column has (its domain, or one
 * under it): an FK column holds its parent's values or NULL, so they hold
 * (Boundary's `wt_public_id`, `length(trim(value)) > 10`, on every FK column).
 * Not through a vacated FK, whose values the column does not take
 * (Boundary's `iam_scope.public_id`, its key), nor (version 19) into the key
 * column of one that reads its parent's row back: the parent's column takes
 * the key's values, not the other way round.
 */
function domainChecksOfParents(
  table: Table,
  input: Pick<DraftInputs, 'family' | 'lookup' | 'vacated' | 'readBack' | 'generatorVersion'>,
): Map<string, Set<CheckConstraint>> {
  const { family, lookup, vacated } = input;
  const kept = new Map<string, Set<CheckConstraint>>();
  family.foreignKeysOf(table).forEach((fk, i) => {
    if (vacated.has(vacatedKey(table, fk))) return;
    const parent = family.tables[family.parentIndex(table, i)];
    const ownKey = input.generatorVersion >= 19 ? input.readBack?.get(vacatedKey(table, fk))?.key : undefined;
    fk.columns.forEach((column, k) => {
      if (column === ownKey) return;
      const parentColumn = parent?.columns.find((c) => c.name === fk.referencedColumns[k]);
      if (parentColumn === undefined) return;
      const checks = kept.get(column) ?? new Set<CheckConstraint>();
      for (const c of resolveDomains(parentColumn.type, lookup).checks) checks.add(c);
      kept.set(column, checks);
    });
  });
  return kept;
}

/**
 * The table as its CHECKs are planned: a vacated FK takes none of its columns' values (its key column is made
 * to its CHECKs like any key); version 19: a read-back FK's key column is the table's own, made to its CHECKs
 * likewise.
 */
function askingTable(input: Pick<DraftInputs, 'vacated' | 'readBack' | 'generatorVersion'>, t: Table): Table {
  const ownKey = (fk: ForeignKey) =>
    input.generatorVersion >= 19 ? input.readBack?.get(vacatedKey(t, fk))?.key : undefined;
  if (!t.foreignKeys.some((fk) => input.vacated.has(vacatedKey(t, fk)) || ownKey(fk) !== undefined)) return t;
  return {
    ...t,
    foreignKeys: t.foreignKeys
      .filter((fk) => !input.vacated.has(vacatedKey(t, fk)))
      .map((fk) => withoutColumn(fk, ownKey(fk))),
  };
}

/** The FK without one of its columns (and the parent column it takes), or the FK itself when none is named. */
function withoutColumn(fk: ForeignKey, column: string | undefined): ForeignKey {
  const at = column === undefined ? -1 : fk.columns.indexOf(column);
  if (at < 0) return fk;
  const keep = (_: string, i: number) => i !== at;
  return { ...fk, columns: fk.columns.filter(keep), referencedColumns: fk.referencedColumns.filter(keep) };
}

/**
 * The table's CHECKs planned into column hints: with its load-error checks,
 * its parents' domain checks, rows kept outside partial keys too small for
 * them, cast patterns, JSON paths and the configuration's column settings.
 */
function planTableChecks(
  input: DraftInputs,
  table: Table,
  index: number,
  excluded: boolean,
  filled: boolean,
  lookups: Draft['lookups'],
): {
  planned: ReturnType<typeof planCheckHints>;
  outside: UniqueKey[];
  rowsOutside: Map<string, RowsOutside>;
} {
  const { family, lookup } = input;
  const root = family.rootOf(table);
  const trusted = new Set([
    ...(input.settings.get(index)?.trustChecks ?? []),
    ...lookups.map((l) => l.check),
    ...metChecks(table, input.generatorVersion),
  ]);
  const bounds = [
    ...(input.loadErrors.get(nameKey(root)) ?? []),
    ...foreignKeyTypeFits(table, family, lookup),
  ];
  const kept = domainChecksOfParents(table, input);
  // Columns a child copies into a stricter domain over theirs are made to the child's domain, and those a NOT NULL
  // FK column takes are never NULL (child-demands.ts).
  const demands = childDemands(table, family, lookup, input.vacated);
  const stricter = demands.types;
  const typed = (t: Table): Table =>
    stricter.size === 0
      ? t
      : { ...t, columns: t.columns.map((c) => ({ ...c, type: stricter.get(c.name) ?? c.type })) };
  const planChecks = (t: Table) =>
    planCheckHints(
      askingTable(input, typed(bounds.length > 0 ? { ...t, checks: [...t.checks, ...bounds] } : t)),
      family.partitionsOf(table),
      lookup,
      input.readings,
      input.referenceSeconds,
      trusted,
      (column, check) => kept.get(column)?.has(check) === true,
    );
  let planned = planChecks(table);
  // Partial unique keys too small for the rows: rows kept outside their WHERE, when that CHECK plans.
  let outside =
    filled || excluded
      ? []
      : partialKeysTooSmall(
          table,
          planned.hints,
          lookup,
          input.rows[index] as number,
          input.generatorVersion,
          input.locale,
        );
  if (outside.length > 0) {
    const extra = outside.map((k) => outsidePredicateCheck(k));
    const again = planChecks({ ...table, checks: [...table.checks, ...extra] });
    if (again.problems.some((p) => extra.some((c) => c.name === p.check))) outside = [];
    else planned = again;
  }
  // Partial keys over FKs: the rows past their room kept outside the WHERE (planned per pass, key-capacity.ts).
  const rowsOutside =
    filled || excluded
      ? new Map<string, RowsOutside>()
      : rowsOutsidePartialKeys(table, planned, new Set(outside), (extra) =>
          planChecks({
            ...table,
            checks: [...table.checks, ...outside.map((k) => outsidePredicateCheck(k)), extra],
          }),
        );
  for (const c of demands.notNull) planned.hints.set(c, { ...(planned.hints.get(c) ?? {}), notNull: true });
  withCastPatterns(table, planned.hints, input.casts.get(nameKey(root)), lookup);
  withJsonPaths(table, planned.hints, input.jsonPaths.get(nameKey(root)), lookup);
  for (const c of constantExclusionColumns(table))
    planned.hints.set(c, { ...(planned.hints.get(c) ?? {}), sameInEveryRow: true });
  excludeEmptyPeriods(table, planned.hints);
  const columnSettings = input.settings.get(index)?.columns;
  if (columnSettings && !excluded) {
    // The configuration's bounds and lists become the columns' hints; conflicts are errors at their place.
    applyColumnSettings(columnSettings, {
      table,
      hints: planned.hints,
      columnParts: planned.columnParts,
      verify: planned.checks.verify,
      lookup,
      now: input.referenceSeconds,
      rows: input.rows[index] as number,
    });
  }
  return { planned, outside, rowsOutside };
}

function draftTable(
  input: DraftInputs,
  table: Table,
  index: number,
  excluded: boolean,
  warnings: Warning[],
): { draft: Draft; usesNow: boolean } {
  const { family, lookup } = input;
  const root = family.rootOf(table);
  const filledThrough = root === table ? null : root;
  const lookups = input.lookups.get(index) ?? [];
  const { planned, outside, rowsOutside } = planTableChecks(
    input,
    table,
    index,
    excluded,
    filledThrough !== null,
    lookups,
  );
  warnings.push(...planned.warnings);
  if (!excluded && filledThrough === null) warnings.push(...fractionalParentWarnings(table, family, lookup));
  const explicit = input.explicit[index] === true;
  const requested =
    filledThrough || excluded
      ? 0
      : applyTrialCut(table, input.rows[index] as number, explicit, input.trialCuts, warnings);
  const empty = table.columns
    .map((c) => ({ column: c.name, why: emptyDomain(table, c.name, planned.hints.get(c.name), lookup) }))
    .filter((e) => e.why !== undefined);
  // Columns without values (unknown types, contradictory bounds, an unsatisfiable CHECK): NULL, or no rows.
  // A UNIQUE key (NULLs distinct) holds for a column left NULL in every row: only these keys' columns need values.
  const keyed = new Set(
    [
      ...(table.primaryKey ? [table.primaryKey] : []),
      ...table.uniques.filter((k) => k.nullsNotDistinct),
    ].flatMap((k) => k.columns.filter((c): c is string => c !== null)),
  );
  const fallback = filledThrough
    ? undefined
    : tableFallbacks({
        table,
        problems: planned.problems,
        hints: planned.hints,
        keyed,
        asked: explicit && requested > 0,
        lookup,
        warnings,
      });
  const reasons = noRowsReasons(table, input.generatorVersion, fallback, empty);
  // The fallback's reason was warned (naming the table and that it gets no rows); columns without values say it again.
  const told =
    fallback !== undefined &&
    table.changedUnseenBy === undefined &&
    table.noRowsBecause === undefined &&
    !leftToCode(table, input.generatorVersion);
  return {
    draft: {
      table,
      index,
      requested,
      explicit,
      filledThrough,
      hints: planned.hints,
      checks: planned.checks,
      columnParts: planned.columnParts,
      noRows: told ? fallback : reasons.length === 0 ? undefined : reasons.join('; '),
      ...(told ? { noRowsTold: true } : {}),
      excluded,
      outsideKeys: new Set(outside),
      rowsOutside,
      lookups,
    },
    usesNow: planned.usesNow,
  };
}

/** The CHECKs this generator version's values meet by construction (`metFrom`, input/ddl/postgis-checks.ts). */
function metChecks(table: Table, generatorVersion: number): string[] {
  return table.checks
    .filter((c) => c.metFrom !== undefined && generatorVersion >= c.metFrom)
    .map((c) => c.name);
}

/** Whether the table holds only the rows kept code writes before the data (Table.rowsWrittenBy; generator version 22). */
export function rowsWrittenByCode(table: Table, generatorVersion: number): boolean {
  return table.rowsWrittenBy !== undefined && generatorVersion >= 22;
}

/**
 * Whether kept code a top-level call runs decides the table's rows: it writes them (Table.rowsWrittenBy), or
 * alters the table so generated rows may not load (Table.reshapedByCall); both from generator version 22.
 */
export function leftToCode(table: Table, generatorVersion: number): boolean {
  return (
    rowsWrittenByCode(table, generatorVersion) ||
    (table.reshapedByCall !== undefined && generatorVersion >= 22)
  );
}
