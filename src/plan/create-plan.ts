/**
 * Schema + options → GenerationPlan. Decides, before any byte is written,
 * how many rows each table gets and where every column's value comes from:
 * unique keys by construction (keyed bijections), foreign keys by computed
 * parent row, CHECK bounds, partition routing. Impossible requests fail here
 * with the numbers.
 */
import { defaultReferenceTime, nowReadings } from '../checks/compile-checks.js';
import { createTypeLookup, resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { groupEmptiedByMissingParents } from '../input/ddl/missing-parents.js';
import type { TableConfig } from '../input/spec/config-file.js';
import { checkLocale, DEFAULT_LOCALE } from '../input/spec/locales.js';
import type { Schema, Table } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { effectiveGeneratorVersion, GENERATOR_VERSION, isSeed, seedMessage } from '../version.js';
import { castDemands } from './cast-demands.js';
import { resolveTableSettings } from './column-settings.js';
import { explainCap, settleRows } from './cut-propagation.js';
import { distinctPrefixDemands } from './distinct-prefix.js';
import {
  type ExistingParentKeys,
  existingParentsKey,
  type HeldColumnValues,
  heldParentValues,
  heldTenantValues,
} from './existing-parents.js';
import { markImpliedKeys } from './implied-keys.js';
import { jsonPathDemands } from './json-path-demands.js';
import { keyRings } from './key-rings.js';
import {
  excludeDemandedValues,
  holdDemandedValues,
  listDemandedValues,
  listedValues,
} from './listed-fk-values.js';
import { loadErrorChecks } from './load-error-checks.js';
import { shortenDemandedParentValues } from './narrowed-fk-parents.js';
import { findParentLookups, holdLookedUpValues } from './parent-lookups.js';
import { groupNoPartitionWarnings } from './partition-key-plan.js';
import { findPinnedColumns, MAX_STRIPES, newTenantWarnings } from './pinned-columns.js';
import type { GenerationPlan, TablePlan } from './plan-model.js';
import { planTable } from './plan-table.js';
import { readBacksAndVacated } from './read-back-keys.js';
import { type RowOptions, resolveRowCounts } from './row-counts.js';
import { applyRowsPerParent } from './rows-per-parent.js';
import { capRowsBySequences } from './sequence-capacity.js';
import { shareParentKeys } from './shared-parent-keys.js';
import { evaluateSqlSetting } from './sql-setting.js';
import { checkNamesOf, groupRepeatedCheckWarnings } from './table-check-hints.js';
import { draftTables } from './table-drafts.js';
import { type TableFamily, tableFamily } from './table-family.js';
import type { Draft, PlanContext } from './table-work.js';
import { pgTimeSettings } from './time-setting-values.js';
import type { TrialCuts } from './trial-cuts.js';
import { vacatedForeignKeys } from './vacated-foreign-keys.js';
import { checksOfVersion } from './version-checks.js';

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
  /** The configuration's tables (`.datagen.yaml`): per column and per foreign key settings. */
  readonly settings?: Readonly<Record<string, TableConfig>>;
  /**
   * Names, addresses, phone formats and words in this locale (default en;
   * see LOCALES). Load it with `loadLocale` before building value functions.
   */
  readonly locale?: string;
  /**
   * The value generators' version (default GENERATOR_VERSION): an older one
   * keeps the values an older datagen made (`generator_version`).
   */
  readonly generatorVersion?: number;
  /**
   * --append: parent rows the target database holds (read by
   * format/existing-keys.ts); FKs may point at them as well as at new rows.
   */
  readonly existingParents?: ExistingParentKeys;
  /**
   * --append: the values the target's tables hold in their one-column unique
   * keys (read in full: `heldColumnValues`), by `existingParentsKey(table, [column])`.
   */
  readonly heldValues?: HeldColumnValues;
  /** --append: rows added to tables that hold some (keys of several columns then avoid theirs as whole tuples). */
  readonly append?: boolean;
}

export const DEFAULT_SEED = 42;

