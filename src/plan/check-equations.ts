/**
 * Version 22: CHECK conjuncts the row engine evaluates that are equations
 * (`total = subtotal + tax`, `a + b = 100`; checks/equations.ts), whose
 * columns the engine may compute (generate/check-equations.ts). A computed
 * column can break its own single-column CHECKs (`total >= 0`), which were
 * compiled into its generator's hints and are not evaluated per row: they
 * are evaluated per row for every column an equation can be solved for.
 */
import { isolations } from '../checks/equations.js';
import { isEvaluable } from '../checks/evaluate-expr.js';
import { child } from '../checks/expression-nodes.js';
import { timeDifferenceOf } from '../checks/time-differences.js';
import { toDateInverse } from '../checks/to-date.js';
import { IS_TRUE_SPLIT_FROM, isTrueArg } from '../checks/true-conjuncts.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { CheckPart, ColumnPlan, TableCheckPlan } from './plan-model.js';

/** The generator version from which equations' columns are computed. */
export const EQUATIONS_FROM = 22;
/** The generator version from which equations may divide and round (`unit_price = round(total / quantity, 2)`). */
export const DIVISION_FROM = 23;

/** The version from which an equation that is one way of an OR (`discount = 0 OR net = gross - discount`) is computed. */
export const OR_EQUATIONS_FROM = 23;

/** An evaluated conjunct that is an equation, or (version 23) holds one as a way of its OR. */
export interface EquationPart {
  readonly part: CheckPart;
  /** The equation: the conjunct, or its OR's first way that is one. */
  readonly ast: unknown;
}

/**
 * The evaluated conjuncts that are equations (not relations, counts, multiples or OR choices the engine
 * plans); from version 23 an OR the engine does not plan holding an equation as one way too: computing
 * its column makes the OR hold, whatever its other ways say.
 */
export function equationParts(plan: TableCheckPlan, generatorVersion = EQUATIONS_FROM): EquationPart[] {
  const planned = new Set(
    [...plan.relations, ...plan.counts, ...(plan.multiples ?? []), ...plan.choices].map((p) => p.ast),
  );
  return plan.verify.flatMap((part) => {
    if (planned.has(part.ast)) return [];
    // Version 31: `(a = b) IS TRUE`, a part of `(... AND a = b) IS TRUE` (checks/true-conjuncts.ts), is a = b.
    const ast = generatorVersion >= IS_TRUE_SPLIT_FROM ? (isTrueArg(part.ast) ?? part.ast) : part.ast;
    if (solvedColumns(ast, generatorVersion).length > 0) return [{ part, ast }];
    if (generatorVersion < OR_EQUATIONS_FROM) return [];
    // A way that computes a column from others (not `discount = 0`, which would pin it).
    const way = orWays(part.ast).find((w) => isolations(w).some((i) => expressionColumns(i.expr).length > 0));
    return way === undefined ? [] : [{ part, ast: way }];
  });
}

/** The version from which a time difference (`extract(epoch from (b - a)) = n * 60`) is solved for its end. */
export const TIME_DIFFERENCES_FROM = 27;

/** The columns an equation may be solved for: its isolations', from version 27 a time difference's end and to_date()'s text. */
export function solvedColumns(ast: unknown, generatorVersion: number): string[] {
  const columns = isolations(ast).map((i) => i.column);
  if (generatorVersion < TIME_DIFFERENCES_FROM) return columns;
  const more = [timeDifferenceOf(ast)?.end, toDateInverse(ast)?.column];
  return [...columns, ...more.filter((c): c is string => c !== undefined && !columns.includes(c))];
}

/** An OR's ways (nested ORs flattened); none for another expression. */
function orWays(ast: unknown): unknown[] {
  const bool = child(ast, 'BoolExpr');
  if (bool?.boolop !== 'OR_EXPR' || !Array.isArray(bool.args)) return [];
  return bool.args.flatMap((a) => (child(a, 'BoolExpr')?.boolop === 'OR_EXPR' ? orWays(a) : [a]));
}

/** Version 22: the own CHECK parts of the columns equations can be solved for, to evaluate per row. */
export function equationColumnParts(
  plan: TableCheckPlan,
  columnParts: ReadonlyMap<string, readonly CheckPart[]>,
  generatorVersion: number,
  /** The column's plan: only a free random column (not steered) is computed; a key's parts stay its hints'. */
  columnPlan: (column: string) => ColumnPlan | undefined,
): CheckPart[] {
  if (generatorVersion < EQUATIONS_FROM) return [];
  const computable = (c: string) => {
    const p = columnPlan(c);
    return p?.source.kind === 'random' && p.steer === undefined;
  };
  const out: CheckPart[] = [];
  for (const { ast } of equationParts(plan, generatorVersion))
    for (const column of solvedColumns(ast, generatorVersion).filter(computable))
      for (const p of columnParts.get(column) ?? [])
        if (!plan.verify.includes(p) && !out.includes(p) && isEvaluable(p.ast)) out.push(p);
  return out;
}
