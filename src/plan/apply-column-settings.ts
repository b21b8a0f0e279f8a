/**
 * The configuration's column settings applied to a table's plan: checked
 * against the column's type, CHECKs and keys (errors at their place), made
 * bounds and value lists where the planner keeps them (`min`/`max`,
 * `values` of a unique column), and carried as a `ColumnSteer` to the engine
 * for the rest (generator, weighted values, distributions, templates).
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { ColumnConfig } from '../input/spec/column-config.js';
import { tableKeys } from '../schema/key-columns.js';
import type { Column, Table, TypeRef, UniqueKey } from '../schema/model.js';
import { displayColumn } from '../schema/names.js';
import { ordinalCodecFor } from '../values/ordinal-codec.js';
import { isThirdAddressLine, THIRD_LINE_NULL_RATE } from '../values/semantic/column-names.js';
import { isRareEventTime, RARE_EVENT_NULL_RATE } from '../values/semantic/number-time-names.js';
import { checkGenerator, checkTemplate, settingError, typeName } from './column-settings.js';
import { applyBounds, checkValues, ownChecks } from './column-values.js';
import type { CheckPart, ColumnPlan, ColumnSource, ColumnSteer } from './plan-model.js';

export interface SettingsContext {
  readonly table: Table;
  readonly hints: Map<string, ColumnHints>;
  readonly columnParts: ReadonlyMap<string, readonly CheckPart[]>;
  readonly verify: readonly CheckPart[];
  readonly lookup: TypeLookup;
  readonly now: number;
  readonly rows: number;
}

/** Checks every setting of the table's columns and makes the bounds and lists the planner keeps. */
export function applyColumnSettings(
  settings: ReadonlyMap<string, ColumnConfig>,
  context: SettingsContext,
): void {
  const { table, lookup } = context;
  for (const [name, config] of settings) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) continue;
    const where = `${displayColumn(table, name)}`;
    const base = resolveDomains(column.type, lookup).base;
    const hints = context.hints.get(name) ?? {};
    context.hints.set(name, hints);
    if (column.generated !== null) {
      throw settingError(
        config.where,
        `${where} is a generated column: PostgreSQL computes it; remove its settings`,
      );
    }
    const checks = ownChecks(name, context.columnParts.get(name) ?? [], context.verify);
    const valueContext = { where, column, base, hints, checks, lookup, now: context.now };
    checkGenerator(config, where, base);
    checkTemplate(config, where, table, name, base, hints, context.rows);
    checkValues(config, valueContext);
    applyBounds(config, valueContext);
    checkDistribution(config, where, base);
    if (config.nullRate !== undefined && config.nullRate > 0 && (column.notNull || hints.notNull)) {
      throw settingError(config.at.null_rate ?? config.where, `${where} is NOT NULL: null_rate must be 0`);
    }
    if (config.unique === true) {
      const steered = (['generator', 'weights', 'distribution'] as const).find(
        (k) => config[k] !== undefined,
      );
      if (steered !== undefined) {
        throw settingError(
          config.at[steered] ?? config.where,
          `${where}: ${steered} does not combine with unique: true (unique values are made by construction); use values, min/max or a template with {row}`,
        );
      }
    }
    // A unique column's list is its key's space (a key column's too: its values are made by the key's bijection).
    if (config.values !== undefined && (config.unique === true || inUniqueKey(table, name)))
      hints.oneOf = config.values;
  }
}

/** Whether the column is an element of the primary key or of a UNIQUE constraint or index. */
function inUniqueKey(table: Table, column: string): boolean {
  return [table.primaryKey, ...table.uniques].some((k) => k?.columns.includes(column) === true);
}

