/**
 * Integer spellings of boolean facts that real schemas use in CHECKs:
 * `(x IS NOT NULL)::int + …`, `CASE WHEN x IS NULL THEN 0 ELSE 1 END + …`
 * (exactly-one-of-N over nullable FKs), `flag::int = 1`.
 */
import {
  castFamily,
  castTarget,
  child,
  columnNameWith,
  funcCall,
  lastName,
  unwrap,
} from './expression-nodes.js';

/**
 * A sum of NULL indicators: `(x IS NOT NULL)::int`, `CASE WHEN x IS NULL THEN 0
 * ELSE 1 END`, `num_nonnulls(x, y)` (or all of the IS NULL kind), each column
 * once. Undefined for anything else.
 */
export function nullIndicators(node: unknown): { columns: string[]; nonNull: boolean } | undefined {
  const terms: { column: string; nonNull: boolean }[] = [];
  const visit = (n: unknown): boolean => {
    const sum = child(n, 'A_Expr');
    if (sum && sum.kind === 'AEXPR_OP' && lastName(sum.name) === '+')
      return visit(sum.lexpr) && visit(sum.rexpr);
    const cast = child(n, 'TypeCast');
    const test = cast ? child(cast.arg, 'NullTest') : undefined;
    if (cast && test) {
      const column = columnNameWith(test.arg);
      const target = castTarget(cast.typeName);
      if (!column || !target || castFamily(target.name) !== 'number') return false;
      terms.push({ column, nonNull: test.nulltesttype === 'IS_NOT_NULL' });
      return true;
    }
    const kase = child(n, 'CaseExpr');
    if (kase) {
      const whens = Array.isArray(kase.args) ? kase.args : [];
      const when = child(whens[0], 'CaseWhen');
      const whenTest = when ? child(when.expr, 'NullTest') : undefined;
      const column = whenTest ? columnNameWith(whenTest.arg) : undefined;
      const then = integerConstant(when?.result);
      const otherwise = integerConstant(kase.defresult);
      if (whens.length !== 1 || !column || !whenTest || then + otherwise !== 1 || then * otherwise !== 0)
        return false;
      // WHEN x IS NULL THEN 0 ELSE 1 counts x set; THEN 1 counts x NULL.
      terms.push({ column, nonNull: (whenTest.nulltesttype === 'IS_NULL') === (then === 0) });
      return true;
    }
    const call = funcCall(n);
    if (call && (call.name === 'num_nonnulls' || call.name === 'num_nulls')) {
      for (const arg of call.args) {
        const column = columnNameWith(arg);
        if (!column) return false;
        terms.push({ column, nonNull: call.name === 'num_nonnulls' });
      }
      return true;
    }
    return false;
  };
  if (!visit(node) || terms.length < 2) return undefined;
  const nonNull = terms[0]?.nonNull === true;
  const columns = terms.map((t) => t.column);
  if (terms.some((t) => t.nonNull !== nonNull) || new Set(columns).size !== columns.length) return undefined;
  return { columns, nonNull };
}

/** An integer constant's value (NaN otherwise). */
function integerConstant(node: unknown): number {
  const c = child(unwrap(node), 'A_Const');
  const ival = child(c, 'ival');
  if (c && ival) return typeof ival.ival === 'number' ? ival.ival : 0;
  return Number.NaN;
}

/** `flag::int` / `CAST(flag AS integer)`: the boolean column cast to an integer type. */
export function boolAsInteger(node: unknown): string | undefined {
  const cast = child(node, 'TypeCast');
  const target = cast ? castTarget(cast.typeName) : undefined;
  if (!cast || !target || castFamily(target.name) !== 'number') return undefined;
  const ref = child(cast.arg, 'ColumnRef');
  return ref ? lastName(ref.fields) : undefined;
}
