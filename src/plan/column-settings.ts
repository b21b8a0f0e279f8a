/**
 * The configuration's per-column and per-FK settings checked against the
 * schema and its constraints before anything is generated: table, column and
 * foreign key names exist, generators suit the column's type, `values` and
 * `min`/`max` are values of the type that every CHECK on the column accepts.
 * A setting that would make output PostgreSQL refuses is an error at its
 * `file:line:column`, never a dump that fails to load.
 */

import { type ColumnHints, TEXT_TYPES } from '../checks/check-hints.js';
import { counted, DatagenError, ErrorCodes } from '../errors.js';
import type { ColumnConfig, ForeignKeyConfig } from '../input/spec/column-config.js';
import type { TableConfig } from '../input/spec/config-file.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Table, TypeRef } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { KIND_FAMILIES, typeFamilyOf } from '../values/semantic/semantic-kind.js';
import { editDistance, findTable, nearestTables, unquote } from './row-counts.js';

/** Generators a column can be given by name: the semantic kinds, `lorem` and `uuid`. */
export const GENERATOR_NAMES: readonly string[] = [...Object.keys(KIND_FAMILIES), 'lorem', 'uuid'].sort();

/** The settings of one table, resolved to its columns and foreign keys. */
export interface TableSettings {
  readonly columns: ReadonlyMap<string, ColumnConfig>;
  /** By index into the table's foreign keys. */
  readonly foreignKeys: ReadonlyMap<number, ForeignKeyConfig>;
  /** `trust_checks:` CHECK constraints (by name) datagen neither reads nor evaluates. */
  readonly trustChecks: ReadonlySet<string>;
}

/** A located configuration error. */
export function settingError(where: string, message: string): DatagenError {
  return new DatagenError(ErrorCodes.BAD_OPTION, `${where}: ${message}`, { where });
}

/** The `limit` names nearest to `name`. */
export function nearestNames(name: string, names: readonly string[], limit = 3): string[] {
  const target = name.toLowerCase();
  // A name that contains what was written (nick → nickname) comes before others at the same distance.
  return [...names]
    .map((n) => ({
      n,
      d: editDistance(target, n.toLowerCase()) - (n.toLowerCase().includes(target) ? 100 : 0),
    }))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((x) => x.n);
}

/** The foreign key a setting names: its constraint name, or its (first) column. */
function findForeignKey(name: string, fks: readonly ForeignKey[]): number {
  const byName = fks.findIndex((fk) => fk.name === name);
  if (byName >= 0) return byName;
  return fks.findIndex((fk) => fk.columns.join(',') === name || fk.columns[0] === name);
}

/**
 * The configuration's tables resolved against the schema (by index into
 * `tables`); a table, column or foreign key the schema does not have is an
 * error naming the nearest ones.
 */
export function resolveTableSettings(
  tables: readonly Table[],
  foreignKeysOf: (t: Table) => readonly ForeignKey[],
  settings: Readonly<Record<string, TableConfig>> | undefined,
  /** A column's settings as the planner reads them (the `sql` key evaluated: sql-setting.ts). */
  resolveColumn: (table: Table, column: string, config: ColumnConfig) => ColumnConfig = (_t, _c, config) =>
    config,
  checkNamesOf: (t: Table) => readonly string[] = (t) => t.checks.map((c) => c.name),
): Map<number, TableSettings> {
  const out = new Map<number, TableSettings>();
  /** The entry that configured each table's columns, so a second one (`p` and `public.p`) is refused, not lost. */
  const entries = new Map<number, { name: string; where: string }>();
  for (const [name, config] of Object.entries(settings ?? {})) {
    if (config.columns === undefined && config.foreignKeys === undefined && config.trustChecks === undefined)
      continue;
    const where = config.where ?? name;
    const matches = findTable(name, tables);
    if (matches.length !== 1) {
      throw settingError(
        where,
        matches.length === 0
          ? `tables.${name}: no table "${name}" in the schema; did you mean: ${nearestTables(name, tables).join(', ')}?`
          : `tables.${name}: "${name}" is ambiguous (${matches.map(displayName).join(', ')}); qualify it with its schema`,
      );
    }
    const table = matches[0] as Table;
    const earlier = entries.get(tables.indexOf(table));
    if (earlier !== undefined)
      throw settingError(
        where,
        `tables.${name} and tables.${earlier.name} (${earlier.where}) both configure the columns of ${displayName(table)}: give them in one entry`,
      );
    entries.set(tables.indexOf(table), { name, where });
    const names = table.columns.map((c) => c.name);
    const columns = new Map<string, ColumnConfig>();
    for (const [given, c] of Object.entries(config.columns ?? {})) {
      // A name written as SQL quotes it (`'"Note"'`), as a table's may be: the column Note.
      const column = names.includes(given) ? given : unquote(given);
      if (!names.includes(column)) {
        throw settingError(
          c.where,
          `${displayName(table)} has no column ${JSON.stringify(given)}; did you mean: ${nearestNames(column, names).join(', ')}?`,
        );
      }
      if (columns.has(column))
        throw settingError(
          c.where,
          `columns.${given} names the column ${column} configured above: give its settings once`,
        );
      columns.set(column, resolveColumn(table, column, c));
    }
    const fks = foreignKeysOf(table);
    const foreignKeys = new Map<number, ForeignKeyConfig>();
    for (const [fkName, f] of Object.entries(config.foreignKeys ?? {})) {
      const index = findForeignKey(fkName, fks);
      const before = foreignKeys.has(index)
        ? Object.keys(config.foreignKeys ?? {}).find((n) => n !== fkName && findForeignKey(n, fks) === index)
        : undefined;
      if (before !== undefined)
        throw settingError(
          f.where,
          `foreign_keys.${fkName} and foreign_keys.${before} both configure ${displayName(table)}'s foreign key ${fks[index]?.name}: give it once`,
        );
      if (index < 0) {
        const known = fks.flatMap((fk) => [fk.name, fk.columns.join(',')]);
        throw settingError(
          f.where,
          known.length === 0
            ? `${displayName(table)} has no foreign keys`
            : `${displayName(table)} has no foreign key "${fkName}" (by constraint name or column); it has: ${fks.map((fk) => `${fk.name} (${fk.columns.join(', ')})`).join(', ')}`,
        );
      }
      foreignKeys.set(index, f);
    }
    const trustChecks = trustedChecks(table, config, checkNamesOf(table));
    out.set(tables.indexOf(table), { columns, foreignKeys, trustChecks });
  }
  return out;
}

