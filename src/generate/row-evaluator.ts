/**
 * An expression of a row's columns compiled once and evaluated on each row's
 * values (text as the row engine holds them, read as their columns' types):
 * what an equation computes a column from (check-equations.ts,
 * json-document-equations.ts, time-difference-values.ts).
 */
import { compileExpression } from '../checks/evaluate-expr.js';
import { type Evaluate, NotEvaluableError, SqlRuntimeError } from '../checks/evaluation.js';
import { familyOf, readValue, type SqlValue } from '../checks/sql-value.js';
import type { TypeRef } from '../schema/model.js';

export type RowValues = ReadonlyMap<string, string | null>;

/** What the evaluator needs of the table: the reference time now() reads and the columns' types. */
export interface RowEvaluatorContext {
  readonly referenceSeconds: number;
  baseType(column: string): TypeRef;
}

/**
 * The expression compiled, evaluated on a row's values read as their columns' types: SQL's NULL as null,
 * undefined where it cannot be evaluated or fails at run time; undefined (no evaluator) where it does not compile.
 */
export function rowEvaluator(
  ctx: RowEvaluatorContext,
  expr: unknown,
): ((values: RowValues) => SqlValue | undefined) | undefined {
  let evaluate: Evaluate;
  try {
    evaluate = compileExpression(expr, { now: ctx.referenceSeconds });
  } catch (error) {
    if (error instanceof NotEvaluableError) return undefined;
    throw error;
  }
  return (values) => {
    try {
      return evaluate((b) => readValue(values.get(b) ?? null, familyOf(ctx.baseType(b).name), 0));
    } catch (error) {
      if (error instanceof SqlRuntimeError || error instanceof NotEvaluableError) return undefined;
      throw error;
    }
  };
}
