/**
 * The narrowest fallback for a column datagen cannot give values
 * (issue 8's ladder): its type has no generator (an extension type without a
 * catalog here, a type PostgreSQL takes no input for), or its CHECK bounds
 * contradict each other (`x > 5 AND x < 3`, `x IN ('a') AND x IN ('b')`).
 * A nullable column is then left NULL (which every CHECK accepts); a NOT
 * NULL one leaves its table without rows. Either way a warning names the
 * column, what was done and how to fix it.
 */

import { type ColumnHints, generatorHints, needsCheckGenerator } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { tableKeys } from '../schema/key-columns.js';
import type { Table } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { createCheckGenerator } from '../values/check-generator.js';
import { RowRandom, streamKey } from '../values/random.js';
import { describeType } from '../values/types/generator.js';
import { createValueGenerator } from '../values/types/index.js';
import { rowWidthFallback } from './row-width.js';
import type { CheckProblem } from './table-checks.js';

export interface ColumnFallbacks {
  /** Columns left NULL in every row. */
  readonly nullColumns: readonly string[];
  /** Why the table gets no rows (a NOT NULL column without values), if it does not. */
  readonly empty?: string;
  readonly warnings: readonly Warning[];
}

interface NoValue {
  /** Why, as a clause: "datagen has no value generator for its type x". */
  readonly reason: string;
  /** How to fill the column, as a clause. */
  readonly fix: string;
}

const TYPE_FIX =
  'give it a type datagen generates (text, a number type, …) in a copy of the DDL you generate from, and tell the datagen maintainers which type you need';
const CHECK_FIX = 'fix its CHECKs in a copy of the DDL you generate from';

/** Why no value can be generated for a column with these hints, or undefined when one can. */
function noValue(table: Table, column: string, hints: ColumnHints, lookup: TypeLookup): NoValue | undefined {
  const col = table.columns.find((c) => c.name === column);
  if (!col) return undefined;
  const { base } = resolveDomains(col.type, lookup);
  if (hints.oneOf?.length === 0)
    return {
      reason: 'its CHECKs allow no value (their value lists have no value in common that fits its type)',
      fix: CHECK_FIX,
    };
  try {
    const generator = createValueGenerator(base, lookup, generatorHints(hints));
    // CHECK patterns, exclusions, JSON kinds…: the generator the engine builds for them (a pattern
    // whose strings are all longer than the column's typmod has none).
    // (Value lists are the one-of source's, and a list all excluded is emptyDomain's to report.)
    if (needsCheckGenerator(hints, base) && !hints.oneOf) {
      const checked = createCheckGenerator(`${displayColumn(table, column)}`, base, hints, lookup, generator);
      // One value drawn (the generator draws up to 32 times for one that meets the CHECKs): an enum
      // whose only label a CHECK excludes has none, and every row would fail.
      checked.random(new RowRandom().at(streamKey(0, table.schema, table.name, column, 'probe'), 0));
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof DatagenError)) throw error;
    if (error.code === ErrorCodes.UNKNOWN_TYPE) {
      const {
        reason: detail,
        noValue,
        fix,
      } = error.data as { reason?: string; noValue?: string; fix?: string };
      // A type no value is of (an enum without labels): the schema's to change, not datagen's.
      if (noValue !== undefined && fix !== undefined) return { reason: noValue, fix };
      return {
        reason: `datagen has no value generator for its type ${describeType(base)}${detail ? ` (${detail})` : ''}`,
        fix: TYPE_FIX,
      };
    }
    if (error.code === ErrorCodes.UNSATISFIABLE) {
      // The generator's message starts with the column and ends with its own advice: keep the why.
      const why = error.message
        .replace(`${displayColumn(table, column)}: `, '')
        .replace(/\. Generate from a copy of the DDL.*$/s, '')
        .replace(/\.$/, '');
      return { reason: `its CHECKs allow no value (${why})`, fix: CHECK_FIX };
    }
    throw error;
  }
}

/**
 * Columns of `table` that get no value from their generator. `nullable`
 * says whether a column may be NULL (not NOT NULL, not in a key); foreign
 * key columns are skipped (their values are the parent's).
 */