/** The run's seed, locale and generators' version, checked (a seed or locale datagen does not take is refused). */
function runIdentity(options: PlanOptions): { seed: number; locale: string; version: number } {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!isSeed(seed)) throw new DatagenError(ErrorCodes.BAD_OPTION, seedMessage('seed', seed), { seed });
  const locale = options.locale === undefined ? DEFAULT_LOCALE : checkLocale(options.locale, 'locale');
  return { seed, locale, version: effectiveGeneratorVersion(options.generatorVersion) };
}

export function createPlan(given: Schema, options: PlanOptions = {}): GenerationPlan {
  const { seed, locale, version } = runIdentity(options);
  const schema = checksOfVersion(given, version);
  const lookup = createTypeLookup(schema, version);
  const warnings: Warning[] = [];
  const family = tableFamily(schema.tables, lookup, version);
  const { rows, explicit } = resolveRowCounts(schema.tables, options);
  // --size computes every table's rows from the schema's ratios: per-parent settings are for counts asked for.
  if (options.computedTables !== true) applyRowsPerParent(schema.tables, rows, explicit, options.settings);
  capRowsBySequences(schema, lookup, rows, explicit, options.selectedTables, warnings);
  const referenceTime = options.referenceTime ?? defaultReferenceTime();
  const referenceSeconds = Math.floor(referenceTime.getTime() / 1000);
  const settings = configuredSettings(schema, options, lookup, family, referenceSeconds);
  const lookups = parentLookupsOf(family, lookup, settings, version);
  // --append's and filling in place's first picks are the target's rows: none is known to point back at row j.
  const { readBack, vacated } =
    options.append === true || options.existingParents !== undefined
      ? { readBack: new Map(), vacated: vacatedForeignKeys(schema.tables, lookup) }
      : readBacksAndVacated(schema, lookup, version);
  const { drafts: drafted, usesNow } = draftTables(
    {
      family,
      lookup,
      vacated,
      readBack,
      readings: { ...nowReadings(referenceTime), generatorVersion: version },
      referenceSeconds,
      casts: castDemands(schema),
      loadErrors: loadErrorChecks(schema, version),
      // Version 3: documents hold the keys generated columns, CHECKs and indexes read.
      jsonPaths: version >= 3 ? jsonPathDemands(schema, lookup) : new Map(),
      rows,
      explicit,
      selectedTables: options.selectedTables,
      trialCuts: options.trialCuts,
      settings,
      generatorVersion: version,
      ...(locale === DEFAULT_LOCALE ? {} : { locale }),
      lookups,
    },
    warnings,
  );
  holdLookedUpValues(lookups, family.tables, (i) => (drafted[i] as Draft).hints, warnings);
  if (usesNow && (options.referenceTime ?? undefined) === undefined) {
    warnings.push({
      code: 'CHECK_REFERENCE_TIME',
      where: 'plan',
      message: `CHECKs read now()/current_date as ${referenceTime.toISOString()} (fix it with --reference-time, or the referenceTime option of the library, for reproducible output).`,
    });
  }
  groupRepeatedCheckWarnings(warnings);
  const drafts = stillTold(drafted, warnings);
  const quiet = new Set([...vacated, ...readBack.keys()]);
  const pinned = pinnedColumns(schema, options, { seed, lookup, version, vacated: quiet, drafts, explicit });
  if (options.append === true) warnings.push(...newTenantWarnings(pinned));
  const ctx: PlanContext = {
    family,
    vacated,
    readBack,
    readBackParents: new Set([...readBack.values()].map((r) => r.back)),
    rings: keyRings(family),
    drafts,
    lookup,
    nullRate: options.nullRate ?? 0.1,
    pinned,
    distinctFirst: distinctPrefixDemands(family, drafts),
    generatorVersion: version,
    ...(locale === DEFAULT_LOCALE ? {} : { locale }),
    settings,
    ...(options.existingParents === undefined ? {} : { existingParents: options.existingParents }),
    ...(options.heldValues === undefined ? {} : { heldValues: options.heldValues }),
    ...(options.append === true ? { append: true } : {}),
    listedOf: (draft, column) =>
      listedValues(draft.table, column, draft.hints, family.partitionsOf(draft.table), family.partitionsOf),
  };
  shareNonIntegerParentKeys(ctx);
  holdListedParentValues(ctx);
  shortenDemandedParentValues(ctx);

  // Cuts travel along FKs: plan every table from its parents' rows of the pass before, until rows settle.
  const settled = settleRows<TablePlan>(schema.tables.length, (previous, caps) => {
    const passWarnings: Warning[] = [];
    const plans = drafts.map((draft) => {
      const plan = planTable(ctx, draft, previous, passWarnings, caps?.[draft.index]);
      return explainCap(plan, draft.requested, caps?.[draft.index], passWarnings);
    });
    return { plans, warnings: passWarnings };
  });
  return {
    seed,
    referenceTime: referenceTime.toISOString(),
    ...(locale === DEFAULT_LOCALE ? {} : { locale }),
    ...(version === GENERATOR_VERSION ? {} : { generatorVersion: version }),
    tables: markImpliedKeys(settled.plans, lookup, version),
    warnings: groupEmptiedByMissingParents(
      groupNoPartitionWarnings(dedupe([...warnings, ...settled.warnings])),
    ),
  };
}

