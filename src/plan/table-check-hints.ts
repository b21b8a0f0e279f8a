/**
 * A table's CHECKs (its own, its partitions', its columns' domains') planned
 * into per-column hints and row-level checks, with the warnings they give:
 * CHECKs datagen cannot plan, and columns whose CHECKs leave no value.
 */

import { boundedIntegerRange } from '../checks/bounded-integer.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { FormulaOptions } from '../checks/compile-formula.js';
import { compositeFields } from '../checks/record-fields.js';
import { familyOf } from '../checks/sql-value.js';
import {
  domainElementChecks,
  resolveDomains,
  type TypeLookup,
  unsupportedFieldCheck,
} from '../checks/type-resolution.js';
import { userTypeOptions } from '../checks/typed-casts.js';
import type { Warning } from '../errors.js';
import { tableKeys } from '../schema/key-columns.js';
import type { CheckConstraint, Table, TypeRef } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';
import { MAX_CHARACTER_BYTES } from '../values/types/text.js';
import { checksOverGeneratedColumns } from './generated-column-checks.js';
import type { CheckPart, TableCheckPlan } from './plan-model.js';
import { type CheckProblem, domainCheckOnColumn, planTableChecks } from './table-checks.js';

export interface TableCheckHints {
  readonly hints: Map<string, ColumnHints>;
  readonly checks: TableCheckPlan;
  /** The conjuncts compiled into each column's hints. */
  readonly columnParts: ReadonlyMap<string, readonly CheckPart[]>;
  readonly warnings: readonly Warning[];
  /** What the CHECKs cannot give (an unsatisfiable one empties the table: see column-fallbacks.ts). */
  readonly problems: readonly CheckProblem[];
  readonly usesNow: boolean;
}

/** Plan the CHECKs a table's rows must meet: its own, its partitions' (unless NO INHERIT) and its domains'. */
export function planCheckHints(
  table: Table,
  partitions: readonly Table[],
  lookup: TypeLookup,
  readings: FormulaOptions,
  referenceSeconds: number,
  trusted: ReadonlySet<string> = new Set(),
  keptByParents: (column: string, check: CheckConstraint) => boolean = () => false,
): TableCheckHints {
  // `trust_checks:` constraints are neither read nor evaluated: the configured values meet them.
  const checks: CheckConstraint[] = checksOverGeneratedColumns(
    table,
    [...table.checks, ...partitions.flatMap((p) => p.checks.filter((c) => !c.noInherit))].filter(
      (c) => !trusted.has(c.name),
    ),
  );
  // Domain CHECKs are the column's CHECKs, with VALUE read as the column.
  const domainNotNull = new Set<string>();
  for (const column of table.columns) {
    const resolved = resolveDomains(column.type, lookup);
    if (resolved.notNull) domainNotNull.add(column.name);
    for (const c of resolved.checks) {
      // A domain CHECK its FK's parent column has too: the parent's values, which the column takes, meet it.
      if (trusted.has(c.name) || keptByParents(column.name, c)) continue;
      checks.push({
        ...domainCheckOnColumn(c, column.name),
        name: `${c.name} (domain ${resolved.domains.join(' → ')})`,
      });
    }
  }
  const columnFamily = (name: string) => {
    const col = table.columns.find((c) => c.name === name);
    const base = col ? resolveDomains(col.type, lookup).base : undefined;
    return base && base.arrayDims === 0 ? familyOf(base.name) : undefined;
  };
  const notNull = new Set([
    ...domainNotNull,
    ...table.columns.filter((c) => c.notNull && !c.generated).map((c) => c.name),
    ...(table.primaryKey?.columns ?? []).filter((c): c is string => c !== null),
  ]);
  const keyed = new Set(tableKeys(table).flatMap((k) => k.columns.filter((c): c is string => c !== null)));
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const takenColumn = (name: string) => fkColumns.has(name);
  const planned = planTableChecks(
    checks,
    { ...readings, columnFamily, takenColumn },
    referenceSeconds,
    notNull,
    keyed,
    {
      field: compositeFields(table.columns, lookup),
      ...userTypeOptions(table.columns, table.schema, lookup),
    },
  );
  const hints = planned.hints;
  const elements = elementCheckFallbacks(table, lookup, (c) => !notNull.has(c) && !keyed.has(c));
  for (const name of elements.nullColumns) hints.set(name, { ...(hints.get(name) ?? {}), nullOnly: true });
  const problems = [...planned.problems, ...elements.problems];
  for (const name of domainNotNull) hints.set(name, { ...(hints.get(name) ?? {}), notNull: true });
  for (const [name, h] of hints) {
    const col = table.columns.find((c) => c.name === name);
    if (h.oneOf && col)
      hints.set(name, { ...h, oneOf: valuesTheTypeHolds(resolveDomains(col.type, lookup).base, h.oneOf) });
  }
  return {
    hints,
    checks: planned.plan,
    columnParts: planned.columnParts,
    warnings: [...problems.map((p) => checkWarning(table, p)), ...elements.warnings],
    problems,
    usesNow: planned.plan.usesNow,
  };
}

