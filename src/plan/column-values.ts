/**
 * A column's configured `values`, `min` and `max` checked against its type
 * and CHECKs (each value is evaluated with the CHECKs that read the column
 * alone, as PostgreSQL would), then made the column's bounds. Conflicts are
 * errors at the setting's `file:line:column`.
 */

import { type ColumnHints, TEXT_TYPES } from '../checks/check-hints.js';
import { checkPasses, compileExpression } from '../checks/evaluate-expr.js';
import { NotEvaluableError } from '../checks/evaluation.js';
import { familyOf, readValue } from '../checks/sql-value.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import { dateTimeFieldProblem } from '../input/date-time-fields.js';
import type { ColumnConfig } from '../input/spec/column-config.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Column, TypeRef } from '../schema/model.js';
import { ordinalCodecFor } from '../values/ordinal-codec.js';
import { settingError, typeName } from './column-settings.js';
import type { CheckPart } from './plan-model.js';

const BOOLEAN = /^(t|f|true|false|yes|no|on|off|y|n|1|0)$/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);

/** Why `value` is not a value of the type, or undefined when it is. */
function notOfType(value: string, base: TypeRef, lookup: TypeLookup): string | undefined {
  if (base.arrayDims > 0) return `datagen cannot check values of type ${typeName(base)}`;
  if (TEXT_TYPES.has(base.name)) {
    const limit = base.name === 'name' ? 63 : base.typmods[0];
    return limit !== undefined && [...value].length > limit
      ? `longer than ${typeName(base)} holds`
      : undefined;
  }
  if (base.name === 'bool') return BOOLEAN.test(value) ? undefined : 'not a boolean';
  if (base.name === 'uuid') return UUID.test(value) ? undefined : 'not a uuid';
  const type = lookup.resolveType(base.schema, base.name);
  if (type?.kind === 'enum') {
    return type.values.includes(value)
      ? undefined
      : `not a label of enum ${base.name} (${type.values.join(', ')})`;
  }
  const codec = ordinalCodecFor(base);
  if (!codec)
    return `datagen cannot check values of type ${typeName(base)}; leave the column to its generator`;
  if (INTEGER_TYPES.has(base.name) && !/^\s*-?\d+\s*$/.test(value)) return `not an integer`;
  const fields = dateTimeFieldProblem(value, base.name === 'time');
  if (fields !== undefined) return `not a ${typeName(base)} PostgreSQL reads (${fields})`;
  const units = codec.parse(value, 'min');
  if (units === undefined || Number.isNaN(units)) return `not a value of type ${typeName(base)}`;
  if (units < codec.lo || units > codec.hi) return `out of the range of ${typeName(base)}`;
  return undefined;
}

/** The CHECK conjuncts that read only this column (compiled into its bounds, or evaluated per row). */
export function ownChecks(
  column: string,
  columnParts: readonly CheckPart[],
  verify: readonly CheckPart[],
): CheckPart[] {
  const alone = verify.filter((p) => {
    const columns = expressionColumns(p.ast);
    return columns.length > 0 && columns.every((c) => c === column);
  });
  return [...new Set([...columnParts, ...alone])];
}

/** The first CHECK that refuses `value` in the column, as `name (text)`, or undefined. */
function failingCheck(
  value: string,
  column: string,
  base: TypeRef,
  checks: readonly CheckPart[],
  now: number,
) {
  const read = readValue(value, familyOf(base.name), base.arrayDims);
  for (const part of checks) {
    let passes: boolean;
    try {
      passes = checkPasses(compileExpression(part.ast, { now })((c) => (c === column ? read : null)));
    } catch (error) {
      if (!(error instanceof NotEvaluableError)) throw error;
      return `${part.check} (${part.text}), which datagen cannot evaluate`;
    }
    if (!passes) return `${part.check} (${part.text})`;
  }
  return undefined;
}

export interface ColumnValueContext {
  readonly where: string;
  readonly column: Column;
  readonly base: TypeRef;
  readonly hints: ColumnHints;
  readonly checks: readonly CheckPart[];
  readonly lookup: TypeLookup;
  /** now() of CHECKs, in seconds since 1970. */
  readonly now: number;
}

/** `values` checked: each a value of the type every CHECK on the column accepts. */
export function checkValues(config: ColumnConfig, context: ColumnValueContext): void {
  const at = config.at.values ?? config.where;
  const { where, column, base } = context;
  // A `sql` setting's value (sql-setting.ts) is named by its expression.
  const what = (value: string) =>
    config.sql === undefined
      ? `value ${JSON.stringify(value)}`
      : `sql ${JSON.stringify(config.sql)} (${JSON.stringify(value)})`;
  const fix = config.sql === undefined ? 'remove it from values' : 'change the expression';
  for (const value of config.values ?? []) {
    const bad = notOfType(value, base, context.lookup);
    if (bad !== undefined) throw settingError(at, `${where}: ${what(value)} is ${bad}`);
    const refused = failingCheck(value, column.name, base, context.checks, context.now);
    if (refused !== undefined)
      throw settingError(at, `${where}: ${what(value)} fails CHECK ${refused}; ${fix}`);
  }
}

/**
 * `min`/`max` checked (values of an ordered type, inside the CHECK's and the
 * type's bounds, min <= max) and made the column's bounds in `hints`.
 */
export function applyBounds(config: ColumnConfig, context: ColumnValueContext): void {
  if (config.min === undefined && config.max === undefined) return;
  const { where, base, hints } = context;
  const codec = ordinalCodecFor(base);
  const at = (side: 'min' | 'max') => config.at[side] ?? config.where;
  if (!codec || base.name === 'time') {
    throw settingError(
      at(config.min === undefined ? 'max' : 'min'),
      `${where}: min and max apply to numbers, dates and timestamps; the column is ${typeName(base)}`,
    );
  }
  const parsed = { min: undefined as number | undefined, max: undefined as number | undefined };
  for (const side of ['min', 'max'] as const) {
    const value = config[side];
    if (value === undefined) continue;
    const text = String(value);
    const bad = notOfType(text, base, context.lookup);
    if (bad !== undefined) throw settingError(at(side), `${where}: ${side} ${text} is ${bad}`);
    const units = codec.parse(text, side) as number;
    const hint = hints[side];
    const bound = hint === undefined ? undefined : codec.parse(String(hint), side);
    const exclusive = side === 'min' ? hints.minExclusive === true : hints.maxExclusive === true;
    const outside =
      bound !== undefined &&
      (side === 'min'
        ? units < bound || (exclusive && units === bound)
        : units > bound || (exclusive && units === bound));
    if (outside) {
      throw settingError(
        at(side),
        `${where}: ${side} ${text} is outside what the column's CHECKs allow (${side === 'min' ? '>' : '<'}${exclusive ? '' : '='} ${hint}); set it inside`,
      );
    }
    parsed[side] = units;
  }
  if (parsed.min !== undefined && parsed.max !== undefined && parsed.min > parsed.max) {
    throw settingError(at('max'), `${where}: max ${config.max} is below min ${config.min}`);
  }
  const number = familyOf(base.name) === 'number';
  if (config.min !== undefined) {
    hints.min = number ? Number(config.min) : String(config.min);
    delete hints.minExclusive;
  }
  if (config.max !== undefined) {
    hints.max = number ? Number(config.max) : String(config.max);
    delete hints.maxExclusive;
  }
}
