/**
 * Version 13: a row's upper bound at or above its lower one (`max_salary` ≥
 * `min_salary`, `price_high` ≥ `price_low`, `upper_limit` ≥ `lower_limit`):
 * the upper column is drawn again, up to a few times, until it reaches the
 * lower column's value, else takes that value (where both columns have one
 * type). Version 12 drew each alone: a job's `max_salary` under its
 * `min_salary` in half the rows.
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { columnWhere } from './line-amounts.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** An upper bound's word and the lower bound's word in the same place of the other name. */
const PAIRS: Readonly<Record<string, string>> = {
  max: 'min',
  maximum: 'minimum',
  high: 'low',
  highest: 'lowest',
  upper: 'lower',
};
const DRAWS = 8;
const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'money']);

/** The lower bound column of an upper bound column (`min_salary` for `max_salary`), or null. */
function lowerBoundOf(table: Table, column: string): string | null {
  const own = nameTokens(column);
  for (let at = 0; at < own.length; at++) {
    const lower = PAIRS[own[at] as string];
    if (lower === undefined) continue;
    const wanted = own.map((w, i) => (i === at ? lower : w)).join(' ');
    const found = columnWhere(table, column, (t) => t.join(' ') === wanted);
    if (found !== null) return found;
  }
  return null;
}

/** The lower bound column a number column of base type `baseName` is kept at or above (for `datagen plan`), or null. */
export function lowerBoundColumn(table: Table, column: string, baseName: string): string | null {
  return NUMBER_TYPES.has(baseName) ? lowerBoundOf(table, column) : null;
}

/** `made`, kept at or above the row's lower bound column where the column is an upper bound of numbers. */
export function withLowerBound(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const lower = lowerBoundColumn(build.table, build.column.name, build.base.name);
  if (lower === null) return made;
  const other = build.table.columns.find((c) => c.name === lower);
  const sameType =
    other !== undefined &&
    other.type.name === build.column.type.name &&
    other.type.typmods.join(',') === build.column.type.typmods.join(',');
  const read = siblingReader(build.ctx, lower);
  return {
    escapeFree: made.escapeFree === true,
    random(rand, row) {
      const floorText = read(row);
      const value = made.random(rand, row);
      const floor = typeof floorText === 'string' ? Number(floorText) : Number.NaN;
      if (!Number.isFinite(floor) || Number(value) >= floor) return value;
      for (let i = 1; i < DRAWS; i++) {
        const again = made.random(rand, row);
        if (Number(again) >= floor) return again;
      }
      return sameType ? (floorText as string) : value;
    },
  };
}