function checkDistribution(config: ColumnConfig, where: string, base: TypeRef): void {
  const d = config.distribution;
  if (d === undefined) return;
  const at = config.at.distribution ?? config.where;
  if (config.values !== undefined) {
    if (d.kind === 'normal' || d.kind === 'lognormal') {
      throw settingError(
        at,
        `${where}: ${d.kind} applies to a range of numbers or dates; over values use uniform, zipf, sequential or weights`,
      );
    }
    if (config.weights !== undefined && d.kind !== 'uniform') {
      throw settingError(at, `${where}: give weights or a ${d.kind} distribution over the values, not both`);
    }
    return;
  }
  if (config.generator !== undefined || config.template !== undefined) {
    throw settingError(
      at,
      `${where}: a distribution applies to values or to a number/date range, not to a ${config.generator !== undefined ? 'generator' : 'template'}`,
    );
  }
  if (d.kind === 'lognormal' && ['date', 'timestamp', 'timestamptz'].includes(base.name)) {
    throw settingError(
      at,
      `${where}: lognormal applies to numbers; for dates use uniform, normal, zipf or sequential`,
    );
  }
  if (!ordinalCodecFor(base) || base.name === 'time') {
    throw settingError(
      at,
      `${where}: a distribution applies to numbers, dates and timestamps; the column is ${typeName(base)} (give values to draw from)`,
    );
  }
}

/** Unique keys the configuration asks for (`unique: true` on a column no key covers alone). */
export function configUniqueKeys(
  table: Table,
  settings: ReadonlyMap<string, ColumnConfig> | undefined,
): UniqueKey[] {
  const keys: UniqueKey[] = [];
  for (const [name, config] of settings ?? []) {
    if (config.unique !== true) continue;
    const covered = tableKeys(table).some(
      (k) => k.columns.length === 1 && k.columns[0] === name && k.where === null,
    );
    if (covered) continue;
    keys.push({
      kind: 'unique',
      name: `${table.name}_${name}_config_unique`,
      columns: [name],
      expressions: [null],
      where: null,
      nullsNotDistinct: false,
      isIndex: false,
      deferrable: false,
    });
  }
  return keys;
}

const STEERABLE = new Set<ColumnSource['kind']>(['random', 'one-of']);

/**
 * The engine's part of a column's settings, once its source is known: a
 * setting on a column whose values come from elsewhere (a foreign key, a
 * partition key, a key other than a template with {row}) is an error.
 */