/** The names of the CHECKs a table's rows must meet (its own, its partitions', its columns' domains'), for `trust_checks:`. */
export function checkNamesOf(table: Table, partitions: readonly Table[], lookup: TypeLookup): string[] {
  const names = [
    ...table.checks,
    ...partitions.flatMap((p) => p.checks.filter((c) => !c.noInherit)),
    ...table.columns.flatMap((c) => resolveDomains(c.type, lookup).checks),
  ].map((c) => c.name);
  return [...new Set(names)];
}

/** A CHECK of a domain inside a column's array elements or composite fields that values are not made to. */
function unmadeNestedCheck(
  type: TypeRef,
  lookup: TypeLookup,
): { check: string; text: string; reason: string } | undefined {
  const base = resolveDomains(type, lookup).base;
  if (base.arrayDims > 0 && lookup.resolveType(base.schema, base.name)?.kind === 'domain') {
    const element = domainElementChecks(base, lookup);
    const text = element.unsupported[0];
    if (text !== undefined) {
      const reason = 'array elements are made only to bounds, value lists and patterns';
      return { check: `of domain ${element.domains.join(' → ')} on the elements`, text, reason };
    }
  }
  const field = unsupportedFieldCheck(base, lookup);
  if (!field) return undefined;
  const reason = 'composite fields are made only to bounds, value lists and patterns';
  return { check: `of domain ${field.domains.join(' → ')} on a field`, text: field.text, reason };
}

/**
 * Arrays of a domain whose CHECKs datagen cannot make elements to (only
 * bounds, lists and patterns it can): a nullable column is left NULL, warned;
 * a NOT NULL one is a problem that leaves the table empty.
 */
function elementCheckFallbacks(
  table: Table,
  lookup: TypeLookup,
  mayBeNull: (column: string) => boolean,
): { problems: CheckProblem[]; nullColumns: string[]; warnings: Warning[] } {
  const out = { problems: [] as CheckProblem[], nullColumns: [] as string[], warnings: [] as Warning[] };
  if (table.partitionOf) return out;
  for (const column of table.columns) {
    const unmade = unmadeNestedCheck(column.type, lookup);
    if (!unmade) continue;
    const { text, reason } = unmade;
    const check = `${unmade.check} of ${column.name}`;
    if (mayBeNull(column.name)) {
      const where = displayColumn(table, column.name);
      out.nullColumns.push(column.name);
      out.warnings.push({
        code: 'COLUMN_LEFT_NULL',
        where,
        message: `${where}: CHECK ${check} (${text}) cannot be read by datagen (${reason}); the column is left NULL in every row. To fill it, give it \`values:\` that meet the CHECK in .datagen.yaml and list the constraint under \`tables.${displayName(table)}.trust_checks\`.`,
      });
    } else out.problems.push({ check, text, kind: 'not-evaluable', reason });
  }
  return out;
}

/** How to fill a table a CHECK datagen cannot read leaves empty. */
function unreadableAdvice(table: string): string {
  return (
    `To fill it, give the columns the CHECK reads \`values:\` that meet it in .datagen.yaml and list the constraint under \`tables.${table}.trust_checks\`, ` +
    'or generate from a copy of the DDL with an equivalent CHECK datagen reads (e.g. the function defined in the DDL with a one-expression body). See how its columns are generated with "datagen plan".'
  );
}

