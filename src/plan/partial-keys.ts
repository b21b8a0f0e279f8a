/**
 * Partial unique indexes (`CREATE UNIQUE INDEX ON t (admin) WHERE admin AND
 * deleted_at IS NULL`) whose columns have fewer unique values than the rows
 * asked for: rows outside the WHERE need not be unique, so instead of cutting
 * the table to the key's few values, every row is kept outside the predicate
 * (a CHECK `NOT (predicate)` the row engine meets per row: one of
 * `NOT admin`, `deleted_at IS NOT NULL`), and the key leaves the capacity
 * planning. Used only where the predicate's negation is a CHECK datagen can
 * plan; otherwise the key cuts the table as any unique key does.
 */

import type { Node as PgNode } from 'libpg-query';
import type { ColumnHints } from '../checks/check-hints.js';
import { conjuncts } from '../checks/compile-formula.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import { deparseNode } from '../input/ddl/ast.js';
import { expressionColumns } from '../schema/expression-columns.js';
import { tableKeys } from '../schema/key-columns.js';
import type { CheckConstraint, Expr, Table, UniqueKey } from '../schema/model.js';
import { uniqueSpace } from './key-components.js';
import { keyElementExpressions } from './key-expressions.js';
import type { CheckPart } from './plan-model.js';
import type { TableCheckHints } from './table-check-hints.js';

/** Partial unique keys over plain columns (no FK; expressions only beside them, roomColumns) with room for fewer than `rows` values. */
export function partialKeysTooSmall(
  table: Table,
  hints: ReadonlyMap<string, ColumnHints>,
  lookup: TypeLookup,
  rows: number,
  generatorVersion: number,
  locale?: string,
): UniqueKey[] {
  if (rows <= 1) return [];
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  // A column another full key holds is cut by that key anyway: leaving the WHERE would only lose its values.
  const fullKeys = tableKeys(table).filter((k) => k.where === null);
  const inFullKey = new Set(
    fullKeys.flatMap((k) => [
      ...k.columns.filter((c): c is string => c !== null),
      ...k.expressions.flatMap((e) => (e === null ? [] : expressionColumns(e.ast))),
    ]),
  );
  return table.uniques.filter((key) => {
    if (key.where === null) return false;
    const room = roomColumns(key, table, generatorVersion);
    if (room === undefined || room.read.some((c) => fkColumns.has(c) || inFullKey.has(c))) return false;
    let capacity = 1;
    for (const c of room.columns)
      capacity *= uniqueSpace(
        table,
        c as string,
        lookup,
        hints.get(c as string),
        rows,
        generatorVersion,
        false,
        locale,
      ).space;
    return capacity < rows;
  });
}

/**
 * A partial key's columns whose unique values make its room, and every column it reads: its plain columns,
 * or beside them expressions datagen cannot make unique (`((organization_id IS NULL))`, one value each, so
 * a key of such expressions alone has room for one row). Undefined for a key with an expression key-capacity
 * plans (lower(), %, ||, a json path): its room is found there.
 */
function roomColumns(
  key: UniqueKey,
  table: Table,
  generatorVersion: number,
): { readonly columns: readonly string[]; readonly read: readonly string[] } | undefined {
  if (key.columns.every((c) => c !== null))
    return { columns: key.columns as string[], read: key.columns as string[] };
  const columns: string[] = [];
  const read: string[] = [];
  const elements = keyElementExpressions(key, table.columns, { trims: generatorVersion >= 25 });
  for (const [i, element] of elements.entries()) {
    const column = key.columns[i];
    if (element.kind === 'opaque') {
      const expression = key.expressions[i];
      if (column != null || expression == null) return undefined;
      read.push(...expressionColumns(expression.ast));
    } else if (element.kind === 'columns' && column != null && element.fold === undefined) {
      if (element.without !== undefined || element.edges !== undefined) return undefined;
      columns.push(column);
      read.push(column);
    } else return undefined;
  }
  return columns.length < elements.length ? { columns, read } : undefined;
}

/**
 * The CHECK that keeps every row outside a partial key's WHERE, or outside one conjunct of it (`deleted_at
 * IS NULL` of `active AND deleted_at IS NULL`: a row where one conjunct is false is outside the whole).
 */
export function outsidePredicateCheck(key: UniqueKey, conjunct?: Expr): CheckConstraint {
  const where = conjunct ?? key.where;
  if (where === null) throw new Error(`${key.name} has no WHERE`);
  return {
    kind: 'check',
    name: `${key.name} (rows kept outside its WHERE)`,
    expr: {
      kind: 'expr',
      ast: { BoolExpr: { boolop: 'NOT_EXPR', args: [where.ast], location: -1 } },
      text: `NOT (${where.text})`,
    },
    noInherit: false,
    notValid: false,
  };
}

/** A partial key's way out for the rows past its room: the one column its WHERE reads, and that column's hints under `NOT (predicate)`. */
export interface RowsOutside {
  readonly column: string;
  readonly hints: ColumnHints;
}

