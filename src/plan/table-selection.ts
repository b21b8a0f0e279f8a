/**
 * pg_dump's table selection: `-n/--schema`, `-N/--exclude-schema`,
 * `-t/--table`, `-T/--exclude-table`, with its pattern syntax (psql's
 * "Patterns"): `*` any characters, `?` one, `.` between schema and name,
 * letters folded to lower case outside double quotes, `"..."` taken
 * literally (`""` is a quote), other regular-expression characters kept
 * (`[0-9]`, `(a|b)`), `$` literal, the whole name matched.
 *
 * As in pg_dump, `-t` picks tables whatever `-n`/`-N` say; without `-t`,
 * `-n` picks schemas and `-N` removes them; `-T` always removes. Unlike
 * pg_dump, an unqualified `-t` pattern matches in every schema (not only the
 * search path), as `--rows table=N` does, and an include pattern that matches
 * nothing is an error (pg_dump --strict-names), so a typo never goes unseen.
 * A partition's rows come through its partitioned table: a pattern naming
 * either names both.
 */
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { migrationHistoryTool } from '../schema/migration-history.js';
import type { Schema, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { nearestTables } from './row-counts.js';

export interface TableSelectionPatterns {
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly tables?: readonly string[];
  readonly excludeTables?: readonly string[];
}

/** A pattern as a list of anchored regular expressions, one per dotted part. */
export function patternParts(pattern: string): RegExp[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '"') {
      if (quoted && pattern[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (quoted) current += ch.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    else if (ch === '.') {
      parts.push(current);
      current = '';
    } else if (ch === '*') current += '.*';
    else if (ch === '?') current += '.';
    else if (ch === '$') current += '\\$';
    else current += ch.toLowerCase();
  }
  parts.push(current);
  return parts.map((p) => {
    try {
      return new RegExp(`^(?:${p})$`, 'u');
    } catch {
      throw new DatagenError(
        ErrorCodes.BAD_OPTION,
        `pattern "${pattern}" is not a valid pattern: quote special characters ("...") to match them literally`,
        { pattern },
      );
    }
  });
}

function tooManyDots(option: string, pattern: string): DatagenError {
  return new DatagenError(
    ErrorCodes.BAD_OPTION,
    `${option} ${pattern}: improper qualified name (too many dotted names); write ${option === '-n' || option === '-N' ? 'schema' : 'schema.table'}`,
    { pattern },
  );
}

function schemaMatcher(option: string, pattern: string): (t: Table) => boolean {
  const parts = patternParts(pattern);
  // pg_dump takes `db.schema`; the database part is not checked here.
  if (parts.length > 2) throw tooManyDots(option, pattern);
  const re = parts[parts.length - 1] as RegExp;
  return (t) => re.test(t.schema);
}

function tableMatcher(option: string, pattern: string): (t: Table) => boolean {
  const parts = patternParts(pattern);
  if (parts.length > 3) throw tooManyDots(option, pattern);
  const name = parts[parts.length - 1] as RegExp;
  const schema = parts.length >= 2 ? (parts[parts.length - 2] as RegExp) : null;
  return (t) => name.test(t.name) && (schema === null || schema.test(t.schema));
}

/** Tables grouped with their partitions: the unit that is selected or not. */
function rootKeyOf(schema: Schema): (t: Table) => string {
  const byKey = new Map(schema.tables.map((t) => [nameKey(t), t]));
  return (t) => {
    let at = t;
    for (let depth = 0; at.partitionOf && depth < 100; depth++) {
      const parent = byKey.get(nameKey(at.partitionOf.parent));
      if (!parent) break;
      at = parent;
    }
    return nameKey(at);
  };
}

function noMatch(option: string, pattern: string, what: string, schema: Schema): string {
  // `-t "$TABLE"` with TABLE unset: it read `-t : no tables match`, the empty pattern unseen.
  if (pattern.trim() === '')
    return `${option} "": an empty pattern (an unset shell variable?) matches no ${what}; give a name or a pattern such as 'public.*'`;
  const near =
    what === 'tables'
      ? nearestTables(pattern.replace(/["*?]/g, ''), schema.tables)
      : [...new Set(schema.tables.map((t) => t.schema))].slice(0, 5);
  return `${option} ${pattern}: no ${what} match this pattern${near.length > 0 ? ` (${what === 'tables' ? 'nearest' : 'the schemas are'}: ${near.join(', ')})` : ''}`;
}

/**
 * The keys (`nameKey`) of the tables that get rows, or null when every
 * table does. Throws for an include pattern that matches nothing, and for a
 * selected table whose foreign key points at a table left out (its rows
 * would reference rows that are not there), unless `parentsInTarget`
 * (--append: the target's rows of that table are the parents).
 */
export function selectTables(
  schema: Schema,
  patterns: TableSelectionPatterns,
  options: { readonly parentsInTarget?: boolean } = {},
): Set<string> | null {
  const { schemas = [], excludeSchemas = [], tables = [], excludeTables = [] } = patterns;
  if (schemas.length + excludeSchemas.length + tables.length + excludeTables.length === 0) return null;
  const rootKey = rootKeyOf(schema);
  const problems: string[] = [];
  const unitsMatching = (option: string, pattern: string, what: 'tables' | 'schemas', strict: boolean) => {
    const test = what === 'tables' ? tableMatcher(option, pattern) : schemaMatcher(option, pattern);
    const units = new Set(schema.tables.filter(test).map(rootKey));
    if (strict && units.size === 0) problems.push(noMatch(option, pattern, what, schema));
    return units;
  };
  const union = (sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));
  let selected: Set<string>;
  if (tables.length > 0) selected = union(tables.map((p) => unitsMatching('-t', p, 'tables', true)));
  else {
    selected =
      schemas.length > 0
        ? union(schemas.map((p) => unitsMatching('-n', p, 'schemas', true)))
        : new Set(schema.tables.map(rootKey));
    for (const key of union(excludeSchemas.map((p) => unitsMatching('-N', p, 'schemas', false))))
      selected.delete(key);
  }
  for (const key of union(excludeTables.map((p) => unitsMatching('-T', p, 'tables', false))))
    selected.delete(key);
  if (problems.length > 0)
    throw new DatagenError(ErrorCodes.UNKNOWN_TABLE, problems.join('\n'), { problems });

  const keys = new Set(schema.tables.filter((t) => selected.has(rootKey(t))).map(nameKey));
  // --append: rows may point at parent rows the target holds (run/appending-plan.ts checks there are some).
  if (!options.parentsInTarget) refuseDanglingReferences(schema, keys);
  return keys;
}

/** A selected table whose FK points at a table left out: an error naming both and the fix. */
function refuseDanglingReferences(schema: Schema, keys: ReadonlySet<string>): void {
  const problems: string[] = [];
  const known = new Set(schema.tables.map(nameKey));
  for (const t of schema.tables) {
    if (!keys.has(nameKey(t))) continue;
    for (const fk of t.foreignKeys) {
      if (keys.has(nameKey(fk.references)) || !known.has(nameKey(fk.references))) continue;
      problems.push(
        `${displayName(t)} references ${displayName(fk.references)} (${fk.name}), which the table selection leaves out: its rows would point at rows that are not there. Select ${displayName(fk.references)} too (-t ${displayName(fk.references)}), or leave out ${displayName(t)} (-T ${displayName(t)})`,
      );
    }
  }
  if (problems.length > 0)
    throw new DatagenError(ErrorCodes.UNKNOWN_TABLE, problems.join('\n'), { problems });
}

/**
 * A load into a database: the tables where a migration tool records the
 * migrations run (schema/migration-history.ts) get no rows and keep theirs
 * (not emptied by --truncate), unless a `-t` pattern names them or a
 * selected table's foreign key points at them. The selection without them,
 * and the warning that says so (null when there are none).
 */
export function leaveMigrationHistory(
  schema: Schema,
  selected: ReadonlySet<string> | null,
  patterns: TableSelectionPatterns = {},
  /** Tables the load creates and gives the rows the DDL records (nameKeys): not left out. */
  created: ReadonlySet<string> = new Set(),
): { selected: ReadonlySet<string> | null; warning: Warning | null } {
  const named = (patterns.tables ?? []).map((p) => tableMatcher('-t', p));
  const isSelected = (t: Table) => selected === null || selected.has(nameKey(t));
  const referenced = new Set(
    schema.tables.filter(isSelected).flatMap((t) => t.foreignKeys.map((fk) => nameKey(fk.references))),
  );
  const left = schema.tables.filter(
    (t) =>
      isSelected(t) &&
      migrationHistoryTool(t) !== null &&
      !created.has(nameKey(t)) &&
      !referenced.has(nameKey(t)) &&
      !named.some((test) => test(t)),
  );
  if (left.length === 0) return { selected, warning: null };
  const leftKeys = new Set(left.map(nameKey));
  const kept = new Set(schema.tables.filter((t) => isSelected(t) && !leftKeys.has(nameKey(t))).map(nameKey));
  const names = left.map((t) => `${displayName(t)} (${migrationHistoryTool(t)})`);
  return {
    selected: kept,
    warning: {
      code: 'MIGRATION_HISTORY',
      message: `${names.join(', ')} ${left.length === 1 ? 'records' : 'record'} which migrations ran: left as the database has ${left.length === 1 ? 'it' : 'them'} (invented entries would make the migration tool believe migrations ran that do not exist; emptied, it would run them all again); name ${left.length === 1 ? 'it' : 'them'} with -t to fill ${left.length === 1 ? 'it' : 'them'} anyway`,
      where: left.map(displayName).join(', '),
    },
  };
}

/**
 * The warning for a selection that leaves no table to generate (`-t a -T a`, `-N public` where every table is
 * in public), which pg_dump takes silently (exit 0, no table written): what excluded them. Null when some table is selected, or the schema has none.
 */
export function emptySelectionWarning(
  schema: Schema,
  patterns: TableSelectionPatterns,
  selected: ReadonlySet<string> | null,
): Warning | null {
  if (selected === null || selected.size > 0 || schema.tables.length === 0) return null;
  const { schemas = [], excludeSchemas = [], tables = [], excludeTables = [] } = patterns;
  const given = [
    ...tables.map((p) => `-t ${p}`),
    ...schemas.map((p) => `-n ${p}`),
    ...excludeSchemas.map((p) => `-N ${p}`),
    ...excludeTables.map((p) => `-T ${p}`),
  ];
  const chosen =
    tables.length > 0
      ? 'the tables -t selects'
      : schemas.length > 0
        ? 'the tables of the schemas -n selects'
        : 'every table';
  const by = [
    ...(excludeTables.length > 0 ? ['-T'] : []),
    ...(tables.length === 0 && excludeSchemas.length > 0 ? ['-N'] : []),
  ].join(' and ');
  return {
    code: 'NOTHING_SELECTED',
    message: `the table selection (${given.join(' ')}) leaves no table to generate: ${by} excludes ${chosen}, so no table is written, nor rows (pg_dump writes none either); leave out the exclusion, or select tables it does not exclude`,
    where: given.join(' '),
    data: { changesNothing: 'true' },
  };
}
