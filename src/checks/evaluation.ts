import type { IntegerColumn } from './integer-types.js';
import type { RangeColumnType } from './range-functions.js';
import type { RecordField } from './record-fields.js';
/**
 * What the expression evaluator (evaluate-expr.ts) and its operators and
 * functions share: a compiled expression is a function of the row's values;
 * what it cannot compile throws NotEvaluableError, what PostgreSQL would
 * raise at run time throws SqlRuntimeError (the row is rejected).
 */
import type { SqlValue } from './sql-value.js';
import type { CastType } from './typed-casts.js';

/** The row's values by column name (already read into SqlValues). */
export type RowEnv = (column: string) => SqlValue;

export type Evaluate = (env: RowEnv) => SqlValue;

export class NotEvaluableError extends Error {
  override readonly name = 'NotEvaluableError';
}

/** An error PostgreSQL would raise while evaluating (integer overflow, division by zero): the row is rejected. */
export class SqlRuntimeError extends Error {
  override readonly name = 'SqlRuntimeError';
}

/**
 * A call (or a jsonb `@>`/`<@`) a generator version before the function's reads as unknown (plan/version-checks.ts
 * marks it).
 */
export const UNREAD_CALL = 'datagenUnread';

/**
 * A range operator (`&&`, `@>`, `<@`) a generator version before 29 reads only between two range columns or with
 * a multirange (plan/version-checks.ts marks it): a range column against a constant or an element stays unread.
 */
export const RANGE_OPERANDS_UNREAD = 'datagenRangeOperandsUnread';

export interface EvaluatorOptions {
  /** What `now()`, `current_date`, `CURRENT_TIMESTAMP` return: seconds since 1970-01-01 UTC. */
  readonly now: number;
  /** Whether a column is a bytea: length()/octet_length() of it count the bytes of its `\x…` text. */
  readonly bytea?: (column: string) => boolean;
  /** A composite column's field by name, for `(column).field`; undefined when the column is not a composite. */
  readonly field?: (column: string, field: string) => RecordField | undefined;
  /** A column of an enum type (or an array of one, domains followed): its labels in order. */
  readonly enumColumn?: (column: string) => readonly string[] | undefined;
  /** A user type a cast names (`x::priority`, `x::positive_int`; qualified names in order), else undefined. */
  readonly castType?: (names: readonly string[]) => CastType | undefined;
  /** A column of an integer type (domains followed): `+ - * / %` over it computed in PostgreSQL's result type, overflow an error. */
  readonly integerColumn?: IntegerColumn;
  /** A column of a built-in range or multirange type: its element family, for `lower(r)`/`upper(r)`. */
  readonly rangeColumn?: (column: string) => RangeColumnType | undefined;
}

/** What the evaluator reads of a table's types: composite fields, enum columns, user types in casts, integer columns. */
export type TypeReadings = Pick<
  EvaluatorOptions,
  'field' | 'enumColumn' | 'castType' | 'integerColumn' | 'rangeColumn'
>;