/**
 * Partial unique keys over foreign keys (`(customer_id) WHERE is_default`), whose room (the parent's rows)
 * is known only when the passes plan: the rows past that room are kept outside the WHERE (the key's tuples
 * repeat there, plan/key-capacity.ts), the WHERE's one column taking a value of `NOT (predicate)`, so
 * the table keeps its rows. Only for a key of FK columns no other key reads, whose WHERE reads one
 * column outside the key that no CHECK decides per row, and where `NOT (predicate)` plans into that
 * column's hints alone. By key name.
 */
export function rowsOutsidePartialKeys(
  table: Table,
  planned: TableCheckHints,
  kept: ReadonlySet<UniqueKey>,
  planWith: (extra: CheckConstraint) => TableCheckHints,
): Map<string, RowsOutside> {
  const found = new Map<string, RowsOutside>();
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const readPerRow = new Set(perRowParts(planned).flatMap((p) => expressionColumns(p.ast)));
  const keys = tableKeys(table);
  // Another key over one of its columns counts on that column's FK being distinct: the key stays as it was.
  const elsewhere = (key: UniqueKey, column: string) =>
    keys.some(
      (k) =>
        k !== key &&
        (k.columns.includes(column) ||
          k.expressions.some((e) => e !== null && expressionColumns(e.ast).includes(column))),
    );
  for (const key of table.uniques) {
    if (key.where === null || kept.has(key) || key.nullsNotDistinct) continue;
    if (key.columns.some((c) => c === null || !fkColumns.has(c) || elsewhere(key, c))) continue;
    // The WHERE whole, else each conjunct of it (`active AND deleted_at IS NULL`), the first that plans.
    const parts = conjuncts(key.where.ast);
    const candidates: (Expr | undefined)[] =
      parts.length > 1
        ? [undefined, ...parts.map((ast): Expr => ({ kind: 'expr', ast, text: deparseNode(ast as PgNode) }))]
        : [undefined];
    for (const conjunct of candidates) {
      const read = expressionColumns((conjunct ?? key.where).ast);
      const column = read[0];
      if (read.length !== 1 || column === undefined || key.columns.includes(column)) continue;
      const col = table.columns.find((c) => c.name === column);
      if (!col || col.generated || col.identity || fkColumns.has(column) || readPerRow.has(column)) continue;
      const hints = outsideHints(outsidePredicateCheck(key, conjunct), column, planWith);
      if (hints === undefined) continue;
      found.set(key.name, { column, hints });
      break;
    }
  }
  return found;
}

/** The column's hints with `extra` (a `NOT (predicate)`) planned into them alone; undefined where it is not. */
function outsideHints(
  extra: CheckConstraint,
  column: string,
  planWith: (extra: CheckConstraint) => TableCheckHints,
): ColumnHints | undefined {
  const again = planWith(extra);
  // `NOT (predicate)` in the column's hints alone: no part of it left to a per-row choice or check.
  const problem = again.problems.some((p) => p.check === extra.name);
  if (problem || perRowParts(again).some((p) => p.check === extra.name)) return undefined;
  if (!again.checks.compiled.some((p) => p.check === extra.name)) return undefined;
  const hints = again.hints.get(column);
  return hints === undefined || hints.nullOnly ? undefined : hints;
}

/** The CHECK parts the row engine decides or verifies per row (not compiled into one column's hints). */
function perRowParts({ checks }: TableCheckHints): readonly CheckPart[] {
  return [
    ...checks.verify,
    ...checks.choices,
    ...checks.relations,
    ...checks.counts,
    ...(checks.multiples ?? []),
  ];
}

/**
 * In a pass, a partial key over FKs with room for fewer rows (rowsOutsidePartialKeys): the column its WHERE
 * reads, which the rows past its room take outside the WHERE, so the key cuts no rows (key-capacity.ts).
 * Not under --append (`wholeKeys`: held rows may be inside the WHERE), nor where another source decides the
 * column, nor for one value in every row (an exclusion's `c WITH <>`) or blocks children look up.
 */
export function outsideColumn(
  key: UniqueKey,
  rowsOutside: ReadonlyMap<string, RowsOutside> | undefined,
  wholeKeys: boolean,
  sources: ReadonlyMap<string, unknown>,
  hints: ReadonlyMap<string, ColumnHints>,
): string | undefined {
  const column = rowsOutside?.get(key.name)?.column;
  if (column === undefined || wholeKeys || sources.has(column)) return undefined;
  const h = hints.get(column);
  return h?.sameInEveryRow || h?.rowBlocks ? undefined : column;
}

/** The WHERE column outside from `row` on: the least room of the keys whose WHERE reads it. */
export function keepOutside(
  outside: Map<string, { readonly row: number; readonly key: string }>,
  column: string,
  row: number,
  key: string,
): void {
  const earlier = outside.get(column);
  if (earlier === undefined || earlier.row > row) outside.set(column, { row, key });
}
