/**
 * A migration tool's history table whose rows the DDL records
 * (`schema.recordedRows`, input/ddl/recorded-migrations.ts) gets exactly
 * those: as many rows as it records, its column the recorded values (a key
 * column's list is its key's space, so every value is written once). What
 * the user set for the table's rows or that column stays theirs.
 */
import type { TableConfig } from '../input/spec/config-file.js';
import type { Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { findTable } from './row-counts.js';

interface RecordedOptions {
  readonly tables?: Readonly<Record<string, number>>;
  readonly settings?: Readonly<Record<string, TableConfig>>;
}

/** The options with the recorded tables' row counts and value lists added under the user's own. */
export function withRecordedRows<T extends RecordedOptions>(schema: Schema, options: T): T {
  const recorded = schema.recordedRows ?? [];
  if (recorded.length === 0) return options;
  const tables = { ...(options.tables ?? {}) };
  const settings = { ...(options.settings ?? {}) };
  const keyOf = (names: readonly string[], key: string) =>
    names.find((n) => findTable(n, schema.tables).some((t) => nameKey(t) === key));
  for (const r of recorded) {
    const key = nameKey(r.table);
    if (!schema.tables.some((t) => nameKey(t) === key)) continue;
    // Quoted where needed: `--rows` and the configuration read a table's name so.
    const name = quoteQualified(r.table);
    if (keyOf(Object.keys(tables), key) === undefined) tables[name] = r.values.length;
    // The user's entry configuring the table's columns, if any (one with only `rows:` may name it too).
    const configured = Object.keys(settings).filter((k) => settings[k]?.columns !== undefined);
    const settingsKey = keyOf(configured, key) ?? keyOf(Object.keys(settings), key) ?? name;
    const own = settings[settingsKey];
    if (own?.columns?.[r.column] !== undefined) continue;
    settings[settingsKey] = {
      ...own,
      columns: { ...own?.columns, [r.column]: { where: r.where, at: {}, values: r.values, recorded: true } },
    };
  }
  return { ...options, tables, settings };
}