/** CHECKs that look their FK's parent row up (a function over the parent's table): met by the picks (version 3). */
function parentLookupsOf(
  family: TableFamily,
  lookup: TypeLookup,
  settings: ReturnType<typeof configuredSettings>,
  version: number,
): ReturnType<typeof findParentLookups> {
  if (version < 3) return new Map();
  return findParentLookups(
    family,
    lookup,
    (t, column) => settings.get(t)?.columns.has(column) === true,
    version,
  );
}

/** The configuration's per-table settings, `sql:` values evaluated in their column's type. */
function configuredSettings(
  schema: Schema,
  options: PlanOptions,
  lookup: TypeLookup,
  family: TableFamily,
  referenceSeconds: number,
): ReturnType<typeof resolveTableSettings> {
  return resolveTableSettings(
    schema.tables,
    (t) => t.foreignKeys,
    options.settings,
    (t, name, c) => {
      const column = t.columns.find((col) => col.name === name);
      const base = column && resolveDomains(column.type, lookup).base;
      if (!base) return c;
      return pgTimeSettings(evaluateSqlSetting(c, displayColumn(t, name), base, referenceSeconds), base);
    },
    (t) => checkNamesOf(t, family.partitionsOf(t), lookup),
  );
}

/** Columns pinned to a few values (tenant keys); with --append, to the target's held parents and tenants. */
function pinnedColumns(
  schema: Schema,
  options: PlanOptions,
  at: {
    seed: number;
    lookup: TypeLookup;
    version: number;
    vacated: ReturnType<typeof vacatedForeignKeys>;
    drafts: readonly Draft[];
    explicit: readonly boolean[];
  },
): ReturnType<typeof findPinnedColumns> {
  const append = options.append === true;
  // Each table's first draft, found without a scan of the drafts per column asked about.
  const draftOf = new Map<Table, Draft>([...at.drafts].reverse().map((d) => [d.table, d]));
  return findPinnedColumns(
    schema,
    at.seed,
    at.lookup,
    at.version,
    append ? (table, column) => heldParentValues(options, table, column) : undefined,
    at.vacated,
    (table, column) => draftOf.get(table)?.hints.get(column),
    append
      ? (table, column) =>
          // New tenants only when their table's rows were asked for by name.
          at.explicit[schema.tables.indexOf(table)] === true
            ? []
            : heldTenantValues(options.existingParents?.get(existingParentsKey(table, [column])), MAX_STRIPES)
      : undefined,
  );
}

/**
 * Drafts whose no-rows reason was warned keep that warning as the table's
 * only one while a warning on the table (or one of its columns) still says it
 * gets no rows: a CHECK warning merged into a group naming a few tables no
 * longer does, and the table's own TABLE_EMPTY is given again.
 */
function stillTold(drafts: readonly Draft[], warnings: readonly Warning[]): Draft[] {
  return drafts.map((draft) => {
    if (draft.noRowsTold !== true) return draft;
    const name = displayName(draft.table);
    const told = warnings.some(
      (w) => (w.where === name || w.where.startsWith(`${name}.`)) && w.message.includes('gets no rows'),
    );
    return told ? draft : { ...draft, noRowsTold: false };
  });
}

