/**
 * How many rows: the configuration's per-table counts, --rows (a default and
 * TABLE=N, also as a comma list), a --template's ratios at --scale, --size.
 */
import type { DatagenConfig } from '../input/spec/config-file.js';
import { parseSize } from '../run/sizing.js';
import { findTemplate, templateRowCounts } from '../run/templates.js';
import { badOption, MAX_ROWS, rowCount } from './option-values.js';
import type { ParsedOptionValues } from './options.js';

/** Row counts the configuration sets per table (`skip: true` is 0 rows). */
function configTableRows(config: DatagenConfig | undefined): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const [name, table] of Object.entries(config?.tables ?? {})) {
    if (table.skip === true) rows[name] = 0;
    else if (table.rows !== undefined) rows[name] = table.rows;
  }
  return rows;
}

/**
 * One --rows value as its parts: `t=3,u=4` (a list, as users write it) is `t=3` and `u=4` when every part
 * is `NAME=N` or `N`; anything else is one part, read as before.
 */
function rowsParts(spec: string): string[] {
  const parts = spec.split(',');
  return parts.length > 1 && parts.every((p) => /^\s*(?:[^=]+=\s*)?\d+(?:e\d+)?\s*$/i.test(p))
    ? parts
    : [spec];
}

/** The row counts: the configuration's, then --rows (a default and TABLE=N), a template's ratios at --scale, --size. */
export function rowCountsOf(
  values: ParsedOptionValues,
  files: readonly string[],
  config: DatagenConfig | undefined,
) {
  let defaultRows: number | undefined = config?.rows;
  const tables: Record<string, number> = configTableRows(config);
  // A table (or every table) given twice kept the last count without a word: refused, naming both.
  const given = new Map<string, string>();
  for (const spec of (values.rows ?? []).flatMap(rowsParts)) {
    const eq = spec.lastIndexOf('=');
    const name = eq < 0 ? '' : spec.slice(0, eq).trim();
    const earlier = given.get(name);
    if (earlier !== undefined)
      throw badOption(
        `--rows ${earlier} and --rows ${spec.trim()} both set the rows of ${name === '' ? 'every table' : `"${name}"`}: give ${name === '' ? 'the count' : "each table's count"} once`,
      );
    given.set(name, spec.trim());
    if (eq < 0) defaultRows = rowCount(spec, '--rows');
    else {
      if (!name) throw badOption(`--rows ${spec}: give a table name before "="`);
      tables[name] = tableRowCount(name, spec.slice(eq + 1).trim());
    }
  }
  const template = values.template === undefined ? undefined : findTemplate(values.template);
  if (template !== undefined && files.length > 0)
    throw badOption(`--template ${template.name} is the schema: give no DDL files with it`);
  if (template === undefined && values.scale !== undefined)
    throw badOption('--scale applies to --template NAME');
  let scale: number | undefined;
  if (values.scale !== undefined) {
    // A decimal number (`0.1`, `1e-3`), as --null-rate reads one: `0x10` was taken as 16 without a word.
    scale = /^\s*(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?\s*$/i.test(values.scale)
      ? Number(values.scale)
      : Number.NaN;
    if (!(scale > 0) || !Number.isFinite(scale))
      throw badOption(`--scale expects a number > 0, got "${values.scale}"`);
  }
  if (values.size !== undefined && values.scale !== undefined)
    throw badOption('--size and --scale both set the row counts: give one of them');
  // A bare --rows N beside --size would be dropped without a word: --size sets every count it does not name.
  const bareRows = (values.rows ?? []).flatMap(rowsParts).find((spec) => !spec.includes('='));
  if (values.size !== undefined && bareRows !== undefined)
    throw badOption(
      `--rows ${bareRows.trim()} and --size both set every table's row count: give one of them (--rows TABLE=N beside --size fixes that table's count, the others sized)`,
    );
  const size = values.size === undefined ? undefined : parseSize(values.size);
  // The template's ratios first; --rows TABLE=N still overrides one table.
  const templateCounts = template === undefined ? {} : templateRowCounts(template, scale);
  const rowCounts = { ...templateCounts, ...tables };
  // The template's counts are its ratios, not the user's request: a key that holds fewer rows cuts them, warned.
  const computedTables = Object.keys(templateCounts).filter((t) => !(t in tables));
  return { defaultRows, rowCounts, computedTables, template, scale, size };
}

/**
 * `--rows t=-1`: the count refused at its table, saying what a user who meant none or the default writes (it was
 * `--rows t= expects a whole number ...`, the table's name cut from its count).
 */
function tableRowCount(name: string, text: string): number {
  try {
    return rowCount(text, '--rows');
  } catch {
    throw badOption(
      `--rows ${name}=${text}: the row count of ${name} expects a whole number from 0 to ${MAX_ROWS}, got "${text}" (${name}=0 leaves it empty; without ${name}= in --rows it takes the default count)`,
    );
  }
}
