/**
 * The STRICT functions a CHECK calls that datagen cannot read: their calls
 * (inline-functions.ts' `CASE WHEN … THEN NULL ELSE call END`) are reached
 * only by rows whose arguments are all set (table-checks.ts warns of them).
 */

import { compileExpression } from '../checks/evaluate-expr.js';
import { type EvaluatorOptions, NotEvaluableError } from '../checks/evaluation.js';
import { child } from '../checks/expression-nodes.js';

/** The call of `CASE WHEN … THEN NULL ELSE call END` (a STRICT function's call as inline-functions.ts reads it). */
function strictCallOf(node: object): unknown {
  const expr = child(node, 'CaseExpr');
  const whens = Array.isArray(expr?.args) ? expr.args : [];
  const result = whens.length === 1 ? child(child(whens[0], 'CaseWhen')?.result, 'A_Const') : undefined;
  return result?.isnull === true && child(expr?.defresult, 'FuncCall') ? expr?.defresult : undefined;
}

/**
 * The functions a conjunct the evaluator reads calls but cannot itself read: a STRICT function's call
 * after its NULL test (inline-functions.ts), reached only by rows whose arguments are all set.
 */
export function unreachedCalls(ast: unknown, options: EvaluatorOptions): string[] {
  try {
    compileExpression(ast, options);
  } catch {
    return [];
  }
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    // Only inline-functions.ts' STRICT shape: CASE WHEN … THEN NULL ELSE call END (a call an OR passes over
    // is no STRICT function's).
    const call = strictCallOf(node);
    if (call !== undefined) {
      try {
        compileExpression(call, options);
      } catch (error) {
        if (error instanceof NotEvaluableError) names.add(error.message);
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(ast);
  return [...names];
}