/** `trust_checks:` names checked against the table's CHECK constraints (its own, its partitions', its domains'). */
function trustedChecks(table: Table, config: TableConfig, known: readonly string[]): Set<string> {
  const trusted = new Set<string>();
  for (const { name, where } of config.trustChecks ?? []) {
    if (!known.includes(name)) {
      throw settingError(
        where,
        known.length === 0
          ? `${displayName(table)} has no CHECK constraints; take "${name}" out of trust_checks`
          : `${displayName(table)} has no CHECK constraint "${name}"; did you mean: ${nearestNames(name, known).join(', ')}?`,
      );
    }
    trusted.add(name);
  }
  return trusted;
}

/** The generator's name checked: known, and making values of the column's type. */
export function checkGenerator(config: ColumnConfig, where: string, base: TypeRef): void {
  const name = config.generator;
  if (name === undefined) return;
  const at = config.at.generator ?? config.where;
  if (!GENERATOR_NAMES.includes(name)) {
    throw settingError(
      at,
      `${where}: unknown generator "${name}"; the nearest are: ${nearestNames(name, GENERATOR_NAMES).join(', ')} (all: ${GENERATOR_NAMES.join(', ')})`,
    );
  }
  const family = base.arrayDims > 0 ? null : typeFamilyOf(base.name);
  const fits =
    name === 'lorem'
      ? family === 'text'
      : name === 'uuid'
        ? family === 'text' || (base.name === 'uuid' && base.arrayDims === 0)
        : family !== null && (KIND_FAMILIES[name as keyof typeof KIND_FAMILIES] ?? []).includes(family);
  if (!fits) {
    throw settingError(at, `${where}: generator ${name} does not make values of type ${typeName(base)}`);
  }
}

export function typeName(base: TypeRef): string {
  return `${base.name}${base.typmods.length > 0 ? `(${base.typmods.join(',')})` : ''}${'[]'.repeat(base.arrayDims)}`;
}

/** The placeholders of a template: `{row}`, `{row:06}`, `{column}` (also in double braces). */
export function templateParts(template: string): { readonly name: string; readonly width?: number }[] {
  const parts: { name: string; width?: number }[] = [];
  for (const m of template.matchAll(/\{\{?\s*([A-Za-z_][A-Za-z0-9_$]*)(?::0?(\d+))?\s*\}?\}/g)) {
    parts.push({ name: m[1] as string, ...(m[2] === undefined ? {} : { width: Number(m[2]) }) });
  }
  return parts;
}

/** A template checked: a text column, placeholders naming the row or other columns, room for unique values. */
export function checkTemplate(
  config: ColumnConfig,
  where: string,
  table: Table,
  column: string,
  base: TypeRef,
  hints: ColumnHints,
  rows: number,
): void {
  const template = config.template;
  if (template === undefined) return;
  const at = config.at.template ?? config.where;
  if (base.arrayDims > 0 || !TEXT_TYPES.has(base.name)) {
    throw settingError(at, `${where}: a template makes text; the column is ${typeName(base)}`);
  }
  const names = table.columns.filter((c) => c.name !== column && c.generated === null).map((c) => c.name);
  const parts = templateParts(template);
  for (const p of parts) {
    if (p.name === 'row' || names.includes(p.name)) continue;
    throw settingError(
      at,
      `${where}: the template reads {${p.name}}, which is not a column of ${displayName(table)}; use {row} or a column: ${nearestNames(p.name, names).join(', ')}`,
    );
  }
  const keyed = config.unique === true || tableKeys(table).some((k) => k.columns.includes(column));
  if (!keyed) return;
  if (!parts.some((p) => p.name === 'row')) {
    throw settingError(at, `${where} is unique: its template needs {row} (e.g. "ORD-{row:06}")`);
  }
  const limit = Math.min(
    base.typmods[0] ?? Number.POSITIVE_INFINITY,
    hints.maxLength ?? Number.POSITIVE_INFINITY,
  );
  if (!Number.isFinite(limit)) return;
  // A unique value cut to the column's length could repeat: only the row number may vary, within the length.
  if (!parts.every((p) => p.name === 'row')) {
    throw settingError(
      at,
      `${where} is unique and holds ${counted(limit, 'character')}: a template with other columns could be cut into repeats; use only {row} (and fixed text)`,
    );
  }
  const fixed = template.replace(/\{\{?[^}]*\}?\}/g, '').length;
  const digits = parts.reduce((n, p) => n + Math.max(p.width ?? 0, String(Math.max(rows, 1)).length), 0);
  if (fixed + digits > limit) {
    throw settingError(
      at,
      `${where}: the template's values are ${counted(fixed + digits, 'character')} at ${counted(rows, 'row')}; the column holds ${limit}`,
    );
  }
}
