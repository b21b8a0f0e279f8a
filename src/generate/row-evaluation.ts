/**
 * A table's evaluated CHECKs over a row's values (SQL semantics, see
 * checks/evaluate-expr.ts): the first one the row fails, with the columns it
 * reads (the fallbacks NULL those). A CHECK the evaluator cannot read for
 * the row's values fails the row like a false one: a row datagen cannot
 * show to meet its table's CHECKs is never written.
 */
import { checkPasses, compileExpression } from '../checks/evaluate-expr.js';
import {
  type Evaluate,
  NotEvaluableError,
  SqlRuntimeError,
  type TypeReadings,
} from '../checks/evaluation.js';
import { type ExactColumnType, exactEquality } from '../checks/exact-decimals.js';
import { child } from '../checks/expression-nodes.js';
import { integerTypeNamed } from '../checks/integer-types.js';
import { familyOf, readValue, type SqlValue } from '../checks/sql-value.js';
import { DIVISION_FROM, EQUATIONS_FROM, OR_EQUATIONS_FROM } from '../plan/check-equations.js';
import type { CheckPart } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { TypeRef } from '../schema/model.js';
import type { Failure } from './row-fallbacks.js';

export interface RowEvaluatorContext {
  readonly referenceSeconds: number;
  /** Version 22: an equation over numeric columns (`total = subtotal + tax`) is judged exactly (exact-decimals.ts). */
  readonly generatorVersion?: number;
  readonly types?: TypeReadings;
  baseType(column: string): TypeRef;
}

/** The evaluator of a row's values against the CHECK parts, compiled once. */
export function createRowEvaluator(
  verify: readonly CheckPart[],
  columns: Iterable<string>,
  ctx: RowEvaluatorContext,
): (values: ReadonlyMap<string, string | null>) => Failure | undefined {
  const exactType = exactColumnType(ctx);
  const evaluators = verify.map((part) => ({
    part,
    reads: new Set(expressionColumns(part.ast)),
    exact: exactType && exactJudge(part.ast, exactType, ctx),
    evaluate: compileExpression(part.ast, {
      now: ctx.referenceSeconds,
      ...ctx.types,
      bytea: (c) => {
        const type = ctx.baseType(c);
        return type.name === 'bytea' && type.arrayDims === 0;
      },
    }) as Evaluate,
  }));
  const families = new Map([...columns].map((c) => [c, familyOf(ctx.baseType(c).name)] as const));
  return (values) => {
    const env = (c: string): SqlValue => {
      const v = values.has(c) ? (values.get(c) ?? null) : null;
      const type = ctx.baseType(c);
      return readValue(v, families.get(c) ?? familyOf(type.name), type.arrayDims);
    };
    const text = (c: string) => values.get(c) ?? null;
    for (const { part, evaluate, reads, exact } of evaluators) {
      let result: SqlValue;
      try {
        result = exact ? exact(text) : evaluate(env);
      } catch (error) {
        if (error instanceof SqlRuntimeError)
          return { failed: `CHECK ${part.check} (${part.text}): ${error.message}`, columns: reads };
        if (!(error instanceof NotEvaluableError)) throw error; // a bug, not a CHECK result
        return {
          failed: `CHECK ${part.check} (${part.text}), which datagen cannot evaluate for these values (${error.message})`,
          columns: reads,
        };
      }
      if (!checkPasses(result)) return { failed: `CHECK ${part.check} (${part.text})`, columns: reads };
    }
    return undefined;
  };
}

type Judge = (text: (column: string) => string | null) => boolean | null;

/**
 * Version 22: an equation judged exactly; version 23: one with division or round(), and an OR with such an
 * equation as one of its ways (the others by the evaluator), in SQL's three-valued logic.
 */
function exactJudge(ast: unknown, exactType: ExactColumnType, ctx: RowEvaluatorContext): Judge | undefined {
  const version = ctx.generatorVersion ?? 0;
  const judge = exactEquality(ast, exactType, { division: version >= DIVISION_FROM });
  if (judge || version < OR_EQUATIONS_FROM) return judge;
  const bool = child(ast, 'BoolExpr');
  if (bool?.boolop !== 'OR_EXPR' || !Array.isArray(bool.args)) return undefined;
  const ways = bool.args.map((a) => exactJudge(a, exactType, ctx));
  if (ways.every((w) => w === undefined)) return undefined;
  const judges: Judge[] = bool.args.map((a, i) => ways[i] ?? evaluatedJudge(a, ctx));
  return (text) => {
    let unknown = false;
    for (const j of judges) {
      const r = j(text);
      if (r === true) return true;
      if (r === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

/** A boolean expression by the evaluator, over the row's texts. */
function evaluatedJudge(ast: unknown, ctx: RowEvaluatorContext): Judge {
  const evaluate = compileExpression(ast, { now: ctx.referenceSeconds, ...ctx.types }) as Evaluate;
  return (text) => {
    const v = evaluate((c) => {
      const type = ctx.baseType(c);
      return readValue(text(c), familyOf(type.name), type.arrayDims);
    });
    return v === null ? null : v === true;
  };
}

/** Version 22: the columns exact arithmetic reads (integer and numeric ones); undefined before. */
function exactColumnType(ctx: RowEvaluatorContext): ExactColumnType | undefined {
  if ((ctx.generatorVersion ?? 0) < EQUATIONS_FROM) return undefined;
  return (c) => {
    const type = ctx.baseType(c);
    if (type.arrayDims > 0) return undefined;
    return integerTypeNamed(type.name) ?? (type.name === 'numeric' ? 'numeric' : undefined);
  };
}
