/**
 * SQL's logic and conditional expressions for the evaluator
 * (evaluate-expr.ts): AND / OR / NOT in three-valued logic, `IS [NOT] TRUE`,
 * COALESCE, GREATEST / LEAST and CASE.
 */

import { type Evaluate, NotEvaluableError } from './evaluation.js';
import { asNode, type Node } from './expression-nodes.js';
import { compareOp, truth } from './sql-operators.js';
import { compareValues, type SqlValue } from './sql-value.js';

type Compile = (node: unknown) => Evaluate;

/** AND / OR / NOT with SQL's three-valued logic. */
export function compileBoolExpr(n: Node, rec: Compile): Evaluate {
  const nodes = Array.isArray(n.args) ? n.args : [];
  if (n.boolop !== 'NOT_EXPR') return compileAndOr(nodes, rec, n.boolop === 'AND_EXPR');
  if (nodes[0] === undefined) throw new NotEvaluableError('NOT');
  const a = rec(nodes[0]);
  return (env) => {
    const t = truth(a(env));
    return t === null ? null : !t;
  };
}

/**
 * AND / OR. An argument the evaluator cannot read is kept for last: a row
 * whose readable arguments decide the result (a false one for AND, a true
 * one for OR) is judged; any other row reaches it and is not evaluable. One
 * argument at least must be readable.
 */
function compileAndOr(nodes: readonly unknown[], rec: Compile, and: boolean): Evaluate {
  const args: Evaluate[] = [];
  let unreadable: NotEvaluableError | undefined;
  for (const node of nodes) {
    try {
      args.push(rec(node));
    } catch (error) {
      if (!(error instanceof NotEvaluableError)) throw error;
      unreadable ??= error;
    }
  }
  if (unreadable && args.length === 0) throw unreadable;
  return (env) => {
    let unknown = false;
    for (const a of args) {
      const t = truth(a(env));
      if (t === null) unknown = true;
      else if (t !== and) return !and;
    }
    if (unreadable) throw unreadable;
    return unknown ? null : and;
  };
}

/** `x IS [NOT] TRUE | FALSE | UNKNOWN`. */
export function compileBooleanTest(n: Node, rec: Compile): Evaluate {
  const arg = rec(n.arg);
  const test = String(n.booltesttype);
  return (env) => {
    const t = truth(arg(env));
    switch (test) {
      case 'IS_TRUE':
        return t === true;
      case 'IS_NOT_TRUE':
        return t !== true;
      case 'IS_FALSE':
        return t === false;
      case 'IS_NOT_FALSE':
        return t !== false;
      case 'IS_UNKNOWN':
        return t === null;
      default:
        return t !== null;
    }
  };
}

/** COALESCE: the first argument that is not NULL. */
export function compileCoalesce(n: Node, rec: Compile): Evaluate {
  const args = Array.isArray(n.args) ? n.args.map(rec) : [];
  return (env) => {
    for (const a of args) {
      const v = a(env);
      if (v !== null) return v;
    }
    return null;
  };
}

/** GREATEST / LEAST, ignoring NULLs as PostgreSQL does. */
export function compileMinMax(n: Node, rec: Compile): Evaluate {
  const args = Array.isArray(n.args) ? n.args.map(rec) : [];
  const greatest = n.op === 'IS_GREATEST';
  return (env) => {
    let best: SqlValue = null;
    for (const a of args) {
      const v = a(env);
      if (v === null) continue;
      const c = best === null ? undefined : compareValues(v, best);
      if (best === null || (c !== undefined && (greatest ? c > 0 : c < 0))) best = v;
    }
    return best;
  };
}

/** CASE [subject] WHEN ... THEN ... ELSE ... END. */
export function compileCase(n: Node, rec: Compile): Evaluate {
  const subject = n.arg === undefined ? undefined : rec(n.arg);
  // A result it cannot read is reached only by some rows (a STRICT function's call after its NULL test):
  // those are not evaluable, the others are judged. One result at least must be readable.
  let readable = n.defresult === undefined;
  let unreadable: NotEvaluableError | undefined;
  const result = (node: unknown): Evaluate => {
    try {
      const evaluate = rec(node);
      readable = true;
      return evaluate;
    } catch (error) {
      if (!(error instanceof NotEvaluableError)) throw error;
      unreadable ??= error;
      return () => {
        throw error;
      };
    }
  };
  const whens = (Array.isArray(n.args) ? n.args : []).map((w) => {
    const cw = asNode(asNode(w)?.CaseWhen);
    if (!cw) throw new NotEvaluableError('CASE');
    return { when: rec(cw.expr), result: result(cw.result) };
  });
  const otherwise = n.defresult === undefined ? () => null : result(n.defresult);
  if (!readable && unreadable) throw unreadable;
  return (env) => {
    const s = subject?.(env);
    for (const w of whens) {
      const hit = subject ? compareOp('=', s ?? null, w.when(env)) : w.when(env);
      if (truth(hit) === true) return w.result(env);
    }
    return otherwise(env);
  };
}