/** For a CHECK calling a function datagen cannot read: declaring it STRICT lets NULL in nullable columns meet it. */
function strictAdvice(reason: string): string {
  const fn = /^function (\S+\(\))$/.exec(reason)?.[1];
  return fn === undefined
    ? ''
    : ` If ${fn} returns NULL for a NULL argument, declare it STRICT in that copy: the CHECK then holds with the nullable columns it passes NULL, which datagen writes instead.`;
}

/** Why each CHECK_NOT_COMPILED warning was given (its CHECK and reason), for grouping repeated ones. */
const notCompiled = new WeakMap<Warning, { what: string; reason: string }>();

/** The CHECK_NOT_COMPILED warning of a CHECK on table `where`, remembered for grouping. */
function checkWarningText(where: string, what: string, reason: string): Warning {
  const warning = {
    code: 'CHECK_NOT_COMPILED',
    where,
    message: `${what} cannot be read by datagen (${reason}), so ${where} gets no rows rather than rows that may fail it (tables whose foreign keys need its rows follow: a nullable one is left NULL). ${unreadableAdvice(where)}${strictAdvice(reason)}`,
  };
  notCompiled.set(warning, { what, reason });
  return warning;
}

export function checkWarning(table: Table, problem: CheckProblem): Warning {
  const where = displayName(table);
  const what = `CHECK ${problem.check} (${problem.text}) on ${where}`;
  switch (problem.kind) {
    case 'not-evaluable':
      return checkWarningText(where, what, problem.reason);
    case 'future':
      return {
        code: 'CHECK_FUTURE_RELATIVE',
        where,
        message: `${what} bounds values from below by now(): they are generated after the reference time plus 30 days, so the rows satisfy it only until then.`,
      };
    case 'strict-call': {
      const columns = problem.columns ?? [];
      const named = columns.map((c) => `${where}.${quoteIdent(c)}`).join(', ');
      return {
        code: 'COLUMN_NULL_BY_CHECK',
        where: columns.length === 1 ? `${where}.${quoteIdent(columns[0] as string)}` : where,
        message: `${named || where}: ${what} calls ${problem.reason}, which datagen cannot read; it is STRICT, so the CHECK holds when its arguments are NULL, and ${named || 'the columns it reads'} ${columns.length === 1 ? 'is' : 'are'} written NULL where no value can be shown to meet it. To fill ${columns.length === 1 ? 'it' : 'them'}, give ${columns.length === 1 ? 'it' : 'them'} \`values:\` that meet the CHECK in .datagen.yaml and list the constraint under \`tables.${where}.trust_checks\`, or generate from a copy of the DDL where ${problem.reason.replace(/^functions? /, '')} has a one-expression body datagen reads.`,
      };
    }
    case 'unsatisfiable':
      return {
        code: 'CHECK_UNSATISFIABLE',
        where,
        message: `${what} can never hold (${problem.reason}), so ${where} gets no rows (tables with NOT NULL foreign keys to it too). To fill it, fix or drop that CHECK in a copy of the DDL you generate from.`,
      };
  }
}

/**
 * CHECK_NOT_COMPILED warnings sharing a reason (one function many CHECKs
 * call, as MusicBrainz's controlled_for_whitespace() on 100 columns) become
 * one warning in the place of the first, naming how many and the first few.
 */
export function groupRepeatedCheckWarnings(warnings: Warning[]): void {
  mergeSameCheckWarnings(warnings);
  const byReason = new Map<string, Warning[]>();
  for (const w of warnings) {
    const why = notCompiled.get(w);
    if (why) byReason.set(why.reason, [...(byReason.get(why.reason) ?? []), w]);
  }
  for (const [reason, group] of byReason) {
    if (group.length < 3) continue;
    const whats = group.map((w) => notCompiled.get(w)?.what ?? '');
    const tables = new Set(group.map((w) => w.where));
    const first = group[0] as Warning;
    const combined: Warning = {
      code: 'CHECK_NOT_COMPILED',
      where: first.where,
      message: `${group.length} CHECKs on ${tables.size} table${tables.size === 1 ? '' : 's'} cannot be read by datagen (${reason}): ${whats.slice(0, 3).join(', ')}${group.length > 3 ? `, and ${group.length - 3} more` : ''}; those tables get no rows rather than rows that may fail them. ${unreadableAdvice(first.where)}${strictAdvice(reason)}`,
    };
    warnings.splice(warnings.indexOf(first), 1, combined);
    for (const w of group.slice(1)) warnings.splice(warnings.indexOf(w), 1);
  }
}

