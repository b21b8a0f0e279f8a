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

import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { CheckConstraint, Table, UniqueKey } from '../schema/model.js';
import { uniqueSpace } from './key-components.js';

/** Partial unique keys over plain columns (no FK, no expression) with room for fewer than `rows` values. */
export function partialKeysTooSmall(
  table: Table,
  hints: ReadonlyMap<string, ColumnHints>,
  lookup: TypeLookup,
  rows: number,
  generatorVersion: number,
): UniqueKey[] {
  if (rows <= 1) return [];
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  // A column another full key holds is cut by that key anyway: leaving the WHERE would only lose its values.
  const fullKeys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques].filter(
    (k) => k.where === null,
  );
  const inFullKey = new Set(
    fullKeys.flatMap((k) => [
      ...k.columns.filter((c): c is string => c !== null),
      ...k.expressions.flatMap((e) => (e === null ? [] : expressionColumns(e.ast))),
    ]),
  );
  return table.uniques.filter((key) => {
    if (key.where === null || key.columns.some((c) => c === null || fkColumns.has(c) || inFullKey.has(c)))
      return false;
    let capacity = 1;
    for (const c of key.columns)
      capacity *= uniqueSpace(
        table,
        c as string,
        lookup,
        hints.get(c as string),
        rows,
        generatorVersion,
      ).space;
    return capacity < rows;
  });
}

/** The CHECK that keeps every row outside a partial key's WHERE. */
export function outsidePredicateCheck(key: UniqueKey): CheckConstraint {
  const where = key.where;
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
