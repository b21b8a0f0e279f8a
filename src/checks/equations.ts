/**
 * A CHECK conjunct that says a column EQUALS an expression of others
 * (`total = subtotal + tax`, `full_name = first || ' ' || last`), or a
 * linear equation one column of which appears once under only `+`, `-` and
 * a prefix minus (`a + b = 100`): the columns it can be solved for, each with
 * the expression it equals (`b = 100 - a`), built with the parser's nodes.
 * Random values never meet an equality; a row engine computes such a column.
 */
import { asNode, child, lastName, type Node, operatorNode } from './expression-nodes.js';

/** One column an equation is solved for. */
export interface Isolation {
  readonly column: string;
  /** What the column equals: the other side, or the linear equation solved for it. */
  readonly expr: unknown;
  /** The column stands alone on one side (`c = EXPR`): the only way a text column is computed. */
  readonly alone: boolean;
}

interface Term {
  readonly node: unknown;
  readonly sign: 1 | -1;
}

/** A bare column reference's name (no cast), else undefined. */
function bareColumn(node: unknown): string | undefined {
  const ref = child(node, 'ColumnRef');
  return ref ? lastName(ref.fields) : undefined;
}

function additive(node: unknown): { op: '+' | '-'; expr: Node } | undefined {
  const expr = child(node, 'A_Expr');
  const name = expr?.kind === 'AEXPR_OP' ? lastName(expr.name) : undefined;
  return expr && (name === '+' || name === '-') ? { op: name, expr } : undefined;
}

/** A side's terms under `+`, `-` and prefix minus, with their signs. */
function terms(node: unknown, sign: 1 | -1, out: Term[]): Term[] {
  const a = additive(node);
  if (!a) {
    out.push({ node, sign });
    return out;
  }
  const flipped = (a.op === '-' ? -sign : sign) as 1 | -1;
  if (a.expr.lexpr !== undefined) terms(a.expr.lexpr, sign, out);
  return terms(a.expr.rexpr, flipped, out);
}

function columnCounts(ast: unknown, counts = new Map<string, number>()): Map<string, number> {
  if (Array.isArray(ast)) {
    for (const a of ast) columnCounts(a, counts);
    return counts;
  }
  const n = asNode(ast);
  if (!n) return counts;
  const ref = child(n, 'ColumnRef');
  if (ref) {
    const name = lastName(ref.fields);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    return counts;
  }
  for (const v of Object.values(n)) columnCounts(v, counts);
  return counts;
}

const prefixMinus = (rexpr: unknown): Node => ({
  A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: '-' } }], rexpr },
});

/** `L = R`'s two sides, or undefined for any other conjunct. */
export function equationSides(ast: unknown): readonly [unknown, unknown] | undefined {
  const op = child(ast, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP' || lastName(op.name) !== '=' || op.lexpr === undefined) return undefined;
  return [op.lexpr, op.rexpr];
}

/**
 * The columns the equation can be solved for, best first: a column alone on
 * the left, alone on the right, then the terms of a linear side from the
 * last (`a + b = 100` is solved for b, then a). A column read more than
 * once (`c = c * 2`, `a + a = b`) is never one.
 */
export function isolations(ast: unknown): Isolation[] {
  const sides = equationSides(ast);
  if (!sides) return [];
  const counts = columnCounts(ast);
  const alone: Isolation[] = [];
  const linear: Isolation[][] = [[], []];
  sides.forEach((side, i) => {
    const other = sides[1 - i];
    const list = terms(side, 1, []);
    list.forEach((term, k) => {
      const column = bareColumn(term.node);
      if (column === undefined || counts.get(column) !== 1) return;
      if (list.length === 1 && term.sign === 1) {
        alone.push({ column, expr: other, alone: true });
        return;
      }
      let expr = other;
      list.forEach((t, j) => {
        if (j !== k) expr = operatorNode(t.sign === 1 ? '-' : '+', expr, t.node);
      });
      linear[i]?.unshift({ column, expr: term.sign === 1 ? expr : prefixMinus(expr), alone: false });
    });
  });
  // The left side's terms from the last, then the right side's.
  return [...alone, ...linear.flat()];
}