/**
 * CHECK_NOT_COMPILED warnings of one CHECK (one per part it cannot read:
 * cipherstash's `config_check_version(data) AND config_check_tables(data)
 * AND …` gave the same warning four times) become one, naming every reason.
 */
function mergeSameCheckWarnings(warnings: Warning[]): void {
  const byCheck = new Map<string, Warning[]>();
  for (const w of warnings) {
    const why = notCompiled.get(w);
    if (why) byCheck.set(why.what, [...(byCheck.get(why.what) ?? []), w]);
  }
  for (const [what, group] of byCheck) {
    if (group.length < 2) continue;
    const reasons = [...new Set(group.map((w) => notCompiled.get(w)?.reason ?? ''))];
    const functions = reasons.map((r) => /^function (\S+)$/.exec(r)?.[1]);
    const reason = functions.every((f) => f !== undefined)
      ? `functions ${functions.join(', ')}`
      : reasons.join('; ');
    const first = group[0] as Warning;
    const merged = checkWarningText(first.where, what, reason);
    warnings.splice(warnings.indexOf(first), 1, merged);
    for (const w of group.slice(1)) warnings.splice(warnings.indexOf(w), 1);
  }
}

const INTEGER_LIMITS: Readonly<Record<string, bigint>> = {
  int2: 1n << 15n,
  int4: 1n << 31n,
  int8: 1n << 63n,
};

/**
 * The listed values a column's type can hold: `varchar(3) CHECK (c IN
 * ('draft', 'paid'))` can hold none of them (the server rejects a value too
 * long for the column before it reads the CHECK), `int2 … IN (1, 70000)` only 1.
 */
function valuesTheTypeHolds(base: TypeRef, values: readonly string[]): readonly string[] {
  if (base.arrayDims > 0) return values;
  const length = base.typmods[0];
  if ((base.name === 'varchar' || base.name === 'bpchar') && length !== undefined)
    return values.filter((v) => [...v.replace(/ +$/, '')].length <= length);
  const limit = INTEGER_LIMITS[base.name];
  if (limit !== undefined)
    return values.filter((v) => /^-?\d+$/.test(v) && BigInt(v) >= -limit && BigInt(v) < limit);
  return values;
}

/** A NOT NULL column whose CHECKs admit no value: why (for the warning), or undefined when some value fits. */
export function emptyDomain(
  table: Table,
  column: string,
  hints: ColumnHints | undefined,
  lookup: TypeLookup,
): string | undefined {
  const col = table.columns.find((c) => c.name === column);
  if (!col || !hints || col.generated) return undefined;
  const notNull = col.notNull || hints.notNull === true;
  if (!notNull) return undefined;
  if (hints.nullOnly) return 'IS NULL on a NOT NULL column';
  if (hints.oneOf) {
    const excluded = hints.exclude ?? [];
    const left = hints.oneOf.filter((v) => !excluded.includes(v));
    if (left.length === 0) {
      return hints.oneOf.length === 0
        ? 'the value lists of its CHECKs have no value in common that fits its type'
        : `every listed value (${hints.oneOf.map((v) => `'${v}'`).join(', ')}) is also excluded`;
    }
  }
  const range = boundedIntegerRange(resolveDomains(col.type, lookup).base, hints);
  if (range && range.min > range.max)
    return `its bounds leave no integer (from ${hints.min} to ${hints.max})`;
  if (hints.minLength !== undefined && hints.maxLength !== undefined && hints.minLength > hints.maxLength) {
    // A byte minimum (`octet_length(c) >= 8`) is met by fewer characters of more bytes (values/types/text.ts).
    const bytes = hints.minBytes;
    const wider = bytes !== undefined && hints.minLength <= bytes && hints.maxLength > 0;
    if (!wider || hints.maxLength * MAX_CHARACTER_BYTES < bytes)
      return wider
        ? `at least ${bytes} bytes in at most ${hints.maxLength} characters (a character is at most ${MAX_CHARACTER_BYTES} bytes in UTF-8)`
        : `length at least ${hints.minLength} and at most ${hints.maxLength}`;
  }
  return undefined;
}
