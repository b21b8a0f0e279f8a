/**
 * Constraints on generated columns, read as constraints on the columns they
 * are computed from. PostgreSQL computes `g text GENERATED ALWAYS AS
 * (upper(base)) STORED` itself, so datagen never writes `g`; but a CHECK on
 * `g`, or `g`'s NOT NULL, still decides whether a row loads. Each becomes a
 * CHECK over the generation expression: `CHECK (length(g) > 3)` is planned
 * as `CHECK (length(upper(base)) > 3)`, and `NOT NULL` as
 * `CHECK ((upper(base)) IS NOT NULL)`.
 */

import { isEvaluable } from '../checks/evaluate-expr.js';
import { callNode, decimalNode, integerNode, operatorNode } from '../checks/expression-nodes.js';
import type { CheckConstraint, Column, Table } from '../schema/model.js';

type Node = Record<string, unknown>;

/**
 * True when the expression cannot be NULL whatever the row holds: a non-NULL
 * constant (cast or not), an ARRAY[...] constructor, a CASE whose every
 * result (ELSE included) is such, a COALESCE with one such argument. Its
 * NOT NULL asks nothing of the row (falling-fruit's `CASE WHEN (roles_mask &
 * 1) > 0 THEN ARRAY['user','admin'] ELSE ARRAY['user'] END`), even where the
 * evaluator cannot read the condition.
 */
function neverNull(ast: unknown): boolean {
  if (typeof ast !== 'object' || ast === null) return false;
  const node = ast as Node;
  const constant = node.A_Const as Node | undefined;
  if (constant) return constant.isnull !== true;
  if (node.A_ArrayExpr || node.ArrayExpr) return true;
  const cast = node.TypeCast as Node | undefined;
  if (cast) return neverNull(cast.arg);
  const kase = node.CaseExpr as { args?: { CaseWhen?: Node }[]; defresult?: unknown } | undefined;
  if (kase)
    return (
      kase.defresult !== undefined &&
      neverNull(kase.defresult) &&
      (kase.args ?? []).every((w) => neverNull(w.CaseWhen?.result))
    );
  const coalesce = node.CoalesceExpr as { args?: unknown[] } | undefined;
  if (coalesce) return (coalesce.args ?? []).some(neverNull);
  return false;
}

const op = operatorNode;
const call = callNode;
const integer = integerNode;
const decimal = decimalNode;

const INTEGER_RANGES: Readonly<Record<string, readonly [string, string]>> = {
  int2: ['-32768', '32767'],
  int4: ['-2147483648', '2147483647'],
};

/**
 * What the column's type asks of its generated value: PostgreSQL stores
 * the expression's value by an assignment cast, which fails the row (the
 * load) when it does not fit: `numeric(5,2)` holds less than 1000 once
 * rounded to 2 places (pagila's `revenue_projection numeric(5,2) GENERATED
 * ALWAYS AS (rental_duration * rental_rate)`), `smallint` and `integer`
 * their ranges, `varchar(n)` at most n characters. As a CHECK over the
 * expression, the row evaluator holds rows to it; null when the type
 * bounds nothing.
 */
function typeFit(column: Column, expr: unknown): { text: string; ast: unknown } | null {
  const { name, typmods, arrayDims } = column.type;
  if (arrayDims > 0 || !isEvaluable(expr)) return null;
  const [precision, scale = 0] = typmods;
  if (name === 'numeric' && precision !== undefined && precision >= scale) {
    const limit = `1${'0'.repeat(precision - scale)}`;
    return {
      text: `abs(round(${column.generated?.text}, ${scale})) < ${limit}`,
      ast: op('<', call('abs', call('round', expr, integer(scale))), decimal(limit)),
    };
  }
  const range = INTEGER_RANGES[name];
  if (range)
    return {
      text: `(${column.generated?.text}) BETWEEN ${range[0]} AND ${range[1]}`,
      ast: {
        BoolExpr: {
          boolop: 'AND_EXPR',
          args: [op('>=', expr, decimal(range[0])), op('<=', expr, decimal(range[1]))],
        },
      },
    };
  if (name === 'varchar' && precision !== undefined)
    return {
      text: `length(${column.generated?.text}) <= ${precision}`,
      ast: op('<=', call('length', expr), integer(precision)),
    };
  return null;
}

/** The table's CHECKs with every generated column replaced by its expression, plus one per NOT NULL generated column and one per generated column whose type bounds its value. */
export function checksOverGeneratedColumns(
  table: Table,
  checks: readonly CheckConstraint[],
): CheckConstraint[] {
  const generated = new Map<string, Column>();
  for (const c of table.columns) if (c.generated) generated.set(c.name, c);
  if (generated.size === 0) return [...checks];
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { ColumnRef?: { fields?: unknown[] } }).ColumnRef;
    if (ref && Array.isArray(ref.fields)) {
      const last = ref.fields[ref.fields.length - 1] as { String?: { sval?: string } };
      const column = last.String?.sval !== undefined ? generated.get(last.String.sval) : undefined;
      if (column?.generated && ref.fields.length <= 2) return column.generated.ast;
      return node;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
  };
  const rewritten = checks.map((check) => ({
    ...check,
    expr: { ...check.expr, ast: inline(check.expr.ast) },
  }));
  const notNull: CheckConstraint[] = [...generated.values()]
    .filter((c) => c.notNull && c.generated && !neverNull(c.generated.ast))
    .map((c) => ({
      kind: 'check',
      name: `NOT NULL of generated column ${c.name}`,
      expr: {
        kind: 'expr',
        text: `(${c.generated?.text}) IS NOT NULL`,
        ast: { NullTest: { arg: c.generated?.ast, nulltesttype: 'IS_NOT_NULL' } },
      },
      noInherit: false,
      notValid: false,
    }));
  const fits: CheckConstraint[] = [];
  for (const c of generated.values()) {
    const fit = c.generated ? typeFit(c, c.generated.ast) : null;
    if (fit)
      fits.push({
        kind: 'check',
        name: `type ${c.type.name}${c.type.typmods.length > 0 ? `(${c.type.typmods.join(',')})` : ''} of generated column ${c.name}`,
        expr: { kind: 'expr', ...fit },
        noInherit: false,
        notValid: false,
      });
  }
  return [...rewritten, ...notNull, ...fits];
}