export function columnFallbacks(
  table: Table,
  hintsOf: (column: string) => ColumnHints,
  nullable: (column: string) => boolean,
  lookup: TypeLookup,
): ColumnFallbacks {
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const nullColumns: string[] = [];
  const warnings: Warning[] = [];
  let empty: string | undefined;
  const tableName = displayName(table);
  for (const column of table.columns) {
    if (column.generated || fkColumns.has(column.name)) continue;
    const none = noValue(table, column.name, hintsOf(column.name), lookup);
    if (none === undefined) continue;
    const { reason, fix } = none;
    const where = displayColumn(table, column.name);
    if (nullable(column.name)) {
      nullColumns.push(column.name);
      warnings.push({
        code: 'COLUMN_LEFT_NULL',
        where,
        message: `${where}: ${reason}; the column is left NULL in every row. To fill it, ${fix}.`,
      });
    } else {
      empty ??= `${where}: ${reason}`;
      warnings.push({
        code: 'TABLE_LEFT_EMPTY',
        where,
        message: `${where} is NOT NULL but ${reason}; ${tableName} gets no rows (tables with NOT NULL foreign keys to it too). To fill it, ${fix}; or make the column nullable (it is then left NULL).`,
      });
    }
  }
  return { nullColumns, warnings, ...(empty === undefined ? {} : { empty }) };
}

/** A text or varchar column whose values are free text (no value list, pattern or listed values). */
function cuttableText(table: Table, name: string, hints: ColumnHints): boolean {
  const type = table.columns.find((c) => c.name === name)?.type;
  return (
    type !== undefined &&
    type.schema === 'pg_catalog' &&
    (type.name === 'text' || type.name === 'varchar') &&
    type.arrayDims === 0 &&
    hints.oneOf === undefined &&
    hints.patterns === undefined &&
    hints.holds === undefined &&
    hints.jsonTypes === undefined &&
    (hints.minLength ?? 0) <= 1
  );
}

export interface TableFallbackInput {
  readonly table: Table;
  /** Problems of the table's CHECKs (an unsatisfiable one empties the table). */
  readonly problems: readonly CheckProblem[];
  /** The table's column hints: columns left NULL get `nullOnly`. */
  readonly hints: Map<string, ColumnHints>;
  /** Columns in a PRIMARY KEY or UNIQUE key (never NULL here). */
  readonly keyed: ReadonlySet<string>;
  /** The user asked for rows of this table by name: emptying it is an error then. */
  readonly asked: boolean;
  readonly lookup: TypeLookup;
  readonly warnings: Warning[];
}

/**
 * Why a table gets no rows (an unsatisfiable CHECK, or a NOT NULL column
 * without values), or undefined; nullable columns without values are set to
 * NULL in `hints`. Warned; an error when the user asked for rows of it.
 */
export function tableFallbacks(input: TableFallbackInput): string | undefined {
  const { table, hints } = input;
  const hintsOf = (name: string) => hints.get(name) ?? {};
  const nullable = (name: string) =>
    !input.keyed.has(name) && !hintsOf(name).notNull && !table.columns.find((c) => c.name === name)?.notNull;
  const fallbacks = columnFallbacks(table, hintsOf, nullable, input.lookup);
  for (const name of fallbacks.nullColumns) hints.set(name, { ...hintsOf(name), nullOnly: true });
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  // A unique column's text is left whole: cut shorter it would have fewer distinct values than planned.
  const uniqueColumns = new Set(tableKeys(table).flatMap((k) => k.columns));
  const width = rowWidthFallback(
    table,
    {
      nullable: (name) => nullable(name) && !fkColumns.has(name),
      cuttable: (name) =>
        !uniqueColumns.has(name) && !fkColumns.has(name) && cuttableText(table, name, hintsOf(name)),
      leftNull: new Set(fallbacks.nullColumns),
    },
    input.lookup,
  );
  for (const name of width.nullColumns) hints.set(name, { ...hintsOf(name), nullOnly: true });
  for (const name of width.cut?.columns ?? []) {
    const h = hintsOf(name);
    const length = Math.min(h.maxLength ?? Number.POSITIVE_INFINITY, width.cut?.length ?? 0);
    hints.set(name, { ...h, maxLength: length });
  }
  const never = input.problems.find((p) => p.kind === 'unsatisfiable');
  // A CHECK datagen cannot read cannot be shown to hold: no row is written rather than one that may fail it.
  const unreadable = input.problems.find((p) => p.kind === 'not-evaluable');
  const reason = never
    ? `CHECK ${never.check} (${never.text}) can never hold`
    : unreadable
      ? `CHECK ${unreadable.check} (${unreadable.text}) cannot be read by datagen (${unreadable.reason})`
      : (fallbacks.empty ?? width.empty);
  if (reason !== undefined && input.asked) {
    throw new DatagenError(
      ErrorCodes.UNSATISFIABLE,
      `${displayName(table)}: rows were requested but ${reason}. Ask for no rows of it, or fix the DDL you generate from.`,
      { table: displayName(table) },
    );
  }
  input.warnings.push(...fallbacks.warnings, ...width.warnings);
  return reason;
}
