/**
 * A column's configured `values`, `min` and `max` checked against its type
 * and CHECKs (each value is evaluated with the CHECKs that read the column
 * alone, as PostgreSQL would), then made the column's bounds. Conflicts are
 * errors at the setting's `file:line:column`.
 */

import { daysFromCivil } from '../checks/calendar.js';
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
import { isInfinite, SPECIAL_NUMBER, SPECIAL_NUMBER_TYPES } from './time-setting-values.js';

const BOOLEAN = /^(t|f|true|false|yes|no|on|off|y|n|1|0)$/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);

/** Microseconds of a day. */
const DAY_US = 86_400_000_000;

/** The last day (date) and microsecond (timestamps) PostgreSQL takes: 5874897-12-31, 294276-12-31 24:00 less 1 µs. */
const PG_LAST: Readonly<Record<string, number>> = {
  date: daysFromCivil(5874897, 12, 31),
  timestamp: (daysFromCivil(294276, 12, 31) + 1) * DAY_US - 1,
  timestamptz: (daysFromCivil(294276, 12, 31) + 1) * DAY_US - 1,
};

/** Words PostgreSQL reads as a date or time of the moment it reads them (the load's, not the configuration's). */
const LOAD_TIME_WORDS = /^\s*(now|today|tomorrow|yesterday)\s*$/i;

/**
 * Why `value` is not a value of the type, or undefined when it is; `range`: a `values` entry may be any
 * value of the type (`type`), a bound only one datagen generates (`generated`: dates of years 1 to 9999).
 */
function notOfType(
  value: string,
  base: TypeRef,
  lookup: TypeLookup,
  range: 'type' | 'generated' = 'type',
): string | undefined {
  if (PG_LAST[base.name] !== undefined && base.arrayDims === 0) {
    if (isInfinite(value)) return undefined;
    if (LOAD_TIME_WORDS.test(value))
      return `what PostgreSQL reads as the time of the load, not a fixed ${typeName(base)}: give the ${typeName(base)} itself, or sql: current_date (evaluated at --reference-time)`;
  }
  if (base.arrayDims > 0) return `datagen cannot check values of type ${typeName(base)}`;
  if (SPECIAL_NUMBER_TYPES.has(base.name) && SPECIAL_NUMBER.test(value)) {
    // PostgreSQL's float4/float8 and numeric read NaN and ±Infinity (numeric since 14); a numeric(p,s) holds no infinity.
    return base.name === 'numeric' && base.typmods.length > 0 && !/nan/i.test(value)
      ? `an infinity, which ${typeName(base)} cannot hold (PostgreSQL: numeric field overflow); use numeric without a precision, or remove it`
      : undefined;
  }
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
  const last = PG_LAST[base.name];
  if (range === 'type' && last !== undefined)
    return units < codec.lo || units > last ? `out of the range of ${typeName(base)}` : undefined;
  if (units < codec.lo || units > codec.hi)
    return last === undefined
      ? `out of the range of ${typeName(base)}`
      : `outside the years datagen generates (1 to 9999; PostgreSQL takes later ones): set it inside, or list such values under values`;
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
  // min -infinity, max infinity: every value of the type is inside, as if not set.
  const unbounded = (side: 'min' | 'max') => config[side] === (side === 'min' ? '-infinity' : 'infinity');
  for (const side of ['min', 'max'] as const) {
    const value = config[side];
    if (value === undefined || unbounded(side)) continue;
    const text = String(value);
    if (isInfinite(text))
      throw settingError(
        at(side),
        `${where}: ${side} ${text} leaves the column only ${text} itself: list it under values instead (values: ['${text}'])`,
      );
    const bad = notOfType(text, base, context.lookup, 'generated');
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
  if (config.min !== undefined && !unbounded('min')) {
    hints.min = number ? Number(config.min) : String(config.min);
    delete hints.minExclusive;
  }
  if (config.max !== undefined && !unbounded('max')) {
    hints.max = number ? Number(config.max) : String(config.max);
    delete hints.maxExclusive;
  }
}
