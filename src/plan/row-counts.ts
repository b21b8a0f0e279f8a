/**
 * Row counts per table from `--rows N` and `--rows table=N`, with clear
 * errors for names that match no table (listing the nearest ones).
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { Table } from '../schema/model.js';
import { displayName, editDistance } from '../schema/names.js';
import { optionTableName, quoteQualified } from '../schema/quote.js';

export interface RowOptions {
  /** Rows for every table not named in `tables` (default 1000). */
  readonly defaultRows?: number;
  /** Rows by table: `table`, `schema.table`, or a quoted form (`"Film"`). */
  readonly tables?: Readonly<Record<string, number>>;
  /**
   * `tables` was computed (by --size) rather than asked for (true: every
   * entry; a list: the entries of these names, a template's ratios at
   * --scale): a table the keys or CHECKs hold to fewer rows is cut, warned,
   * as at the default count, instead of refused.
   */
  readonly computedTables?: boolean | readonly string[];
  /** The configuration's tables: a count it set for a table the schema lacks is told at its place there. */
  readonly settings?: Readonly<Record<string, { readonly where?: string }>>;
}

export const DEFAULT_ROWS = 1000;

/** The most rows a table takes: its rows are numbered in doubles, keys drawn from spaces up to 2^52. */
export const MAX_TABLE_ROWS = 2 ** 52;

/** A name part as SQL reads it: `"Note"` is Note (its doubled quotes one), a bare part as written. */
export function unquote(part: string): string {
  return part.startsWith('"') && part.endsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part;
}

/** Split `schema.table` honouring double quotes. */
function splitName(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of name) {
    if (ch === '"') quoted = !quoted;
    if (ch === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map(unquote);
}

export { editDistance };

/** The tables whose names are closest to `name` (for "did you mean"), written as they are asked for (`public."Film"`). */
export function nearestTables(name: string, tables: readonly Table[], limit = 3): string[] {
  const target = name.toLowerCase();
  return tables
    .map((t) => ({
      t,
      d: Math.min(editDistance(target, t.name.toLowerCase()), editDistance(target, displayName(t))),
    }))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map(({ t }) => quoteQualified(t));
}

/** Find the table a user-written name means. Unqualified names match in any schema, `public` first. */
export function findTable(name: string, tables: readonly Table[]): Table[] {
  const parts = splitName(name);
  if (parts.length === 2) {
    const [schema, table] = parts as [string, string];
    const exact = tables.filter((t) => t.schema === schema && t.name === table);
    if (exact.length > 0) return exact;
    return tables.filter((t) => t.schema === schema.toLowerCase() && t.name === table.toLowerCase());
  }
  const bare = parts[0] ?? '';
  let matches = tables.filter((t) => t.name === bare);
  if (matches.length === 0) matches = tables.filter((t) => t.name === bare.toLowerCase());
  const inPublic = matches.filter((t) => t.schema === 'public');
  return inPublic.length > 0 ? inPublic : matches;
}

/**
 * Who gave a count: 0 a template's ratios (`computedTables`), 1 the configuration file (`tables.NAME.rows` or
 * `skip`), 2 the command line or the library's caller. Of two names of one table (`p`, `public.p`) the higher
 * wins (the command line over the file, as README says); two of one rank are refused.
 */
function countRank(name: string, options: RowOptions): number {
  const computed = options.computedTables;
  if (computed === true || (Array.isArray(computed) && computed.includes(name))) return 0;
  const setting = Object.hasOwn(options.settings ?? {}, name)
    ? (options.settings?.[name] as { rows?: unknown; skip?: unknown })
    : undefined;
  return setting !== undefined && (setting.rows !== undefined || setting.skip === true) ? 1 : 2;
}

/** The problem of two names of one table given counts at the same rank, or undefined. */
function twoCounts(table: Table, first: [string, number], second: [string, number], options: RowOptions) {
  const written = (name: string, count: number) =>
    countRank(name, options) === 1 ? `tables.${name}` : `--rows ${name}=${count}`;
  const where =
    countRank(first[0], options) === 1 ? `${options.settings?.[first[0]]?.where ?? first[0]}: ` : '';
  return `${where}${written(...first)} and ${written(...second)} both set the rows of ${displayName(table)}: give its count once`;
}

/** Rows requested per table (by index into `tables`), and which were named explicitly. */
export function resolveRowCounts(
  tables: readonly Table[],
  options: RowOptions,
): { rows: number[]; explicit: boolean[] } {
  const defaultRows = options.defaultRows ?? DEFAULT_ROWS;
  const rows = tables.map(() => defaultRows);
  const explicit = tables.map(() => false);
  const problems: string[] = [];
  const givenBy: (string | undefined)[] = tables.map(() => undefined);
  for (const [name, count] of Object.entries(options.tables ?? {})) {
    const found = findTable(name, tables);
    // A bare name two schemas have is ambiguous, public's too: the count is for one table, the user says which.
    const named = found[0]?.name;
    const matches =
      splitName(name).length === 1 && named !== undefined ? tables.filter((t) => t.name === named) : found;
    if (matches.length === 0) {
      const near = nearestTables(name, tables).join(', ');
      // `tables: {zzz: {skip: true}}` in .datagen.yaml was told as `--rows zzz=0`, an option never given.
      const where = Object.hasOwn(options.settings ?? {}, name) ? options.settings?.[name]?.where : undefined;
      problems.push(
        where === undefined
          ? `--rows ${name}=${count}: no table "${name}" in the schema. Did you mean: ${near}?`
          : `${where}: tables.${name}: no table "${name}" in the schema; did you mean: ${near}?`,
      );
      continue;
    }
    if (matches.length > 1) {
      problems.push(
        `--rows ${name}=${count}: "${name}" is ambiguous: ${matches.map(quoteQualified).join(' and ')} are both tables of that name; qualify it with its schema (${matches.map((t) => `--rows ${optionTableName(t)}=${count}`).join(' or ')}).`,
      );
      continue;
    }
    const index = tables.indexOf(matches[0] as Table);
    const earlier = givenBy[index];
    if (earlier !== undefined) {
      const [rank, was] = [countRank(name, options), countRank(earlier, options)];
      if (rank === was)
        problems.push(
          twoCounts(matches[0] as Table, [earlier, rows[index] as number], [name, count], options),
        );
      if (rank <= was) continue;
    }
    givenBy[index] = name;
    rows[index] = count;
    const computed = options.computedTables;
    explicit[index] = computed !== true && !(Array.isArray(computed) && computed.includes(name));
  }
  if (problems.length > 0) {
    throw new DatagenError(ErrorCodes.UNKNOWN_TABLE, problems.join('\n'), { problems });
  }
  const past = rows.findIndex((n) => !(Number.isSafeInteger(n) && n >= 0 && n <= MAX_TABLE_ROWS));
  if (past >= 0) {
    const table = tables[past] as Table;
    const count = rows[past];
    // The library's `defaultRows: '5'` or `tables: {t: -1}` (the CLI refuses those forms as it reads them).
    const whole = typeof count === 'number' && Number.isInteger(count) && count >= 0;
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      whole
        ? `${displayName(table)}: ${count} rows (as --rows, --scale or --size ask) is past the ${MAX_TABLE_ROWS} (2^52) rows datagen numbers in a table; ask for fewer`
        : `${displayName(table)}: ${typeof count === 'string' ? JSON.stringify(count) : String(count)} rows: a row count is a whole number from 0 to ${MAX_TABLE_ROWS} (2^52)`,
      { table: displayName(table), rows: rows[past] },
      { exitCode: 2 },
    );
  }
  return { rows, explicit };
}