export function columnSteer(
  table: Table,
  name: string,
  config: ColumnConfig,
  source: ColumnSource,
  describe: (source: ColumnSource) => string,
): ColumnSteer | undefined {
  const where = `${displayColumn(table, name)}`;
  const steered = (
    ['generator', 'values', 'weights', 'distribution', 'template', 'null_rate'] as const
  ).filter((k) => (k === 'null_rate' ? config.nullRate !== undefined : config[k] !== undefined));
  const unique = source.kind === 'unique';
  // A unique column keeps its list (values) or bounds (min/max) as its key's space; a template with {row} is unique by itself.
  const allowed: readonly string[] = unique
    ? ['values', 'template']
    : source.kind === 'one-of'
      ? steered.filter((k) => k !== 'generator' && k !== 'template')
      : STEERABLE.has(source.kind)
        ? steered
        : [];
  const refused = steered.find((k) => !allowed.includes(k));
  if (refused !== undefined) {
    throw settingError(
      config.at[refused] ?? config.where,
      `${where}: ${refused} does not apply: its values come from ${describe(source)}`,
    );
  }
  if (unique && config.template !== undefined && !/\{\{?\s*row\b/.test(config.template)) {
    throw settingError(
      config.at.template ?? config.where,
      `${where} is in a unique key: its template needs {row} (e.g. "ORD-{row:06}")`,
    );
  }
  if (unique && config.template === undefined) return undefined;
  const steer: ColumnSteer = {
    where: config.where,
    ...(config.generator === undefined ? {} : { generator: config.generator }),
    ...(config.values === undefined || unique ? {} : { values: config.values }),
    ...(config.weights === undefined ? {} : { weights: config.weights }),
    ...(config.distribution === undefined ? {} : { distribution: config.distribution }),
    ...(config.template === undefined ? {} : { template: config.template }),
  };
  return Object.keys(steer).length > 1 ? steer : undefined;
}

/** A free nullable column's NULL share: the run's, or (version 3) most rows for a rare event's time (`deleted_at`). */
function defaultNullRate(table: Table, column: Column, runRate: number, version: number): number {
  if (version < 3 || runRate <= 0) return runRate;
  if (isRareEventTime(column.name)) return Math.max(runRate, RARE_EVENT_NULL_RATE);
  // Most addresses have two lines: a third is mostly NULL.
  return isThirdAddressLine(table, column) ? Math.max(runRate, THIRD_LINE_NULL_RATE) : runRate;
}

/** The table's column plans, the configuration's settings applied; the CHECK parts steered columns are verified against per row. */
export function planColumns(args: {
  readonly table: Table;
  readonly settings: ReadonlyMap<string, ColumnConfig> | undefined;
  readonly hints: ReadonlyMap<string, ColumnHints>;
  readonly sources: ReadonlyMap<string, ColumnSource>;
  readonly reasons: ReadonlyMap<string, string>;
  readonly keyColumns: ReadonlySet<string>;
  /** Unique columns only a CASE branch's key holds: NULL where nullable, as a free column (case-key-branches.ts). */
  readonly branchColumns?: ReadonlySet<string>;
  readonly nullRate: number;
  /** The value generators' version (version 3: rare events' times mostly NULL). */
  readonly generatorVersion: number;
  readonly columnParts: ReadonlyMap<string, readonly CheckPart[]>;
}): { readonly columns: ColumnPlan[]; readonly steeredChecks: CheckPart[] } {
  const steeredChecks: CheckPart[] = [];
  const columns = args.table.columns.map((column): ColumnPlan => {
    const h = args.hints.get(column.name) ?? {};
    const source = args.sources.get(column.name) ?? { kind: 'random' };
    const nullable = !column.notNull && !h.notNull && !args.keyColumns.has(column.name);
    const config = args.settings?.get(column.name);
    const reason = args.reasons.get(column.name) ?? 'random value of its type';
    const steer = config && columnSteer(args.table, column.name, config, source, () => reason);
    // Values the engine makes from settings are checked per row against the column's own CHECKs.
    if (steer) steeredChecks.push(...(args.columnParts.get(column.name) ?? []));
    const free = source.kind === 'random' || source.kind === 'one-of';
    const rate = !nullable
      ? 0
      : config?.nullRate !== undefined && free
        ? config.nullRate
        : source.kind === 'random' || (source.kind === 'unique' && args.branchColumns?.has(column.name))
          ? defaultNullRate(args.table, column, args.nullRate, args.generatorVersion)
          : 0;
    return {
      column,
      written: source.kind !== 'generated',
      source,
      nullRate: rate,
      hints: h,
      reason: !config
        ? reason
        : free
          ? steerReason(config)
          : steer?.template !== undefined
            ? `${reason.split(':')[0]}: unique by the template's {row}; ${steerReason(config)}`
            : `${reason}; ${steerReason(config)}`,
      ...(steer ? { steer } : {}),
    };
  });
  return { columns, steeredChecks };
}

/** What `datagen plan` says of a configured column. */
export function steerReason(config: ColumnConfig): string {
  if (config.recorded === true && config.values !== undefined)
    return `the ${config.values.length} value${config.values.length === 1 ? '' : 's'} the DDL records (INSERT at ${config.where})`;
  const parts: string[] = [];
  if (config.generator !== undefined) parts.push(`generator ${config.generator}`);
  if (config.values !== undefined)
    parts.push(
      `values ${config.values.slice(0, 5).join(', ')}${config.values.length > 5 ? ', …' : ''}${config.weights ? ' (weighted)' : ''}`,
    );
  if (config.template !== undefined) parts.push(`template ${JSON.stringify(config.template)}`);
  if (config.distribution !== undefined) parts.push(`${config.distribution.kind} distribution`);
  if (config.min !== undefined || config.max !== undefined)
    parts.push(`range ${config.min ?? ''}..${config.max ?? ''}`);
  if (config.unique === true) parts.push('unique');
  if (config.nullRate !== undefined && parts.length === 0) parts.push('null_rate');
  return `config: ${parts.join(', ') || 'settings'}`;
}