/** A column with FKs to two parents of non-integer keys: both parents hold a list of shared values (shared-parent-keys.ts). */
function shareNonIntegerParentKeys(ctx: PlanContext): void {
  for (const draft of ctx.drafts) {
    if (draft.filledThrough !== null) continue;
    shareParentKeys({
      table: draft.table,
      fks: ctx.family.foreignKeysOf(draft.table),
      parent: (i) => {
        const parent = ctx.drafts[ctx.family.parentIndex(draft.table, i)];
        return parent && parent !== draft
          ? { table: parent.table, rows: parent.requested, hints: parent.hints }
          : undefined;
      },
      hints: draft.hints,
      lookup: ctx.lookup,
      generatorVersion: ctx.generatorVersion,
    });
  }
}

/**
 * The list a column's one FK draws from, when that FK is its only one, of one column, to an enum table (a
 * parent whose referenced column lists its values): undefined else.
 */
function enumListOf(ctx: PlanContext, index: number, column: string): readonly string[] | undefined {
  const table = ctx.family.tables[index];
  if (!table) return undefined;
  const fks = ctx.family.foreignKeysOf(table);
  const on = fks.flatMap((fk, i) => (fk.columns.includes(column) ? [i] : []));
  const fk = on.length === 1 ? fks[on[0] as number] : undefined;
  if (fk?.columns.length !== 1) return undefined;
  const parent = ctx.family.parentIndex(table, on[0] as number);
  if (parent < 0 || parent === index) return undefined;
  return ctx.drafts[parent]?.hints.get(fk.referencedColumns[0] as string)?.oneOf;
}

/** FK columns restricted to listed values (CHECK IN, LIST partitions): their parents' key columns hold those values. */
function holdListedParentValues(ctx: PlanContext): void {
  const demands = ctx.drafts
    .filter((draft) => draft.filledThrough === null)
    .flatMap((draft) =>
      ctx.family.foreignKeysOf(draft.table).flatMap((fk, i) => {
        const values = fk.columns.length === 1 ? ctx.listedOf(draft, fk.columns[0] as string) : undefined;
        const parent = ctx.family.parentIndex(draft.table, i);
        if (!values || parent < 0 || parent === draft.index) return [];
        return [{ parent, column: fk.referencedColumns[0] as string, values }];
      }),
    );
  holdDemandedValues(
    demands,
    ctx.family.tables,
    (i) => (ctx.drafts[i] as Draft).hints,
    (i, column) => heldParentValues(ctx, ctx.family.tables[i], column),
  );
  // A composite FK's listed column (a subtype's discriminator): the parent's free column takes the listed values.
  const listed = ctx.drafts
    .filter((draft) => draft.filledThrough === null)
    .flatMap((draft) =>
      ctx.family.foreignKeysOf(draft.table).flatMap((fk, i) => {
        const parent = ctx.family.parentIndex(draft.table, i);
        if (fk.columns.length < 2 || parent < 0 || parent === draft.index) return [];
        return fk.columns.flatMap((column, k) => {
          const values = ctx.listedOf(draft, column);
          return values ? [{ parent, column: fk.referencedColumns[k] as string, values }] : [];
        });
      }),
    );
  listDemandedValues(
    listed,
    ctx.family.tables,
    (i) => (ctx.drafts[i] as Draft).hints,
    (i, column) => enumListOf(ctx, i, column),
  );
  // Values an FK column's CHECKs keep out (`<>`, NOT IN): its parent's column keeps them out too.
  const excluded = ctx.drafts
    .filter((draft) => draft.filledThrough === null)
    .flatMap((draft) =>
      ctx.family.foreignKeysOf(draft.table).flatMap((fk, i) => {
        const parent = ctx.family.parentIndex(draft.table, i);
        if (parent < 0 || parent === draft.index) return [];
        return fk.columns.flatMap((column, k) => {
          const values = draft.hints.get(column)?.exclude;
          return values && values.length > 0
            ? [{ parent, column: fk.referencedColumns[k] as string, values }]
            : [];
        });
      }),
    );
  excludeDemandedValues(excluded, ctx.family.tables, (i) => (ctx.drafts[i] as Draft).hints);
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
